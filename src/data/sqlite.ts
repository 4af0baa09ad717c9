import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from '../../db/schema.ts';

/**
 * Everything SQLite-specific lives here (pragmas, the statement cache, the online backup); its
 * PostgreSQL counterpart is postgres.ts, and store.ts chooses between them.
 */
export interface SqliteStore {
  engine: 'sqlite';
  db: Kysely<Database>;
  sqlite: SQLite.Database;
  close(): Promise<void>;
}

/** Kept for the imports written before PostgreSQL: migrations run on either engine. */
export { migrateToLatest } from './migrate.ts';

/** Opens (creating it if need be) a SQLite database file, or `:memory:`. */
export function openStore(file: string): SqliteStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // An acknowledged comment must survive a power cut: fsync on every commit.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    engine: 'sqlite',
    db,
    sqlite,
    async close() {
      await db.destroy();
    },
  };
}

/**
 * Kysely asks the driver to prepare every query anew; on the public pages that was a tenth of
 * the request time. The SQL text of a query built by Kysely is the same for every call (values
 * are parameters), so prepared statements are reused by text. Safe because Kysely runs one query
 * at a time on this connection. Schema changes (migrations) clear the cache.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      if (/^\s*(create|alter|drop)\b/i.test(text)) {
        cache.clear();
        return sqlite.prepare(text);
      }
      let statement = cache.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        if (cache.size >= 1000) cache.delete(cache.keys().next().value as string);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

/**
 * A consistent copy of a live database, through SQLite's online backup API, copied in one step.
 * better-sqlite3 copies 100 pages per step by default, and SQLite starts a copy over whenever
 * another process (the running server) commits between two steps: under steady submissions a
 * large database was never copied (test/durability/backup.test.ts). One step reads one
 * snapshot; in WAL mode the server keeps writing meanwhile.
 */
export async function backupStore(store: SqliteStore, file: string): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  await store.sqlite.backup(file, { progress: () => ALL_REMAINING_PAGES });
}

/** The most pages better-sqlite3 accepts for the next backup step. */
const ALL_REMAINING_PAGES = 0x7fffffff;
