import { randomBytes, timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { generateCookie, getCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { countHit, deleteEndedWindows } from '../data/rate-limits.ts';
import type { AppEnv } from '../env.ts';
import { areaOfPath } from '../lib/roles.ts';
import { readForm } from './validate.ts';

/**
 * Strict headers: no inline script or style anywhere, no framing, no sniffing. A response that
 * set a stricter policy of its own (a downloaded file gets `sandbox`) keeps it.
 */
export function securityHeaders(): MiddlewareHandler {
  const inner = strictHeaders();
  return async (c, next) => {
    let own: string | null = null;
    await inner(c, async () => {
      await next();
      own = c.res.headers.get('Content-Security-Policy');
    });
    if (own) c.res.headers.set('Content-Security-Policy', own);
  };
}

const strictHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'same-origin',
    crossOriginEmbedderPolicy: false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });

export const CSRF_FIELD = '_csrf';
export const CSRF_COOKIE = 'koe_csrf';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The form token a cookie carries, if it is one of ours. */
export function validCsrfToken(cookie: string | undefined): string | undefined {
  return cookie && /^[A-Za-z0-9_-]{32,}$/.test(cookie) ? cookie : undefined;
}

/** A new random form token and the Set-Cookie header that hands it to the browser. */
export function newCsrfCookie(secure: boolean): { token: string; cookie: string } {
  const token = randomBytes(32).toString('base64url');
  return {
    token,
    cookie: generateCookie(CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure }),
  };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Double-submit CSRF protection for every form, signed-in or not: a random HttpOnly cookie
 * whose value each form carries in a hidden field. A cross-site page can neither read the
 * cookie nor set it, so it cannot produce a matching field. A foreign Origin is refused too.
 * `exempt` names the requests that carry their own secret instead (one-click unsubscribe).
 */
export function csrf(
  opts: { exempt?: (method: string, path: string) => boolean } = {},
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (opts.exempt?.(c.req.method, c.req.path)) {
      c.set('csrfToken', validCsrfToken(getCookie(c, CSRF_COOKIE)) ?? '');
      return next();
    }
    let token = validCsrfToken(getCookie(c, CSRF_COOKIE));
    if (!token) {
      const made = newCsrfCookie(c.var.config.secureCookies);
      token = made.token;
      c.header('Set-Cookie', made.cookie, { append: true });
      if (UNSAFE.has(c.req.method)) refuse(c);
    }
    c.set('csrfToken', token);
    if (UNSAFE.has(c.req.method)) {
      const origin = c.req.header('origin');
      if (origin && origin !== 'null' && !ownOrigins(c).includes(origin)) refuse(c);
      const sent = c.req.header('x-csrf-token') ?? (await formField(c, CSRF_FIELD));
      if (!sent || !sameToken(sent, token)) refuse(c);
    }
    await next();
  };
}

/**
 * The origins a form of ours is sent from: the public address (behind a proxy that ends TLS the
 * request itself arrives as http://…, while the browser says https://…) and the address the
 * request was made to (a deployment opened directly, and the tests).
 */
function ownOrigins(c: Context<AppEnv>): string[] {
  const own = new URL(c.req.url).origin;
  const publicUrl = c.var.config.publicUrl;
  return publicUrl ? [new URL(publicUrl).origin, own] : [own];
}

function refuse(c: Context<AppEnv>): never {
  const en = c.var.lang === 'en';
  throw new HTTPException(403, {
    message: en
      ? 'This form has expired or was sent from another site. Reload the page and send it again; what you typed is not saved yet.'
      : 'フォームの有効期限が切れたか、別のサイトから送信されました。ページを再読み込みしてから、もう一度送信してください（入力内容はまだ保存されていません）。',
  });
}

async function formField(c: Context<AppEnv>, name: string): Promise<string | undefined> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/x-www-form-urlencoded') && !type.includes('multipart/form-data')) return;
  const v = (await readForm(c))[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : undefined;
}

