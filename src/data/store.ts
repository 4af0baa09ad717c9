import { isPostgresUrl } from '../lib/database-url.ts';
import { openPostgresStore, type PoolOptions, type PostgresStore } from './postgres.ts';
import { openStore, type SqliteStore } from './sqlite.ts';

/**
 * The database Koe runs on: SQLite (one file, the default) or PostgreSQL (KOE_DATABASE_URL).
 * The app sees only `db`, a Kysely instance; `engine` says which it is for the few tools that
 * differ (backup, the copy between engines, the test helpers).
 */
export type Store = SqliteStore | PostgresStore;

/** Opens a PostgreSQL URL (postgres://…), or else a SQLite file (`:memory:` included). */
export function openDatabase(target: string, pool: PoolOptions = {}): Store {
  return isPostgresUrl(target) ? openPostgresStore(target, pool) : openStore(target);
}
