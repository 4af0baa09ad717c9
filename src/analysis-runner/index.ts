/**
 * The analysis runner: runs the analysis engine for a consultation off the request path and
 * caches the result in the `analysis_cache` table under the version of its input, which the
 * database raises on every change the analysis reads (migration 0002). A request never runs the
 * engine itself: it gets the analysis (from the cache when the version matches), or learns that
 * it is being computed and how far it got. Concurrent requests share one job per consultation,
 * and jobs run one at a time (two cores: the web server keeps the other).
 *
 * One runner per app, made in `createApp` (or passed to it); everything it keeps is its own.
 */
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { AnalyseOptions, AnalysisInput, AnalysisResult } from '../analysis/types.ts';
import { bundleWorkerAsync, WORKER_EXEC_ARGV } from '../analysis/worker-script.ts';
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

export function createAnalysisRunner({
  db,
  clock,
  spawn = runInWorker,
  syncLimit = 500,
  syncWaitMs = 15_000,
  options = {},
}: AnalysisRunnerOptions): AnalysisRunner {
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

  function startJob(consultationId: number, version: number, items: AnalysisInput[]): Job {
    const job: Job = { version, percent: 0, phase: 'queued', finished: Promise.resolve() };
    const run = async () => {
      job.phase = 'start';
      const json = await spawn(items, options, (done, total, phase) => {
        job.phase = phase;
        job.percent = Math.max(job.percent, percentOf(done, total, phase));
      });
      // The items were read after `version`: the result is at least as new as the version says.
      await saveAnalysisCache(db, consultationId, { version, resultJson: json }, clock.now());
      job.percent = 100;
    };
    const finished = queue.then(run).catch((err: unknown) => {
      job.error = err instanceof Error ? err.message : String(err);
      console.error(`analysis of consultation ${consultationId} failed:`, job.error);
    });
    queue = finished;
    job.finished = finished.then(() => {
      if (!job.error && jobs.get(consultationId) === job) jobs.delete(consultationId);
    });
    jobs.set(consultationId, job);
    return job;
  }

  return {
    async get(consultationId, opts = {}) {
      const version = await findAnalysisVersion(db, consultationId);
      const cached = await readCache(consultationId, version);
      if (cached) return cached;
      let job = jobs.get(consultationId);
      if (job?.error && job.version === version) {
        // Report the failure once; the next request tries again.
        jobs.delete(consultationId);
        return { state: 'failed', message: job.error };
      }
      let size = Number.POSITIVE_INFINITY;
      if (!job || job.version !== version) {
        const items = await listAnalysisInputs(db, consultationId);
        size = items.length;
        // Another request may have started the same job while the inputs were read.
        const started = jobs.get(consultationId);
        job =
          started && started.version === version && !started.error
            ? started
            : startJob(consultationId, version, items);
      }
      if (opts.wait || size < syncLimit) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          job.finished,
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, opts.waitMs ?? syncWaitMs);
          }),
        ]);
        clearTimeout(timer);
        const after = await readCache(consultationId, version);
        if (after) return after;
        if (job.error) {
          jobs.delete(consultationId);
          return { state: 'failed', message: job.error };
        }
      }
      return { state: 'running', percent: job.percent, phase: job.phase };
    },
  };
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
