import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Config } from './config.ts';
import { deleteUnusedSetupTokens, insertSetupToken } from './data/sessions.ts';
import { countActiveAdmins } from './data/users.ts';
import { type Clock, systemClock } from './lib/time.ts';
import { storeMissingResults } from './usecases/publish-result.ts';

export interface StartupContext {
  db: Kysely<Database>;
  config: Config;
  secret: string;
  demo: boolean;
  baseUrl: string;
  /** The system clock unless given (tests pass their fixed clock). */
  clock?: Clock;
}

/**
 * Work done once at start, returning lines to print: results published before they were stored
 * get their stored form, the demo content (with `--demo`) and the one-time setup link when no
 * administrator exists yet.
 */
export async function startupTasks(ctx: StartupContext): Promise<string[]> {
  const lines: string[] = [];
  const stored = await storeMissingResults(ctx.db);
  if (stored > 0) lines.push(`Stored ${stored} result(s) published before this version.`);
  if (ctx.demo) {
    const { seedDemo } = await import('./demo/seed.ts');
    lines.push(...(await seedDemo(ctx)));
  } else {
    const token = await setupTokenIfNoAdmin(ctx.db, (ctx.clock ?? systemClock).now());
    if (token) lines.push(`Create the first administrator: ${ctx.baseUrl}/setup/${token}`);
  }
  return lines;
}

/**
 * When no active administrator exists, withdraws older setup links and makes a new one (valid
 * 24 hours); returns its token for the URL, or null when an administrator exists.
 */
export async function setupTokenIfNoAdmin(db: Kysely<Database>, now: Date): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    if ((await countActiveAdmins(trx)) > 0) return null;
    await deleteUnusedSetupTokens(trx);
    return insertSetupToken(trx, now, 24);
  });
}
