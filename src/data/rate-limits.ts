import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * Rate-limit counts kept in the database (migration 0010), so that every app process counts the
 * same limit: a fixed window per key, counted by one upsert.
 */

/**
 * Counts one hit of `key` in its window and returns the hits in that window, this one included.
 * A window that has ended starts again at `now`. One statement: two processes counting the
 * same key at the same moment both count (the row is locked for the update, not read first).
 */
export async function countHit(
  db: Kysely<Database>,
  key: string,
  now: Date,
  windowMs: number,
): Promise<number> {
  const at = now.toISOString();
  const ended = new Date(now.getTime() - windowMs).toISOString();
  const row = await db
    .insertInto('rate_limits')
    .values({ key, window_start: at, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => {
        const over = eb('rate_limits.window_start', '<=', ended);
        return {
          hits: eb
            .case()
            .when(over)
            .then(1)
            .else(eb('rate_limits.hits', '+', 1))
            .end(),
          window_start: eb.case().when(over).then(at).else(eb.ref('rate_limits.window_start')).end(),
        };
      }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

/**
 * Forgets the windows of keys starting with `prefix` (digits, letters and '/': no LIKE
 * wildcards) that ended before `before`; their keys start afresh anyway.
 */
export async function deleteEndedWindows(db: Kysely<Database>, prefix: string, before: Date): Promise<void> {
  await db
    .deleteFrom('rate_limits')
    .where('key', 'like', `${prefix}%`)
    .where('window_start', '<=', before.toISOString())
    .execute();
}
