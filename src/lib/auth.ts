import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

// scrypt with N=2^15, r=8: 32 MiB per hash, about 60 ms here — memory-hard, as OWASP advises.
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** `scrypt$N$r$p$salt$hash`, all in one column so the parameters can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize('NFKC'), salt, 32, SCRYPT);
  return [
    'scrypt',
    SCRYPT.N,
    SCRYPT.r,
    SCRYPT.p,
    salt.toString('base64url'),
    hash.toString('base64url'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

export const SESSION_COOKIE = 'koe_session';

/** Session ids are stored hashed, so a copy of the database does not hand out live sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/**
 * Checks a new password typed twice. Length is the rule (NIST SP 800-63B): no composition
 * rules. Returns messages keyed by field name (`password`, `password_confirm`).
 */
export function newPasswordErrors(
  lang: 'ja' | 'en',
  password: string,
  confirm: string,
): Partial<Record<'password' | 'password_confirm', string>> {
  const errors: Partial<Record<'password' | 'password_confirm', string>> = {};
  const length = [...password].length;
  if (!password) {
    errors.password = lang === 'en' ? 'Enter a new password.' : '新しいパスワードを入力してください。';
  } else if (length < MIN_PASSWORD_LENGTH) {
    errors.password =
      lang === 'en'
        ? `The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters (now ${length}).`
        : `パスワードが短すぎます。${MIN_PASSWORD_LENGTH}文字以上にしてください（現在${length}文字）。`;
  } else if (length > MAX_PASSWORD_LENGTH) {
    errors.password =
      lang === 'en'
        ? `The password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`
        : `パスワードが長すぎます。${MAX_PASSWORD_LENGTH}文字以内にしてください。`;
  }
  if (password && !errors.password && confirm !== password) {
    errors.password_confirm =
      lang === 'en'
        ? 'The two passwords do not match. Type the same password again.'
        : '確認用のパスワードが一致しません。同じパスワードをもう一度入力してください。';
  }
  return errors;
}
