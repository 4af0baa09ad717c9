import { resolve } from 'node:path';
import { backupStore, migrateToLatest } from '../../data/sqlite.ts';
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
  await withStore(args, async (store) => {
    await backupStore(store, resolve(target));
    console.log(`Backup written to ${resolve(target)}`);
  });
  return 0;
}
