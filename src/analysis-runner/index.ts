/**
 * Runs the analysis engine for a consultation in a worker thread and caches the result in the
 * `analysis_cache` table, keyed by a fingerprint of the inputs. Requests never run the engine
 * themselves: they ask for the analysis and get it (fresh from the cache), or learn that it is
 * being computed and how far it got. Concurrent requests share one job per consultation, and
 * jobs run one at a time (two cores: the web server keeps the other).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AnalyseOptions, AnalysisInput, AnalysisResult } from '../analysis/types.ts';
import {
  computeAnalysisFingerprint,
  findAnalysisCache,
  listAnalysisInputs,
  saveAnalysisCache,
} from '../data/council.ts';
import type { Clock } from '../lib/time.ts';
import type { WorkerMessage } from './worker.ts';

export type AnalysisState =
  | { state: 'ready'; result: AnalysisResult; computedAt: string; fingerprint: string }
  | { state: 'running'; percent: number; phase: string }
  | { state: 'failed'; message: string };

/** Tunables. Tests may lower `syncLimit` to see the progress path. */
export const runnerSettings = {
  /** Below this many comments a request waits for the worker (it takes well under a second). */
  syncLimit: 500,
  /** How long such a request waits at most before answering with progress instead. */
  syncWaitMs: 15_000,
  /** Options passed to `analyse()`. */
  options: {} as AnalyseOptions,
};

/** How many jobs were started in this process (tests check that starts are deduplicated). */
export const runnerStats = { started: 0 };

interface Job {
  fingerprint: string;
  percent: number;
  phase: string;
  error?: string;
  finished: Promise<void>;
}

interface DbState {
  jobs: Map<number, Job>;
  /** The parsed cache, so a page view does not re-parse megabytes of JSON. */
  parsed: Map<number, { fingerprint: string; computedAt: string; result: AnalysisResult }>;
}

// Per database handle (tests run many apps with their own in-memory databases in one process).
const states = new WeakMap<Kysely<Database>, DbState>();

function stateOf(db: Kysely<Database>): DbState {
  let s = states.get(db);
  if (!s) {
    s = { jobs: new Map(), parsed: new Map() };
    states.set(db, s);
  }
  return s;
}

/**
 * The analysis of a consultation: from the cache when its fingerprint matches the comments as
 * they are now; otherwise a job is started (once) and its progress returned. With `wait` (or
 * for small consultations) the call waits for the job, up to `waitMs`.
 */
export async function getAnalysis(
  db: Kysely<Database>,
  consultationId: number,
  clock: Clock,
  opts: { wait?: boolean; waitMs?: number } = {},
): Promise<AnalysisState> {
  const fingerprint = await computeAnalysisFingerprint(db, consultationId);
  const cached = await readCache(db, consultationId, fingerprint);
  if (cached) return cached;
  const s = stateOf(db);
  let job = s.jobs.get(consultationId);
  if (job?.error && job.fingerprint === fingerprint) {
    // Report the failure once; the next request tries again.
    s.jobs.delete(consultationId);
    return { state: 'failed', message: job.error };
  }
  let size = Number.POSITIVE_INFINITY;
  if (!job || job.fingerprint !== fingerprint) {
    const items = await listAnalysisInputs(db, consultationId);
    size = items.length;
    // Another request may have started the same job while the inputs were read.
    const started = s.jobs.get(consultationId);
    job =
      started && started.fingerprint === fingerprint && !started.error
        ? started
        : startJob(db, consultationId, fingerprint, items, clock);
  }
  if (opts.wait || size < runnerSettings.syncLimit) {
    const waitMs = opts.waitMs ?? runnerSettings.syncWaitMs;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      job.finished,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs);
      }),
    ]);
    clearTimeout(timer);
    const after = await readCache(db, consultationId, fingerprint);
    if (after) return after;
    if (job.error) {
      s.jobs.delete(consultationId);
      return { state: 'failed', message: job.error };
    }
  }
  return { state: 'running', percent: job.percent, phase: job.phase };
}

async function readCache(
  db: Kysely<Database>,
  consultationId: number,
  fingerprint: string,
): Promise<AnalysisState | undefined> {
  const s = stateOf(db);
  const memo = s.parsed.get(consultationId);
  if (memo && memo.fingerprint === fingerprint) {
    return { state: 'ready', result: memo.result, computedAt: memo.computedAt, fingerprint };
  }
  const row = await findAnalysisCache(db, consultationId);
  if (!row || row.fingerprint !== fingerprint) return undefined;
  const result = JSON.parse(row.resultJson) as AnalysisResult;
  s.parsed.set(consultationId, { fingerprint, computedAt: row.computedAt, result });
  return { state: 'ready', result, computedAt: row.computedAt, fingerprint };
}

// One worker at a time across the process.
let queue: Promise<unknown> = Promise.resolve();

function startJob(
  db: Kysely<Database>,
  consultationId: number,
  fingerprint: string,
  items: AnalysisInput[],
  clock: Clock,
): Job {
  const s = stateOf(db);
  const job: Job = { fingerprint, percent: 0, phase: 'queued', finished: Promise.resolve() };
  runnerStats.started++;
  const run = async () => {
    job.phase = 'start';
    const json = await runInWorker(items, runnerSettings.options, (done, total, phase) => {
      job.phase = phase;
      job.percent = Math.max(job.percent, percentOf(done, total, phase));
    });
    await saveAnalysisCache(db, consultationId, { fingerprint, resultJson: json }, clock.now());
    job.percent = 100;
  };
  const finished = queue.then(run).catch((err: unknown) => {
    job.error = err instanceof Error ? err.message : String(err);
    console.error(`analysis of consultation ${consultationId} failed:`, job.error);
  });
  queue = finished;
  job.finished = finished.then(() => {
    if (!job.error && s.jobs.get(consultationId) === job) s.jobs.delete(consultationId);
  });
  s.jobs.set(consultationId, job);
  return job;
}

/** The engine's phases, mapped onto one 0–100 scale. */
const PHASES: Record<string, [from: number, to: number]> = {
  normalise: [0, 15],
  'near-duplicates': [15, 35],
  tokenise: [35, 50],
  cluster: [50, 95],
  done: [95, 99],
};

export function percentOf(done: number, total: number, phase: string): number {
  const [from, to] = PHASES[phase] ?? [0, 0];
  const frac = total > 0 ? Math.min(1, done / total) : 1;
  return Math.round(from + (to - from) * frac);
}

// The ESM build of tsx's API (require.resolve would pick the CommonJS one).
const TSX_API = new URL(
  'dist/esm/api/index.mjs',
  pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json')),
).href;
const WORKER_URL = new URL('./worker.ts', import.meta.url).href;
/**
 * The worker is TypeScript. On Node 20 `execArgv: ['--import', 'tsx']` does not reach a worker's
 * entry module, so a tiny bootstrap registers tsx's loader first and then imports the worker.
 * The same code runs under `tsx src/server.tsx`, the CLI and vitest.
 */
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL)}); }).catch((e) => { require('node:worker_threads').parentPort.postMessage({ type: 'error', message: String(e && e.message || e) }); });`;

/** Runs `analyse()` in a fresh worker thread and resolves with the result as JSON text. */
export function runInWorker(
  items: AnalysisInput[],
  options: AnalyseOptions,
  onProgress: (done: number, total: number, phase: string) => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { items, opts: options } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress(m.done, m.total, m.phase);
      else if (m.type === 'done') settle(() => resolve(m.json));
      else settle(() => reject(new Error(m.message)));
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`analysis worker exited with code ${code}`))));
  });
}
