import type { Kysely } from 'kysely';
import { engineOf, pgRowTrigger, run } from './dialect.ts';

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
 * - The version of the city's settings and logo: `page_versions` row SITE_SCOPE (-1), raised by
 *   triggers on `settings` (key `city`) and `city_logo` like migration 0005's. Each process
 *   keeps the settings in memory and reads them again when this version moves
 *   (src/http/city.ts); the page cache keys on it too.
 *
 * Tables with the schema builder only, so they run unchanged on SQLite and PostgreSQL: the
 * example to follow (see index.ts). The triggers are written once per engine: SQLite's inline,
 * PostgreSQL's through a function (`pgRowTrigger`), from the same upsert.
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
  await run(db, siteVersionTriggers(engineOf(db) === 'postgres'));
}

const SITE_SCOPE = -1;

function siteVersionTriggers(postgres: boolean): string[] {
  // Qualified: on PostgreSQL a bare `version` is ambiguous between the row and EXCLUDED.
  const bump = `INSERT INTO page_versions (scope, version) VALUES (${SITE_SCOPE}, 1)
    ON CONFLICT (scope) DO UPDATE SET version = page_versions.version + 1;`;
  const triggers: { name: string; table: string; event: string; condition?: string }[] = [
    { name: 'settings_site_insert', table: 'settings', event: 'INSERT', condition: "new.key = 'city'" },
    {
      name: 'settings_site_update',
      table: 'settings',
      event: 'UPDATE',
      condition: "new.key = 'city' OR old.key = 'city'",
    },
    { name: 'settings_site_delete', table: 'settings', event: 'DELETE', condition: "old.key = 'city'" },
    { name: 'city_logo_site_insert', table: 'city_logo', event: 'INSERT' },
    { name: 'city_logo_site_update', table: 'city_logo', event: 'UPDATE' },
    { name: 'city_logo_site_delete', table: 'city_logo', event: 'DELETE' },
  ];
  return triggers.flatMap((t) =>
    postgres
      ? pgRowTrigger({
          name: t.name,
          table: t.table,
          timing: `AFTER ${t.event}`,
          condition: t.condition,
          body: bump,
        })
      : [
          `CREATE TRIGGER ${t.name} AFTER ${t.event} ON ${t.table}
            ${t.condition ? `WHEN ${t.condition}` : ''} BEGIN ${bump} END`,
        ],
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('analysis_jobs').execute();
  await db.schema.dropTable('rate_limits').execute();
}
