/**
 * The city's settings for every request, read from the database once per process and again
 * after each change (`changed()`, called by the routes that change them). Every page, the feed
 * and the API read `c.var.city`; `city.version` rises with each change, so a cache of rendered
 * pages can key on it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { findLogoMeta, readCitySettingsJson } from '../data/city.ts';
import { type City, cityFromStored } from '../lib/city.ts';
import { extensionOf } from '../lib/download.ts';

export interface CityCache {
  /** The settings as of the last change (read from the database on first use after one). */
  current(): Promise<City>;
  /** Forgets the copy: the next request reads the settings again, with a higher version. */
  changed(): void;
  readonly version: number;
}

/** The address of the logo: its hash in the name, so it can be cached for good. */
export function logoUrl(logo: { sha256: string; filename: string }): string {
  return `/city/logo-${logo.sha256.slice(0, 16)}.${extensionOf(logo.filename) || 'img'}`;
}

export function createCityCache(db: Kysely<Database>): CityCache {
  let version = 1;
  let copy: Promise<City> | null = null;
  const load = async (v: number): Promise<City> => {
    const [json, logo] = await Promise.all([readCitySettingsJson(db), findLogoMeta(db)]);
    return { ...cityFromStored(json), logoUrl: logo ? logoUrl(logo) : null, version: v };
  };
  return {
    current() {
      if (!copy) {
        const loading = load(version);
        copy = loading;
        // A failed read is not kept: the next request tries again.
        loading.catch(() => {
          if (copy === loading) copy = null;
        });
      }
      return copy;
    },
    changed() {
      version++;
      copy = null;
    },
    get version() {
      return version;
    },
  };
}
