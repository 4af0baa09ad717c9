/**
 * Signing in and out (/login, /logout). The throttle, the password check and the new session
 * are the use case's (src/usecases/sign-in.ts); this file reads the form and answers.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { type LoginForm, LoginPage } from '../../../views/pages/auth/LoginPage.tsx';
import { LOGIN_WINDOW_MINUTES } from '../../domain/accounts.ts';
import type { AppEnv } from '../../env.ts';
import { pageCtx, seeOther } from '../../http/render.tsx';
import {
  clearSessionCookie,
  PASSWORD_CHANGE_PATH,
  sessionCookie,
  setSessionCookie,
} from '../../http/session.ts';
import { type FieldErrors, formValues, validatorsFor } from '../../http/validate.ts';
import { t } from '../../lib/i18n.ts';
import { homeOf, mayOpen } from '../../lib/roles.ts';
import { loginSchema, nextPath, safeNext } from '../../schemas/auth.ts';
import { signIn, signOut } from '../../usecases/sign-in.ts';

export const login = new Hono<AppEnv>();
const { form, query } = validatorsFor<AppEnv>();

type Status = 401 | 422 | 429;

function loginPage(
  c: Context<AppEnv>,
  values: LoginForm,
  o: { errors?: FieldErrors; message?: string; status?: Status } = {},
) {
  const page = <LoginPage ctx={pageCtx(c)} form={values} errors={o.errors} message={o.message} />;
  return c.render(page, { title: t(c.var.lang, 'ログイン', 'Sign in'), status: o.status });
}

login.get('/login', query(z.object({ next: nextPath })), (c) =>
  loginPage(c, { email: '', next: c.req.valid('query').next }),
);

login.post(
  '/login',
  form(loginSchema, (c, input, errors) => {
    const values = formValues(input, { email: '', next: '' });
    return loginPage(
      c,
      { email: values.email.trim().slice(0, 254), next: safeNext(values.next) ?? '' },
      { errors, status: 422 },
    );
  }),
  async (c) => {
    const { email, password, next } = c.req.valid('form');
    const { lang, db, clock, config } = c.var;
    const result = await signIn(
      db,
      {
        email,
        password,
        ip: c.var.clientIp,
        previousToken: sessionCookie(c),
        sessionMaxHours: config.sessionMaxHours,
      },
      clock.now(),
    );
    const values = { email, next };
    if (result.kind === 'throttled') {
      c.header('Retry-After', String(LOGIN_WINDOW_MINUTES * 60));
      const message = t(
        lang,
        `ログインの失敗が続いたため、受付を一時停止しています。${LOGIN_WINDOW_MINUTES}分ほど待ってから、もう一度お試しください。`,
        `Too many failed sign-in attempts. Please wait about ${LOGIN_WINDOW_MINUTES} minutes and try again.`,
      );
      return loginPage(c, values, { message, status: 429 });
    }
    if (result.kind === 'refused') {
      const message = t(
        lang,
        'メールアドレスまたはパスワードが正しくありません。',
        'The email address or password is not correct.',
      );
      return loginPage(c, values, { message, status: 401 });
    }
    setSessionCookie(c, result.token);
    // A page the role cannot open would greet them with a refusal: their home instead.
    const destination = next && mayOpen(result.role, next) ? next : homeOf(result.role);
    // A temporary password (from an administrator) is replaced before anything else.
    if (result.mustChangePassword) {
      return seeOther(c, `${PASSWORD_CHANGE_PATH}?next=${encodeURIComponent(destination)}`);
    }
    return seeOther(c, destination);
  },
);

login.post('/logout', async (c) => {
  const token = sessionCookie(c);
  const user = c.var.user;
  if (token) {
    const actor = user ? { id: user.id, label: user.email, ip: c.var.clientIp } : null;
    await signOut(c.var.db, token, actor, c.var.clock.now());
  }
  clearSessionCookie(c);
  return seeOther(c, '/');
});
