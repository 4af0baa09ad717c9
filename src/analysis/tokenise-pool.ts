/**
 * Tokenising is the largest phase (ICU segmentation). On large inputs a worker thread starts
 * tokenising the raw texts at the very beginning of `analyse()`, while the main thread
 * normalises and looks for near-duplicates; when the main thread gets to the terms it takes the
 * chunks nobody has claimed yet, then collects the worker's. Both threads claim chunks of items
 * from one shared counter, so the split balances itself whatever the load.
 *
 * `analyse()` stays synchronous: the worker's results are read with receiveMessageOnPort and the
 * main thread only sleeps (Atomics.wait) for chunks the worker is still working on. Any failure
 * (no worker support, no bundle, crash, timeout) leaves items without worker terms, and
 * those are tokenised in this thread, so the result is always the same.
 */
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { tokenise, type TokeniseOptions } from './tokenise.ts';
import { CTRL_INFLIGHT, CTRL_NEXT, waitForHelper } from './parallel.ts';
import { bundleWorkerOrNone, WORKER_EXEC_ARGV } from './worker-script.ts';

/** Below this many texts a worker costs more than it saves. */
export const PARALLEL_MINIMUM = 20_000;

/** Items whose terms came from the worker (for tests and the benchmark). */
export const poolStats = { workerItems: 0, workerNormChunks: 0, chunks: 0 };

/** Items per chunk claimed by either thread. */
const CHUNK = 256;

/** Slots of the shared control array (the first two as in parallel.ts). */
export { CTRL_INFLIGHT, CTRL_NEXT };
/** Normalising chunks in flight in the worker. */
export const CTRL_NORM_INFLIGHT = 2;

/** Longest wait for one chunk in the worker before giving up on it (it is redone here). */
const WAIT_MS = 30_000;

/** What the worker receives. */
export interface PoolData {
  /** The texts, joined with U+0002 when none contains it (one string clones fast). */
  texts: string | readonly string[];
  opts: TokeniseOptions;
  chunk: number;
  /** [next chunk, chunks in flight in the worker, normalising chunks in flight] */
  ctrl: Int32Array;
  /**
   * Normalising, per chunk: 0 free, 1 taken by the main thread, 2 by the worker. The main thread
   * takes chunks from the front, the worker from the back, until they meet.
   */
  normClaim: Int32Array;
  /** Where the worker posts normalised chunks ({@link NormMessage}). */
  normPort: MessagePort;
  /** skip[i] = 1: item i's terms are not needed (set by the main thread as it learns). */
  skip: Uint8Array;
  port: MessagePort;
}

/** One chunk's result from the worker: item indices and their terms (U+0001 / U+0002 joined). */
export interface PoolMessage {
  idx: Int32Array;
  data: string;
}

/** One normalised chunk from the worker. */
export interface NormMessage {
  chunk: number;
  norms: string[];
  keys: string[];
}

export interface TokenJob {
  /**
   * Normal forms and identity keys of all texts, in order. `local(i)` computes item i's here;
   * on large inputs the worker does the chunks at the back meanwhile.
   */
  normalise(local: (i: number) => [string, string]): { norms: string[]; keys: string[] };
  /** Item i's terms will not be asked for (a copy of another text, say). */
  skip(i: number): void;
  /**
   * Terms of the `wanted` items, in that order. `local(i)` tokenises item i in this thread and
   * must give what `tokenise(texts[i], opts)` gives.
   */
  collect(wanted: readonly number[], local: (i: number) => string[]): string[][];
  /**
   * The same, handed to `sink(k, terms)` for each `wanted[k]` as soon as they are there, in no
   * particular order: no array of every document's terms is ever held.
   */
  collectInto(
    wanted: readonly number[],
    local: (i: number) => string[],
    sink: (k: number, terms: string[]) => void,
  ): void;
}

/**
 * Start tokenising `texts` (with `opts`) in a worker thread when there are at least
 * `minParallel` of them; otherwise (or when the worker cannot start) the job does everything
 * in this thread when collected.
 */
