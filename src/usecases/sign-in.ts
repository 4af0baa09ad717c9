/**
 * Signing in and out, changing one's own password, and creating the first administrator. Each
 * use case checks its rule, writes in one transaction and records itself in the audit log.
 * Password hashing is slow on purpose, so it always happens before a transaction opens.
 */
import type { Kysely } from 'kysely';
import type { Database, Role } from '../../db/schema.ts';
import { type Actor, appendAuditBy, countLoginFailures } from '../data/audit.ts';
import {
  deleteExpiredSessions,
  deleteSessionByToken,
  deleteUserSessions,
  insertSession,
  isSetupTokenValid,
  useSetupToken,
} from '../data/sessions.ts';
import {
  countActiveAdmins,
  findUserByEmail,
  findUserById,
  insertUser,
  normaliseEmail,
  recordSignIn,
  updateUserPassword,
} from '../data/users.ts';
import { LOGIN_KNOWN_ADDRESS_DAYS, LOGIN_WINDOW_MINUTES, signInThrottled } from '../domain/accounts.ts';
import { hashPassword, verifyPassword } from '../lib/auth.ts';
import { writeCitySettings } from './city.ts';

let dummyHash: Promise<string> | undefined;
/** A hash to verify against when the account does not exist, so the timing is the same. */
function dummy(): Promise<string> {
  dummyHash ??= hashPassword('koe-dummy-password-for-timing');
  return dummyHash;
}

export type SignInResult =
  | { kind: 'throttled' }
  | { kind: 'refused' }
  | { kind: 'signed_in'; token: string; role: Role; mustChangePassword: boolean };

/**
 * Checks the throttle, then the password; on success ends the browser's previous session (if
 * any) and starts a new one. Every outcome is in the audit log, which is also what the
 * throttle counts.
 */
export async function signIn(
  db: Kysely<Database>,
  input: { email: string; password: string; ip: string; previousToken?: string; sessionMaxHours: number },
  now: Date,
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const ip = input.ip;
  const anonymous: Actor = { id: null, label: email, ip };
  const since = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  const knownSince = new Date(now.getTime() - LOGIN_KNOWN_ADDRESS_DAYS * 86_400_000);
  if (signInThrottled(await countLoginFailures(db, { email, ip, since, knownSince }))) {
    await appendAuditBy(db, anonymous, now, { action: 'login.throttled' });
    return { kind: 'throttled' };
  }

  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await dummy()));
  if (!user || !ok || user.disabled_at) {
    const reason = !user ? 'unknown_account' : !ok ? 'wrong_password' : 'disabled';
    await appendAuditBy(db, anonymous, now, {
      action: 'login.failed',
      targetType: user ? 'user' : undefined,
      targetId: user?.id,
      after: { reason },
    });
    return { kind: 'refused' };
  }

  const token = await db.transaction().execute(async (trx) => {
    if (input.previousToken) await deleteSessionByToken(trx, input.previousToken);
    await deleteExpiredSessions(trx, now);
    const tok = await insertSession(trx, user.id, now, input.sessionMaxHours);
    await recordSignIn(trx, user.id, now);
    await appendAuditBy(trx, { id: user.id, label: user.email, ip }, now, {
      action: 'login',
      targetType: 'user',
      targetId: user.id,
    });
    return tok;
  });
  return { kind: 'signed_in', token, role: user.role, mustChangePassword: user.must_change_password === 1 };
}

/** Ends the session the browser's cookie names; recorded when someone was signed in. */
export async function signOut(
  db: Kysely<Database>,
  token: string,
  actor: Actor | null,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSessionByToken(trx, token);
    if (actor?.id) {
      await appendAuditBy(trx, actor, now, { action: 'logout', targetType: 'user', targetId: actor.id });
    }
  });
}

/** Why one's own password change was refused. */
export type PasswordChangeRefusal = 'current_wrong' | 'same_as_current' | 'no_account';

/**
 * Changes the signed-in user's own password after checking the current one (or the temporary
 * one an administrator gave), and ends their other sessions (a stolen session does not survive
 * the change); this session stays. The password is the person's own from now on.
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  actor: Actor,
  own: { id: number; sessionId: string },
  input: { current: string; password: string },
  now: Date,
): Promise<PasswordChangeRefusal | null> {
  const row = await findUserById(db, own.id);
  if (!row) return 'no_account';
  if (!(await verifyPassword(input.current, row.password_hash))) return 'current_wrong';
  if (input.password === input.current) return 'same_as_current';
  const hash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await updateUserPassword(trx, own.id, hash, now);
    const ended = await deleteUserSessions(trx, own.id, own.sessionId);
    await appendAuditBy(trx, actor, now, {
      action: 'user.password_change',
      targetType: 'user',
      targetId: own.id,
      before: {
        password_changed_at: row.password_changed_at,
        ...(row.must_change_password ? { must_change_password: true } : {}),
      },
      after: {
        password_changed_at: now.toISOString(),
        other_sessions_ended: ended,
        ...(row.must_change_password ? { must_change_password: false } : {}),
      },
    });
  });
  return null;
}

/** A setup link works while it is unused and unexpired, and only while no active admin exists. */
export async function setupLinkUsable(db: Kysely<Database>, token: string, now: Date): Promise<boolean> {
  return (await isSetupTokenValid(db, token, now)) && (await countActiveAdmins(db)) === 0;
}

/**
 * Creates the first administrator through a one-time setup link and signs them in. Returns the
 * new session's token, or null when the link was used up meanwhile (two tabs, two people).
 */
export async function createFirstAdmin(
  db: Kysely<Database>,
  input: {
    setupToken: string;
    email: string;
    displayName: string;
    password: string;
    /** The city's name, asked for on the same page (its settings page holds the rest). */
    city: { nameJa: string; nameEn: string };
    ip: string;
    previousToken?: string;
    sessionMaxHours: number;
  },
  now: Date,
): Promise<string | null> {
  const passwordHash = await hashPassword(input.password);
  const email = normaliseEmail(input.email);
  return db.transaction().execute(async (trx) => {
    if (!(await useSetupToken(trx, input.setupToken, now))) return null;
    if ((await countActiveAdmins(trx)) > 0) return null;
    const id = await insertUser(
      trx,
      { email, displayName: input.displayName, role: 'admin', passwordHash },
      now,
    );
    if (input.previousToken) await deleteSessionByToken(trx, input.previousToken);
    const token = await insertSession(trx, id, now, input.sessionMaxHours);
    await recordSignIn(trx, id, now);
    const actor = { id, label: email, ip: input.ip };
    await appendAuditBy(trx, actor, now, {
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      after: { email, display_name: input.displayName, role: 'admin', via: 'setup_link' },
    });
    await writeCitySettings(trx, actor, now, (before) => ({ ...before, ...input.city }));
    return token;
  });
}
