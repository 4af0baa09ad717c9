/**
 * Worker side of {@link startTokenising}: claims chunks of items from the shared counter,
 * tokenises the items the main thread has not marked as unneeded and posts each chunk's terms
 * as one string (terms separated by U+0001, documents by U+0002). `inflight` is raised before
 * each claim and lowered after the post, so the main thread knows when nothing more will come.
 */
import { workerData } from 'node:worker_threads';
import { compactNormalised, normaliseText } from './normalise.ts';
import {
  CTRL_INFLIGHT,
  CTRL_NEXT,
  CTRL_NORM_INFLIGHT,
  type NormMessage,
  type PoolData,
  type PoolMessage,
} from './tokenise-pool.ts';
import { tokenise } from './tokenise.ts';

const data = workerData as PoolData;
const { opts, chunk, ctrl, skip, port, normClaim, normPort } = data;
// One string is much cheaper to hand over than 100,000 (see tokenise-pool.ts).
const texts = typeof data.texts === 'string' ? data.texts.split('\u0002') : data.texts;
const n = texts.length;
const chunks = Math.ceil(n / chunk);
const normOpts = { ...opts, normalised: true };

// First help normalising, from the back (the main thread works from the front). The normal
// forms are kept: tokenising them again needs no second NFKC.
const normOf = new Array<string | undefined>(n);
for (let c = chunks - 1; c >= 0; c--) {
  Atomics.add(ctrl, CTRL_NORM_INFLIGHT, 1);
  try {
    if (Atomics.compareExchange(normClaim, c, 0, 2) !== 0) break;
    const norms: string[] = [];
    const keys: string[] = [];
    const end = Math.min(n, (c + 1) * chunk);
    for (let i = c * chunk; i < end; i++) {
      const s = normaliseText(texts[i] ?? '');
      norms.push(s);
      keys.push(compactNormalised(s));
      normOf[i] = s;
    }
    const msg: NormMessage = { chunk: c, norms, keys };
    normPort.postMessage(msg);
  } finally {
    Atomics.sub(ctrl, CTRL_NORM_INFLIGHT, 1);
    Atomics.notify(ctrl, CTRL_NORM_INFLIGHT);
  }
}
normPort.close();
// Copies of one text that the main thread has not marked yet are tokenised once. Bounded: it
// only matters for the first chunks (the main thread marks copies as soon as it has the normal
// forms), and a map of every text would cost hundreds of MB at a million comments.
const seen = new Map<string, string>();
const SEEN_MAX = 20_000;

for (;;) {
  Atomics.add(ctrl, CTRL_INFLIGHT, 1);
  try {
    const c = Atomics.add(ctrl, CTRL_NEXT, 1);
    if (c >= chunks) break;
    const idx: number[] = [];
    const docs: string[] = [];
    const end = Math.min(n, (c + 1) * chunk);
    for (let i = c * chunk; i < end; i++) {
      if (skip[i] === 1) {
        normOf[i] = undefined;
        continue;
      }
      const text = texts[i] as string;
      // The separators must not occur in a text (they cannot occur in a term either): such a
      // text is left for the main thread.
      if (text.includes('\u0001') || text.includes('\u0002')) continue;
      let d = seen.get(text);
      if (d === undefined) {
        const s = normOf[i];
        d = (s === undefined ? tokenise(text, opts) : tokenise(s, normOpts)).join('\u0001');
        if (seen.size >= SEEN_MAX) seen.clear();
        seen.set(text, d);
      }
      normOf[i] = undefined;
      idx.push(i);
      docs.push(d);
    }
    const msg: PoolMessage = { idx: Int32Array.from(idx), data: docs.join('\u0002') };
    port.postMessage(msg);
  } finally {
    Atomics.sub(ctrl, CTRL_INFLIGHT, 1);
    Atomics.notify(ctrl, CTRL_INFLIGHT);
  }
}
port.close();
