import { resolve } from 'node:path';
import { migrateToLatest } from '../../data/migrate.ts';
import { backupStore } from '../../data/sqlite.ts';
import { positionals, withStore } from '../context.ts';

export async function migrate(args: string[]): Promise<number> {
  await withStore(args, async (store) => {
    const applied = await migrateToLatest(store.db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  });
  return 0;
}

export async function backup(args: string[]): Promise<number> {
  const [target] = positionals(args);
  if (!target) {
    console.error('Usage: npm run koe -- db:backup <file>');
    return 2;
  }
  return withStore(args, async (store) => {
    if (store.engine !== 'sqlite') {
      console.error(
        'db:backup copies a SQLite file. On PostgreSQL use its own tools: pg_dump --format=custom for a copy, or base backups with WAL archiving for point-in-time recovery (README).',
      );
      return 2;
    }
    await backupStore(store, resolve(target));
    console.log(`Backup written to ${resolve(target)}`);
    return 0;
  });
}
