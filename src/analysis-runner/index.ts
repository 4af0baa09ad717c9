/**
 * The analysis runner: runs the analysis engine for a consultation off the request path and
 * caches the result in the `analysis_cache` table under the version of its input, which the
 * database raises on every change the analysis reads (migration 0002). A request never runs the
 * engine itself: it gets the analysis (from the cache when the version matches), or learns that
 * it is being computed and how far it got. Jobs run one at a time in a process (two cores: the
 * web server keeps the other).
 *
 * One job per consultation at a time, across every process on the database: a process runs a
 * job only after it took the consultation's lease (`analysis_jobs`, src/data/analysis-jobs.ts);
 * the others report the holder's progress from the lease and read the result from the cache.
 * A holder beats (writes its progress or the time) while it runs, so the lease of a process that
 * died is taken over after STALE_MS.
 *
 * One runner per app, made in `createApp` (or passed to it); what it keeps in memory is its own
 * jobs and a parse of the cached result keyed by version (so never stale).
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AnalyseOptions, AnalysisInput, AnalysisResult } from '../analysis/types.ts';
import { bundleWorkerAsync, WORKER_EXEC_ARGV } from '../analysis/worker-script.ts';
import {
  claimAnalysisJob,
  endAnalysisJob,
  findAnalysisJob,
  reportAnalysisJob,
  takeAnalysisFailure,
} from '../data/analysis-jobs.ts';
import {
  findAnalysisCache,
  findAnalysisVersion,
  listAnalysisInputs,
  saveAnalysisCache,
} from '../data/council.ts';
import type { Clock } from '../lib/time.ts';
import type { WorkerMessage } from './worker.ts';

export type AnalysisState =
  | { state: 'ready'; result: AnalysisResult; computedAt: string; version: number }
  | { state: 'running'; percent: number; phase: string }
  | { state: 'failed'; message: string };

export type ProgressReport = (done: number, total: number, phase: string) => void;

/**
 * Runs `analyse(items, options)` somewhere and resolves with the result as JSON text, reporting
 * progress on the way. The default starts a fresh worker thread ({@link runInWorker}); tests
 * pass their own to hold a job or count starts.
 */
export type AnalysisSpawn = (
  items: AnalysisInput[],
  options: AnalyseOptions,
  onProgress: ProgressReport,
) => Promise<string>;

export interface AnalysisRunnerOptions {
  db: Kysely<Database>;
  clock: Clock;
  spawn?: AnalysisSpawn;
  /** Below this many comments a request waits for the job (it takes well under a second). */
  syncLimit?: number;
  /** How long such a request waits at most before answering with progress instead. */
  syncWaitMs?: number;
  /** Options passed to `analyse()`. */
  options?: AnalyseOptions;
}

export interface AnalysisRunner {
  /**
   * The analysis of a consultation: from the cache when it was computed for the input as it is
   * now; otherwise a job is started (once) and its progress returned. With `wait` (or for small
   * consultations) the call waits for the job, up to `waitMs`.
   */
  get(consultationId: number, opts?: { wait?: boolean; waitMs?: number }): Promise<AnalysisState>;
}

interface Job {
  version: number;
  percent: number;
  phase: string;
  error?: string;
  finished: Promise<void>;
}

/** A holder writes its progress at most this often, and the time at least this often. */
const REPORT_MS = 1000;
const HEARTBEAT_MS = 10_000;
/** A lease whose holder has not beaten for this long is free (its process died). */
export const STALE_MS = 60_000;
/** How often a request that waits for another process's job looks for its result. */
const POLL_MS = 200;

