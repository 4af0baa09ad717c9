import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_analysis_version.ts';
import * as m0003 from './0003_review_rules.ts';
import * as m0004 from './0004_audit_targets.ts';
import * as m0005 from './0005_page_versions.ts';
import * as m0006 from './0006_authoring.ts';
import * as m0007 from './0007_departments_settings.ts';
import * as m0008 from './0008_outbox.ts';
import * as m0009 from './0009_suggestion_choices.ts';
import * as m0010 from './0010_shared_state.ts';

/**
 * Every migration, in order. A static list rather than a folder scan, so that the server, the
 * CLI and the tests (and a bundler) all see exactly the same set.
 *
 * Every migration runs on SQLite and on PostgreSQL. Writing one (0010 is the example):
 * - Kysely's schema builder for tables, columns, indexes (partial ones with `.where(…)`),
 *   foreign keys, CHECKs (`.addCheckConstraint(name, sql\`…\`)`), unique and primary keys: it
 *   compiles one definition for either engine.
 * - An `id` the database numbers: `.addColumn('id', 'integer', autoId(db))`, never a bare
 *   `.primaryKey()` (SQLite numbers that, PostgreSQL does not). Bytes: `bytesType(db)`, never
 *   'blob'. Flags: 'integer' 0/1 with a CHECK (not 'boolean'). Times: ISO-8601 UTC 'text' written
 *   by the app (no SQL time defaults: the engines format them differently). Whole numbers that
 *   can pass 2^31 (milliseconds, byte counts over 2 GB): 'bigint'. JSON: 'text'.
 * - Triggers: SQLite writes `CREATE TRIGGER … BEGIN <body> END`; PostgreSQL needs a function:
 *   `pgRowTrigger({ name, table, timing, body })` builds both from the same body (0003 and 0002).
 *   Branch once on `engineOf(db)` and say why in the migration's comment. Same for full-text
 *   search, and for adding a CHECK to an existing table (SQLite rebuilds it, see 0003).
 * - Raw SQL (data moved by the migration, CHECK expressions) must mean the same on both: plain
 *   `trim(x)`, `coalesce`, `length`, `CAST(x AS TEXT)`, `count(*)`, `ON CONFLICT … DO NOTHING`
 *   and `DO UPDATE SET n = <table>.n + 1` (qualify the column) are fine; never `AUTOINCREMENT`,
 *   `WITHOUT ROWID`, `COLLATE NOCASE`, `PRAGMA`, `INSERT OR …`, `strftime`/`datetime`,
 *   `json_*`, `group_concat`, `char()`, `trim(x, chars)` or `||` on numbers; quote a column named
 *   like a keyword (`"end"`).
 * - Queries in src/data: an inserted id comes from `.returning('id')` (`insertId` is undefined on
 *   PostgreSQL); every selected column that is not aggregated is in GROUP BY; spell NULL order
 *   and case-insensitive LIKE through src/data/dialect.ts.
 * - Check: `npm run test:pg` runs the suite on PostgreSQL; test/pg/schema.test.ts fails, naming
 *   the table and the fix, when a migration leaves another schema there than on SQLite.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_analysis_version': m0002,
  '0003_review_rules': m0003,
  '0004_audit_targets': m0004,
  '0005_page_versions': m0005,
  '0006_authoring': m0006,
  '0007_departments_settings': m0007,
  '0008_outbox': m0008,
  '0009_suggestion_choices': m0009,
  '0010_shared_state': m0010,
};
