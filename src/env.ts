import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.ts';
import type { AnalysisRunner } from './analysis-runner/index.ts';
import type { Config } from './config.ts';
import type { Lang } from './lib/i18n.ts';
import type { Clock } from './lib/time.ts';

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  role: Role;
  sessionId: string;
}

/** The one environment type, so `c.var.db`, `c.var.user` and friends are typed everywhere. */
export interface AppEnv {
  Variables: {
    db: Kysely<Database>;
    config: Config;
    /** Resolved key for HMACs (from config or the database). */
    secret: string;
    clock: Clock;
    analysis: AnalysisRunner;
    lang: Lang;
    csrfToken: string;
    user: SessionUser | null;
    clientIp: string;
  };
}
