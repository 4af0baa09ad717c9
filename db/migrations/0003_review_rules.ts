import { type Kysely, sql } from 'kysely';
import { engineOf, pgRowTrigger, run as runAll } from './dialect.ts';

/**
 * Rules of the review and result, kept by the database itself:
 *
 * - An exclusion has a reason: `comments.excluded_reason` is NULL or has visible text (a CHECK
 *   constraint). SQLite cannot add a CHECK to a table, so `comments` is rebuilt the way SQLite
 *   documents (https://sqlite.org/lang_altertable.html#otheralter): foreign keys off, a new table
 *   from the current definition plus the constraint, rows copied with their ids, the old table
 *   dropped, the new one renamed, and every index and trigger the table had re-created from its
 *   stored SQL — so columns, indexes and triggers added by earlier migrations survive. The
 *   full-text index keys on the comment ids, which do not change.
 * - "Not yet accounted for" (no group, no exclusion, not hidden) gets a partial index: the review
 *   lists and counts those comments at 200,000 comments without reading the rest.
 * - Counting a group's visible comments, and the comments still to place, reads an index only.
 * - `published_results`: the result as published (JSON, db/published-result.ts), computed once.
 * - `comment_identity`: the identity key of each comment's public text, filled by the review on
 *   demand; a trigger deletes a key when the text changes.
 *
 * PostgreSQL adds a CHECK to a table in place (`ALTER TABLE … ADD CONSTRAINT`): no rebuild.
 */
const WHITESPACE = `' ' || char(9, 10, 13, 160, 12288)`;
const CONSTRAINT = `CONSTRAINT comments_excluded_reason_given CHECK (excluded_reason IS NULL OR trim(excluded_reason, ${WHITESPACE}) <> '')`;

const after = [
  `DROP INDEX IF EXISTS comments_consultation_group`,
  `CREATE INDEX comments_placement ON comments(consultation_id, group_id, hidden_at, excluded_reason)`,
  `CREATE INDEX comments_unaccounted ON comments(consultation_id, received_at, id)
    WHERE group_id IS NULL AND excluded_reason IS NULL AND hidden_at IS NULL`,
  `CREATE TABLE published_results (
    consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id),
    published_at TEXT NOT NULL,
    snapshot_json TEXT NOT NULL
  )`,
  `CREATE TABLE comment_identity (
    comment_id INTEGER PRIMARY KEY REFERENCES comments(id),
    consultation_id INTEGER NOT NULL,
    key TEXT NOT NULL
  )`,
  `CREATE INDEX comment_identity_key ON comment_identity(consultation_id, key, comment_id)`,
];

const STALE_IDENTITY = 'DELETE FROM comment_identity WHERE comment_id = old.id;';

const sqliteTriggers = [
  `CREATE TRIGGER comment_identity_stale AFTER UPDATE OF body, body_redacted ON comments BEGIN
    ${STALE_IDENTITY}
  END`,
];

/** The same characters as WHITESPACE, in PostgreSQL's spelling. */
const PG_TRIMMED = `btrim(excluded_reason, ' ' || chr(9) || chr(10) || chr(13) || chr(160) || chr(12288))`;

const postgres = [
  `UPDATE comments SET excluded_reason = NULL WHERE excluded_reason IS NOT NULL AND ${PG_TRIMMED} = ''`,
  `ALTER TABLE comments ADD CONSTRAINT comments_excluded_reason_given
    CHECK (excluded_reason IS NULL OR ${PG_TRIMMED} <> '')`,
  ...after,
  ...pgRowTrigger({
    name: 'comment_identity_stale',
    table: 'comments',
    timing: 'AFTER UPDATE OF body, body_redacted',
    body: STALE_IDENTITY,
  }),
];

async function run(db: Kysely<unknown>, statement: string) {
  await sql.raw(statement).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres') return runAll(db, postgres);
  const table = await sql<{ sql: string }>`
    SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'comments'`.execute(db);
  const definition = table.rows[0]?.sql;
  if (!definition) throw new Error('0003_review_rules: the comments table is missing');
  const open = /^CREATE TABLE\s+"?comments"?\s*\(/i;
  const close = definition.lastIndexOf(')');
  if (!open.test(definition) || close < 0) {
    throw new Error('0003_review_rules: unexpected definition of the comments table');
  }
  const rebuilt = `${definition.slice(0, close).replace(open, 'CREATE TABLE comments_rebuilt (')},\n    ${CONSTRAINT}\n  )`;
  const related = await sql<{ sql: string }>`
    SELECT sql FROM sqlite_master
    WHERE tbl_name = 'comments' AND type IN ('index', 'trigger') AND sql IS NOT NULL`.execute(db);

  const fk = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
  const foreignKeysWereOn = fk.rows[0]?.foreign_keys === 1;
  await run(db, 'PRAGMA foreign_keys = OFF');
  try {
    await run(db, 'BEGIN');
    try {
      // Reasons that are only spaces never counted as reasons: they become "not excluded".
      await run(
        db,
        `UPDATE comments SET excluded_reason = NULL
         WHERE excluded_reason IS NOT NULL AND trim(excluded_reason, ${WHITESPACE}) = ''`,
      );
      await run(db, rebuilt);
      await run(db, 'INSERT INTO comments_rebuilt SELECT * FROM comments');
      await run(db, 'DROP TABLE comments');
      // Legacy renaming: do not re-check other triggers and views against a missing `comments`.
      await run(db, 'PRAGMA legacy_alter_table = ON');
      await run(db, 'ALTER TABLE comments_rebuilt RENAME TO comments');
      await run(db, 'PRAGMA legacy_alter_table = OFF');
      for (const r of related.rows) await run(db, r.sql);
      for (const statement of [...after, ...sqliteTriggers]) await run(db, statement);
      const broken = await sql`PRAGMA foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error('0003_review_rules: foreign keys do not hold');
      await run(db, 'COMMIT');
    } catch (err) {
      await run(db, 'ROLLBACK');
      throw err;
    }
  } finally {
    await run(db, 'PRAGMA legacy_alter_table = OFF');
    if (foreignKeysWereOn) await run(db, 'PRAGMA foreign_keys = ON');
  }
}

export async function down(): Promise<void> {
  throw new Error('0003_review_rules cannot be reverted; restore a backup instead.');
}
