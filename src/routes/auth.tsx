import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { AccountPage } from '../../views/pages/auth/AccountPage.tsx';
import { LoginPage } from '../../views/pages/auth/LoginPage.tsx';
import { SetupPage } from '../../views/pages/auth/SetupPage.tsx';
import type { FieldErrors } from '../../views/partials/forms.tsx';
import { appendAudit, countLoginFailures } from '../data/audit.ts';
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
  updateUserPassword,
} from '../data/users.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../http/session.ts';
import { hashPassword, newPasswordErrors, SESSION_COOKIE, verifyPassword } from '../lib/auth.ts';
import { t } from '../lib/i18n.ts';
import { pageCtx, render, seeOther } from '../lib/render.tsx';

/** Sign-in throttle: this many failures in the window refuse further attempts for the window. */
export const LOGIN_WINDOW_MINUTES = 15;
export const LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;
/** Higher per address: a city office signs in from behind one NAT address. */
export const LOGIN_MAX_FAILURES_PER_IP = 20;

export const authRoutes = new Hono<AppEnv>();

/** Only a path on this site: starts with one '/', no scheme-relative '//' or '/\'. */
export function safeNext(next: string | undefined): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  if (/[\u0000-\u001f\\]/.test(next)) return null;
  return next;
}

function areaFor(role: string): 'staff' | 'council' {
  return role === 'council' ? 'council' : 'staff';
}

function homeFor(role: string): string {
  return role === 'council' ? '/council' : '/staff';
}

let dummyHash: Promise<string> | undefined;
/** A hash to verify against when the account does not exist, so the timing is the same. */
function dummy(): Promise<string> {
  dummyHash ??= hashPassword('koe-dummy-password-for-timing');
  return dummyHash;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Starts a session for the user in the browser: a new id, the old one (if any) ended. */
function setSessionCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.config.secureCookies,
    maxAge: c.var.config.sessionMaxHours * 3600,
  });
}

authRoutes.get('/login', (c) => {
  const next = safeNext(c.req.query('next')) ?? '';
  return render(c, {
    title: t(c.var.lang, 'ログイン', 'Sign in'),
    body: <LoginPage ctx={pageCtx(c)} form={{ email: '', next }} />,
  });
});

authRoutes.post('/login', async (c) => {
  const { lang, db, clock, config } = c.var;
  const body = await c.req.parseBody();
  const emailTyped = str(body.email).trim().slice(0, 254);
  const password = str(body.password);
  const next = safeNext(str(body.next)) ?? '';
  const form = { email: emailTyped, next };
  const title = t(lang, 'ログイン', 'Sign in');

  const errors: FieldErrors = {};
  if (!emailTyped) errors.email = t(lang, 'メールアドレスを入力してください。', 'Enter your email address.');
  if (!password) errors.password = t(lang, 'パスワードを入力してください。', 'Enter your password.');
  if (errors.email || errors.password) {
    return render(c, {
      title,
      body: <LoginPage ctx={pageCtx(c)} form={form} errors={errors} />,
      status: 422,
    });
  }

  const email = normaliseEmail(emailTyped);
  const now = clock.now();
  const ip = c.var.clientIp;
  const failures = await countLoginFailures(db, {
    email,
    ip,
    since: new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000),
  });
  if (failures.account >= LOGIN_MAX_FAILURES_PER_ACCOUNT || failures.ip >= LOGIN_MAX_FAILURES_PER_IP) {
    await appendAudit(db, { actorId: null, actorLabel: email, action: 'login.throttled', ip }, now);
    c.header('Retry-After', String(LOGIN_WINDOW_MINUTES * 60));
    const message = t(
      lang,
      `ログインの失敗が続いたため、受付を一時停止しています。${LOGIN_WINDOW_MINUTES}分ほど待ってから、もう一度お試しください。`,
      `Too many failed sign-in attempts. Please wait about ${LOGIN_WINDOW_MINUTES} minutes and try again.`,
    );
    return render(c, {
      title,
      body: <LoginPage ctx={pageCtx(c)} form={form} message={message} />,
      status: 429,
    });
  }

  const user = await findUserByEmail(db, email);
  const ok = await verifyPassword(password, user?.password_hash ?? (await dummy()));
  if (!user || !ok || user.disabled_at) {
    const reason = !user ? 'unknown_account' : !ok ? 'wrong_password' : 'disabled';
    await appendAudit(
      db,
      {
        actorId: null,
        actorLabel: email,
        action: 'login.failed',
        targetType: user ? 'user' : undefined,
        targetId: user?.id,
        after: { reason },
        ip,
      },
      now,
    );
    const message = t(
      lang,
      'メールアドレスまたはパスワードが正しくありません。',
      'The email address or password is not correct.',
    );
    return render(c, {
      title,
      body: <LoginPage ctx={pageCtx(c)} form={form} message={message} />,
      status: 401,
    });
  }

  const previous = getCookie(c, SESSION_COOKIE);
  const token = await db.transaction().execute(async (trx) => {
    if (previous) await deleteSessionByToken(trx, previous);
    await deleteExpiredSessions(trx, now);
    const tok = await insertSession(trx, user.id, now, config.sessionMaxHours);
    await appendAudit(
      trx,
      {
        actorId: user.id,
        actorLabel: user.email,
        action: 'login',
        targetType: 'user',
        targetId: user.id,
        ip,
      },
      now,
    );
    return tok;
  });
  setSessionCookie(c, token);
  return seeOther(c, next || homeFor(user.role));
});

