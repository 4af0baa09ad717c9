/**
 * Near-duplicate detection on unique texts: MinHash + LSH banding for candidates, plus
 * "shares a long sentence" candidates (a form letter with a long personal paragraph can have a
 * low overall Jaccard with its template but always contains the template's sentences), then a
 * verification on the signatures. Candidates inside one bucket are checked against a few bucket
 * leaders only, so a huge bucket (one campaign of 20,000 copies) stays linear.
 */
import { BINS, estimateJaccard, minhashSignatures, shingleSetInto } from './minhash.ts';
import { fmix32, hashString } from './hash.ts';

export interface NearDuplicateOptions {
  /** Texts with fewer shingles than this are only ever matched exactly. */
  minShingles?: number;
  /** Estimated Jaccard at or above which two texts are near-duplicates. */
  jaccard?: number;
  /** Share of the shorter text found in the longer one. */
  containment?: number;
  /** Shorter text must have this many shingles for the containment rule. */
  containmentMinShingles?: number;
  rowsPerBand?: number;
}

export interface NearDuplicateResult {
  /** Component label per text: the smallest index in its component. */
  component: Int32Array;
  /** Signatures, reused for cohesion figures. */
  sig: Uint32Array;
  sizes: Int32Array;
}

const IDX_BITS = 2 ** 21;
const LEADERS = 4;

class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    const p = this.parent;
    let r = x;
    while (p[r] !== r) r = p[r] as number;
    let c = x;
    while (p[c] !== r) {
      const next = p[c] as number;
      p[c] = r;
      c = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // Smallest index as root keeps labels independent of union order.
    if (ra < rb) this.parent[rb] = ra;
    else if (rb < ra) this.parent[ra] = rb;
  }
}

/**
 * Group near-identical texts.
 * @param compact texts already normalised and stripped of whitespace/punctuation
 * @param sentenceKeys per text, hashes of its long sentences (may be empty)
 */
export function findNearDuplicates(
  compact: readonly string[],
  sentenceKeys: readonly (readonly number[])[],
  opts: NearDuplicateOptions = {},
): NearDuplicateResult {
  const n = compact.length;
  if (n >= IDX_BITS) throw new Error(`too many unique texts for near-duplicate search: ${n}`);
  const minShingles = opts.minShingles ?? 12;
  const jThreshold = opts.jaccard ?? 0.5;
  const cThreshold = opts.containment ?? 0.8;
  const cMin = opts.containmentMinShingles ?? 40;
  const rows = opts.rowsPerBand ?? 4;
  const bands = Math.floor(BINS / rows);

  const { sig, sizes } = minhashSignatures(compact);
  const uf = new UnionFind(n);

  // Candidates are verified on exact shingle sets (built lazily, sorted hashes): the MinHash
  // estimate is noisy for short texts, and short texts sharing a stock frame ("…を利用しましたが、
  // …と感じました") would otherwise chain thousands of unrelated comments into one component.
  // The sets live in one arena (a text has at most `sizes[d]` shingles), indexed by typed arrays:
  // no typed array or map entry per text. The arena grows as sets are made: most texts are
  // never checked, and room for every text's set is hundreds of MB at a million comments.
  let arena = new Uint32Array(1 << 16);
  let arenaUsed = 0;
  const setStart = new Int32Array(n).fill(-1);
  const setLen = new Int32Array(n);
  const shinglesOf = (d: number): number => {
    let s = setStart[d] as number;
    if (s < 0) {
      const need = arenaUsed + Math.max(1, sizes[d] as number);
      if (need > arena.length) {
        const grown = new Uint32Array(Math.max(need, Math.ceil(arena.length * 1.5)));
        grown.set(arena.subarray(0, arenaUsed));
        arena = grown;
      }
      s = arenaUsed;
      const len = shingleSetInto(compact[d] as string, arena, s);
      setStart[d] = s;
      setLen[d] = len;
      arenaUsed += len;
    }
    return s;
  };
  const similar = (a: number, b: number, viaSentence: boolean): boolean => {
    const sa0 = sizes[a] as number;
    const sb0 = sizes[b] as number;
    if (Math.min(sa0, sb0) < minShingles) return false;
    // Cheap rejection on the signatures first: far below every threshold that can apply, even
    // allowing for the estimate's noise. (Texts that met in an LSH band can only be joined by
    // Jaccard or by containment; those that share a sentence pair also by a smaller share.)
    const est = estimateJaccard(sig, a, b);
    const estShare = ((est / (1 + est)) * (sa0 + sb0)) / Math.min(sa0, sb0);
    const shareFloor = viaSentence
      ? Math.min(cThreshold, 0.4) - 0.1
      : Math.min(sa0, sb0) >= cMin
        ? cThreshold - 0.25
        : Infinity;
    if (est < jThreshold - 0.2 && estShare < shareFloor) return false;
    const A = shinglesOf(a);
    const B = shinglesOf(b);
    const sa = setLen[a] as number;
    const sb = setLen[b] as number;
    const small = Math.min(sa, sb);
    if (small < minShingles) return false;
    const inter = intersectionSize(arena, A, sa, B, sb);
    const j = inter / (sa + sb - inter);
    if (j >= jThreshold) return true;
    if (small >= cMin && inter / small >= cThreshold) return true;
    // Texts that share a long sentence verbatim and a good part of their text were copied from
    // one source even if each added a long paragraph of its own.
    return viaSentence && inter >= 60 && inter / small >= 0.4;
  };

  const keys = new Float64Array(n);
  const processRuns = (arr: Float64Array, len: number, viaSentence: boolean): void => {
    arr.subarray(0, len).sort();
    const leaders: number[] = [];
    let i = 0;
    while (i < len) {
      const key = Math.floor((arr[i] as number) / IDX_BITS);
      let j = i + 1;
      while (j < len && Math.floor((arr[j] as number) / IDX_BITS) === key) j++;
      if (j - i > 1) {
        leaders.length = 0;
        for (let m = i; m < j; m++) {
          const d = (arr[m] as number) % IDX_BITS;
          let matched = false;
          for (const l of leaders) {
            if (uf.find(l) === uf.find(d) || similar(l, d, viaSentence)) {
              uf.union(l, d);
              matched = true;
              break;
            }
          }
          if (!matched && leaders.length < LEADERS) leaders.push(d);
        }
      }
      i = j;
    }
  };

  for (let b = 0; b < bands; b++) {
    let len = 0;
    for (let d = 0; d < n; d++) {
      if ((sizes[d] as number) < minShingles) continue;
      let h = 0x9747b28c ^ b;
      const o = d * BINS + b * rows;
      for (let r = 0; r < rows; r++) h = fmix32(h ^ (sig[o + r] as number)) + r;
      keys[len++] = (h >>> 0) * IDX_BITS + d;
    }
    processRuns(keys, len, false);
  }

  let total = 0;
  for (const ks of sentenceKeys) total += ks.length;
  const sk = new Float64Array(total);
  let len = 0;
  for (let d = 0; d < n; d++) for (const k of sentenceKeys[d] ?? []) sk[len++] = (k >>> 0) * IDX_BITS + d;
  processRuns(sk, len, true);

  const component = new Int32Array(n);
  for (let d = 0; d < n; d++) component[d] = uf.find(d);
  return { component, sig, sizes };
}

