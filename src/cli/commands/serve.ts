import { loadConfig } from '../../config.ts';
import { runServer } from '../../serve.ts';
import { option } from '../context.ts';

/**
 * `serve [--workers N] [--demo]`: what `npm start` does, with N app processes (node:cluster)
 * when given; more than one needs PostgreSQL (KOE_DATABASE_URL). Runs until stopped.
 */
export async function serve(args: string[]): Promise<number> {
  const config = loadConfig();
  const asked = option(args, 'workers');
  const workers = asked === undefined ? config.workers : Number(asked);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    console.error('--workers takes a whole number from 1 to 64.');
    return 2;
  }
  await runServer({ config, demo: args.includes('--demo'), workers });
  return 0;
}
