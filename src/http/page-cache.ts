/**
 * Public pages from a cache (issue #12). The list, a consultation's page (and its published
 * result), its comment form and the open-data list are the same for every reader who is not
 * signed in, so each is rendered once and kept under the version the database keeps for it
 * (`page_versions`, raised by triggers: migration 0005; the city's settings under their own
 * scope, migration 0010) until the next moment time alone changes
 * it (a period opens or closes, a day passes). A reader then costs one small read and a copy of
 * stored bytes with headers computed once, and a repeat reader gets `304 Not Modified` by ETag.
 *
 * Per-person parts never enter the cache: a page is stored without cookies, and the form token
 * (CSRF) is cut out of the stored page and put back for each reader, with the cookie that
 * carries it. Signed-in people (a session cookie) are never served from or stored in the cache.
 */
import { createHash } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import { parse } from 'hono/utils/cookie';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  LIST_SCOPE,
  readPageAndSiteVersions,
  type Versions,
  type VersionReader,
} from '../data/page-versions.ts';
import type { AppEnv } from '../env.ts';
import { SESSION_COOKIE } from '../lib/auth.ts';
import { chooseLang, LANG_COOKIE, langCookie } from '../lib/i18n.ts';
import type { Clock } from '../lib/time.ts';
import { CSRF_COOKIE, newCsrfCookie, validCsrfToken } from './security.ts';

/** A page as stored: headers as sent, the body cut at the reader's form token. */
interface Entry {
  version: number;
  /** The city's settings' version as of rendering (its name and links are on every page). */
  site: number;
  /** Epoch ms from which the page may read differently (a phase change, a new day). */
  until: number;
  headers: Record<string, string>;
  /** The body between occurrences of the form token (one part: the page has none). */
  parts: Buffer<ArrayBuffer>[];
  etag: string | undefined;
  /** Cache-Control `public`: no cookie may go with it (a shared cache would pass it on). */
  shared: boolean;
  bytes: number;
}

/** What a request asks of the cache, worked out from its address, headers and cookies. */
interface Ask {
  key: string;
  scope: number;
  csrf: string | undefined;
  remember: boolean;
  lang: 'ja' | 'en';
  ifNoneMatch: string | undefined;
}

/** Addresses whose pages may be cached, with the scope of their version and the query they take. */
const ROUTES: readonly { path: RegExp; scope: (m: RegExpExecArray) => number; query: RegExp }[] = [
  { path: /^\/$/, scope: () => LIST_SCOPE, query: /^(lang)$/ },
  { path: /^\/api\/v1\/consultations$/, scope: () => LIST_SCOPE, query: /^(page|per_page|lang)$/ },
  { path: /^\/consultations\/([1-9]\d{0,9})$/, scope: (m) => Number(m[1]), query: /^(lang)$/ },
  {
    path: /^\/consultations\/([1-9]\d{0,9})\/comment$/,
    scope: (m) => Number(m[1]),
    query: /^(lang|section)$/,
  },
];

export interface PageCacheOptions {
  db: Kysely<Database>;
  /** How each hit checks its page's version (versionReaderOf, queryVersionReader). */
  versions: VersionReader;
  clock: Clock;
  secureCookies: boolean;
  /** Without a configured public address, links in the open data follow the Host header. */
  publicUrl: string | undefined;
  maxEntries?: number;
  maxBytes?: number;
}

export type PageCache = ReturnType<typeof createPageCache>;

/**
 * The cache of one app: `serve` answers a request from it before any routing (undefined: not
 * cached, go on), `store` is the middleware that keeps a page a handler marked `cacheable`.
 */
