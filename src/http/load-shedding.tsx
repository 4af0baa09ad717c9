/**
 * Graceful under overload (issue #12). Node answers requests on one thread: when more arrive
 * than it can serve, they wait unread in the sockets, and every answer comes later, until none
 * is useful. So Koe lets in only the share of public requests the loop can answer
 * (createAdmission, steered by how busy and how late the loop is while many are connected), and
 * at most so many at once; the rest are answered at once with `503 Service Unavailable`,
 * `Retry-After` and a message in Japanese and English. A person who is half-way through
 * commenting is let through longest: a new visit is turned away first, a confirmation later, and
 * sending a comment (or reading its receipt) only when far behind. Signed-in staff (and signing
 * in) are never turned away here, and pages served from the page cache never reach this point.
 *
 * Lag alone was not enough: under four times the load Koe could serve, the loop's lag stayed
 * under any sensible limit (requests arriving one by one make short turns) while it worked all
 * the time and the slowest waited 25 s (bench:load).
 */
import { performance } from 'node:perf_hooks';
import type { Context, MiddlewareHandler } from 'hono';
import { BusyMessage } from '../../views/pages/BusyPage.tsx';
import { Layout } from '../../views/layouts/Layout.tsx';
import type { AppEnv } from '../env.ts';
import { t } from '../lib/i18n.ts';
import { SESSION_COOKIE } from '../lib/auth.ts';
import { areaOfPath } from '../lib/roles.ts';
import { wantsFragment } from './htmx.ts';

/** A limit for each kind of request: a new visit, the next step of a comment, sending it. */
export interface ByKind {
  /** A new visit: any public page not in the cache, the comment form. */
  start: number;
  /** The next step of a comment being written (確認, back to the form). */
  continue: number;
  /** Sending a comment, and the receipt page right after. */
  finish: number;
}

export interface ShedLimits {
  /** Requests in hand (admitted, not yet answered; staff included) at which a kind is turned away. */
  inFlight: ByKind;
  /** How long the event loop may be behind (ms) before a kind is turned away. */
  lag: ByKind;
}

/**
 * On the 2-core development machine one process answers 500–800 steps of the comment flow a
 * second, so 256 in hand is under half a second of waiting; 32 people writing at once stay far
 * below the first limit (bench:load).
 */
export const DEFAULT_SHED_LIMITS: ShedLimits = {
  inFlight: { start: 96, continue: 160, finish: 256 },
  lag: { start: 200, continue: 500, finish: 2000 },
};

/** Staff must be able to sign in during a surge, to watch over it: the sign-in is never turned away. */
const SIGN_IN = /^\/login\/?$/;

/** Seconds a turned-away person is asked to wait. */
const RETRY_AFTER = 5;

/**
 * How far behind the event loop is, and how busy: a timer due every `interval` ms notes how late
 * it fired. `lag` rises at once and falls back over a few ticks, so one quick turn between slow
 * ones does not open the door to the whole queue. `floor` is the least it was late over the last
 * few ticks: high only while every turn of the loop is long (one slow page or a garbage
 * collection makes one turn long, not all of them). `busy` is the share of the last ticks the
 * loop spent working (event-loop utilisation): near 1 it has no time left for more, even when
 * every turn is short because requests arrive one by one.
 */
export function createLagMonitor(interval = 20, onTick?: () => void) {
  let lag = 0;
  let busy = 0;
  const recent: number[] = [];
  let last = performance.now();
  let used = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = Math.max(0, now - last - interval);
    last = now;
    lag = late > lag ? late : lag * 0.7 + late * 0.3;
    recent.push(late);
    if (recent.length > 8) recent.shift();
    const sinceLast = performance.eventLoopUtilization(used);
    used = performance.eventLoopUtilization();
    busy = busy * 0.7 + sinceLast.utilization * 0.3;
    onTick?.();
  }, interval);
  timer.unref();
  return {
    /** Milliseconds behind, lately. */
    get lag() {
      return lag;
    },
    /** Milliseconds behind at the least, over the last eight ticks. */
    get floor() {
      return recent.length === 0 ? 0 : Math.min(...recent);
    },
    /** The share of time the loop worked, lately (0 to 1). */
    get busy() {
      return busy;
    },
    stop: () => clearInterval(timer),
  };
}

/** The least share of new visits let in: even at the height of a surge a few get through. */
const MIN_SHARE = 0.01;

/**
 * The share of public requests let in, steered on every tick: while `overloaded()`, requests are
 * arriving faster than they are answered, and the share falls by a quarter; otherwise it climbs
 * back a little at a time (as TCP does with its window). Unlike a fixed limit on lag, this keeps
 * Koe answering about as many as it can while it turns the rest away: a limit let everyone in
 * until the queue was seconds long, then turned nearly everyone away (bench:load).
 */
export function createAdmission(overloaded: () => boolean) {
  let share = 1;
  return {
    /** The share let in now, from MIN_SHARE to 1. */
    get share() {
      return share;
    },
    tick() {
      share = overloaded() ? Math.max(MIN_SHARE, share * 0.75) : Math.min(1, share + 0.05);
    },
  };
}

/**
 * Overloaded: many connections open while the loop has no time left (busy nearly all the time)
 * or every turn runs late. A full loop with few connections is a handful of people being served
 * as fast as Koe can (or other work on the machine), not a queue (see lagUnderLoad).
 */
export function overloadedUnder(
  monitor: () => { floor: number; busy: number } | undefined,
  connections: () => number,
  min = MIN_CONNECTIONS_TO_SHED,
): () => boolean {
  return () => {
    const m = monitor();
    return m !== undefined && connections() > min && (m.busy > 0.97 || m.floor > 25);
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

function kindOf(c: Context<AppEnv>): keyof ByKind {
  const path = c.req.path;
  if (/\/comment\/(submit|done\/[^/]+)$/.test(path)) return 'finish';
  if (c.req.method === 'POST') return 'continue';
  return 'start';
}

/**
 * Turns public requests away while too many are in hand, or `lag()` is over their kind's limit,
 * or beyond the share `admitted()` lets in (createAdmission): of new visits that share, of next
 * steps its square root (more of them), of comments being sent all. Put it before anything that
 * reads the body or the database, so that turning away costs next to nothing.
 */
export function shedLoad(
  lag: () => number,
  admitted: () => number = () => 1,
  limits: ShedLimits = DEFAULT_SHED_LIMITS,
): MiddlewareHandler<AppEnv> {
  let inFlight = 0;
  // Let in exactly the share: each request adds it, and one is let in per whole unit.
  const credit = { start: 0, continue: 0 };
  return async (c, next) => {
    const behind = lag();
    const share = admitted();
    if (
      (share < 1 || inFlight >= limits.inFlight.start || behind >= limits.lag.start) &&
      areaOfPath(c.req.path) === 'public' &&
      !SIGN_IN.test(c.req.path) &&
      !c.req.header('cookie')?.includes(`${SESSION_COOKIE}=`)
    ) {
      const kind = kindOf(c);
      if (inFlight >= limits.inFlight[kind] || behind >= limits.lag[kind]) return busy(c);
      if (kind !== 'finish' && share < 1) {
        credit[kind] = Math.min(1, credit[kind] + (kind === 'start' ? share : Math.sqrt(share)));
        if (credit[kind] < 1) return busy(c);
        credit[kind] -= 1;
      }
    }
    inFlight++;
    try {
      await next();
    } finally {
      inFlight--;
    }
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
