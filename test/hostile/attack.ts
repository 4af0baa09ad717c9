/**
 * Sending one hostile request and judging its answer (judge.ts): the request is timed (for the
 * report), the database is compared before and after, the answer's size is bounded, and every
 * problem is kept as one line naming the request, so a failing run lists what to fix.
 */
import { liveMarkup } from './html.ts';
import { type Lang, langHeaders, languageProblem, snapshot, storedBetween } from './judge.ts';
import { type Measure, timed } from './measure.ts';
import type { Live, Who } from './world.ts';

export interface Attack {
  who: Who;
  method?: 'GET' | 'POST';
  url: string;
  /** What is being tried, for the report. */
  label: string;
  body?: BodyInit;
  contentType?: string;
  headers?: Record<string, string>;
  /** Cookies to send instead of the role's own. */
  cookies?: [string, string][];
  lang: Lang;
  /** Text sent that a message may quote back (not the message's own language). */
  echoed?: string[];
}

export interface Outcome {
  status: number;
  location: string;
  contentType: string;
  html: string;
  stored: string[];
  ms: number;
}

export interface Findings {
  problems: string[];
  statuses: Map<number, number>;
  /** Requests sent, by kind of check. */
  count: number;
}

/** Prints how many requests were sent and their statuses. */
export function report(findings: Findings) {
  const statuses = [...findings.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  console.log(`${findings.count} requests: ${statuses.join(' ')}`);
}

export const newFindings = (): Findings => ({ problems: [], statuses: new Map(), count: 0 });

/**
 * Writes a refused request may make: a failed sign-in is recorded in the audit log (it is how
 * the throttle counts them, and what an administrator reads after an attack).
 */
function allowedOnRefusal(a: Attack, o: Outcome): boolean {
  const path = new URL(a.url, 'http://localhost').pathname;
  return (
    path === '/login' && (o.status === 401 || o.status === 429) && o.stored.every((s) => s === 'audit_log ×1')
  );
}

/**
 * The largest page the app may add to what a request sent: an answer much larger than its
 * request means work growing with the request's repetitions (50,000 copies of one value echoed
 * back), which a timing on a noisy machine would not tell reliably.
 */
const MAX_PAGE = 1024 * 1024;

/** The bytes of a request body, near enough (a form's files and strings). */
function bodySize(body: BodyInit | undefined): number {
  if (body === undefined || body === null) return 0;
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) return body.byteLength;
  if (body instanceof FormData) {
    let n = 0;
    for (const [k, v] of body) n += k.length + (typeof v === 'string' ? Buffer.byteLength(v) : v.size) + 100;
    return n;
  }
  return 0;
}

/** A refusal: an error status, or a redirect to the sign-in page. */
export const refused = (o: Pick<Outcome, 'status' | 'location'>) =>
  o.status >= 400 || o.location.startsWith('/login');

/** Sends `a` on `live`, judges the answer, and records what went wrong in `findings`. */
export async function attack(live: Live, a: Attack, findings: Findings, measure: Measure): Promise<Outcome> {
  const method = a.method ?? 'POST';
  const headers = new Headers({ ...langHeaders(a.lang), ...a.headers });
  if (a.contentType !== undefined) headers.set('content-type', a.contentType);
  const cookies = a.cookies ?? [...live.clients[a.who].cookies];
  if (cookies.length > 0) headers.set('cookie', cookies.map(([k, v]) => `${k}=${v}`).join('; '));
  const url = `http://localhost${a.url}`;
  const before = snapshot(live.sqlite);
  const { value: res, ms } = await timed(
    measure,
    `${a.who} ${method} ${a.url.slice(0, 120)} [${a.label}]`,
    async () => {
      const r = await live.app.request(url, { method, headers, body: a.body });
      return { r, text: await r.text() };
    },
  );
  const after = snapshot(live.sqlite);
  const outcome: Outcome = {
    status: res.r.status,
    location: res.r.headers.get('location') ?? '',
    contentType: res.r.headers.get('content-type') ?? '',
    html: res.text,
    stored: storedBetween(before, after),
    ms,
  };
  findings.count++;
  findings.statuses.set(outcome.status, (findings.statuses.get(outcome.status) ?? 0) + 1);
  const where = `${a.who} ${method} ${a.url.slice(0, 100)} [${a.label}] → ${outcome.status}`;
  if (outcome.status >= 500) findings.problems.push(`server error: ${where}`);
  const sent = a.url.length + bodySize(a.body);
  if (outcome.html.length > 2 * sent + MAX_PAGE) {
    findings.problems.push(`an answer of ${outcome.html.length} characters to ${sent} bytes: ${where}`);
  }
  if (refused(outcome) && method === 'POST' && outcome.stored.length > 0 && !allowedOnRefusal(a, outcome)) {
    findings.problems.push(`stored on refusal (${outcome.stored.join(', ')}): ${where}`);
  }
  if (outcome.contentType.includes('text/html')) {
    const live = liveMarkup(outcome.html);
    if (live.length > 0)
      findings.problems.push(`markup that runs (${live.slice(0, 3).join(' | ')}): ${where}`);
  }
  if (outcome.status >= 400 && outcome.status < 500) {
    const problem = languageProblem(outcome.html, outcome.contentType, a.lang, a.echoed);
    if (problem) findings.problems.push(`${problem}: ${where}`);
  }
  return outcome;
}

/** The role's CSRF token (the double-submit cookie's value). */
export const csrfOf = (live: Live, who: Who) => live.clients[who].cookies.get('koe_csrf') ?? '';