/**
 * Candidate keys from sentences: hashes of pairs of consecutive sentences (at least one of them
 * long). A form letter keeps its template's sentences in order, while two independent comments
 * may share one stock sentence but rarely two in a row. A text with a single sentence uses it.
 */
export function longSentenceKeys(compactSentences: readonly string[], minLength = 15): number[] {
  const ss = compactSentences.filter((s) => s.length > 0);
  const out = new Set<number>();
  if (ss.length === 1) {
    const s = ss[0] as string;
    if (s.length >= minLength * 2) out.add(hashString(s));
  }
  for (let i = 0; i + 1 < ss.length; i++) {
    const a = ss[i] as string;
    const b = ss[i + 1] as string;
    if (a.length + b.length >= minLength * 2) out.add(hashString(`${a}\u0000${b}`));
  }
  return [...out];
}

/** Size of the intersection of two sorted runs of distinct values in `v`. */
function intersectionSize(v: Uint32Array, a: number, na: number, b: number, nb: number): number {
  const ea = a + na;
  const eb = b + nb;
  let i = a;
  let j = b;
  let n = 0;
  while (i < ea && j < eb) {
    const x = v[i] as number;
    const y = v[j] as number;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

/** 1 = whitespace, punctuation or symbol (dropped by compaction), 2 = sentence end, per code unit. */
let charClass: Uint8Array | undefined;
function classes(): Uint8Array {
  if (charClass) return charClass;
  const t = new Uint8Array(65536);
  const drop = /^[\s\p{P}\p{S}]$/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (drop.test(String.fromCharCode(c))) t[c] = 1;
  }
  for (const ch of '。!?\n') t[ch.charCodeAt(0)] = 2;
  charClass = t;
  return t;
}

/**
 * Same keys as {@link longSentenceKeys}(splitSentences(normalised).map(compactNormalised)) in
 * meaning, computed in one pass over the characters without building sentence strings: each
 * sentence's compact characters are hashed (FNV-1a) and counted, then pairs are combined.
 */
export function sentencePairKeys(normalised: string, minLength = 15): number[] {
  const cls = classes();
  const hs: number[] = [];
  const ls: number[] = [];
  let h = 0x811c9dc5;
  let len = 0;
  const end = (): void => {
    if (len > 0) {
      hs.push(fmix32(h));
      ls.push(len);
    }
    h = 0x811c9dc5;
    len = 0;
  };
  for (let i = 0; i < normalised.length; i++) {
    const c = normalised.charCodeAt(i);
    const k = cls[c] as number;
    // Latin text: ". " also ends a sentence (as in splitSentences).
    if (k === 2 || (c === 46 && normalised.charCodeAt(i + 1) === 32)) end();
    else if (k === 0) {
      h = Math.imul(h ^ c, 0x01000193);
      len++;
    }
  }
  end();
  const out = new Set<number>();
  if (hs.length === 1 && (ls[0] as number) >= minLength * 2) out.add(hs[0] as number);
  for (let i = 0; i + 1 < hs.length; i++)
    if ((ls[i] as number) + (ls[i + 1] as number) >= minLength * 2)
      out.add(fmix32(Math.imul(hs[i] as number, 0x9e3779b1) ^ (hs[i + 1] as number)));
  return [...out];
}
