/**
 * The rules for signing in and for changing accounts: plain functions, no queries. The use
 * cases in src/usecases/sign-in.ts and src/usecases/accounts.ts read the facts and apply them.
 */
import { randomInt } from 'node:crypto';
import type { Role } from '../../db/schema.ts';

/** Sign-in throttle: this many failures in the window refuse further attempts for the window. */
export const LOGIN_WINDOW_MINUTES = 15;
export const LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;
/** Higher per address: a city office signs in from behind one NAT address. */
export const LOGIN_MAX_FAILURES_PER_IP = 20;
/** An address the account signed in from within this many days is its owner's usual one. */
export const LOGIN_KNOWN_ADDRESS_DAYS = 90;

/** Failed sign-ins counted in the window, for the account typed and for the client address. */
export interface LoginFailures {
  /** For the account, from addresses it has not signed in from (see LOGIN_KNOWN_ADDRESS_DAYS). */
  account: number;
  ip: number;
  /** The account has signed in from this address before. */
  knownAddress: boolean;
}

/**
 * True when a sign-in attempt must be refused without checking the password. The per-account
 * limit stops guessing from new addresses without locking the owner out: failures from an
 * address the account signed in from do not count towards it, and such an address is held
 * only to the per-address limit. So nobody can lock an account from elsewhere.
 */
export function signInThrottled(failures: LoginFailures): boolean {
  if (failures.ip >= LOGIN_MAX_FAILURES_PER_IP) return true;
  return !failures.knownAddress && failures.account >= LOGIN_MAX_FAILURES_PER_ACCOUNT;
}

/** Why an administrator may not make a change to an account. */
export type AccountChangeRefusal = 'self' | 'last_admin';

/**
 * An admin may not change their own role or disable themselves (another admin must), and no
 * change may leave the city without an active administrator.
 */
export function accountChangeRefusal(o: {
  actorId: number | null;
  target: { id: number; role: Role; disabled_at: string | null };
  /** The change takes the admin role away (demotion or disabling). */
  losesAdmin: boolean;
  activeAdmins: number;
}): AccountChangeRefusal | null {
  if (o.target.id === o.actorId) return 'self';
  if (o.losesAdmin && o.target.role === 'admin' && !o.target.disabled_at && o.activeAdmins <= 1) {
    return 'last_admin';
  }
  return null;
}

/**
 * A password easy to read out and type, such as `k7mp-w3xa-9rtd-2hqe`: groups of four from 31
 * letters and digits that are not mistaken for one another (no 0/o, 1/l/i), about 20 bits per
 * group. An administrator's temporary password has four groups (about 80 bits); it is shown
 * once, and the account must replace it at its first sign-in.
 */
export function readablePassword(groups = 4): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return Array.from({ length: groups }, group).join('-');
}