/**
 * Refuses a body larger than `maxFor(path)` bytes with a 413 and a message. A body that states its
 * length is judged by its Content-Length header, and a GET or HEAD is let through (its body is
 * never read): Hono's bodyLimit asks the request for its body stream to learn whether there is
 * one, which on @hono/node-server builds a whole Fetch Request for every request. A body sent in
 * chunks, without a length, is counted by Hono's bodyLimit as it arrives.
 */
export function limitBody(maxFor: (path: string) => number): MiddlewareHandler<AppEnv> {
  const tooLarge = (c: Context<AppEnv>): never => {
    throw new HTTPException(413, {
      message: c.var.lang === 'en' ? 'What you sent is too large.' : '送信内容が大きすぎます。',
    });
  };
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const max = maxFor(c.req.path);
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (!/^\d+$/.test(length) || Number(length) > max) tooLarge(c);
      return next();
    }
    return bodyLimit({ maxSize: max, onError: tooLarge })(c, next);
  };
}

/**
 * The client address: the socket's, or behind `proxyHops` trusted proxies the entry of
 * X-Forwarded-For that the outermost trusted proxy added — counted from the right, because
 * each proxy appends what it saw and everything further left is whatever the client sent.
 */
export function clientIp(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const hops = c.var.config.proxyHops;
    const forwarded = hops > 0 ? forwardedAddress(c.req.header('x-forwarded-for'), hops) : undefined;
    c.set('clientIp', forwarded ?? socketAddress(c));
    await next();
  };
}

/** The entry `hops` from the right (the leftmost when there are fewer), if it is an address. */
export function forwardedAddress(header: string | undefined, hops: number): string | undefined {
  if (!header) return undefined;
  const entries = header.slice(-1000).split(',');
  const entry = entries[Math.max(0, entries.length - hops)]?.trim() ?? '';
  return /^[0-9A-Fa-f:.]{2,45}$/.test(entry) ? entry : undefined;
}

function socketAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // app.request() in tests has no socket.
  }
}

/** A fixed window of `limit` hits per key; `hit` counts one and says whether it is allowed. */
export interface Limiter {
  readonly limit: number;
  readonly windowMs: number;
  hit(key: string, now: number): boolean | Promise<boolean>;
}

/**
 * A fixed-window counter per key, kept in memory: on SQLite Koe runs as one process, and losing
 * the counts on restart is harmless. It holds at most `maxKeys` keys: when full, windows that
 * ended are dropped, then the oldest windows, so a flood of addresses cannot grow it. Several
 * processes (PostgreSQL) share one {@link SharedRateLimiter} instead.
 */
export class RateLimiter implements Limiter {
  readonly #hits = new Map<string, { windowStart: number; count: number }>();
  readonly #maxKeys: number;
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    opts: { maxKeys?: number } = {},
  ) {
    this.#maxKeys = opts.maxKeys ?? 100_000;
  }

  /** How many keys it holds. */
  get size(): number {
    return this.#hits.size;
  }

  /** Counts one hit; false when the key is over its limit in the current window. */
  hit(key: string, now: number): boolean {
    const entry = this.#hits.get(key);
    if (!entry || now - entry.windowStart >= this.windowMs) {
      // Re-inserted, so the map stays in order of window start: the oldest are first.
      this.#hits.delete(key);
      if (this.#hits.size >= this.#maxKeys) this.#makeRoom(now);
      this.#hits.set(key, { windowStart: now, count: 1 });
      return true;
    }
    entry.count += 1;
    return entry.count <= this.limit;
  }

  #makeRoom(now: number) {
    for (const [k, v] of this.#hits) if (now - v.windowStart >= this.windowMs) this.#hits.delete(k);
    // Still full within one window: forget the oldest tenth rather than grow.
    let drop = this.#hits.size - this.#maxKeys + Math.ceil(this.#maxKeys / 10);
    for (const k of this.#hits.keys()) {
      if (drop-- <= 0) break;
      this.#hits.delete(k);
    }
  }
}