export function createAnalysisRunner({
  db,
  clock,
  spawn = runInWorker,
  syncLimit = 500,
  syncWaitMs = 15_000,
  options = {},
}: AnalysisRunnerOptions): AnalysisRunner {
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  const jobs = new Map<number, Job>();
  // The parsed cache, so that a page view does not re-parse megabytes of JSON.
  const parsed = new Map<number, { version: number; computedAt: string; result: AnalysisResult }>();
  // One job at a time.
  let queue: Promise<unknown> = Promise.resolve();

  async function readCache(consultationId: number, version: number): Promise<AnalysisState | undefined> {
    const memo = parsed.get(consultationId);
    if (memo && memo.version === version) {
      return { state: 'ready', result: memo.result, computedAt: memo.computedAt, version };
    }
    const row = await findAnalysisCache(db, consultationId, version);
    if (!row) return undefined;
    const result = JSON.parse(row.resultJson) as AnalysisResult;
    parsed.set(consultationId, { version, computedAt: row.computedAt, result });
    return { state: 'ready', result, computedAt: row.computedAt, version };
  }

  /** Runs a job whose lease this runner holds; reports to the lease and releases it at the end. */
  function startJob(consultationId: number, version: number, items: AnalysisInput[]): Job {
    const job: Job = { version, percent: 0, phase: 'queued', finished: Promise.resolve() };
    let reported = 0;
    const report = (force: boolean) => {
      // Real time for the pace of reports; the app's clock for what is stored.
      if (!force && performance.now() - reported < REPORT_MS) return;
      reported = performance.now();
      const progress = { phase: job.phase, percent: job.percent };
      void reportAnalysisJob(db, consultationId, owner, progress, clock.now()).catch(() => {});
    };
    const beat = setInterval(() => report(true), HEARTBEAT_MS);
    beat.unref();
    const run = async () => {
      job.phase = 'start';
      const json = await spawn(items, options, (done, total, phase) => {
        const changed = phase !== job.phase;
        job.phase = phase;
        job.percent = Math.max(job.percent, percentOf(done, total, phase));
        report(changed);
      });
      // The items were read after `version`: the result is at least as new as the version says.
      await saveAnalysisCache(db, consultationId, { version, resultJson: json }, clock.now());
      job.percent = 100;
    };
    const finished = queue
      .then(run)
      .catch((err: unknown) => {
        job.error = err instanceof Error ? err.message : String(err);
        console.error(`analysis of consultation ${consultationId} failed:`, job.error);
      })
      .finally(() => clearInterval(beat));
    queue = finished;
    job.finished = finished.then(async () => {
      await endAnalysisJob(db, consultationId, owner, job.error ?? null);
      if (jobs.get(consultationId) === job) jobs.delete(consultationId);
    });
    jobs.set(consultationId, job);
    return job;
  }

  /** This process's job for `version`, starting it if the lease is free; undefined when another holds it. */
  async function jobFor(consultationId: number, version: number): Promise<{ job?: Job; size: number }> {
    const own = jobs.get(consultationId);
    if (own && own.version === version) return { job: own, size: Number.POSITIVE_INFINITY };
    const now = clock.now();
    const lease = { version, owner };
    if (!(await claimAnalysisJob(db, consultationId, lease, now, new Date(now.getTime() - STALE_MS)))) {
      // Another request of this process may have claimed it meanwhile; else another process has.
      const started = jobs.get(consultationId);
      return { job: started?.version === version ? started : undefined, size: Number.POSITIVE_INFINITY };
    }
    // The holder before may have finished between our look at the cache and the claim.
    if (await findAnalysisCache(db, consultationId, version)) {
      await endAnalysisJob(db, consultationId, owner, null);
      return { size: 0 };
    }
    const items = await listAnalysisInputs(db, consultationId);
    return { job: startJob(consultationId, version, items), size: items.length };
  }

  /**
   * Waits up to `ms` for the analysis of `version`: for this process's job to finish, or, while
   * another process holds the lease, for its result to appear (taking the lease over when it
   * becomes free).
   */
  async function waitFor(consultationId: number, version: number, job: Job | undefined, ms: number) {
    const until = performance.now() + ms;
    let current = job;
    for (;;) {
      const left = until - performance.now();
      if (current) {
        await settledWithin(current.finished, left);
        return current;
      }
      if (left <= 0) return undefined;
      await settledWithin(new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, left))), left);
      if (await readCache(consultationId, version)) return undefined;
      current = (await jobFor(consultationId, version)).job;
      if (!current && (await readCache(consultationId, version))) return undefined;
    }
  }

  return {
    async get(consultationId, opts = {}) {
      const version = await findAnalysisVersion(db, consultationId);
      const cached = await readCache(consultationId, version);
      if (cached) return cached;
      // A job for this version failed (here or in another process): report it once; the next
      // request tries again.
      const lease = await findAnalysisJob(db, consultationId);
      if (lease && lease.error !== null && lease.version === version) {
        const failure = await takeAnalysisFailure(db, consultationId, version);
        if (failure !== undefined) return { state: 'failed', message: failure };
      }
      const { job, size } = await jobFor(consultationId, version);
      if (!job) {
        const done = await readCache(consultationId, version);
        if (done) return done;
      }
      if (opts.wait || size < syncLimit) {
        const waited = await waitFor(consultationId, version, job, opts.waitMs ?? syncWaitMs);
        const after = await readCache(consultationId, version);
        if (after) return after;
        if (waited?.error !== undefined) {
          const message = (await takeAnalysisFailure(db, consultationId, version)) ?? waited.error;
          return { state: 'failed', message };
        }
      }
      if (job) return { state: 'running', percent: job.percent, phase: job.phase };
      const other = await findAnalysisJob(db, consultationId);
      return { state: 'running', percent: other?.percent ?? 0, phase: other?.phase ?? 'queued' };
    },
  };
}

/** Resolves when `promise` settles or after `ms`, whichever is first. */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.then(
      () => {},
      () => {},
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, ms));
    }),
  ]);
  clearTimeout(timer);
}

/** The engine's phases, mapped onto one 0–100 scale. */
const PHASES: Readonly<Record<string, readonly [from: number, to: number]>> = {
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

/**
 * The default {@link AnalysisSpawn}: `analyse()` in a fresh worker thread, on the worker module
 * bundled to plain JavaScript (see src/analysis/worker-script.ts).
 */
export async function runInWorker(
  items: AnalysisInput[],
  options: AnalyseOptions,
  onProgress: ProgressReport,
): Promise<string> {
  const script = await bundleWorkerAsync(new URL('./worker.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { execArgv: WORKER_EXEC_ARGV, workerData: { items, opts: options } });
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
