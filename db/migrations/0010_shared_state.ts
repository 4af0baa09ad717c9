import type { Kysely } from 'kysely';

/**
 * State that several app processes must share, kept in the database rather than in one
 * process's memory (issue #13: any number of stateless app processes on PostgreSQL):
 *
 * - `rate_limits`: a fixed window of hits per key (the public form posts and receipt look-ups of
 *   one client address), counted by one upsert, so N processes count one limit together.
 * - `analysis_jobs`: the lease of the one analysis job a consultation may have at a time. A
 *   process runs a job only after its conditional upsert took the row; the others report the
 *   job's progress from the row and read its result from `analysis_cache`. A lease whose
 *   heartbeat stopped (its process died) may be taken over.
 *
 * Written with the schema builder only, so it runs unchanged on SQLite and PostgreSQL: the
 * example to follow (see index.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_window').on('rate_limits').column('window_start').execute();

  await db.schema
    .createTable('analysis_jobs')
    .addColumn('consultation_id', 'integer', (c) =>
      c.primaryKey().references('consultations.id').onDelete('cascade'),
    )
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('percent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('analysis_jobs').execute();
  await db.schema.dropTable('rate_limits').execute();
}
