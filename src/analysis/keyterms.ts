/**
 * Key terms (class-based TF-IDF, as in BERTopic's c-TF-IDF) and representative comments.
 */
import { clearRow, dotDense, scatterRow, type SparseMatrix, type TermCounts } from './vectors.ts';
import type { KeyTerm } from './types.ts';

/** Short katakana terms inside a longer one are the segmenter's cuts (パブ|コメ, ミリ|シー|ベルト). */
const RE_KATAKANA = /^[\p{Script=Katakana}ー]+$/u;

/**
 * Top terms per class. A term scores high when it is frequent inside the class and rare across
 * classes: score = (tf_{t,c} / |c|) × ln(1 + A / f_t), A = average class length in terms.
 * Terms contained in an already chosen term are skipped (エネルギー under 再生可能エネルギー).
 *
 * @param classes for each class, the rows (points) in it
 * @param counts per row, term ids and counts
 * @param weights per row weight (copies, damped)
 */
export function classKeyTerms(
  classes: readonly (readonly number[])[],
  counts: TermCounts,
  weights: Float64Array,
  terms: readonly string[],
  top = 8,
): KeyTerm[][] {
  // Dense arrays over the vocabulary, one class at a time: a map per class would hold every
  // term of a large theme (hundreds of MB on a million comments).
  const total = new Float64Array(terms.length);
  let grand = 0;
  const eachTerm = (rows: readonly number[], fn: (id: number, v: number) => void): void => {
    for (const r of rows) {
      if (r >= counts.rows) continue;
      const w = weights[r] as number;
      const end = counts.offsets[r + 1] as number;
      for (let i = counts.offsets[r] as number; i < end; i++)
        fn(counts.ids[i] as number, w * (counts.tf[i] as number));
    }
  };
  for (const rows of classes)
    eachTerm(rows, (id, v) => {
      total[id] = (total[id] as number) + v;
      grand += v;
    });
  const avg = classes.length > 0 ? grand / classes.length : 0;
  const tfOf = new Float64Array(terms.length);
  const seen = new Uint8Array(terms.length);
  return classes.map((rows) => {
    // The class's terms in order of first occurrence, with their weighted counts.
    const touched: number[] = [];
    eachTerm(rows, (id, v) => {
      if (seen[id] === 0) {
        seen[id] = 1;
        touched.push(id);
      }
      tfOf[id] = (tfOf[id] as number) + v;
    });
    const tf = new Map<number, number>();
    for (const id of touched) {
      tf.set(id, tfOf[id] as number);
      tfOf[id] = 0;
      seen[id] = 0;
    }
    return keyTermsOf(tf, total, avg, terms, top);
  });
}

function keyTermsOf(
  tf: ReadonlyMap<number, number>,
  total: Float64Array,
  avg: number,
  terms: readonly string[],
  top: number,
): KeyTerm[] {
  let size = 0;
  for (const v of tf.values()) size += v;
  const scored: { id: number; score: number }[] = [];
  for (const [id, v] of tf) {
    // A term used once in a class says nothing about the class.
    if (v < 1.5 && size > 20) continue;
    const f = total[id] || 1;
    scored.push({ id, score: (v / Math.max(size, 1)) * Math.log(1 + avg / f) });
  }
  scored.sort((a, b) => b.score - a.score || a.id - b.id);
  // Fragments are not shown: a term that (nearly) only occurs inside a longer term of the class
  // is a piece the segmenter cut off (シー, ベルト of ミリシーベルト), and one character says
  // little on its own (高, 込).
  // (Only the class's most frequent terms are checked: a longer term that hides a fragment
  // is at least as frequent as a key term, and a big theme has tens of thousands of terms.)
  const frequent = [...tf].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, 300);
  const longer = (id: number, v: number): boolean => {
    const term = terms[id] ?? '';
    for (const [other, w] of frequent)
      if (
        other !== id &&
        (w >= 0.8 * v || (term.length <= 3 && RE_KATAKANA.test(term))) &&
        (terms[other] ?? '').length > term.length &&
        (terms[other] ?? '').includes(term)
      )
        return true;
    return false;
  };
  const chosen: KeyTerm[] = [];
  for (const s of scored) {
    const term = terms[s.id] ?? '';
    if (term.length < 2 || chosen.some((c) => c.term.includes(term))) continue;
    if (longer(s.id, tf.get(s.id) ?? 0)) continue;
    chosen.push({ term, score: Math.round(s.score * 10000) / 10000 });
    if (chosen.length >= top) break;
  }
  return chosen;
}

/**
 * The most central row (closest to the centroid) first, then others that are still typical
 * (among the most central third) but as different as possible from those already chosen.
 */
export function representatives(
  m: SparseMatrix,
  rows: readonly number[],
  centroid: Float64Array,
  count: number,
  keyHits?: (row: number) => number,
): number[] {
  const usable = rows.filter((r) => m.offsets[r] !== m.offsets[r + 1]);
  if (usable.length === 0) return rows.slice(0, count);
  // With `keyHits` (how many of the group's key terms a row contains), rows that contain none
  // come last: a representative must show the terms the group is labelled with.
  const central = usable
    .map((r) => ({ r, s: dotDense(m, r, centroid, 0), k: keyHits && keyHits(r) > 0 ? 1 : 0 }))
    .sort((a, b) => b.k - a.k || b.s - a.s || a.r - b.r);
  const pool = central.slice(0, Math.max(count, Math.min(60, Math.ceil(central.length / 3))));
  const chosen: number[] = [(pool[0] as { r: number }).r];
  const scratch = new Float64Array(m.dims);
  const maxSim = new Float64Array(pool.length).fill(-Infinity);
  while (chosen.length < Math.min(count, pool.length)) {
    const last = chosen[chosen.length - 1] as number;
    scatterRow(m, last, scratch);
    let bestI = -1;
    let bestD = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      const r = (pool[i] as { r: number }).r;
      const s = dotDense(m, r, scratch, 0);
      if (s > (maxSim[i] as number)) maxSim[i] = s;
      if (chosen.includes(r)) continue;
      const d = 1 - (maxSim[i] as number);
      if (d > bestD + 1e-12) {
        bestD = d;
        bestI = i;
      }
    }
    clearRow(m, last, scratch);
    if (bestI < 0) break;
    chosen.push((pool[bestI] as { r: number }).r);
  }
  return chosen;
}
