/**
 * Graceful under overload (issue #12). Node answers requests on one thread: when more arrive
 * than it can serve, they wait unread in the kernel and every answer comes later, until none is
 * useful. So when the event loop falls behind, a public request is answered at once with
 * `503 Service Unavailable`, `Retry-After` and a message in Japanese and English, instead of
 * joining the queue. A person who is half-way through commenting is let through longest: a new
 * visit is turned away first, a confirmation later, and sending a comment (or reading its
 * receipt) only when far behind. Signed-in staff are never turned away here, and pages served
 * from the page cache never reach this point.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { BusyMessage } from '../../views/pages/BusyPage.tsx';
import { Layout } from '../../views/layouts/Layout.tsx';
import type { AppEnv } from '../env.ts';
import { t } from '../lib/i18n.ts';
import { SESSION_COOKIE } from '../lib/auth.ts';
import { areaOfPath } from '../lib/roles.ts';
import { wantsFragment } from './htmx.ts';

/** How long the event loop may be behind before a request of each kind is turned away (ms). */
export interface ShedLimits {
  /** A new visit: any public page not in the cache, the comment form. */
  start: number;
  /** The next step of a comment being written (確認, back to the form). */
  continue: number;
  /** Sending a comment, and the receipt page right after. */
  finish: number;
}

export const DEFAULT_SHED_LIMITS: ShedLimits = { start: 200, continue: 500, finish: 2000 };

/** Seconds a turned-away person is asked to wait. */
const RETRY_AFTER = 5;

/**
 * How far behind the event loop is: a timer due every `interval` ms notes how late it fired.
 * The figure rises at once and falls back over a few ticks, so one quick turn between slow ones
 * does not open the door to the whole queue.
 */
export function createLagMonitor(interval = 20) {
  let lag = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = Math.max(0, now - last - interval);
    last = now;
    lag = late > lag ? late : lag * 0.7 + late * 0.3;
  }, interval);
  timer.unref();
  return {
    /** Milliseconds behind, lately. */
    get lag() {
      return lag;
    },
    stop: () => clearInterval(timer),
  };
}

export type LagMonitor = ReturnType<typeof createLagMonitor>;

/** Open connections below which the loop's lag is not taken for overload. */
export const MIN_CONNECTIONS_TO_SHED = 64;

/**
 * The lag shedding acts on: the loop's, but only while more than `min` connections are open. A
 * loop that runs late while few people are connected is late because other work on the machine
 * took the CPU (or a garbage collection ran), not because requests are queueing: turning those
 * few away would help nobody (a busy test machine did exactly that to a lone reader).
 */
export function lagUnderLoad(
  lag: () => number,
  connections: () => number,
  min = MIN_CONNECTIONS_TO_SHED,
): () => number {
  return () => (connections() > min ? lag() : 0);
}

function kindOf(c: Context<AppEnv>): keyof ShedLimits {
  const path = c.req.path;
  if (/\/comment\/(submit|done\/[^/]+)$/.test(path)) return 'finish';
  if (c.req.method === 'POST') return 'continue';
  return 'start';
}

/**
 * Turns public requests away while `lag()` is over their kind's limit. Put it before anything
 * that reads the body or the database, so that turning away costs next to nothing.
 */
export function shedLoad(
  lag: () => number,
  limits: ShedLimits = DEFAULT_SHED_LIMITS,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const behind = lag();
    if (behind < limits.start || behind < limits[kindOf(c)]) return next();
    if (areaOfPath(c.req.path) !== 'public' || c.req.header('cookie')?.includes(`${SESSION_COOKIE}=`)) {
      return next();
    }
    return busy(c);
  };
}

/** The pages `busy` answers with, by language and fragment: static, so made once. */
const busyPages = new Map<string, string>();

/**
 * The answer when Koe is too busy: 503 with Retry-After and what to do, in both languages. Made
 * once per language (and as the fragment htmx swaps in), so that turning away stays cheap.
 */
export function busy<E extends AppEnv>(c: Context<E>) {
  const lang = c.var.lang;
  const fragment = wantsFragment(c);
  const { city } = c.var;
  // The page names the city: made again after its settings change.
  const key = `${lang}${fragment ? ' fragment' : ''} ${city.version}`;
  let html = busyPages.get(key);
  if (html === undefined) {
    const message = <BusyMessage lang={lang} retryAfter={RETRY_AFTER} />;
    const ctx = { lang, csrfToken: '', user: null, url: '/', now: new Date(0), city };
    if (busyPages.size >= 16) busyPages.clear();
    html = fragment
      ? String(message)
      : `<!DOCTYPE html>${(
          (
            <Layout ctx={ctx} title={t(lang, '混み合っています', 'Busy right now')}>
              {message}
            </Layout>
          )
        ).toString()}`;
    busyPages.set(key, html);
  }
  c.header('Retry-After', String(RETRY_AFTER));
  c.header('Cache-Control', 'no-store');
  return c.html(html, 503);
}
