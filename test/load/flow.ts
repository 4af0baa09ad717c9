/**
 * The citizen's whole submission as a browser without JavaScript makes it, for the load
 * benchmark: GET the form → POST 確認 (with the form's CSRF field and the cookie) → POST 送信
 * (with the confirmation page's own hidden fields) → follow the 303 to 完了. A small client on
 * node:http with keep-alive, cheaper per request than fetch, so that the load generator's own
 * cost stays small next to the server's.
 *
 * Two ways to drive it: `closedLoop` (N citizens, each starting the next submission when the
 * last one ends: throughput) and `openLoop` (submissions started at a fixed rate whatever the
 * server does: overload, where a closed loop would slow down with the server and hide the queue).
 */
import { Agent, request } from 'node:http';

export interface FlowTarget {
  /** http://127.0.0.1:port */
  baseUrl: string;
  consultationId: number;
}

/** A receipt the server acknowledged (the 303 to the done page), with the text sent. */
export interface Ack {
  code: string;
  body: string;
}

export interface FlowStats {
  /** Whole submissions completed (done page read). */
  completed: number;
  /** Submissions refused by load shedding (429/503 with Retry-After) at some step. */
  shed: number;
  /** Answers neither expected nor a shed (a bug): status and step. */
  failures: string[];
  /** Milliseconds per completed submission, start to done page. */
  latencies: number[];
  acks: Ack[];
  /** Shed answers without Retry-After, or without both Japanese and English text. */
  badShed: string[];
  /** Milliseconds from a submission's start to the answer that turned it away. */
  shedLatencies: number[];
  /**
   * Open loop only: how late the load generator started each submission (ms). When it is far
   * behind, the latencies are the generator's, not the server's.
   */
  startDelays: number[];
  seconds: number;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

class Shed extends Error {}
class Unexpected extends Error {}

/** One HTTP exchange; the body read as text. */
function exchange(
  agent: Agent,
  url: URL,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const HIDDEN = /<input\b[^>]*\btype="hidden"[^>]*>/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };
const unescapeHtml = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ENTITIES[e]!);

/** The hidden fields of the form posting to `action` (the page may hold other forms). */
export function hiddenFields(html: string, action: string): [string, string][] {
  const at = html.indexOf(`action="${action}"`);
  if (at < 0) throw new Unexpected(`no form posting to ${action}`);
  const end = html.indexOf('</form>', at);
  const form = html.slice(at, end < 0 ? undefined : end);
  const out: [string, string][] = [];
  for (const [tag] of form.matchAll(HIDDEN)) {
    const name = /\sname="([^"]*)"/.exec(tag)?.[1];
    if (name) out.push([name, unescapeHtml(/\svalue="([^"]*)"/.exec(tag)?.[1] ?? '')]);
  }
  return out;
}

/** What a person fills in; `body` unique per submission so that it can be found afterwards. */
function fieldsFor(body: string): [string, string][] {
  return [
    ['body', body],
    ['submitter_kind', 'individual'],
    ['name', '負荷 試験'],
    ['postal_code', '710-8565'],
    ['address', '倉敷市西中新田640'],
    ['category', 'resident'],
    ['email', ''],
    ['phone', ''],
  ];
}

const FORM = 'application/x-www-form-urlencoded';

