/**
 * The analysis worker: runs `analyse()` off the main thread so that requests are never blocked,
 * posting progress as the engine reports it. It receives its input in `workerData` and posts
 * `progress` messages, then one `done` (with the result as JSON text) or `error`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyse } from '../analysis/index.ts';
import type { AnalyseOptions, AnalysisInput } from '../analysis/types.ts';

export type WorkerMessage =
  | { type: 'progress'; done: number; total: number; phase: string }
  | { type: 'done'; json: string }
  | { type: 'error'; message: string };

const { items, opts } = workerData as { items: AnalysisInput[]; opts: AnalyseOptions };
const post = (m: WorkerMessage): void => parentPort?.postMessage(m);

try {
  let lastPhase = '';
  let lastAt = 0;
  const result = analyse(items, opts, (done, total, phase) => {
    // Phases change rarely; within a phase, at most a few messages a second.
    const now = Date.now();
    if (phase === lastPhase && now - lastAt < 200) return;
    lastPhase = phase;
    lastAt = now;
    post({ type: 'progress', done, total, phase });
  });
  post({ type: 'done', json: JSON.stringify(result) });
} catch (err) {
  post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
}
