import { type Kysely, sql } from 'kysely';

/**
 * One name per kind of audit target. Older code wrote `consultations` and `consultation`,
 * `comments` and `comment`, `comment_groups` and `sections` for the same kinds, so filtering by
 * a kind missed entries. The hashed column `target_type` keeps what was written (rewriting it
 * would break the hash chain); the new column `target_kind` holds the one name, filled here for
 * old entries and by the app for new ones, and the chain check verifies it against
 * `target_type`. Frozen: the mapping below is the one of this moment, not imported.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE audit_log ADD COLUMN target_kind TEXT`.execute(db);
  await sql`UPDATE audit_log SET target_kind = CASE target_type
      WHEN 'users' THEN 'user'
      WHEN 'consultations' THEN 'consultation'
      WHEN 'sections' THEN 'section'
      WHEN 'comments' THEN 'comment'
      WHEN 'groups' THEN 'group'
      WHEN 'comment_group' THEN 'group'
      WHEN 'comment_groups' THEN 'group'
      WHEN 'documents' THEN 'document'
      ELSE target_type END`.execute(db);
  await sql`CREATE INDEX audit_log_target ON audit_log(target_kind, target_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX audit_log_target`.execute(db);
  await sql`ALTER TABLE audit_log DROP COLUMN target_kind`.execute(db);
}
