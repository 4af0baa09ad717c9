import { type Kysely, Migrator } from 'kysely';
import { migrations } from '../../db/migrations/index.ts';
import type { Database } from '../../db/schema.ts';

/**
 * Runs every pending migration, on SQLite or PostgreSQL alike; throws (and so stops the caller)
 * if any fails. On PostgreSQL, Kysely holds an advisory lock meanwhile and runs the migrations
 * in one transaction, so processes starting together migrate once.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return (results ?? []).map((r) => r.migrationName);
}
