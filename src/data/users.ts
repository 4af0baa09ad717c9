import type { Kysely, Transaction } from 'kysely';
import type { Database, Role, User } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** Emails are compared without case (the column is NOCASE) and stored trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

export interface NewUserInput {
  email: string;
  displayName?: string;
  role: Role;
  /** Already hashed with hashPassword(): hashing is slow and must not run inside a transaction. */
  passwordHash: string;
  /** A temporary password: the account must choose its own at the first sign-in. */
  mustChangePassword?: boolean;
}

/** Inserts an account and returns its id. The email must not be in use (see findUserByEmail). */
export async function insertUser(db: Db, input: NewUserInput, now: Date): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      email: normaliseEmail(input.email),
      display_name: input.displayName?.trim() ?? '',
      role: input.role,
      password_hash: input.passwordHash,
      disabled_at: null,
      created_at: now.toISOString(),
      password_changed_at: now.toISOString(),
      must_change_password: input.mustChangePassword ? 1 : 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
}

/** True when an account with this email exists (compared without case). */
export async function isEmailRegistered(db: Db, email: string): Promise<boolean> {
  return (await findUserByEmail(db, email)) !== undefined;
}

export async function findUserById(db: Db, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An account as shown in lists: never the password hash. */
export type UserSummary = Omit<User, 'password_hash'>;

export async function listUsers(db: Db): Promise<UserSummary[]> {
  return db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'display_name',
      'role',
      'disabled_at',
      'created_at',
      'password_changed_at',
      'must_change_password',
      'last_login_at',
    ])
    .orderBy('role')
    .orderBy('email')
    .execute();
}

/** Active (not disabled) administrators: the last one may not be disabled or demoted. */
export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Sets a password; `temporary`: one an admin made, which the account must replace at sign-in. */
export async function updateUserPassword(
  db: Db,
  id: number,
  passwordHash: string,
  now: Date,
  temporary = false,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      password_changed_at: now.toISOString(),
      must_change_password: temporary ? 1 : 0,
    })
    .where('id', '=', id)
    .execute();
}

/** Records a successful sign-in (shown on the account pages). */
export async function recordSignIn(db: Db, id: number, now: Date): Promise<void> {
  await db.updateTable('users').set({ last_login_at: now.toISOString() }).where('id', '=', id).execute();
}

export async function updateUserRole(db: Db, id: number, role: Role): Promise<void> {
  await db.updateTable('users').set({ role }).where('id', '=', id).execute();
}

/** Disables (with the time) or enables (null) an account. */
export async function setUserDisabled(db: Db, id: number, disabledAt: Date | null): Promise<void> {
  await db
    .updateTable('users')
    .set({ disabled_at: disabledAt ? disabledAt.toISOString() : null })
    .where('id', '=', id)
    .execute();
}

/** The account's latest sign-ins, newest first, from the audit log (which records each one). */
export async function listSignIns(db: Db, userId: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('at')
    .where('target_kind', '=', 'user')
    .where('target_id', '=', String(userId))
    .where('action', '=', 'login')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.at);
}
