import type { Kysely, Transaction } from 'kysely';
import type { Database, Role } from '../../db/schema.ts';
import { hashToken, newToken } from '../lib/auth.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A live-looking session and its account, as the session cookie's token finds them. */
export interface SessionRow {
  sid: string;
  last_seen_at: string;
  expires_at: string;
  id: number;
  email: string;
  display_name: string;
  role: Role;
  disabled_at: string | null;
  must_change_password: 0 | 1;
}

/** The session a cookie token belongs to, with its account; undefined when there is none. */
export function findSessionByToken(db: Db, token: string): Promise<SessionRow | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sid',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id',
      'users.email',
      'users.display_name',
      'users.role',
      'users.disabled_at',
      'users.must_change_password',
    ])
    .where('sessions.id', '=', hashToken(token))
    .executeTakeFirst();
}

/** Records that a session was used now (its idle clock restarts). */
export async function touchSession(db: Db, sid: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', sid).execute();
}

/** Ends one session by its stored id. */
export async function deleteSession(db: Db, sid: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sid).execute();
}

/**
 * Starts a session and returns the token for the cookie. Only its sha256 is stored, so a copy
 * of the database does not hand out live sessions. It ends at `now + maxHours` at the latest.
 */
export async function insertSession(db: Db, userId: number, now: Date, maxHours: number): Promise<string> {
  const token = newToken();
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + maxHours * 3_600_000).toISOString(),
    })
    .execute();
  return token;
}

/** Ends the session a cookie token belongs to (if any). */
export async function deleteSessionByToken(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

/** Ends every session of a user, except the one with the stored id `keepId` when given. */
export async function deleteUserSessions(db: Db, userId: number, keepId?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId) q = q.where('id', '!=', keepId);
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Removes sessions past their absolute lifetime; idle ones are removed when next seen. */
export async function deleteExpiredSessions(db: Db, now: Date): Promise<number> {
  const res = await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** A one-time link for creating the first administrator; returns the token for the URL. */
export async function insertSetupToken(db: Db, now: Date, hours = 24): Promise<string> {
  const token = newToken();
  await db
    .insertInto('setup_tokens')
    .values({
      token_hash: hashToken(token),
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + hours * 3_600_000).toISOString(),
      used_at: null,
    })
    .execute();
  return token;
}

/** True when the token exists, is unused and has not expired. */
export async function isSetupTokenValid(db: Db, token: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('setup_tokens')
    .select(['used_at', 'expires_at'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  return !!row && row.used_at === null && row.expires_at > now.toISOString();
}

/** Marks a valid token used; false when it was not valid (so two uses cannot both succeed). */
export async function useSetupToken(db: Db, token: string, now: Date): Promise<boolean> {
  const res = await db
    .updateTable('setup_tokens')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Withdraws every unused setup link, so only the newest one printed at start works. */
export async function deleteUnusedSetupTokens(db: Db): Promise<void> {
  await db.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
}