export function startTokenising(
  texts: readonly string[],
  opts: TokeniseOptions,
  minParallel = PARALLEL_MINIMUM,
  /** Tests: leave every chunk to the worker (this thread only waits and fills gaps). */
  testing: { workerOnly?: boolean } = {},
): TokenJob {
  const n = texts.length;
  const normaliseHere = (local: (i: number) => [string, string]) => {
    const norms = new Array<string>(n);
    const keys = new Array<string>(n);
    for (let i = 0; i < n; i++) [norms[i], keys[i]] = local(i);
    return { norms, keys };
  };
  const inThread: TokenJob = {
    normalise: normaliseHere,
    skip: () => {},
    collect: (wanted, local) => wanted.map((i) => local(i)),
    collectInto: (wanted, local, sink) => {
      wanted.forEach((i, k) => {
        sink(k, local(i));
      });
    },
  };
  // The worker's script (bundled TypeScript, see worker-script.ts); without one, this thread.
  const script =
    n >= minParallel ? bundleWorkerOrNone(new URL('./tokenise-worker.ts', import.meta.url)) : undefined;
  if (script === undefined) return inThread;
  const chunks = Math.ceil(n / CHUNK);
  const ctrl = new Int32Array(new SharedArrayBuffer(12));
  const skip = new Uint8Array(new SharedArrayBuffer(n));
  const normClaim = new Int32Array(new SharedArrayBuffer(4 * chunks));
  const { port1, port2 } = new MessageChannel();
  const norm = new MessageChannel();
  let worker: Worker;
  try {
    const joinable = !texts.some((t) => t.includes('\u0002'));
    const data: PoolData = {
      texts: joinable ? texts.join('\u0002') : texts,
      opts,
      chunk: CHUNK,
      ctrl,
      skip,
      port: port2,
      normClaim,
      normPort: norm.port2,
    };
    // A larger young generation: tokenising makes many short-lived strings.
    worker = new Worker(script, {
      execArgv: WORKER_EXEC_ARGV,
      workerData: data,
      transferList: [port2, norm.port2],
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
  } catch {
    port1.close();
    norm.port1.close();
    return inThread;
  }
  worker.unref();
  // Errors are handled by redoing missing items here; the listener only keeps them quiet.
  worker.on('error', () => {});
  const job: TokenJob = {
    normalise: (local) => {
      const norms = new Array<string>(n);
      const keys = new Array<string>(n);
      const done = new Uint8Array(chunks);
      for (let c = 0; c < chunks; c++) {
        if (Atomics.compareExchange(normClaim, c, 0, 1) !== 0) break;
        const end = Math.min(n, (c + 1) * CHUNK);
        for (let i = c * CHUNK; i < end; i++) [norms[i], keys[i]] = local(i);
        done[c] = 1;
      }
      const deadline = performance.now() + 5_000;
      for (;;) {
        const v = Atomics.load(ctrl, CTRL_NORM_INFLIGHT);
        const left = deadline - performance.now();
        if (v === 0 || left <= 0) break;
        Atomics.wait(ctrl, CTRL_NORM_INFLIGHT, v, left);
      }
      for (;;) {
        const msg = receiveMessageOnPort(norm.port1);
        if (msg === undefined) break;
        const { chunk: c, norms: ns, keys: ks } = msg.message as NormMessage;
        const start = c * CHUNK;
        if (done[c] === 1 || ns.length !== Math.min(n, start + CHUNK) - start) continue;
        for (let j = 0; j < ns.length; j++) {
          norms[start + j] = ns[j] as string;
          keys[start + j] = ks[j] as string;
        }
        done[c] = 1;
        poolStats.workerNormChunks++;
      }
      poolStats.chunks += chunks;
      norm.port1.close();
      // Whatever the worker did not deliver is done here.
      for (let c = 0; c < chunks; c++) {
        if (done[c] === 1) continue;
        const end = Math.min(n, (c + 1) * CHUNK);
        for (let i = c * CHUNK; i < end; i++) [norms[i], keys[i]] = local(i);
      }
      return { norms, keys };
    },
    skip: (i) => {
      skip[i] = 1;
    },
    collect: (wanted, local) => collectAll(job, wanted, local),
    collectInto: (wanted, local, sink) => {
      const pos = new Int32Array(n).fill(-1);
      wanted.forEach((i, k) => {
        pos[i] = k;
      });
      const got = new Uint8Array(wanted.length);
      const out = (k: number, terms: string[]): void => {
        got[k] = 1;
        sink(k, terms);
      };
      // Claim what the worker has not got to yet.
      while (!testing.workerOnly) {
        const c = Atomics.add(ctrl, CTRL_NEXT, 1);
        if (c >= chunks) break;
        const end = Math.min(n, (c + 1) * CHUNK);
        for (let i = c * CHUNK; i < end; i++) {
          const k = pos[i] as number;
          if (k >= 0) out(k, local(i));
        }
      }
      // Wait for the chunks the worker is still on.
      waitForHelper(ctrl, chunks, WAIT_MS);
      for (;;) {
        const msg = receiveMessageOnPort(port1);
        if (msg === undefined) break;
        const { idx, data } = msg.message as PoolMessage;
        const docs = data.split('\u0002');
        if (docs.length !== idx.length) continue;
        for (let j = 0; j < idx.length; j++) {
          const k = pos[idx[j] as number] as number;
          if (k < 0 || got[k] === 1) continue;
          const d = docs[j] as string;
          out(k, d === '' ? [] : d.split('\u0001'));
          poolStats.workerItems++;
        }
      }
      port1.close();
      void worker.terminate();
      // Anything the worker did not deliver is done here.
      for (let k = 0; k < wanted.length; k++) if (got[k] === 0) out(k, local(wanted[k] as number));
    },
  };
  return job;
}

function collectAll(job: TokenJob, wanted: readonly number[], local: (i: number) => string[]): string[][] {
  const out = new Array<string[]>(wanted.length);
  job.collectInto(wanted, local, (k, terms) => {
    out[k] = terms;
  });
  return out;
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
  const job = startTokenising(texts, opts, minParallel);
  return job.collect(
    texts.map((_, i) => i),
    (i) => tokenise(texts[i] as string, opts),
  );
}
