import { type Kysely, sql } from 'kysely';

/**
 * What a city's 要綱 asks of the comment form, per consultation, and what the form records:
 *
 * - `allow_individual`, `allow_organisation` (with the existing `allow_anonymous`): the kinds of
 *   submitter the consultation accepts (個人・団体・匿名).
 * - `categories`: the 区分 the form offers, as a space-separated list of category codes (the
 *   codes `comments.category` takes); empty means the form asks for none.
 * - `require_consent`, `consent_notice`: the form shows how personal data is used and asks for
 *   an explicit tick of consent; the notice is the consultation's own text (empty: the standard
 *   one). The city's settings will give the default for new consultations.
 * - `comments.postal_code` (郵便番号, with the address) and `comments.consented` (the submitter
 *   ticked the consent box, as recorded when the comment arrived).
 *
 * One ADD COLUMN per statement (SQLite takes no more); Kysely's schema builder, so the same
 * migration runs on PostgreSQL. Frozen: the category codes below are those of this moment.
 */
const flag = (name: string) => sql`${sql.ref(name)} IN (0, 1)`;

export async function up(db: Kysely<unknown>): Promise<void> {
  const consultations = () => db.schema.alterTable('consultations');
  await consultations()
    .addColumn('allow_individual', 'integer', (c) => c.notNull().defaultTo(1).check(flag('allow_individual')))
    .execute();
  await consultations()
    .addColumn('allow_organisation', 'integer', (c) =>
      c.notNull().defaultTo(1).check(flag('allow_organisation')),
    )
    .execute();
  await consultations()
    .addColumn('categories', 'text', (c) =>
      c.notNull().defaultTo('resident worker student business taxpayer stakeholder other'),
    )
    .execute();
  await consultations()
    .addColumn('require_consent', 'integer', (c) => c.notNull().defaultTo(0).check(flag('require_consent')))
    .execute();
  await consultations()
    .addColumn('consent_notice', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('comments')
    .addColumn('postal_code', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('comments')
    .addColumn('consented', 'integer', (c) => c.notNull().defaultTo(0).check(flag('consented')))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['consented', 'postal_code']) {
    await db.schema.alterTable('comments').dropColumn(column).execute();
  }
  for (const column of [
    'consent_notice',
    'require_consent',
    'categories',
    'allow_organisation',
    'allow_individual',
  ]) {
    await db.schema.alterTable('consultations').dropColumn(column).execute();
  }
}
