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
import type { CityCache } from './http/city.ts';
import type { City } from './lib/city.ts';
import type { GroupCommit } from './data/group-commit.ts';
import type { Lang } from './lib/i18n.ts';
import type { Clock } from './lib/time.ts';

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  sessionId: string;
  /** Signed in with a temporary password: every signed-in page leads to the password change. */
  mustChangePassword: boolean;
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
    /** The shared transaction that comments from the web form are written in (group commit). */
    commits: GroupCommit;
    lang: Lang;
    csrfToken: string;
    user: SessionUser | null;
    clientIp: string;
    area: Area;
    /** The city's name, links and defaults (src/http/city.ts), read once per process. */
    city: City;
    /** Where `city` comes from: a route that changes the settings calls `cityCache.changed()`. */
    cityCache: CityCache;
    /** Set by a handler whose page the page cache may keep until then (src/http/page-cache.ts). */
    pageCacheUntil?: Date;
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
