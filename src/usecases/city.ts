/**
 * The city's settings (name, links, notice, defaults) and its logo: each change is written with
 * its audit entry in one transaction. The app's copy of the settings (src/http/city.ts) is
 * refreshed by the route after a change.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Actor, appendAuditBy } from '../data/audit.ts';
import {
  deleteLogo,
  findLogoMeta,
  putLogo,
  readCitySettingsJson,
  writeCitySettingsJson,
} from '../data/city.ts';
import { type CitySettings, cityFromStored } from '../lib/city.ts';

type Db = Kysely<Database>;

/** The settings as the audit log names their fields. */
function auditFields(s: CitySettings): Record<string, string | number> {
  return {
    city_name_ja: s.nameJa,
    city_name_en: s.nameEn,
    site_url: s.links.site,
    privacy_url: s.links.privacy,
    accessibility_url: s.links.accessibility,
    contact_url: s.links.contact,
    notice_ja: s.noticeJa,
    notice_en: s.noticeEn,
    default_period_days: s.defaultPeriodDays,
    default_max_comment_length: s.defaultMaxCommentLength,
  };
}

/**
 * Writes `change` over the stored settings inside `trx` and records what changed; false when
 * nothing did. Shared by the settings page and the first administrator's setup.
 */
export async function writeCitySettings(
  trx: Transaction<Database>,
  actor: Actor,
  now: Date,
  change: (before: CitySettings) => CitySettings,
): Promise<boolean> {
  const before = cityFromStored(await readCitySettingsJson(trx));
  const after = cityFromStored(JSON.stringify(change(before)));
  const [b, a] = [auditFields(before), auditFields(after)];
  const changed = Object.keys(a).filter((k) => a[k] !== b[k]);
  if (changed.length === 0) return false;
  await writeCitySettingsJson(trx, JSON.stringify(after));
  await appendAuditBy(trx, actor, now, {
    action: 'city.update',
    targetType: 'city',
    before: Object.fromEntries(changed.map((k) => [k, b[k]])),
    after: Object.fromEntries(changed.map((k) => [k, a[k]])),
  });
  return true;
}

/** Saves the settings page; false when nothing changed. */
export function saveCitySettings(db: Db, actor: Actor, settings: CitySettings, now: Date): Promise<boolean> {
  return db.transaction().execute((trx) => writeCitySettings(trx, actor, now, () => settings));
}

/** Replaces the logo with a file already checked as an image (src/schemas/city.ts). */
export async function replaceCityLogo(
  db: Db,
  actor: Actor,
  file: { filename: string; contentType: string; data: Uint8Array },
  now: Date,
): Promise<void> {
  const data = Buffer.from(file.data);
  const sha256 = createHash('sha256').update(data).digest('hex');
  await db.transaction().execute(async (trx) => {
    const before = await findLogoMeta(trx);
    const logo = {
      filename: file.filename,
      content_type: file.contentType,
      size: data.length,
      sha256,
      updated_at: now.toISOString(),
    };
    await putLogo(trx, { ...logo, data });
    await appendAuditBy(trx, actor, now, {
      action: 'city.logo',
      targetType: 'city',
      before: before ? { filename: before.filename, sha256: before.sha256 } : null,
      after: { filename: logo.filename, sha256, size: logo.size },
    });
  });
}

/** Removes the logo; false when there was none. */
export async function removeCityLogo(db: Db, actor: Actor, now: Date): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findLogoMeta(trx);
    if (!before) return false;
    await deleteLogo(trx);
    await appendAuditBy(trx, actor, now, {
      action: 'city.logo_remove',
      targetType: 'city',
      before: { filename: before.filename, sha256: before.sha256 },
    });
    return true;
  });
}
