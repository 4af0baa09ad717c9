import { defineConfig } from 'vitest/config';

/**
 * The second pass of the suite, on PostgreSQL (`npm run test:pg`; `.ci/run` runs both): every
 * test that goes through the app, each app on a database of its own cloned from a migrated
 * template. KOE_TEST_DATABASE_URL names the server (test/pg/run.ts starts a temporary one when
 * it is not set).
 */
export default defineConfig({
  test: {
    include: [
      'test/routes/**/*.test.{ts,tsx}',
      'test/cli/**/*.test.{ts,tsx}',
      'test/pg/**/*.test.{ts,tsx}',
      'test/analysis-runner/version.test.ts',
      'test/domain/results.test.ts',
      'test/demo.test.ts',
    ],
    exclude: [
      // SQLite-only, by what they test: 200,000 comments written with raw better-sqlite3 bulk
      // inserts (bench:inbox measures PostgreSQL at 100,000 instead).
      'test/routes/scale.test.ts',
      'test/routes/review-scale.test.ts',
      'node_modules/**',
    ],
    globalSetup: ['test/pg/global-setup.ts'],
    setupFiles: ['test/pg/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
