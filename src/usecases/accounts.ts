/**
 * An administrator's changes to accounts: create, change role, disable, enable, reset the
 * password. Each checks the rules of src/domain/accounts.ts inside its transaction (so two
 * admins cannot each remove the other's rights at once) and records before and after.
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
import { type AccountChangeRefusal, accountChangeRefusal } from '../domain/accounts.ts';
import { hashPassword } from '../lib/auth.ts';

type Db = Kysely<Database>;
type Change = Omit<AuditEntry, 'actorId' | 'actorLabel' | 'ip' | 'targetType' | 'targetId'>;
/** The account being changed, as the route loaded it. */
export type TargetAccount = Omit<User, 'password_hash'>;

/** Creates an account; returns its id. The email must not be registered yet (the form checks). */
export async function createAccount(
  db: Db,
  actor: Actor,
  input: { email: string; displayName: string; role: Role; password: string },
  now: Date,
): Promise<number> {
  const passwordHash = await hashPassword(input.password);
  const email = normaliseEmail(input.email);
  const { displayName, role } = input;
  return db.transaction().execute(async (trx) => {
    const id = await insertUser(trx, { email, displayName, role, passwordHash }, now);
    await appendAuditBy(trx, actor, now, {
      action: 'user.create',
      targetType: 'user',
      targetId: id,
      after: { email, display_name: displayName, role },
    });
    return id;
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

/** Sets a new password for someone else and ends their sessions. Not for one's own account. */
export async function resetPassword(
  db: Db,
  c: ChangeOf,
  password: string,
): Promise<AccountChangeRefusal | null> {
  if (c.target.id === c.actor.id) return 'self';
  const hash = await hashPassword(password);
  return change(db, c, false, async (trx) => {
    await updateUserPassword(trx, c.target.id, hash, c.now);
    const ended = await deleteUserSessions(trx, c.target.id);
    const after = { password_changed_at: c.now.toISOString(), sessions_ended: ended };
    return {
      action: 'user.password_reset',
      before: { password_changed_at: c.target.password_changed_at },
      after,
    };
  });
}
