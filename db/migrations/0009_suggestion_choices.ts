import { type Kysely, sql } from 'kysely';

/**
 * What staff chose about the analysis's suggested groups before adopting them one at a time:
 * a new summary (renamed), set aside (dropped), or joined to another suggestion (merged). A
 * suggestion is an engine group of one analysis, so a choice is kept under the analysis version
 * it was made on; a new analysis (new comments) starts from fresh suggestions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('suggestion_choices')
    .addColumn('consultation_id', 'integer', (c) =>
      c.notNull().references('consultations.id').onDelete('cascade'),
    )
    .addColumn('analysis_version', 'integer', (c) => c.notNull())
    .addColumn('suggestion_id', 'text', (c) => c.notNull())
    .addColumn('choice', 'text', (c) => c.notNull().check(sql`choice IN ('renamed', 'dropped', 'merged')`))
    .addColumn('summary', 'text')
    .addColumn('merged_into', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('suggestion_choices_pk', [
      'consultation_id',
      'analysis_version',
      'suggestion_id',
    ])
    .addCheckConstraint('suggestion_choices_merged', sql`(choice = 'merged') = (merged_into IS NOT NULL)`)
    .addCheckConstraint(
      'suggestion_choices_renamed',
      sql`choice <> 'renamed' OR length(trim(coalesce(summary, ''))) > 0`,
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('suggestion_choices').execute();
}
