/**
 * An analysis spawn for tests that runs the engine in this thread when the test says so: until
 * `release()`, each job reports itself half-way through clustering. `starts` counts the jobs
 * started (across every runner the spawn is given to).
 */
import { analyse } from '../src/analysis/index.ts';
import type { AnalysisSpawn } from '../src/analysis-runner/index.ts';

export function heldSpawn() {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let starts = 0;
  const spawn: AnalysisSpawn = async (items, options, onProgress) => {
    starts++;
    onProgress(1, 2, 'cluster');
    await released;
    return JSON.stringify(analyse(items, options));
  };
  return { spawn, release: () => release(), starts: () => starts };
}
