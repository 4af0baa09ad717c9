import { loadConfig } from './config.ts';
import { runServer } from './serve.ts';

/**
 * `npm start` (`--demo` for the demo). KOE_WORKERS=N runs N processes against PostgreSQL; the
 * CLI's `serve --workers N` does the same.
 */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
  await runServer({ config, demo: process.argv.includes('--demo'), workers: config.workers });
}

void main();
