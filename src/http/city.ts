/**
 * The city's settings for every request. Every page, the feed and the API read `c.var.city`.
 * The settings are kept in memory and read again when their version in the database
 * (`page_versions`, scope SITE_SCOPE, raised by triggers on `settings` and `city_logo`: migration
 * 0010) is no longer the one they were read under. Each request reads that version — one small
 * read by primary key — so a change made by another process (several app processes on
 * PostgreSQL, the command line, a restore) shows on the very next request everywhere. The page
 * cache keys its pages on the same version.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { findLogoMeta, readCitySettingsJson } from '../data/city.ts';
import { SITE_SCOPE, type VersionReader } from '../data/page-versions.ts';
import { type City, cityFromStored } from '../lib/city.ts';
import { extensionOf } from '../lib/download.ts';

export interface CityCache {
  /** The settings as the database has them now (read again only when their version moved). */
  current(): Promise<City>;
  /**
   * Forgets the copy: the next request reads the settings again. The database's triggers raise
   * the version anyway; a route that changed the settings calls this to say so where it is read.
   */
  changed(): void;
  /** The version of the copy last handed out. */
  readonly version: number;
}

/** The address of the logo: its hash in the name, so it can be cached for good. */
export function logoUrl(logo: { sha256: string; filename: string }): string {
  return `/city/logo-${logo.sha256.slice(0, 16)}.${extensionOf(logo.filename) || 'img'}`;
}

/**
 * `versions` reads the settings' version on every request (the app's reader: on SQLite without a
 * query once nothing was written).
 */
export function createCityCache(db: Kysely<Database>, versions: VersionReader): CityCache {
  let copy: { version: number; city: Promise<City> } | null = null;
  const load = async (version: number): Promise<City> => {
    const [json, logo] = await Promise.all([readCitySettingsJson(db), findLogoMeta(db)]);
    return { ...cityFromStored(json), logoUrl: logo ? logoUrl(logo) : null, version };
  };
  return {
    async current() {
      // Read before the settings: a change made in between leaves the copy under the older
      // version, so the next request reads again.
      const { site: version } = await versions(SITE_SCOPE);
      if (copy?.version !== version) {
        const loading = { version, city: load(version) };
        copy = loading;
        // A failed read is not kept: the next request tries again.
        loading.city.catch(() => {
          if (copy === loading) copy = null;
        });
      }
      return copy.city;
    },
    changed() {
      copy = null;
    },
    get version() {
      return copy?.version ?? 0;
    },
  };
}
