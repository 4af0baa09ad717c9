import { databaseTarget, loadConfig } from '../config.ts';
import { migrateToLatest } from '../data/migrate.ts';
import { resolveSecret } from '../data/settings.ts';
import { openDatabase, type Store } from '../data/store.ts';

/**
 * Opens the configured database (KOE_DATABASE_URL, else KOE_DB, or the demo database with
 * --demo) and migrates it, as the server does, then runs `fn` and closes it.
 */
export async function withStore<T>(
  args: string[],
  fn: (store: Store, ctx: { secret: string; config: ReturnType<typeof loadConfig> }) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const store = openDatabase(databaseTarget(config, args.includes('--demo')));
  try {
    await migrateToLatest(store.db);
    const secret = await resolveSecret(store.db, config.secret);
    return await fn(store, { secret, config });
  } finally {
    await store.close();
  }
}

/** The value after `--name`, if given. */
export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Positional arguments: everything that is not an option or an option's value. */
export function positionals(args: string[], valued: string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      if (valued.includes(a.slice(2))) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}