/** Runs the four requests of one submission; throws Shed or Unexpected. */
async function oneSubmission(agent: Agent, target: FlowTarget, text: string): Promise<Ack> {
  const base = `/consultations/${target.consultationId}/comment`;
  const url = (path: string) => new URL(path, target.baseUrl);
  let cookie = '';
  const take = (a: Answer, step: string, expected: number) => {
    if (a.status === 429 || a.status === 503) throw new Shed(`${step} ${a.status}`, { cause: a });
    if (a.status !== expected) throw new Unexpected(`${step}: ${a.status} ${a.body.slice(0, 200)}`);
    const set = a.headers['set-cookie'];
    for (const line of set ?? []) {
      const pair = line.split(';')[0]!;
      if (pair.startsWith('koe_csrf=')) cookie = pair;
    }
    return a;
  };
  const form = take(await exchange(agent, url(base), 'GET', {}), 'form', 200);
  const csrf = hiddenFields(form.body, `${base}/confirm`).filter(([k]) => k === '_csrf');
  const post = (path: string, pairs: [string, string][]) =>
    exchange(
      agent,
      url(path),
      'POST',
      { 'content-type': FORM, cookie },
      new URLSearchParams(pairs).toString(),
    );
  const confirm = take(await post(`${base}/confirm`, [...csrf, ...fieldsFor(text)]), 'confirm', 200);
  const sent = take(
    await post(`${base}/submit`, hiddenFields(confirm.body, `${base}/submit`)),
    'submit',
    303,
  );
  const location = String(sent.headers.location ?? '');
  const code = /\/comment\/done\/([0-9A-Z]{12})$/.exec(location)?.[1];
  if (!code) throw new Unexpected(`submit: no receipt in ${location}`);
  const ack = { code, body: text };
  take(await exchange(agent, url(location), 'GET', { cookie }), 'done', 200);
  return ack;
}

/** Checks a shed answer: Retry-After, and a message in Japanese and in English. */
function shedProblem(a: Answer): string | undefined {
  if (!a.headers['retry-after']) return `${a.status} without Retry-After`;
  if (!/[ぁ-ん]/.test(a.body) || !/[a-z]{4} [a-z]{3}/i.test(a.body)) return `${a.status} not in ja and en`;
  return undefined;
}

function newStats(): FlowStats {
  return {
    completed: 0,
    shed: 0,
    failures: [],
    latencies: [],
    acks: [],
    badShed: [],
    shedLatencies: [],
    startDelays: [],
    seconds: 0,
  };
}

async function attempt(agent: Agent, target: FlowTarget, stats: FlowStats, text: string, started: number) {
  try {
    const ack = await oneSubmission(agent, target, text);
    stats.acks.push(ack);
    stats.completed++;
    stats.latencies.push(performance.now() - started);
  } catch (err) {
    if (err instanceof Shed) {
      stats.shed++;
      stats.shedLatencies.push(performance.now() - started);
      const problem = shedProblem(err.cause as Answer);
      if (problem && stats.badShed.length < 10) stats.badShed.push(problem);
    } else if (stats.failures.length < 20) {
      stats.failures.push(String(err instanceof Error ? err.message : err));
    } else stats.failures.push('');
  }
}

let serial = 0;
const textFor = (tag: string) =>
  `負荷試験の意見です（${tag}-${process.pid}-${++serial}）。協働の原則について、市民と市が対等な立場で話し合えるよう、説明会の回数を増やしてください。`;

/** `citizens` people submitting one comment after another for `seconds`. */
export async function closedLoop(target: FlowTarget, citizens: number, seconds: number): Promise<FlowStats> {
  const agent = new Agent({ keepAlive: true, maxSockets: citizens });
  const stats = newStats();
  const start = performance.now();
  const until = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: citizens }, async (_, n) => {
      while (performance.now() < until) {
        await attempt(agent, target, stats, textFor(`c${n}`), performance.now());
      }
    }),
  );
  stats.seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return stats;
}

/**
 * Submissions started at `rate` per second for `seconds`, each by a new person, whatever the
 * server answers; latency counts from the moment a submission was due, so a queue shows.
 */
export async function openLoop(target: FlowTarget, rate: number, seconds: number): Promise<FlowStats> {
  const agent = new Agent({ keepAlive: true, maxSockets: 2000 });
  const stats = newStats();
  const start = performance.now();
  const running: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    stats.startDelays.push(Math.max(0, performance.now() - due));
    running.push(attempt(agent, target, stats, textFor(`o${i}`), due));
  }
  await Promise.all(running);
  stats.seconds = (performance.now() - start) / 1000;
  agent.destroy();
  return stats;
}

/** The cookies a response set, as a Cookie header to send back. */
export function cookiesSet(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

/** The p-th percentile (0–100) of `values`, in the same unit. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
