import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { precompiled } from './precompiled.ts';
import type { Store } from './store.ts';

/** The scope of the list of consultations (`/`, the open-data list); a consultation's is its id. */
export const LIST_SCOPE = 0;

/**
 * The scope of what every page shows besides its own data: the city's settings and logo
 * (src/http/city.ts), raised by the triggers of migration 0010.
 */
export const SITE_SCOPE = -1;

const withSiteVersion = precompiled((db, scope: number) =>
  db
    .selectFrom('page_versions')
    .select(['scope', 'version'])
    .where((eb) => eb.or([eb('scope', '=', scope), eb('scope', '=', SITE_SCOPE)])),
);

/** A scope's version and the site's. */
export interface Versions {
  page: number;
  site: number;
}

/**
 * A scope's version and the site's, in one read. Triggers raise them (migrations 0005, 0010)
 * whenever what their pages show changes; 0 before the first change.
 */
export async function readPageAndSiteVersions(db: Kysely<Database>, scope: number): Promise<Versions> {
  return versionsFrom(await withSiteVersion(db, scope));
}

function versionsFrom(rows: readonly { scope: number; version: number }[]): Versions {
  const out = { page: 0, site: 0 };
  for (const row of rows) {
    if (row.scope === SITE_SCOPE) out.site = row.version;
    else out.page = row.version;
  }
  return out;
}

/**
 * Reads a scope's version and the site's: at once where the engine allows, else by a query.
 * (For the site's alone, ask for SITE_SCOPE and read `site`.)
 */
export type VersionReader = (scope: number) => Versions | Promise<Versions>;

/** Versions read by a query on `db` each time (PostgreSQL, and apps given only a Kysely handle). */
export function queryVersionReader(db: Kysely<Database>): VersionReader {
  return (scope) => readPageAndSiteVersions(db, scope);
}

/**
 * The reader the page cache checks every hit with. On SQLite it asks the file through its own
 * handle, synchronously, and reads the versions again only when something was written since it
 * last did. Through Kysely the same read waited its turn for the connection and cost more than
 * the rest of serving a cached page (issue #12).
 *
 * This connection's own writes (the app's) are seen at once: `total_changes()` is a counter kept
 * in memory. Another connection's — a command run beside the server, another program — are seen
 * by `PRAGMA data_version`, which takes a read lock on the file (a few µs, as much as the whole
 * rest of a hit); it is asked at most every `otherWritesEveryMs`, so such a write reaches the
 * public pages within that time.
 *
 * Inside a transaction Kysely holds open, versions are read afresh and not kept: one may have
 * been raised by a write not yet committed, which no stored page carries (pages are stored under
 * versions read through Kysely, which waits for the transaction), so at worst a page is rendered
 * anew. On PostgreSQL every hit asks the database (other processes write it all the time).
 */
export function versionReaderOf(store: Store, opts: { otherWritesEveryMs?: number } = {}): VersionReader {
  if (store.engine === 'postgres') return queryVersionReader(store.db);
  return sqliteVersionReader(store.sqlite, opts.otherWritesEveryMs ?? 50);
}

function sqliteVersionReader(sqlite: SQLite.Database, otherWritesEveryMs: number): VersionReader {
  let statements:
    | {
        read: SQLite.Statement<[number, number], { scope: number; version: number }>;
        ownWrites: SQLite.Statement<[], number>;
        otherWrites: SQLite.Statement<[], number>;
      }
    | undefined;
  const known = new Map<number, Versions>();
  let own = -1;
  let other = -1;
  let otherAskedAt = Number.NEGATIVE_INFINITY;
  return (scope) => {
    // Prepared at the first read: the table exists only once the migrations have run.
    statements ??= {
      read: sqlite.prepare('SELECT scope, version FROM page_versions WHERE scope = ? OR scope = ?'),
      ownWrites: sqlite.prepare<[], number>('SELECT total_changes()').pluck(),
      otherWrites: sqlite.prepare<[], number>('PRAGMA data_version').pluck(),
    };
    const { read, ownWrites, otherWrites } = statements;
    if (sqlite.inTransaction) return versionsFrom(read.all(scope, SITE_SCOPE));
    const ownNow = ownWrites.get()!;
    if (ownNow !== own || known.size > 10_000) {
      own = ownNow;
      known.clear();
    }
    const now = performance.now();
    if (now - otherAskedAt >= otherWritesEveryMs) {
      otherAskedAt = now;
      const otherNow = otherWrites.get()!;
      if (otherNow !== other) {
        other = otherNow;
        known.clear();
      }
    }
    let versions = known.get(scope);
    if (!versions) {
      versions = versionsFrom(read.all(scope, SITE_SCOPE));
      known.set(scope, versions);
    }
    return versions;
  };
}
