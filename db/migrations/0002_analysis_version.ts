import { type Kysely, sql } from 'kysely';

/**
 * A version number per consultation that the database itself raises whenever anything the
 * analysis reads changes: a comment added or removed, its text, redaction, hiding, date,
 * category or channel changed, its sections changed. The cached analysis is kept under the
 * version it was computed for, so a page view compares two numbers instead of scanning every
 * comment. Triggers keep it, so no write path can forget it.
 *
 * The analysis cache is recreated keyed by that version (its old fingerprints mean nothing now;
 * a cached analysis is recomputed on the next view).
 */
const bump = (consultationId: string) =>
  `INSERT INTO analysis_versions (consultation_id, version) VALUES (${consultationId}, 1)
    ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;`;
const bumpForComment = (commentId: string, when = 'true') =>
  `INSERT INTO analysis_versions (consultation_id, version)
    SELECT consultation_id, 1 FROM comments WHERE id = ${commentId} AND ${when}
    ON CONFLICT (consultation_id) DO UPDATE SET version = version + 1;`;

const statements = [
  `CREATE TABLE analysis_versions (
    consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
    version INTEGER NOT NULL
  )`,
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
  `DROP TABLE analysis_cache`,
  `CREATE TABLE analysis_cache (
    consultation_id INTEGER PRIMARY KEY REFERENCES consultations(id) ON DELETE CASCADE,
    input_version INTEGER NOT NULL,
    computed_at TEXT NOT NULL,
    result_json TEXT NOT NULL
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
