/**
 * Independent pieces of one step (the finer groups of each theme, say) shared between this
 * thread and one helper thread: both claim pieces from one shared counter, so the split balances
 * itself, and the helper posts its results back. `analyse()` stays synchronous: results are read
 * with receiveMessageOnPort, and this thread only sleeps (Atomics.wait) for pieces the helper is
 * still working on. Any failure (no worker support, no bundle, a crash) leaves pieces without a
 * result, and those are done in this thread: the result is always the same, only slower.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { type TaskInput, type TaskName, type TaskResult, taskFor } from './parallel-tasks.ts';
import { bundleWorkerOrNone, WORKER_EXEC_ARGV } from './worker-script.ts';

/** Slots of the shared control array. */
export const CTRL_NEXT = 0;
export const CTRL_INFLIGHT = 1;

/** What the helper receives. */
export interface MapJob<K extends TaskName = TaskName> {
  task: K;
  input: TaskInput<K>;
  /** Piece indices in the order they are claimed (largest first balances best). */
  order: Int32Array;
  /** [next position in `order`, pieces in hand in the helper] */
  ctrl: Int32Array;
  port: MessagePort;
}

export interface PieceMessage {
  index: number;
  result: unknown;
}

/** Pieces done by the helper (for tests and the benchmark). */
export const parallelStats = { helperPieces: 0 };

export interface MapOptions {
  /** Start a helper thread; false on a small input, where starting one costs more than it saves. */
  helper: boolean;
  /** Tests: leave every piece to the helper (this thread only waits and fills gaps). */
  helperOnly?: boolean;
}

/**
 * `taskFor(task, input)` of every piece, as an array indexed by piece. `sizes` are the pieces'
 * sizes: they are claimed largest first, so the two threads end together.
 */
export function mapParallel<K extends TaskName>(
  task: K,
  input: TaskInput<K>,
  sizes: readonly number[],
  { helper, helperOnly = false }: MapOptions,
): TaskResult<K>[] {
  const run = taskFor(task, input);
  const order = sizes.map((_, i) => i).sort((a, b) => (sizes[b] as number) - (sizes[a] as number));
  const out = new Array<TaskResult<K>>(order.length);
  const done = new Uint8Array(order.length);
  const rest = (): TaskResult<K>[] => {
    for (const i of order) if (done[i] === 0) out[i] = run(i);
    return out;
  };
  const script =
    helper && order.length > 1
      ? bundleWorkerOrNone(new URL('./parallel-worker.ts', import.meta.url))
      : undefined;
  if (script === undefined) return rest();
  const ctrl = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    const job: MapJob<K> = { task, input, order: Int32Array.from(order), ctrl, port: port2 };
    worker = new Worker(script, { execArgv: WORKER_EXEC_ARGV, workerData: job, transferList: [port2] });
  } catch {
    port1.close();
    return rest();
  }
  worker.unref();
  // A crash is handled by doing its pieces here; the listener only keeps it quiet.
  worker.on('error', () => {});
  const started = performance.now();
  while (!helperOnly) {
    const c = Atomics.add(ctrl, CTRL_NEXT, 1);
    if (c >= order.length) break;
    const i = order[c] as number;
    out[i] = run(i);
    done[i] = 1;
  }
  // The helper may still be on its last piece: wait for it, as long again as this thread has
  // worked and 30 s more, before doing it here.
  waitForHelper(ctrl, order.length, 30_000 + 2 * (performance.now() - started));
  for (;;) {
    const msg = receiveMessageOnPort(port1);
    if (msg === undefined) break;
    const { index, result } = msg.message as PieceMessage;
    if (done[index] === 1) continue;
    out[index] = result as TaskResult<K>;
    done[index] = 1;
    parallelStats.helperPieces++;
  }
  port1.close();
  void worker.terminate();
  return rest();
}

/**
 * Sleep until the helper holds no claimed piece and every piece is claimed, or `waitMs` passed.
 * The helper raises `inflight` before it claims, so once it is 0 with the counter past the end
 * nothing more can come.
 */
export function waitForHelper(ctrl: Int32Array, pieces: number, waitMs: number): void {
  const deadline = performance.now() + waitMs;
  for (;;) {
    const v = Atomics.load(ctrl, CTRL_INFLIGHT);
    const left = deadline - performance.now();
    const finished = Atomics.load(ctrl, CTRL_NEXT) >= pieces;
    if ((v === 0 && finished) || left <= 0) break;
    Atomics.wait(ctrl, CTRL_INFLIGHT, v, v === 0 ? Math.min(left, 20) : left);
  }
}
