import type { Kysely } from 'kysely';
import { engineOf, pgRowTrigger, run } from './dialect.ts';

/**
 * A version number per public page scope that the database raises whenever something a cached
 * public page shows changes (issue #12). Scope 0 is the list of consultations (`/`, the open-data
 * list): any change to a consultation row. Scope N is consultation N's own pages (its page, its
 * result, its comment form): its row, its sections, documents, corrections and published result.
 * The page cache keeps each page under the version it was rendered at, so a reader costs one
 * small read; triggers keep the versions, so no write path (a use case, the CLI in another
 * process, a migration) can forget to invalidate. A page that comes to show another table needs
 * that table's triggers here (in a new migration).
 */
const bump = (scope: string) =>
  `INSERT INTO page_versions (scope, version) VALUES (${scope}, 1)
    ON CONFLICT (scope) DO UPDATE SET version = version + 1;`;

/**
 * PostgreSQL: the same bump, with the upsert's column qualified (there a bare `version` is
 * ambiguous between the row and EXCLUDED). SQLite keeps the text above, so a database migrated
 * before this branch existed has byte for byte the schema a new one gets.
 */
const pgBump = (scope: string) =>
  `INSERT INTO page_versions (scope, version) VALUES (${scope}, 1)
    ON CONFLICT (scope) DO UPDATE SET version = page_versions.version + 1;`;

/** Tables whose rows belong to one consultation's pages. */
const PER_CONSULTATION = ['sections', 'documents', 'corrections', 'published_results'] as const;

const EVENTS = [
  ['INSERT', 'new'],
  ['UPDATE', 'new'],
  ['DELETE', 'old'],
] as const;

function triggers(): string[] {
  const out: string[] = [];
  for (const [event, row] of EVENTS) {
    const name = event.toLowerCase();
    out.push(`CREATE TRIGGER consultations_page_${name} AFTER ${event} ON consultations BEGIN
      ${bump(`${row}.id`)}
      ${bump('0')}
    END`);
    for (const table of PER_CONSULTATION) {
      out.push(`CREATE TRIGGER ${table}_page_${name} AFTER ${event} ON ${table} BEGIN
        ${bump(`${row}.consultation_id`)}
      END`);
    }
  }
  return out;
}

/** The same triggers on PostgreSQL: a function per trigger (db/migrations/dialect.ts). */
function pgTriggers(): string[] {
  const out: string[] = [];
  for (const [event, row] of EVENTS) {
    const name = event.toLowerCase();
    out.push(
      ...pgRowTrigger({
        name: `consultations_page_${name}`,
        table: 'consultations',
        timing: `AFTER ${event}`,
        body: `${pgBump(`${row}.id`)}\n      ${pgBump('0')}`,
      }),
    );
    for (const table of PER_CONSULTATION) {
      out.push(
        ...pgRowTrigger({
          name: `${table}_page_${name}`,
          table,
          timing: `AFTER ${event}`,
          body: pgBump(`${row}.consultation_id`),
        }),
      );
    }
  }
  return out;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('page_versions')
    .addColumn('scope', 'integer', (col) => col.primaryKey())
    .addColumn('version', 'integer', (col) => col.notNull())
    .execute();
  await run(db, engineOf(db) === 'postgres' ? pgTriggers() : triggers());
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reverted; restore a backup instead.');
}
