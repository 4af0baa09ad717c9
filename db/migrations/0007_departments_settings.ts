import { type Kysely, sql } from 'kysely';
import { autoId, bytesType } from './dialect.ts';

/**
 * A city's own organisation and name (issue #14):
 *
 * - `departments` (担当課) become records an administrator manages; `user_departments` says which
 *   departments an account works for (many to many); `consultations.department_id` says which
 *   department a consultation belongs to. Existing consultations are linked by their free-text
 *   `department`: each distinct name (trimmed, not empty) becomes a department. The text column
 *   stays as the name shown to the public, copied from the department by the app.
 * - `users.must_change_password`: an account with a temporary password (made by an admin) must
 *   choose its own at the next sign-in. `users.last_login_at`: filled from the audit log's
 *   sign-ins for existing accounts.
 * - `city_logo`: the city's logo, one row, served from the database like documents.
 * - The city's settings live in the existing `settings` table under the key `city` (JSON). Until
 *   now every page said 倉敷市; a database that already has accounts is such an installation and
 *   keeps that name. A fresh one starts without a name and asks for it at the first admin's setup.
 *
 * Frozen: no app code is imported; the values below are those of this moment. (Made to run on
 * PostgreSQL afterwards, issue #13: `autoId` and `bytesType` compile on SQLite to exactly what
 * was written before — `integer primary key`, `blob` — so SQLite's schema is byte for byte the
 * same.)
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('departments')
    .addColumn('id', 'integer', autoId(db))
    .addColumn('name', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('user_departments')
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id'))
    .addColumn('department_id', 'integer', (col) => col.notNull().references('departments.id'))
    .addPrimaryKeyConstraint('user_departments_pk', ['user_id', 'department_id'])
    .execute();
  await db.schema
    .createIndex('user_departments_department')
    .on('user_departments')
    .column('department_id')
    .execute();
  await db.schema
    .alterTable('consultations')
    .addColumn('department_id', 'integer', (col) => col.references('departments.id'))
    .execute();
  await db.schema
    .createIndex('consultations_department')
    .on('consultations')
    .column('department_id')
    .execute();

  const now = new Date().toISOString();
  await sql`INSERT INTO departments (name, created_at)
    SELECT DISTINCT trim(department), ${now} FROM consultations WHERE trim(department) <> ''
    ORDER BY trim(department)`.execute(db);
  await sql`UPDATE consultations
    SET department_id = (SELECT id FROM departments WHERE name = trim(consultations.department)),
        department = trim(department)
    WHERE trim(department) <> ''`.execute(db);

  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (col) =>
      col.notNull().defaultTo(0).check(sql`must_change_password IN (0, 1)`),
    )
    .execute();
  await db.schema.alterTable('users').addColumn('last_login_at', 'text').execute();
  await sql`UPDATE users SET last_login_at = (
      SELECT max(at) FROM audit_log
      WHERE action = 'login' AND target_kind = 'user' AND target_id = CAST(users.id AS TEXT)
    )`.execute(db);

  await db.schema
    .createTable('city_logo')
    .addColumn('id', 'integer', (col) => autoId(db)(col).check(sql`id = 1`))
    .addColumn('filename', 'text', (col) => col.notNull())
    .addColumn('content_type', 'text', (col) => col.notNull())
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('data', bytesType(db), (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  const hasAccounts = await sql<{ n: number }>`SELECT count(*) AS n FROM users`.execute(db);
  if (Number(hasAccounts.rows[0]?.n ?? 0) > 0) {
    const city = {
      nameJa: '倉敷市',
      nameEn: 'Kurashiki City',
    };
    await sql`INSERT INTO settings (key, value) VALUES ('city', ${JSON.stringify(city)})
      ON CONFLICT (key) DO NOTHING`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM settings WHERE key = 'city'`.execute(db);
  await db.schema.dropTable('city_logo').execute();
  await db.schema.alterTable('users').dropColumn('last_login_at').execute();
  await db.schema.alterTable('users').dropColumn('must_change_password').execute();
  await db.schema.dropIndex('consultations_department').execute();
  await db.schema.alterTable('consultations').dropColumn('department_id').execute();
  await db.schema.dropTable('user_departments').execute();
  await db.schema.dropTable('departments').execute();
}
