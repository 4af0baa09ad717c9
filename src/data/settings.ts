import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * The HMAC key for submitter keys must outlive restarts (or 提出者数 would drift), so when
 * KOE_SECRET is not set it is generated once and kept in the database — which a backup keeps.
 */
export async function resolveSecret(db: Kysely<Database>, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirst();
  if (row) return row.value;
  const value = randomBytes(32).toString('base64url');
  await db
    .insertInto('settings')
    .values({ key: 'secret', value })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const stored = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'secret')
    .executeTakeFirstOrThrow();
  return stored.value;
}
