import { CompiledQuery, type DatabaseConnection, Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../../db/schema.ts';

/**
 * PostgreSQL, for deployments that outgrow one machine (KOE_DATABASE_URL): a pool of
 * connections per process, any number of processes. Its SQLite counterpart is sqlite.ts;
 * store.ts chooses between them. Queries are the same Kysely queries; what differs in SQL is in
 * src/data/dialect.ts and db/migrations/dialect.ts.
 */
export interface PostgresStore {
  engine: 'postgres';
  db: Kysely<Database>;
  pool: pg.Pool;
  close(): Promise<void>;
}

export interface PoolOptions {
  /** Connections this process keeps at most (default 10). */
  max?: number;
  /** How long an unused connection stays open (default 30 s). */
  idleTimeoutMillis?: number;
}

const INT8 = 20;
const NUMERIC = 1700;

/**
 * count(*) is a bigint and sum() of integers a bigint or numeric in PostgreSQL, which `pg` hands
 * over as strings; SQLite gives numbers, and the app counts in numbers. Counts and ids stay far
 * below 2^53; a larger value is refused rather than rounded.
 */
function toNumber(text: string): number {
  const n = Number(text);
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) throw new Error(`Number too large: ${text}`);
  return n;
}

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return toNumber;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** Connects to the database at `url` (postgres://…); nothing is opened until the first query. */
export function openPostgresStore(url: string, opts: PoolOptions = {}): PostgresStore {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    idleTimeoutMillis: opts.idleTimeoutMillis ?? 30_000,
    application_name: 'koe',
    types,
  });
  // A connection that dies while idle (a server restart) is replaced on next use; without a
  // listener the pool's error would end the process.
  pool.on('error', (err) => console.error(`PostgreSQL connection lost: ${err.message}`));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool, onCreateConnection: durableCommits }),
  });
  return {
    engine: 'postgres',
    db,
    pool,
    async close() {
      await db.destroy();
    },
  };
}

/**
 * A receipt is shown only after its comment's commit returned, and that must mean "on disk":
 * with `synchronous_commit = off` (a default some set for speed, on the server, the database or
 * the role) a commit returns before the WAL is flushed. Each of Koe's connections turns it back
 * on; `local`, `remote_write` and `remote_apply` (the replica settings, README) are kept.
 */
async function durableCommits(connection: DatabaseConnection): Promise<void> {
  const shown = await connection.executeQuery<{ synchronous_commit: string }>(
    CompiledQuery.raw('SHOW synchronous_commit'),
  );
  if (shown.rows[0]?.synchronous_commit === 'off') {
    await connection.executeQuery(CompiledQuery.raw('SET synchronous_commit = on'));
  }
}
