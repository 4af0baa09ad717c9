import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type AnalysisRunner, createAnalysisRunner } from './analysis-runner/index.ts';
import { ErrorMessage, errorTitle } from '../views/pages/ErrorPage.tsx';
import type { Config } from './config.ts';
import type { AppEnv, MailStatus } from './env.ts';
import { createCityCache } from './http/city.ts';
import { pageCtx, pageRenderer } from './http/render.tsx';
import { createGroupCommit } from './data/group-commit.ts';
import { queryVersionReader, type VersionReader } from './data/page-versions.ts';
import { type ShedLimits, shedLoad } from './http/load-shedding.tsx';
import { createPageCache } from './http/page-cache.ts';
import { loadSession } from './http/session.ts';
import { detectLang } from './lib/i18n.ts';
import {
  cacheControl,
  clientIp,
  csrf,
  type Limiter,
  limitBody,
  lookupLimit,
  RateLimiter,
  rateLimit,
  SharedRateLimiter,
  securityHeaders,
} from './http/security.ts';
import { engineOf, isTransientConflict } from './data/dialect.ts';
import { type Clock, systemClock } from './lib/time.ts';
import { admin } from './routes/admin/index.tsx';
import { auth } from './routes/auth/index.ts';
import { council } from './routes/council/index.ts';
import { publicRoutes } from './routes/public/index.ts';
import { apiRoutes } from './routes/api/index.ts';
import { cityLogoRoutes } from './routes/city-logo.ts';
import { exportRoutes } from './routes/exports.ts';
import { feedRoutes } from './routes/feed.ts';
import { staff } from './routes/staff/index.ts';

export interface AppDeps {
  db: Kysely<Database>;
  config: Config;
  /** The HMAC key; server.ts resolves it from config or the database. */
  secret: string;
  clock?: Clock;
  /** Runs and caches the council analysis; by default one of its own on `db` and `clock`. */
  analysis?: AnalysisRunner;
  /** Whether mail is delivered, and the demo's catcher; by default delivering iff KOE_SMTP_URL is set. */
  mail?: MailStatus;
  /**
   * How far behind the event loop is, in ms (server.tsx passes a lag monitor): public requests are
   * turned away with 503 while it is too far behind. By default never behind.
   */
  loadLag?: () => number;
  /** The share of public requests let in (createAdmission in server.tsx); by default all. */
  admitted?: () => number;
  /** When public requests are turned away (load-shedding.tsx); by default DEFAULT_SHED_LIMITS. */
  shedLimits?: ShedLimits;
  /** How the page cache reads versions (versionReaderOf(store)); by default a query on `db`. */
  pageVersions?: VersionReader;
}

/**
 * RFC 8058: a mail program unsubscribes with a POST to the List-Unsubscribe address, without our
 * form token; the secret token in the path is what authorises it.
 */
const isOneClickUnsubscribe = (method: string, path: string) =>
  method === 'POST' && /^\/subscriptions\/unsubscribe\/[A-Za-z0-9_-]{16,64}$/.test(path);

