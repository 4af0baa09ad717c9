/**
 * The environment types every route shares, so `c.var.db`, `c.var.user`, `c.var.actor` and
 * `c.var.consultation` are typed wherever middleware has set them.
 */
import type { Kysely } from 'kysely';
import type { Consultation, Database, Role } from '../db/schema.ts';
import type { AnalysisRunner } from './analysis-runner/index.ts';
import type { Config } from './config.ts';
import type { Actor } from './data/audit.ts';
import type { CaughtMailItem } from '../views/pages/admin/MailPages.tsx';
import type { Lang } from './lib/i18n.ts';
import type { Clock } from './lib/time.ts';

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  sessionId: string;
}

/** What the administrator's mail page says about sending (the sender itself runs in server.tsx). */
export interface MailStatus {
  /** An SMTP server is configured: queued mail is delivered. Otherwise it waits in the outbox. */
  delivering: boolean;
  /** The demo's mail catcher: every mail "sent", to show. */
  caught: { list(): CaughtMailItem[] } | null;
}

/** Which part of Koe a page belongs to: it decides the layout's menu and caching. */
export type Area = 'public' | 'staff' | 'council' | 'admin';

/** Every request. */
export interface AppEnv {
  Variables: {
    db: Kysely<Database>;
    config: Config;
    /** Resolved key for HMACs (from config or the database). */
    secret: string;
    clock: Clock;
    analysis: AnalysisRunner;
    mail: MailStatus;
    lang: Lang;
    csrfToken: string;
    user: SessionUser | null;
    clientIp: string;
    area: Area;
  };
}

/** A route behind `requireRole`: someone is signed in and acts under their name. */
export interface SignedInEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { user: SessionUser; actor: Actor };
}

/** A route under `/…/consultations/:id` once `loadConsultation` has found it. */
export interface ConsultationEnv extends SignedInEnv {
  Variables: SignedInEnv['Variables'] & { consultation: Consultation };
}

/** A public route under `/consultations/:id` (no account). */
export interface PublicConsultationEnv extends AppEnv {
  Variables: AppEnv['Variables'] & { consultation: Consultation };
}
