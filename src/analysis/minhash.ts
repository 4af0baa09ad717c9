/**
 * MinHash signatures over character shingles, computed with one-permutation hashing: one hash
 * per shingle, the top bits pick a bin, each bin keeps its minimum. That is ~k times cheaper than
 * k independent permutations and estimates Jaccard similarity just as well once empty bins are
 * filled by rotation ("densification", Shrivastava 2017).
 */
import { fmix32 } from './hash.ts';

export const BIN_BITS = 6;
export const BINS = 1 << BIN_BITS;
const VALUE_MASK = (1 << (32 - BIN_BITS)) - 1;
const EMPTY = 0xffffffff;

export interface Signatures {
  /** n × BINS values, row-major. */
  sig: Uint32Array;
  /** Number of shingles per text (an estimate of the set size, for containment). */
  sizes: Int32Array;
}

/**
 * Signatures for texts that are already compacted (normalised, no spaces or punctuation).
 * Texts shorter than the shingle length get one shingle: the whole text.
 */
export function minhashSignatures(texts: readonly string[], shingle = 4): Signatures {
  const n = texts.length;
  const sig = new Uint32Array(n * BINS);
  const sizes = new Int32Array(n);
  const row = new Uint32Array(BINS);
  for (let d = 0; d < n; d++) {
    const t = texts[d] as string;
    row.fill(EMPTY);
    const count = Math.max(1, t.length - shingle + 1);
    sizes[d] = count;
    for (let i = 0; i < count; i++) {
      // FNV-1a over the shingle's code units, then a murmur finaliser; no substring allocated.
      let h = 0x811c9dc5;
      const end = Math.min(t.length, i + shingle);
      for (let j = i; j < end; j++) h = Math.imul(h ^ t.charCodeAt(j), 0x01000193);
      h = fmix32(h);
      const bin = h >>> (32 - BIN_BITS);
      const v = h & VALUE_MASK;
      if (v < (row[bin] as number)) row[bin] = v;
    }
    densify(row);
    sig.set(row, d * BINS);
  }
  return { sig, sizes };
}

/** Fill empty bins from the next non-empty bin to the right (circular), offset by distance. */
function densify(row: Uint32Array): void {
  let lastFull = -1;
  for (let b = BINS - 1; b >= 0; b--) {
    if (row[b] !== EMPTY) {
      lastFull = b;
      break;
    }
  }
  if (lastFull < 0) return;
  // Scan leftwards from the last full bin, wrapping once: every empty bin then sees the nearest
  // full bin on its right.
  let src = row[lastFull] as number;
  let dist = 0;
  for (let step = 1; step < BINS; step++) {
    const idx = (lastFull - step + BINS) % BINS;
    const v = row[idx] as number;
    if (v !== EMPTY) {
      src = v;
      dist = 0;
      continue;
    }
    dist++;
    row[idx] = (fmix32(src + Math.imul(dist, 0x9e3779b1)) & VALUE_MASK) >>> 0;
  }
}

/** Estimated Jaccard similarity of texts a and b: the share of equal bins. */
export function estimateJaccard(sig: Uint32Array, a: number, b: number): number {
  let same = 0;
  const oa = a * BINS;
  const ob = b * BINS;
  for (let i = 0; i < BINS; i++) if (sig[oa + i] === sig[ob + i]) same++;
  return same / BINS;
}

/** The distinct shingle hashes of a compacted text, sorted (same hashing as the signatures). */
export function shingleSet(t: string, shingle = 4): Uint32Array {
  const out = new Uint32Array(Math.max(1, t.length - shingle + 1));
  return out.slice(0, shingleSetInto(t, out, 0, shingle));
}

/**
 * Writes the distinct shingle hashes of `t`, sorted, into `out` from `pos` and returns how many
 * there are. `out` needs room for max(1, t.length - shingle + 1) values from `pos`. Lets a caller
 * keep many sets in one arena instead of allocating a typed array per text.
 */
export function shingleSetInto(t: string, out: Uint32Array, pos: number, shingle = 4): number {
  const count = Math.max(1, t.length - shingle + 1);
  for (let i = 0; i < count; i++) {
    let h = 0x811c9dc5;
    const end = Math.min(t.length, i + shingle);
    for (let j = i; j < end; j++) h = Math.imul(h ^ t.charCodeAt(j), 0x01000193);
    out[pos + i] = fmix32(h);
  }
  out.subarray(pos, pos + count).sort();
  let k = pos;
  for (let i = pos; i < pos + count; i++) if (i === pos || out[i] !== out[k - 1]) out[k++] = out[i] as number;
  return k - pos;
}
