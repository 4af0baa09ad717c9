import type { Migration } from 'kysely';
import * as m0001 from './0001_initial.ts';
import * as m0002 from './0002_analysis_version.ts';
import * as m0003 from './0003_review_rules.ts';
import * as m0004 from './0004_audit_targets.ts';
import * as m0005 from './0005_page_versions.ts';
import * as m0006 from './0006_authoring.ts';
import * as m0007 from './0007_departments_settings.ts';
import * as m0008 from './0008_outbox.ts';
import * as m0009 from './0009_suggestion_choices.ts';

/**
 * Every migration, in order. A static list rather than a folder scan, so that the server, the
 * CLI and the tests (and a bundler) all see exactly the same set.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_analysis_version': m0002,
  '0003_review_rules': m0003,
  '0004_audit_targets': m0004,
  '0005_page_versions': m0005,
  '0006_authoring': m0006,
  '0007_departments_settings': m0007,
  '0008_outbox': m0008,
  '0009_suggestion_choices': m0009,
};
