import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // test/pg/ holds what only PostgreSQL can show (two processes on one server, db:copy); the
    // PostgreSQL pass (vitest.pg.config.ts) runs it with the rest of the suite.
    exclude: ['test/browser/**', 'test/pg/**', 'node_modules/**'],
    globalSetup: ['test/pg/skipped-note.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
