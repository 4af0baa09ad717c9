/** `npm test` runs the SQLite pass; this says, at the end, how to run the PostgreSQL one too. */
export function teardown(): void {
  console.log(
    '\nPostgreSQL pass skipped: `npm test` runs the suite on SQLite. Run it on PostgreSQL with `npm run test:pg` (starts a temporary server from /usr/lib/postgresql/*/bin, or uses KOE_TEST_DATABASE_URL); `.ci/run` runs both.\n',
  );
}
