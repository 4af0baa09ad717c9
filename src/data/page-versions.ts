import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { precompiled } from './precompiled.ts';

/** The scope of the list of consultations (`/`, the open-data list); a consultation's is its id. */
export const LIST_SCOPE = 0;

/**
 * The scope of what every page shows besides its own data: the city's settings and logo
 * (src/http/city.ts), raised by the triggers of migration 0010.
 */
export const SITE_SCOPE = -1;

const versionOf = precompiled((db, scope: number) =>
  db.selectFrom('page_versions').select('version').where('scope', '=', scope),
);

const withSiteVersion = precompiled((db, scope: number) =>
  db
    .selectFrom('page_versions')
    .select(['scope', 'version'])
    .where((eb) => eb.or([eb('scope', '=', scope), eb('scope', '=', SITE_SCOPE)])),
);

/**
 * The version of a scope's public pages, raised by triggers (migration 0005) whenever what they
 * show changes; 0 before the first change.
 */
export async function readPageVersion(db: Kysely<Database>, scope: number): Promise<number> {
  const [row] = await versionOf(db, scope);
  return row?.version ?? 0;
}

/** A scope's version and the site's, in one read (the page cache asks for both on every hit). */
export async function readPageAndSiteVersions(
  db: Kysely<Database>,
  scope: number,
): Promise<{ page: number; site: number }> {
  const out = { page: 0, site: 0 };
  for (const row of await withSiteVersion(db, scope)) {
    if (row.scope === SITE_SCOPE) out.site = row.version;
    else out.page = row.version;
  }
  return out;
}
