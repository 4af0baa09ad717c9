/**
 * Setup file of the PostgreSQL pass (vitest.pg.config.ts): every test app's database is dropped
 * when the test that made it ends, or, for an app made in `beforeAll`, when its file ends.
 */
import { afterAll, afterEach } from 'vitest';
import { dropTestDatabases } from '../helpers.ts';

afterEach(() => dropTestDatabases('test'));
afterAll(() => dropTestDatabases('file'));
