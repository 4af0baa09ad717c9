import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { copySqliteToPostgres } from '../../data/copy.ts';
import { migrateToLatest } from '../../data/migrate.ts';
import { openPostgresStore } from '../../data/postgres.ts';
import { backupStore, openStore } from '../../data/sqlite.ts';
import { databaseLabel, isPostgresUrl } from '../../lib/database-url.ts';
import { option, positionals, withStore } from '../context.ts';

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

/**
 * `db:copy --from <sqlite file> --to <postgres url>`: moves a city to PostgreSQL. Both are
 * migrated first; the target must be empty. Prints each table's rows in the source and in the
 * target, and fails unless they agree; then `audit:verify` against the target checks the chain.
 */
export async function copy(args: string[]): Promise<number> {
  const from = option(args, 'from');
  const to = option(args, 'to');
  if (!from || !to || isPostgresUrl(from) || !isPostgresUrl(to)) {
    console.error('Usage: npm run koe -- db:copy --from <sqlite file> --to <postgres://…>');
    return 2;
  }
  if (!existsSync(from)) {
    console.error(`No such file: ${from}`);
    return 2;
  }
  const source = openStore(from);
  const target = openPostgresStore(to, { max: 2 });
  try {
    await migrateToLatest(source.db);
    await migrateToLatest(target.db);
    console.log(`Copying ${from} to ${databaseLabel(to)} …`);
    const tables = await copySqliteToPostgres(source, target, (table, rows) =>
      console.log(`  ${table.padEnd(22)} ${rows}`),
    );
    const differ = tables.filter((t) => t.source !== t.target);
    console.log(`\n${'table'.padEnd(22)} ${'source'.padStart(9)} ${'target'.padStart(9)}`);
    for (const t of tables) {
      const mark = t.source === t.target ? '' : '  DIFFERENT';
      console.log(
        `${t.table.padEnd(22)} ${String(t.source).padStart(9)} ${String(t.target).padStart(9)}${mark}`,
      );
    }
    if (differ.length > 0) {
      console.error(`\nRow counts differ in ${differ.map((t) => t.table).join(', ')}.`);
      return 1;
    }
    console.log('\nEvery table has the same number of rows. Check the audit chain there:');
    console.log('  KOE_DATABASE_URL=<the url> npm run koe -- audit:verify');
    return 0;
  } finally {
    await target.close();
    await source.close();
  }
}