export function createPageCache(opts: PageCacheOptions) {
  const maxEntries = opts.maxEntries ?? 2000;
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, Entry>();
  const { versions } = opts;
  let bytes = 0;

  function ask(req: Request, env: unknown): Ask | undefined {
    if (req.method !== 'GET') return undefined;
    const header = headerReader(req, env);
    const cookie = header('cookie') ?? '';
    if (cookie.includes(`${SESSION_COOKIE}=`)) return undefined;
    const url = req.url;
    const pathStart = url.indexOf('/', url.indexOf('//') + 2);
    const queryStart = url.indexOf('?', pathStart);
    const path = queryStart < 0 ? url.slice(pathStart) : url.slice(pathStart, queryStart);
    const search = queryStart < 0 ? '' : url.slice(queryStart);
    if (search.length > 100) return undefined;
    for (const route of ROUTES) {
      const m = route.path.exec(path);
      if (!m) continue;
      const query = new URLSearchParams(search);
      for (const name of query.keys()) if (!route.query.test(name)) return undefined;
      const cookies = cookie ? parse(cookie) : {};
      const { lang, remember } = chooseLang(
        query.get('lang') ?? undefined,
        cookies[LANG_COOKIE],
        header('accept-language'),
      );
      const fragment = header('hx-request') === 'true' && header('hx-request-type') !== 'full';
      const host = opts.publicUrl ? '' : (header('host') ?? '');
      return {
        key: `${lang} ${fragment ? 'f' : 'p'} ${host} ${path}${search}`,
        scope: route.scope(m),
        csrf: validCsrfToken(cookies[CSRF_COOKIE]),
        remember,
        lang,
        ifNoneMatch: header('if-none-match'),
      };
    }
    return undefined;
  }

  /** The answer from a stored page, with this reader's cookies and form token. */
  function answer(entry: Entry, a: Ask, extraCookies: readonly string[] = []): Response {
    const cookies = [...extraCookies];
    let token = a.csrf;
    if (!entry.shared) {
      // A page with no form needs no token: its readers get no cookie for one.
      if (!token && entry.parts.length > 1) {
        const made = newCsrfCookie(opts.secureCookies);
        token = made.token;
        cookies.push(made.cookie);
      }
      if (a.remember) cookies.push(langCookie(a.lang));
    }
    const headers = cookies.length > 0 ? { ...entry.headers, 'set-cookie': cookies } : entry.headers;
    if (entry.etag && a.ifNoneMatch && matches(a.ifNoneMatch, entry.etag)) {
      return new Response(null, { status: 304, headers: headers as Record<string, string> });
    }
    const body = entry.parts.length === 1 ? entry.parts[0]! : withToken(entry.parts, token ?? '');
    return new Response(body, { status: 200, headers: headers as Record<string, string> });
  }

  function keep(key: string, entry: Entry) {
    const old = entries.get(key);
    if (old) {
      bytes -= old.bytes;
      entries.delete(key);
    }
    if (entry.bytes > maxBytes / 10) return;
    entries.set(key, entry);
    bytes += entry.bytes;
    // Map order is insertion order: the first keys are the least recently used.
    for (const [k, e] of entries) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      entries.delete(k);
      bytes -= e.bytes;
    }
  }

  return {
    /** How many pages and bytes it holds. */
    get size() {
      return { entries: entries.size, bytes };
    },

    /**
     * The stored page for this request if it is still good: at once where the version is read at
     * once (SQLite), else once it is read. Undefined: render it.
     */
    serve(req: Request, env: unknown): Response | Promise<Response | undefined> | undefined {
      const a = ask(req, env);
      const entry = a && entries.get(a.key);
      if (!a || !entry || opts.clock.now().getTime() >= entry.until) return undefined;
      // The site's version too (the city's name, links and logo): another process may have
      // changed them, and a page rendered under other settings is not served.
      const current = versions(a.scope);
      const hit = (v: Versions) => {
        if (v.page !== entry.version || v.site !== entry.site) return undefined;
        // Used again: to the back of the eviction order.
        entries.delete(a.key);
        entries.set(a.key, entry);
        return answer(entry, a);
      };
      return current instanceof Promise ? current.then(hit) : hit(current);
    },

    /** Keeps the page a handler marked with `cacheable(c, until)`, as rendered for this reader. */
    store: (async (c, next) => {
      const a = ask(c.req.raw, c.env);
      if (!a) return next();
      // Read before rendering: a change made meanwhile leaves the page under an older version.
      const { page: version, site } = await readPageAndSiteVersions(opts.db, a.scope);
      await next();
      const until = c.var.pageCacheUntil;
      if (!until || c.res.status !== 200 || c.var.user) return;
      const res = c.res;
      const text = await res.text();
      const parts = (c.var.csrfToken ? text.split(c.var.csrfToken) : [text]).map((p) => Buffer.from(p));
      const headers: Record<string, string> = {};
      for (const [k, v] of res.headers) if (k !== 'set-cookie') headers[k] = v;
      const etag =
        parts.length === 1 ? `"${createHash('sha1').update(parts[0]!).digest('base64url')}"` : undefined;
      if (etag) headers.etag = etag;
      const entry: Entry = {
        version,
        site,
        until: until.getTime(),
        headers,
        parts,
        etag,
        shared: /(^|,)\s*public\b/.test(headers['cache-control'] ?? ''),
        bytes: parts.reduce((n, p) => n + p.byteLength, 0),
      };
      keep(a.key, entry);
      // This reader's own answer keeps the cookies the request set (a new form token, a language).
      c.res = answer(
        entry,
        { ...a, csrf: c.var.csrfToken || a.csrf, remember: false },
        res.headers.getSetCookie(),
      );
    }) satisfies MiddlewareHandler<AppEnv>,
  };
}

/** Marks this answer as one the page cache may keep until `until` (see nextPhaseChange). */
export function cacheable<E extends AppEnv>(c: Context<E>, until: Date) {
  c.set('pageCacheUntil', until);
}

/** Reads request headers from Node's own object when served by @hono/node-server (no Headers built). */
function headerReader(req: Request, env: unknown): (name: string) => string | undefined {
  const incoming = (env as Partial<HttpBindings> | undefined)?.incoming;
  if (incoming) {
    return (name) => {
      const v = incoming.headers[name];
      return Array.isArray(v) ? v.join(', ') : v;
    };
  }
  return (name) => req.headers.get(name) ?? undefined;
}

/** The parts of a stored page joined by the reader's form token. */
function withToken(parts: readonly Buffer<ArrayBuffer>[], token: string): Buffer<ArrayBuffer> {
  const between = Buffer.from(token);
  const pieces: Buffer[] = [];
  parts.forEach((p, i) => {
    if (i > 0) pieces.push(between);
    pieces.push(p);
  });
  return Buffer.concat(pieces);
}

function matches(ifNoneMatch: string, etag: string): boolean {
  return ifNoneMatch === etag || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}
