import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { precompiled } from './precompiled.ts';

/** The scope of the list of consultations (`/`, the open-data list); a consultation's is its id. */
export const LIST_SCOPE = 0;

const versionOf = precompiled((db, scope: number) =>
  db.selectFrom('page_versions').select('version').where('scope', '=', scope),
);

/**
 * The version of a scope's public pages, raised by triggers (migration 0005) whenever what they
 * show changes; 0 before the first change.
 */
export async function readPageVersion(db: Kysely<Database>, scope: number): Promise<number> {
  const [row] = await versionOf(db, scope);
  return row?.version ?? 0;
}
