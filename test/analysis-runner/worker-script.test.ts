import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { bundleWorkerAsync, WORKER_EXEC_ARGV } from '../../src/analysis/worker-script.ts';
import { runInWorker } from '../../src/analysis-runner/index.ts';
import { generateComments } from '../analysis/synthetic.ts';

function firstMessage(script: URL): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { execArgv: WORKER_EXEC_ARGV });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

describe('bundled workers', () => {
  it('run the analysis in a worker thread with the same result as in this thread', async () => {
    const items = generateComments(400, { seed: 9 }).map(({ campaign: _c, ...item }) => item);
    const phases = new Set<string>();
    const json = await runInWorker(items, {}, (_done, _total, phase) => phases.add(phase));
    expect(json).toBe(JSON.stringify(analyse(items)));
    expect(phases.has('done')).toBe(true);
  });

  it('start workers of their own from inside a bundle, as the analysis does in the runner', async () => {
    const script = await bundleWorkerAsync(new URL('./fixtures/nested-worker.ts', import.meta.url));
    const reply = (await firstMessage(script)) as { workerItems: number; same: boolean };
    expect(reply.same).toBe(true);
    expect(reply.workerItems).toBe(600);
  });
});
