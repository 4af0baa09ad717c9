import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_analysis_version.ts';
import * as m0003 from './0003_review_rules.ts';
import * as m0004 from './0004_audit_targets.ts';
import * as m0010 from './0010_shared_state.ts';

/**
 * Every migration, in order. A static list rather than a folder scan, so that the server, the
 * CLI and the tests (and a bundler) all see exactly the same set.
 *
 * Every migration runs on SQLite and on PostgreSQL. Writing one:
 * - Use Kysely's schema builder (`db.schema.createTable(…)`, `alterTable`, `createIndex`, partial
 *   indexes with `.where(…)`); it compiles one definition for either engine. 0010 is an example.
 * - Types: `text`, `integer`, `real`; flags are `integer` 0/1 with a CHECK; times are ISO-8601
 *   UTC `text` (they sort as text on both engines); bytes: `bytesType(db)`; an id the database
 *   numbers: `.addColumn('id', 'integer', autoId(db))` (dialect.ts).
 * - Where SQL must differ — triggers (`pgRowTrigger`), full-text search, adding a CHECK to an
 *   existing table (SQLite rebuilds the table: see 0003; PostgreSQL uses ALTER TABLE) — branch
 *   once on `engineOf(db)` and say why in the migration's comment.
 * - Quote a column named like an SQL keyword (`"end"`); never `AUTOINCREMENT`, `WITHOUT ROWID`,
 *   `COLLATE NOCASE`, `PRAGMA`, `INSERT OR …`, `strftime`, `json_*` or `||` on numbers.
 * - test/pg/ runs the whole suite on PostgreSQL (`npm run test:pg`): run it before merging.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_analysis_version': m0002,
  '0003_review_rules': m0003,
  '0004_audit_targets': m0004,
  '0010_shared_state': m0010,
};
