import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0003 from './0003_review_rules.ts';

/**
 * Every migration, in order. A static list rather than a folder scan, so that the server, the
 * CLI and the tests (and a bundler) all see exactly the same set.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0003_review_rules': m0003,
};
