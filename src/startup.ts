import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Config } from './config.ts';

export interface StartupContext {
  db: Kysely<Database>;
  config: Config;
  secret: string;
  demo: boolean;
  baseUrl: string;
}

/**
 * Work done once at start, returning lines to print: the demo content (with `--demo`) and the
 * one-time setup link when no administrator exists yet.
 */
export async function startupTasks(ctx: StartupContext): Promise<string[]> {
  const lines: string[] = [];
  if (ctx.demo) {
    const { seedDemo } = await import('./demo/seed.ts');
    lines.push(...(await seedDemo(ctx)));
  }
  return lines;
}