const STATIC_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Builds the whole app around its dependencies. Pure: no listening, no globals. */
export function createApp({
  db,
  config,
  secret,
  clock = systemClock,
  analysis = createAnalysisRunner({ db, clock }),
  mail = { delivering: config.smtpUrl !== undefined, caught: null },
  loadLag = () => 0,
  admitted = () => 1,
  shedLimits,
  pageVersions = queryVersionReader(db),
}: AppDeps) {
  const app = new Hono<AppEnv>();
  // SQLite runs one process: its counts stay in memory. On PostgreSQL any number of processes
  // count together in the database.
  const limiter = (limit: number, windowMs: number): Limiter =>
    engineOf(db) === 'postgres'
      ? new SharedRateLimiter(db, limit, windowMs)
      : new RateLimiter(limit, windowMs);
  const publicPosts = limiter(config.rateLimitPerMinute, 60_000);
  const receiptLookups = limiter(config.rateLimitPerMinute, 60_000);
  // Each request mails a confirmation: a few an hour per client is plenty for a person.
  const subscriptionRequests = limiter(10, 60 * 60_000);
  const cityCache = createCityCache(db, pageVersions);
  const commits = createGroupCommit(db);
  const pages = createPageCache({
    db,
    versions: pageVersions,
    clock,
    secureCookies: config.secureCookies,
    publicUrl: config.publicUrl,
  });

  app.use('*', async (c, next) => {
    c.set('db', db);
    c.set('config', config);
    c.set('secret', secret);
    c.set('clock', clock);
    c.set('analysis', analysis);
    c.set('mail', mail);
    c.set('commits', commits);
    c.set('user', null);
    c.set('csrfToken', '');
    c.set('lang', detectLang(c));
    c.set('area', 'public');
    c.set('cityCache', cityCache);
    c.set('city', await cityCache.current());
    await next();
  });
  app.use('*', pages.store);
  app.use('*', pageRenderer());
  app.use('*', securityHeaders());
  app.use('*', cacheControl());
  app.use(
    '/static/*',
    async (c, next) => {
      await next();
      if (c.res.ok) c.header('Cache-Control', 'public, max-age=3600');
    },
    serveStatic({ root: STATIC_ROOT }),
  );
  app.use('*', shedLoad(loadLag, admitted, shedLimits));
  app.use('*', clientIp());
  // Public forms are small; only staff uploads may be large.
  const publicBodies = 1024 * 1024;
  const staffBodies = config.maxUploadBytes + 1024 * 1024;
  app.use(
    '*',
    limitBody((path) => (path.startsWith('/staff') ? staffBodies : publicBodies)),
  );
  app.use('*', csrf({ exempt: isOneClickUnsubscribe }));
  app.use('*', loadSession());
  app.use('/consultations/*', rateLimit(publicPosts, 'public'));
  app.use(
    '/subscriptions',
    rateLimit(subscriptionRequests, 'subscribe', [
      '短時間に多くの登録の申込みがありました。1時間ほど待ってから、もう一度お試しください。',
      'Too many subscription requests from your connection. Please wait an hour and try again.',
    ]),
  );
  app.use('/receipts', lookupLimit(receiptLookups, 'receipt'));
  app.use('/receipts/*', lookupLimit(receiptLookups, 'receipt'));
  app.use('/consultations/:id/comment/done/*', lookupLimit(receiptLookups, 'receipt'));

  app.route('/', publicRoutes);
  app.route('/council', council);
  app.route('/api/v1', apiRoutes);
  app.route('/', feedRoutes);
  app.route('/', exportRoutes);
  app.route('/', cityLogoRoutes);
  app.route('/', auth);
  app.route('/staff/admin', admin);
  app.route('/staff', staff);

  app.notFound((c) => {
    const ctx = pageCtx(c);
    return c.render(<ErrorMessage ctx={ctx} status={404} />, {
      title: errorTitle(404, ctx.lang),
      status: 404,
      fragment: true,
    });
  });

  app.onError((err, c) => {
    if (isTransientConflict(err)) err = busy(c.var.lang === 'en');
    const status = (err instanceof HTTPException ? err.status : 500) as ContentfulStatusCode;
    if (status >= 500) console.error(err);
    if (err instanceof HTTPException && err.res) return err.res;
    const ctx = pageCtx(c);
    const message = err instanceof HTTPException ? err.message : undefined;
    return c.render(<ErrorMessage ctx={ctx} status={status} message={message} />, {
      title: errorTitle(status, ctx.lang),
      status,
      fragment: true,
    });
  });

  // A page the cache holds is answered before routing: no middleware, no render.
  const dispatch = app.fetch;
  app.fetch = (request, env, executionCtx) => {
    const cached = pages.serve(request, env);
    if (cached instanceof Promise) return cached.then((res) => res ?? dispatch(request, env, executionCtx));
    return cached ?? dispatch(request, env, executionCtx);
  };

  return app;
}

/**
 * Two requests changed the same rows at once and the database stopped one of them (nothing of it
 * was written): say so and ask for the same again, rather than a bare 500.
 */
function busy(en: boolean): HTTPException {
  return new HTTPException(503, {
    message: en
      ? 'Another change was being saved at the same moment, so yours was not saved. Please send it again.'
      : '同じ時刻に別の変更が保存されていたため、この操作は保存されませんでした。もう一度送信してください。',
  });
}

export type App = ReturnType<typeof createApp>;
