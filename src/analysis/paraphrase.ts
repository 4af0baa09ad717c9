/**
 * Paraphrase campaigns: many comments making the same point in different words. Shingles miss
 * them, so we look for unusually dense spots in TF-IDF space: inside each block (a fine cluster,
 * split further when big) every pair is compared; a comment is a "core" when it has at least
 * `minPts` neighbours above `similarity`; connected cores (plus their direct neighbours) form a
 * candidate; candidates of at least `minSize` comments are reported. Ordinary themes are varied
 * enough that few comments reach the density a shared script produces.
 */
import { sphericalKMeans } from './cluster.ts';
import { addRow, clearRow, dotDense, scatterRow, type SparseMatrix } from './vectors.ts';

export interface ParaphraseOptions {
  similarity: number;
  minPts: number;
  minSize: number;
  seed: number;
  /** Blocks larger than this are split with k-means before the all-pairs pass. */
  maxBlock?: number;
  /** Mean pairwise cosine a candidate must reach. Default 0.5. */
  minCohesion?: number;
  /**
   * (cohesion − mean cosine to the rest of the block) × √comments must reach this. Default 2.
   */
  minSeparation?: number;
  /** Comments per row (copies collapsed into one point); default 1 each. */
  copies?: ArrayLike<number>;
  /** A core needs neighbours amounting to this share of its block, too. Default 0.02. */
  relativeDensity?: number;
}

export interface ParaphraseCluster {
  rows: number[];
  /** Mean cosine of member pairs that were compared. */
  cohesion: number;
  /** Row with the highest summed similarity to the others. */
  central: number;
}

/** Find paraphrase clusters among `eligible` rows, blocked by `blocks`. */
export function findParaphrases(
  m: SparseMatrix,
  blocks: readonly (readonly number[])[],
  eligible: Uint8Array,
  weights: Float64Array,
  opts: ParaphraseOptions,
  contexts?: readonly (readonly number[])[],
): ParaphraseCluster[] {
  const maxBlock = opts.maxBlock ?? 500;
  const finalBlocks: number[][] = [];
  const finalContext: (readonly number[])[] = [];
  let context: readonly number[] = [];
  const split = (rows: number[], depth: number): void => {
    if (rows.length <= maxBlock || depth > 4) {
      finalBlocks.push(rows);
      finalContext.push(context);
      return;
    }
    const k = Math.ceil(rows.length / (maxBlock / 2));
    const r = sphericalKMeans(m, rows, weights, k, {
      seed: opts.seed + depth * 7919 + rows.length,
      maxIter: 8,
    });
    const parts: number[][] = Array.from({ length: r.k }, () => []);
    rows.forEach((row, i) => {
      parts[r.labels[i] as number]?.push(row);
    });
    if (parts.filter((p) => p.length > 0).length <= 1) {
      finalBlocks.push(rows);
      finalContext.push(context);
      return;
    }
    for (const p of parts) if (p.length > 0) split(p, depth + 1);
  };
  blocks.forEach((b, bi) => {
    const rows = b.filter((r) => eligible[r] === 1 && m.offsets[r] !== m.offsets[r + 1]);
    context = contexts?.[bi] ?? b;
    if (rows.length >= opts.minSize) split(rows, 0);
  });

  const scratch = new Float64Array(m.dims);
  const out: ParaphraseCluster[] = [];
  for (let bi = 0; bi < finalBlocks.length; bi++) {
    const rows = finalBlocks[bi] as number[];
    const ctx = finalContext[bi] as readonly number[];
    const n = rows.length;
    if (n < opts.minSize) continue;
    const adj: number[][] = Array.from({ length: n }, () => []);
    const simSum = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const ri = rows[i] as number;
      scatterRow(m, ri, scratch);
      for (let j = i + 1; j < n; j++) {
        const s = dotDense(m, rows[j] as number, scratch, 0);
        if (s >= opts.similarity) {
          adj[i]?.push(j);
          adj[j]?.push(i);
          simSum[i] = (simSum[i] as number) + s;
          simSum[j] = (simSum[j] as number) + s;
        }
      }
      clearRow(m, ri, scratch);
    }
    // Density is judged against the block: in a block of 400 comments on one narrow topic a few
    // close neighbours are normal; a script repeated in many words gives far more.
    const minPts = Math.max(opts.minPts, Math.ceil(n * (opts.relativeDensity ?? 0.02)));
    const core = adj.map((a) => a.length >= minPts);
    const label = new Int32Array(n).fill(-1);
    let next = 0;
    for (let i = 0; i < n; i++) {
      if (!core[i] || label[i] !== -1) continue;
      const stack = [i];
      label[i] = next;
      while (stack.length > 0) {
        const x = stack.pop() as number;
        for (const y of adj[x] ?? []) {
          if (label[y] !== -1) continue;
          label[y] = next;
          // Only cores spread the cluster; border comments join but do not extend it.
          if (core[y]) stack.push(y);
        }
      }
      next++;
    }
    for (let c = 0; c < next; c++) {
      const idx: number[] = [];
      for (let i = 0; i < n; i++) if (label[i] === c) idx.push(i);
      if (idx.length < opts.minSize) continue;
      let central = idx[0] as number;
      for (const i of idx) if ((simSum[i] as number) > (simSum[central] as number)) central = i;
      // Cohesion: mean cosine over the pairs inside the cluster.
      let sum = 0;
      let pairs = 0;
      for (const i of idx) {
        scatterRow(m, rows[i] as number, scratch);
        for (const j of idx) {
          if (j <= i) continue;
          sum += dotDense(m, rows[j] as number, scratch, 0);
          pairs++;
        }
        clearRow(m, rows[i] as number, scratch);
      }
      const cohesion = pairs > 0 ? sum / pairs : 1;
      // Separation: mean cosine between members and the other comments of the theme. A
      // scripted campaign stands apart from the other comments on its topic; a chunk of a
      // diffuse topic does not.
      const inSet = new Set<number>();
      for (const i of idx) inSet.add(rows[i] as number);
      const sumIn = new Float64Array(m.dims);
      for (const i of idx) addRow(m, rows[i] as number, sumIn);
      // Compared with the rest of its block and with the rest of its theme; the closer of the
      // two counts (a block can be almost all candidate, a theme can be broad).
      const meanTo = (others: readonly number[]): number => {
        let sum = 0;
        let cnt = 0;
        for (const r of others) {
          if (inSet.has(r) || m.offsets[r] === m.offsets[r + 1]) continue;
          sum += dotDense(m, r, sumIn, 0);
          cnt++;
        }
        return cnt > 0 ? sum / (cnt * idx.length) : 0;
      };
      const outside = Math.max(meanTo(rows), meanTo(ctx));
      let size = 0;
      for (const i of idx) size += opts.copies ? (opts.copies[rows[i] as number] as number) : 1;
      if ((cohesion - outside) * Math.sqrt(size) < (opts.minSeparation ?? 2)) continue;
      // Members of a scripted campaign are close to each other on average, not only through a
      // chain of neighbours: a topic that many people write about loosely fails this test.
      if (cohesion < (opts.minCohesion ?? 0.5)) continue;
      out.push({
        rows: idx.map((i) => rows[i] as number).sort((a, b) => a - b),
        cohesion: Math.round(cohesion * 1000) / 1000,
        central: rows[central] as number,
      });
    }
  }
  out.sort((a, b) => (a.rows[0] as number) - (b.rows[0] as number));
  return out;
}
