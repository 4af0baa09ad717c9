import type { Kysely } from 'kysely';
import { engineOf, pgRowTrigger, run } from './dialect.ts';

/**
 * A version number per consultation that the database itself raises whenever anything the
 * analysis reads changes: a comment added or removed, its text, redaction, hiding, date,
 * category or channel changed, its sections changed. The cached analysis is kept under the
 * version it was computed for, so a page view compares two numbers instead of scanning every
 * comment. Triggers keep it, so no write path can forget it.
 *
 * The analysis cache is recreated keyed by that version (its old fingerprints mean nothing now;
 * a cached analysis is recomputed on the next view).
 *
 * PostgreSQL gets the same triggers as PL/pgSQL functions (below the SQLite ones): `IS DISTINCT
 * FROM` is its spelling of SQLite's `IS NOT` between values.
 */
const bump = (consultationId: string) =>
  `INSERT INTO analysis_versions (consultation_id, version) VALUES (${consultationId}, 1)
    ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;`;
const bumpForComment = (commentId: string, when = 'true') =>
  `INSERT INTO analysis_versions (consultation_id, version)
    SELECT consultation_id, 1 FROM comments WHERE id = ${commentId} AND ${when}
    ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;`;

const sqliteTriggers = [
  `CREATE TRIGGER comments_analysis_insert AFTER INSERT ON comments BEGIN
    ${bump('new.consultation_id')}
  END`,
  `CREATE TRIGGER comments_analysis_delete AFTER DELETE ON comments BEGIN
    ${bump('old.consultation_id')}
  END`,
  // Only what the analysis reads; hiding counts as a change, a new hiding time does not.
  `CREATE TRIGGER comments_analysis_update
    AFTER UPDATE OF body, body_redacted, hidden_at, received_at, category, channel, consultation_id ON comments
    WHEN old.body IS NOT new.body
      OR old.body_redacted IS NOT new.body_redacted
      OR (old.hidden_at IS NULL) IS NOT (new.hidden_at IS NULL)
      OR old.received_at IS NOT new.received_at
      OR old.category IS NOT new.category
      OR old.channel IS NOT new.channel
      OR old.consultation_id IS NOT new.consultation_id
    BEGIN
      ${bump('new.consultation_id')}
      INSERT INTO analysis_versions (consultation_id, version)
        SELECT old.consultation_id, 1 WHERE old.consultation_id IS NOT new.consultation_id
        ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;
    END`,
  `CREATE TRIGGER comment_sections_analysis_insert AFTER INSERT ON comment_sections BEGIN
    ${bumpForComment('new.comment_id')}
  END`,
  `CREATE TRIGGER comment_sections_analysis_delete AFTER DELETE ON comment_sections BEGIN
    ${bumpForComment('old.comment_id')}
  END`,
  `CREATE TRIGGER comment_sections_analysis_update AFTER UPDATE ON comment_sections BEGIN
    ${bumpForComment('new.comment_id')}
    ${bumpForComment('old.comment_id', 'old.comment_id IS NOT new.comment_id')}
  END`,
];

const pgBump = (consultationId: string) =>
  `INSERT INTO analysis_versions (consultation_id, version) VALUES (${consultationId}, 1)
    ON CONFLICT (consultation_id) DO UPDATE SET version = analysis_versions.version + 1;`;
const pgBumpForComment = (commentId: string) =>
  `INSERT INTO analysis_versions (consultation_id, version)
    SELECT consultation_id, 1 FROM comments WHERE id = ${commentId}
    ON CONFLICT (consultation_id) DO UPDATE SET version = analysis_versions.version + 1;`;

const postgresTriggers = [
  ...pgRowTrigger({
    name: 'comments_analysis_insert',
    table: 'comments',
    timing: 'AFTER INSERT',
    body: pgBump('new.consultation_id'),
  }),
  ...pgRowTrigger({
    name: 'comments_analysis_delete',
    table: 'comments',
    timing: 'AFTER DELETE',
    body: pgBump('old.consultation_id'),
  }),
  ...pgRowTrigger({
    name: 'comments_analysis_update',
    table: 'comments',
    timing: 'AFTER UPDATE OF body, body_redacted, hidden_at, received_at, category, channel, consultation_id',
    condition: `old.body IS DISTINCT FROM new.body
      OR old.body_redacted IS DISTINCT FROM new.body_redacted
      OR (old.hidden_at IS NULL) IS DISTINCT FROM (new.hidden_at IS NULL)
      OR old.received_at IS DISTINCT FROM new.received_at
      OR old.category IS DISTINCT FROM new.category
      OR old.channel IS DISTINCT FROM new.channel
      OR old.consultation_id IS DISTINCT FROM new.consultation_id`,
    body: `${pgBump('new.consultation_id')}
      IF old.consultation_id IS DISTINCT FROM new.consultation_id THEN
        ${pgBump('old.consultation_id')}
      END IF;`,
  }),
  ...pgRowTrigger({
    name: 'comment_sections_analysis_insert',
    table: 'comment_sections',
    timing: 'AFTER INSERT',
    body: pgBumpForComment('new.comment_id'),
  }),
  ...pgRowTrigger({
    name: 'comment_sections_analysis_delete',
    table: 'comment_sections',
    timing: 'AFTER DELETE',
    body: pgBumpForComment('old.comment_id'),
  }),
  ...pgRowTrigger({
    name: 'comment_sections_analysis_update',
    table: 'comment_sections',
    timing: 'AFTER UPDATE',
    body: `${pgBumpForComment('new.comment_id')}
      IF old.comment_id IS DISTINCT FROM new.comment_id THEN
        ${pgBumpForComment('old.comment_id')}
      END IF;`,
  }),
];

const versions = `CREATE TABLE analysis_versions (
  consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
  version INTEGER NOT NULL
)`;

const cache = [
  `DROP TABLE analysis_cache`,
  `CREATE TABLE analysis_cache (
    consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
    input_version INTEGER NOT NULL,
    computed_at TEXT NOT NULL,
    result_json TEXT NOT NULL
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const triggers = engineOf(db) === 'postgres' ? postgresTriggers : sqliteTriggers;
  await run(db, [versions, ...triggers, ...cache]);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