authRoutes.post('/logout', async (c) => {
  const { db, clock, user } = c.var;
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    await db.transaction().execute(async (trx) => {
      await deleteSessionByToken(trx, token);
      if (user) {
        await appendAudit(
          trx,
          {
            actorId: user.id,
            actorLabel: user.email,
            action: 'logout',
            targetType: 'user',
            targetId: user.id,
            ip: c.var.clientIp,
          },
          clock.now(),
        );
      }
    });
  }
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.var.config.secureCookies });
  return seeOther(c, '/');
});

authRoutes.use('/account', requireRole('admin', 'staff', 'council'));
authRoutes.use('/account/*', requireRole('admin', 'staff', 'council'));

authRoutes.get('/account', async (c) => {
  const user = c.var.user!;
  const row = await findUserById(c.var.db, user.id);
  return render(c, {
    title: t(c.var.lang, 'アカウント', 'Your account'),
    body: (
      <AccountPage
        ctx={pageCtx(c)}
        user={user}
        passwordChangedAt={row?.password_changed_at ?? null}
        changed={c.req.query('changed') === '1'}
      />
    ),
    area: areaFor(user.role),
  });
});

authRoutes.post('/account/password', async (c) => {
  const { lang, db, clock } = c.var;
  const user = c.var.user!;
  const body = await c.req.parseBody();
  const current = str(body.current_password);
  const password = str(body.password);
  const confirm = str(body.password_confirm);
  const row = await findUserById(db, user.id);
  if (!row) throw new HTTPException(404);

  const errors: FieldErrors = newPasswordErrors(lang, password, confirm);
  if (!current) {
    errors.current_password = t(lang, '現在のパスワードを入力してください。', 'Enter your current password.');
  } else if (!(await verifyPassword(current, row.password_hash))) {
    errors.current_password = t(
      lang,
      '現在のパスワードが正しくありません。',
      'Your current password is not correct.',
    );
  } else if (!errors.password && password === current) {
    errors.password = t(
      lang,
      '新しいパスワードは、現在のパスワードと違うものにしてください。',
      'Choose a new password that differs from the current one.',
    );
  }
  if (Object.values(errors).some(Boolean)) {
    return render(c, {
      title: t(lang, 'アカウント', 'Your account'),
      body: (
        <AccountPage
          ctx={pageCtx(c)}
          user={user}
          passwordChangedAt={row.password_changed_at}
          errors={errors}
        />
      ),
      status: 422,
      area: areaFor(user.role),
    });
  }

  const hash = await hashPassword(password);
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await updateUserPassword(trx, user.id, hash, now);
    const ended = await deleteUserSessions(trx, user.id, user.sessionId);
    await appendAudit(
      trx,
      {
        actorId: user.id,
        actorLabel: user.email,
        action: 'user.password_change',
        targetType: 'user',
        targetId: user.id,
        before: { password_changed_at: row.password_changed_at },
        after: { password_changed_at: now.toISOString(), other_sessions_ended: ended },
        ip: c.var.clientIp,
      },
      now,
    );
  });
  return seeOther(c, '/account?changed=1');
});

