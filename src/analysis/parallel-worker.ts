/**
 * Helper side of {@link mapParallel}: claims pieces from the shared counter until none is left
 * and posts each result. `inflight` is raised before each claim and lowered after the post, so
 * the main thread knows when nothing more will come.
 */
import { workerData } from 'node:worker_threads';
import { CTRL_INFLIGHT, CTRL_NEXT, type MapJob, type PieceMessage } from './parallel.ts';
import { taskFor } from './parallel-tasks.ts';

const { task, input, order, ctrl, port } = workerData as MapJob;
const run = taskFor(task, input);
for (;;) {
  Atomics.add(ctrl, CTRL_INFLIGHT, 1);
  try {
    const c = Atomics.add(ctrl, CTRL_NEXT, 1);
    if (c >= order.length) break;
    const index = order[c] as number;
    const msg: PieceMessage = { index, result: run(index) };
    port.postMessage(msg);
  } finally {
    Atomics.sub(ctrl, CTRL_INFLIGHT, 1);
    Atomics.notify(ctrl, CTRL_INFLIGHT);
  }
}
port.close();
