/**
 * The account forms: sign-in, one's own password change, and the fields every form that creates
 * an account shares (the first administrator, an admin's new account). Messages as before.
 */
import { z } from 'zod';
import { MAX_PASSWORD_LENGTH, newPasswordErrors } from '../lib/auth.ts';
import { cityNameShape } from './city.ts';
import { sent, firstString, m, text } from './fields.ts';

/** Only a path on this site: starts with one '/', no scheme-relative '//' or '/\'. */
export function safeNext(next: string | undefined): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\\]/.test(next)) return null;
  return next;
}

/** Where to go after signing in: a local path, or '' for the role's home. */
export const nextPath = sent().transform((v) => safeNext(firstString(v).slice(0, 2000)) ?? '');

/**
 * A password as typed: never cleaned or trimmed (every character counts), only bounded by code
 * units before anything looks at it.
 */
function secret(required: string) {
  return sent().transform((value, ctx): string => {
    const v = firstString(value);
    if (v === '' || v.length > MAX_PASSWORD_LENGTH * 4) {
      ctx.issues.push({ code: 'custom', message: v === '' ? required : tooLongPassword, input: '' });
      return z.NEVER;
    }
    return v;
  });
}

const tooLongPassword = m(
  `パスワードが長すぎます。${MAX_PASSWORD_LENGTH}文字以内にしてください。`,
  `The password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`,
);

/** Both languages of the rule in src/lib/auth.ts (shared with the command line). */
function passwordRule(password: string, confirm: string) {
  const ja = newPasswordErrors('ja', password, confirm);
  const en = newPasswordErrors('en', password, confirm);
  return {
    password: ja.password && en.password ? m(ja.password, en.password) : undefined,
    password_confirm:
      ja.password_confirm && en.password_confirm ? m(ja.password_confirm, en.password_confirm) : undefined,
  };
}

/** A new password: long enough, not too long (NIST SP 800-63B: length is the rule). */
const newPassword = sent().transform((value, ctx): string => {
  const v = firstString(value);
  const error = v.length > MAX_PASSWORD_LENGTH * 4 ? tooLongPassword : passwordRule(v, v).password;
  if (error) {
    ctx.issues.push({ code: 'custom', message: error, input: '' });
    return z.NEVER;
  }
  return v;
});

/** `password` and `password_confirm`, as every form that sets a password has them. */
export const newPasswordShape = {
  password: newPassword,
  password_confirm: sent().transform(firstString),
};

const mismatch = (() => {
  const { password_confirm } = passwordRule('x'.repeat(64), '');
  return password_confirm ?? '';
})();

/**
 * Adds the "typed the same twice" check to a form with `newPasswordShape`. It runs even when
 * another field failed (so the person sees every problem at once), but not when the password
 * itself was refused.
 */
export function confirmed<S extends z.ZodObject<typeof newPasswordShape & z.ZodRawShape>>(schema: S) {
  return schema.refine((v) => v.password === v.password_confirm, {
    path: ['password_confirm'],
    message: mismatch,
    when: (payload) => {
      const value = payload.value as { password?: unknown };
      return typeof value.password === 'string';
    },
  });
}

export const loginSchema = z.object({
  email: text({
    max: 254,
    line: true,
    required: m('メールアドレスを入力してください。', 'Enter your email address.'),
  }),
  password: secret(m('パスワードを入力してください。', 'Enter your password.')),
  next: nextPath,
});

export const passwordChangeSchema = confirmed(
  z.object({
    current_password: secret(m('現在のパスワードを入力してください。', 'Enter your current password.')),
    ...newPasswordShape,
    /** After a temporary password: where the person was going. */
    next: nextPath,
  }),
);

const badEmail = m(
  'メールアドレスの形式が正しくありません（例：taro@city.example.lg.jp）。',
  'This does not look like an email address (for example: taro@city.example.lg.jp).',
);

/**
 * An address for a new account: a plain shape check (it is only used to sign in, never to send
 * mail) and not registered yet. `isTaken` asks the database; the schema runs no query itself.
 */
function newEmail(isTaken: (email: string) => Promise<boolean>) {
  return text({
    max: 254,
    line: true,
    required: m('メールアドレスを入力してください。', 'Enter an email address.'),
    tooLong: () => badEmail,
  }).transform(async (email, ctx) => {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      ctx.issues.push({ code: 'custom', message: badEmail, input: '' });
      return z.NEVER;
    }
    if (await isTaken(email)) {
      ctx.issues.push({
        code: 'custom',
        message: m(
          'このメールアドレスはすでに登録されています。',
          'This email address is already registered.',
        ),
        input: '',
      });
      return z.NEVER;
    }
    return email;
  });
}

/** The fields of every form that creates an account (email, display name, new password). */
export function newAccountShape(isTaken: (email: string) => Promise<boolean>) {
  return {
    email: newEmail(isTaken),
    display_name: text({
      max: 100,
      line: true,
      required: m('表示名を入力してください。', 'Enter a display name.'),
      tooLong: () => m('表示名は100文字以内にしてください。', 'Use at most 100 characters.'),
    }),
    ...newPasswordShape,
  };
}

/** The first administrator (the one-time setup link), with the city's name. */
export const setupSchema = (isTaken: (email: string) => Promise<boolean>) =>
  confirmed(z.object({ ...newAccountShape(isTaken), ...cityNameShape }));