/**
 * The same counter kept in the database (`rate_limits`), for several app processes: each hit is
 * one upsert, so the limit holds for a client whichever process answers it. Ended windows are
 * deleted now and then (at most once a window per process). Keys carry the window's length, so
 * a limiter of a minute never sweeps away the counts of one of an hour.
 */
export class SharedRateLimiter implements Limiter {
  #lastSweep = 0;
  get #prefix(): string {
    return `${this.windowMs}ms/`;
  }
  constructor(
    readonly db: Kysely<Database>,
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  async hit(key: string, now: number): Promise<boolean> {
    if (now - this.#lastSweep >= this.windowMs) {
      this.#lastSweep = now;
      await deleteEndedWindows(this.db, this.#prefix, new Date(now - this.windowMs));
    }
    return (await countHit(this.db, this.#prefix + key, new Date(now), this.windowMs)) <= this.limit;
  }
}

type Pair = readonly [ja: string, en: string];

/** Answers 429 with Retry-After and `message` when `counts(c)` and the client is over the limit. */
function limited(
  limiter: Limiter,
  scope: string,
  counts: (c: Context<AppEnv>) => boolean,
  [ja, en]: Pair,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (counts(c) && !(await limiter.hit(`${scope}:${c.var.clientIp}`, c.var.clock.now().getTime()))) {
      c.header('Retry-After', String(Math.ceil(limiter.windowMs / 1000)));
      throw new HTTPException(429, { message: c.var.lang === 'en' ? en : ja });
    }
    await next();
  };
}

/** Limits form posts per client (reading is never limited); `message` when the window is not a minute. */
export function rateLimit(
  limiter: Limiter,
  scope: string,
  message: Pair = [
    '短時間に多くの送信がありました。1分ほど待ってから、もう一度お試しください。',
    'Too many submissions from your connection in a short time. Please wait a minute and try again.',
  ],
): MiddlewareHandler<AppEnv> {
  return limited(limiter, scope, (c) => UNSAFE.has(c.req.method), message);
}

/**
 * Limits look-ups by receipt code per client, GETs included: a code is the only key to a
 * comment's page, so trying codes one after another must be slow.
 */
export function lookupLimit(limiter: Limiter, scope: string): MiddlewareHandler<AppEnv> {
  return limited(limiter, scope, (c) => c.req.path !== '/receipts' || c.req.query('code') !== undefined, [
    '短時間に多くの照会がありました。1分ほど待ってから、もう一度お試しください。',
    'Too many look-ups from your connection in a short time. Please wait a minute and try again.',
  ]);
}

/**
 * Cache-Control for every response, decided here by area. Staff, council and admin pages show
 * names, addresses and drafts: `no-store`, whatever a handler said. A public response that a
 * handler marked `public` (the API, the feed, static files) keeps that and sets no cookie — a
 * shared cache would hand the cookie to everyone. Other public pages carry the visitor's form
 * token: `private, no-cache`, or `private, no-store` for someone signed in (the header shows who).
 */
export function cacheControl(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    // c.var.area is set by area(); routes not yet inside an area's sub-app go by their path.
    const area = c.var.area !== 'public' ? c.var.area : areaOfPath(c.req.path);
    const own = c.res.headers.get('cache-control');
    let policy: string;
    if (area !== 'public') policy = 'no-store';
    else if (own) policy = own;
    else policy = c.var.user ? 'private, no-store' : 'private, no-cache';
    const shared = /(^|,)\s*public\b/.test(policy);
    if (policy === own && !(shared && c.res.headers.has('set-cookie'))) return;
    try {
      setPolicy(c.res.headers, policy, shared);
    } catch {
      // Headers of a response made by Response.redirect() and the like cannot change: copy it.
      c.res = new Response(c.res.body, c.res);
      setPolicy(c.res.headers, policy, shared);
    }
  };
}

function setPolicy(headers: Headers, policy: string, shared: boolean) {
  headers.set('Cache-Control', policy);
  if (shared) headers.delete('Set-Cookie');
}
