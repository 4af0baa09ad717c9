import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** The city's settings as stored: JSON under the key `city` (src/lib/city.ts reads it). */
export async function readCitySettingsJson(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'city').executeTakeFirst();
  return row?.value;
}

export async function writeCitySettingsJson(db: Db, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: 'city', value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The logo without its bytes: enough to name its address. */
export interface LogoMeta {
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  updated_at: string;
}

export function findLogoMeta(db: Db): Promise<LogoMeta | undefined> {
  return db
    .selectFrom('city_logo')
    .select(['filename', 'content_type', 'size', 'sha256', 'updated_at'])
    .where('id', '=', 1)
    .executeTakeFirst();
}

export function findLogo(db: Db): Promise<(LogoMeta & { data: Buffer }) | undefined> {
  return db
    .selectFrom('city_logo')
    .select(['filename', 'content_type', 'size', 'sha256', 'updated_at', 'data'])
    .where('id', '=', 1)
    .executeTakeFirst();
}

export async function putLogo(db: Db, logo: LogoMeta & { data: Buffer }): Promise<void> {
  await db
    .insertInto('city_logo')
    .values({ id: 1, ...logo })
    .onConflict((oc) => oc.column('id').doUpdateSet(logo))
    .execute();
}

export async function deleteLogo(db: Db): Promise<void> {
  await db.deleteFrom('city_logo').where('id', '=', 1).execute();
}
