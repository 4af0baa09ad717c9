/**
 * `npm run test:pg [-- vitest options]`: the suite's PostgreSQL pass. Uses the server at
 * KOE_TEST_DATABASE_URL, or starts a temporary one (test/pg/server.ts) and stops it at the end.
 */
import { spawnSync } from 'node:child_process';
import { startTemporaryServer } from './server.ts';

const given = process.env.KOE_TEST_DATABASE_URL;
const server = given ? undefined : await startTemporaryServer();
const url = given ?? server?.url ?? '';
if (server) console.log(`PostgreSQL pass on a temporary server: ${url}`);
let status = 1;
try {
  const vitest = spawnSync(
    process.execPath,
    ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.pg.config.ts', ...process.argv.slice(2)],
    { stdio: 'inherit', env: { ...process.env, KOE_TEST_DATABASE_URL: url } },
  );
  status = vitest.status ?? 1;
} finally {
  server?.stop();
}
process.exitCode = status;
