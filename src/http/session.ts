/**
 * Who is signed in, and who may pass. `loadSession` reads the session cookie on every request;
 * `requireRole` guards an area and sets `c.var.actor`, the name every change is audited under.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { Role } from '../../db/schema.ts';
import { deleteSession, findSessionByToken, touchSession } from '../data/sessions.ts';
import type { AppEnv, SignedInEnv } from '../env.ts';
import { SESSION_COOKIE } from '../lib/auth.ts';
import { t } from '../lib/i18n.ts';
import { homeOf, isAreaHome } from '../lib/roles.ts';
import { isHtmx } from './htmx.ts';

/**
 * Loads the signed-in user from the session cookie. A session ends after its idle time or its
 * absolute lifetime, whichever comes first; a disabled account's sessions end at once.
 */
export function loadSession(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', null);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const db = c.var.db;
      const now = c.var.clock.now();
      const row = await findSessionByToken(db, token);
      const idleMs = c.var.config.sessionIdleMinutes * 60_000;
      const idle = row ? now.getTime() - new Date(row.last_seen_at).getTime() : 0;
      if (row && !row.disabled_at && row.expires_at > now.toISOString() && idle < idleMs) {
        c.set('user', {
          id: row.id,
          email: row.email,
          displayName: row.display_name,
          role: row.role,
          sessionId: row.sid,
          mustChangePassword: row.must_change_password === 1,
        });
        // Touch at most once a minute: a write per request would serialise every page view.
        if (idle > 60_000) await touchSession(db, row.sid, now);
      } else if (row) {
        await deleteSession(db, row.sid);
      }
    }
    await next();
  };
}

/** Where a person signed in with a temporary password chooses their own (the only page open to them). */
export const PASSWORD_CHANGE_PATH = '/account/password';

/**
 * Guards a route for the given roles and sets `c.var.actor`. Not signed in: to /login (or 401
 * with `HX-Redirect` for htmx). Signed in with a temporary password: to the password change,
 * before anything else. Signed in with another role: 403, except that the home page of an area
 * leads to the person's own home (a council member who follows the footer's link to /staff
 * lands on /council, not on a refusal).
 */
export function requireRole(...roles: Role[]): MiddlewareHandler<SignedInEnv> {
  return async (c, next) => {
    const user = c.var.user;
    if (!user) return redirectToLogin(c);
    if (user.mustChangePassword && c.req.path !== PASSWORD_CHANGE_PATH) return redirectToPasswordChange(c);
    if (!roles.includes(user.role)) {
      if (c.req.method === 'GET' && isAreaHome(c.req.path)) return c.redirect(homeOf(user.role), 303);
      throw new HTTPException(403, {
        message: t(
          c.var.lang,
          'このページを表示する権限がありません。',
          'Your account does not have access to this page.',
        ),
      });
    }
    c.set('actor', { id: user.id, label: user.email, ip: c.var.clientIp });
    await next();
  };
}

function redirectToPasswordChange<E extends AppEnv>(c: Context<E>) {
  const url = new URL(c.req.url);
  const target = `${PASSWORD_CHANGE_PATH}?next=${encodeURIComponent(url.pathname + url.search)}`;
  if (isHtmx(c)) {
    c.header('HX-Redirect', target);
    return c.body(null, 204);
  }
  return c.redirect(target, 303);
}

function redirectToLogin<E extends AppEnv>(c: Context<E>) {
  const url = new URL(c.req.url);
  const next = encodeURIComponent(url.pathname + url.search);
  if (isHtmx(c)) {
    c.header('HX-Redirect', `/login?next=${next}`);
    return c.body(null, 401);
  }
  return c.redirect(`/login?next=${next}`, 303);
}

/** Hands the browser its new session (a new id at every sign-in, so a planted one is useless). */
export function setSessionCookie<E extends AppEnv>(c: Context<E>, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.config.secureCookies,
    maxAge: c.var.config.sessionMaxHours * 3600,
  });
}

/** The session token the browser sent, if any. */
export function sessionCookie<E extends AppEnv>(c: Context<E>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function clearSessionCookie<E extends AppEnv>(c: Context<E>) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: c.var.config.secureCookies });
}
