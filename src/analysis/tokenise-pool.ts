/**
 * Tokenising is the largest phase (ICU segmentation). On large inputs one worker thread takes
 * the second half of the texts while the main thread does the first; `analyse()` stays
 * synchronous by sleeping on a shared flag (Atomics.wait) and receiving the result with
 * receiveMessageOnPort. Any failure (no worker support, loader problem, timeout) falls back to
 * tokenising in this thread, so the result is always the same.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { tokenise, type TokeniseOptions } from './tokenise.ts';

/** Below this many texts a worker costs more than it saves. */
export const PARALLEL_MINIMUM = 20_000;

// The worker is TypeScript: a tiny bootstrap registers tsx's loader and then imports it (the
// same approach as src/analysis-runner, which works under tsx, the CLI and vitest). When tsx is
// not installed the bootstrap reports failure and we tokenise in-thread.
function bootstrap(): string | undefined {
  try {
    const tsxApi = new URL(
      'dist/esm/api/index.mjs',
      pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json')),
    ).href;
    const workerUrl = new URL('./tokenise-worker.ts', import.meta.url).href;
    return `const wt = require('node:worker_threads');
import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(workerUrl)}); })
  .catch(() => { const f = wt.workerData.flag; Atomics.store(f, 0, 2); Atomics.notify(f, 0); });`;
  } catch {
    return undefined;
  }
}

/**
 * Tokenise many texts (same result as mapping {@link tokenise} over them, in order), using one
 * worker thread when there are at least `minParallel` texts.
 */
export function tokeniseMany(
  texts: readonly string[],
  opts: TokeniseOptions,
  minParallel = PARALLEL_MINIMUM,
): string[][] {
  const inThread = (from: number, to: number): string[][] => {
    const out: string[][] = [];
    for (let i = from; i < to; i++) out.push(tokenise(texts[i] as string, opts));
    return out;
  };
  const code = texts.length >= minParallel ? bootstrap() : undefined;
  if (code === undefined || texts.some((t) => t.includes('\u0002'))) return inThread(0, texts.length);
  // The worker starts slower, so it takes a little less than half.
  const split = Math.floor(texts.length * 0.55);
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(code, {
      eval: true,
      workerData: { texts: texts.slice(split).join('\u0002'), opts, port: port2, flag },
      transferList: [port2],
    });
  } catch {
    port1.close();
    return inThread(0, texts.length);
  }
  worker.unref();
  worker.on('error', () => {
    Atomics.store(flag, 0, 2);
  });
  const first = inThread(0, split);
  Atomics.wait(flag, 0, 0, 120_000);
  const msg = Atomics.load(flag, 0) === 1 ? receiveMessageOnPort(port1) : undefined;
  port1.close();
  void worker.terminate();
  if (msg === undefined || typeof msg.message !== 'string')
    return [...first, ...inThread(split, texts.length)];
  const rest = (msg.message as string).split('\u0002').map((d) => (d === '' ? [] : d.split('\u0001')));
  if (rest.length !== texts.length - split) return [...first, ...inThread(split, texts.length)];
  return [...first, ...rest];
}
