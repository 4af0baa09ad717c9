/** Global setup of the PostgreSQL pass: the migrated template every test database is cloned from. */
import { dropTemplate, prepareTemplate, testServerUrl } from './databases.ts';

export async function setup(): Promise<void> {
  if (!testServerUrl()) {
    throw new Error(
      'The PostgreSQL pass needs KOE_TEST_DATABASE_URL; `npm run test:pg` starts a server for it.',
    );
  }
  await prepareTemplate();
}

export async function teardown(): Promise<void> {
  await dropTemplate();
}
