/**
 * An administrator's changes to accounts: create, change role, disable, enable, reset the
 * password. Each checks the rules of src/domain/accounts.ts inside its transaction (so two
 * admins cannot each remove the other's rights at once) and records before and after.
 *
 * An administrator never chooses someone else's password: creating an account and resetting a
 * password make a temporary one, returned to be shown once, which the account must replace at
 * its next sign-in. It is never stored or logged in clear.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database, Role, User } from '../../db/schema.ts';
import { type Actor, type AuditEntry, appendAuditBy } from '../data/audit.ts';
import { deleteUserSessions } from '../data/sessions.ts';
import {
  countActiveAdmins,
  insertUser,
  normaliseEmail,
  setUserDisabled,
  updateUserPassword,
  updateUserRole,
} from '../data/users.ts';
import { listDepartments, setUserDepartments } from '../data/departments.ts';
import { type AccountChangeRefusal, accountChangeRefusal, readablePassword } from '../domain/accounts.ts';
import { hashPassword } from '../lib/auth.ts';

type Db = Kysely<Database>;
type Change = Omit<AuditEntry, 'actorId' | 'actorLabel' | 'ip' | 'targetType' | 'targetId'>;
/** The account being changed, as the route loaded it. */
export type TargetAccount = Omit<User, 'password_hash'>;

/** A new account's id and the temporary password to hand over. */
export interface CreatedAccount {
  id: number;
  temporaryPassword: string;
}

/**
 * Creates an account with a temporary password, working for `departmentIds` (staff); the email
 * must not be registered yet (the form checks). Null when a department does not exist.
 */
export async function createAccount(
  db: Db,
  actor: Actor,
  input: { email: string; displayName: string; role: Role; departmentIds: readonly number[] },
  now: Date,
): Promise<CreatedAccount | null> {
  const temporaryPassword = readablePassword();
  const passwordHash = await hashPassword(temporaryPassword);
  const email = normaliseEmail(input.email);
  const { displayName, role } = input;
  const departmentIds = role === 'staff' ? input.departmentIds : [];
  return db.transaction().execute(async (trx) => {
    const known = await listDepartments(trx);
    const departments = departmentIds.map((id) => known.find((d) => d.id === id)?.name);
    if (departments.some((name) => name === undefined)) return null;
    const id = await insertUser(
      trx,
      { email, displayName, role, passwordHash, mustChangePassword: true },
      now,
    );
    await setUserDepartments(trx, id, departmentIds);
    await appendAuditBy(trx, actor, now, {
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      after: {
        email,
        display_name: displayName,
        role,
        ...(role === 'staff' ? { departments } : {}),
        must_change_password: true,
      },
    });
    return { id, temporaryPassword };
  });
}

/** Who changes which account, and when. */
interface ChangeOf {
  actor: Actor;
  target: TargetAccount;
  now: Date;
}

/**
 * Runs one change to `target` in a transaction, unless the rules refuse it: `write` makes the
 * change and returns its audit entry, or null when there was nothing to change. `losesAdmin`:
 * the change takes the admin role away (demotion, disabling).
 */
async function change(
  db: Db,
  { actor, target, now }: ChangeOf,
  losesAdmin: boolean,
  write: (trx: Transaction<Database>) => Promise<Change | null>,
): Promise<AccountChangeRefusal | null> {
  return db.transaction().execute(async (trx) => {
    const activeAdmins = losesAdmin ? await countActiveAdmins(trx) : Number.POSITIVE_INFINITY;
    const refused = accountChangeRefusal({ actorId: actor.id, target, losesAdmin, activeAdmins });
    if (refused) return refused;
    const entry = await write(trx);
    if (entry) await appendAuditBy(trx, actor, now, { ...entry, targetType: 'user', targetId: target.id });
    return null;
  });
}

export function changeRole(db: Db, c: ChangeOf, role: Role) {
  return change(db, c, role !== 'admin', async (trx) => {
    if (role === c.target.role) return null;
    await updateUserRole(trx, c.target.id, role);
    return { action: 'user.role_change', before: { role: c.target.role }, after: { role } };
  });
}

/** Disables an account and ends its sessions at once. */
export function disableAccount(db: Db, c: ChangeOf) {
  return change(db, c, true, async (trx) => {
    if (c.target.disabled_at) return null;
    await setUserDisabled(trx, c.target.id, c.now);
    const ended = await deleteUserSessions(trx, c.target.id);
    const after = { disabled_at: c.now.toISOString(), sessions_ended: ended };
    return { action: 'user.disable', before: { disabled_at: null }, after };
  });
}

export function enableAccount(db: Db, c: ChangeOf) {
  return change(db, c, false, async (trx) => {
    if (!c.target.disabled_at) return null;
    await setUserDisabled(trx, c.target.id, null);
    return {
      action: 'user.enable',
      before: { disabled_at: c.target.disabled_at },
      after: { disabled_at: null },
    };
  });
}

/**
 * Gives someone else a new temporary password and ends their sessions; they choose their own at
 * the next sign-in. Not for one's own account. Returns the password to show once, or why not.
 */
export async function resetPassword(
  db: Db,
  c: ChangeOf,
): Promise<{ refused: AccountChangeRefusal } | { temporaryPassword: string }> {
  if (c.target.id === c.actor.id) return { refused: 'self' };
  const temporaryPassword = readablePassword();
  const hash = await hashPassword(temporaryPassword);
  const refused = await change(db, c, false, async (trx) => {
    await updateUserPassword(trx, c.target.id, hash, c.now, true);
    const ended = await deleteUserSessions(trx, c.target.id);
    const after = {
      password_changed_at: c.now.toISOString(),
      must_change_password: true,
      sessions_ended: ended,
    };
    return {
      action: 'user.password_reset',
      before: { password_changed_at: c.target.password_changed_at },
      after,
    };
  });
  return refused ? { refused } : { temporaryPassword };
}