function invalidSetupLink(lang: AppEnv['Variables']['lang']): never {
  throw new HTTPException(404, {
    message: t(
      lang,
      'この登録用リンクは使えません。すでに使われたか、期限（24時間）が切れたか、アドレスが正しくありません。サーバーを再起動すると、管理者がいない場合は新しいリンクが表示されます。',
      'This setup link cannot be used: it was already used, it expired (after 24 hours), or the address is wrong. If no administrator exists, restarting the server prints a new link.',
    ),
  });
}

async function setupUsable(c: Context<AppEnv>, token: string): Promise<boolean> {
  const { db, clock } = c.var;
  return (await isSetupTokenValid(db, token, clock.now())) && (await countActiveAdmins(db)) === 0;
}

authRoutes.get('/setup/:token', async (c) => {
  const token = c.req.param('token');
  if (!(await setupUsable(c, token))) invalidSetupLink(c.var.lang);
  return render(c, {
    title: t(c.var.lang, '最初のシステム管理者の登録', 'Create the first administrator'),
    body: <SetupPage ctx={pageCtx(c)} token={token} form={{ email: '', display_name: '' }} />,
  });
});

authRoutes.post('/setup/:token', async (c) => {
  const { lang, db, clock, config } = c.var;
  const token = c.req.param('token');
  if (!(await setupUsable(c, token))) invalidSetupLink(lang);
  const { form, password, errors } = await readNewAccount(db, lang, await c.req.parseBody());
  if (Object.values(errors).some(Boolean)) {
    return render(c, {
      title: t(lang, '最初のシステム管理者の登録', 'Create the first administrator'),
      body: <SetupPage ctx={pageCtx(c)} token={token} form={form} errors={errors} />,
      status: 422,
    });
  }

  const hash = await hashPassword(password);
  const now = clock.now();
  const previous = getCookie(c, SESSION_COOKIE);
  const session = await db.transaction().execute(async (trx) => {
    if (!(await useSetupToken(trx, token, now))) return null;
    if ((await countActiveAdmins(trx)) > 0) return null;
    const id = await insertUser(
      trx,
      { email: form.email, displayName: form.display_name, role: 'admin', passwordHash: hash },
      now,
    );
    if (previous) await deleteSessionByToken(trx, previous);
    const tok = await insertSession(trx, id, now, config.sessionMaxHours);
    const email = normaliseEmail(form.email);
    await appendAudit(
      trx,
      {
        actorId: id,
        actorLabel: email,
        action: 'user.create',
        targetType: 'user',
        targetId: id,
        after: { email, display_name: form.display_name, role: 'admin', via: 'setup_link' },
        ip: c.var.clientIp,
      },
      now,
    );
    return tok;
  });
  if (!session) invalidSetupLink(lang);
  setSessionCookie(c, session);
  return seeOther(c, '/staff/admin');
});

/**
 * The fields every form that creates an account shares (first administrator, admin's new
 * account): an email not yet registered, a display name, a new password typed twice.
 */
export async function readNewAccount(
  db: AppEnv['Variables']['db'],
  lang: AppEnv['Variables']['lang'],
  body: Record<string, unknown>,
): Promise<{ form: { email: string; display_name: string }; password: string; errors: FieldErrors }> {
  const form = { email: str(body.email).trim().slice(0, 254), display_name: str(body.display_name).trim() };
  const password = str(body.password);
  const errors: FieldErrors = newPasswordErrors(lang, password, str(body.password_confirm));
  const emailError = checkEmail(lang, form.email);
  if (emailError) errors.email = emailError;
  else if (await findUserByEmail(db, form.email)) {
    errors.email = t(
      lang,
      'このメールアドレスはすでに登録されています。',
      'This email address is already registered.',
    );
  }
  if (!form.display_name)
    errors.display_name = t(lang, '表示名を入力してください。', 'Enter a display name.');
  else if (form.display_name.length > 100) {
    errors.display_name = t(lang, '表示名は100文字以内にしてください。', 'Use at most 100 characters.');
  }
  return { form, password, errors };
}

/** A plain shape check: the address is only used to sign in, never to send mail. */
export function checkEmail(lang: AppEnv['Variables']['lang'], email: string): string | undefined {
  if (!email) return t(lang, 'メールアドレスを入力してください。', 'Enter an email address.');
  if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return t(
      lang,
      'メールアドレスの形式が正しくありません（例：taro@city.kurashiki.lg.jp）。',
      'This does not look like an email address (for example: taro@city.kurashiki.lg.jp).',
    );
  }
  return undefined;
}
