/**
 * Paraphrase campaigns: many comments making the same point in different words. Shingles miss
 * them, so we look for unusually dense spots in TF-IDF space: inside each block (a fine cluster,
 * split further when big) every pair is compared; a comment is a "core" when it has at least
 * `minPts` neighbours above `similarity`; connected cores (plus their direct neighbours) form a
 * candidate; candidates of at least `minSize` comments are reported. Ordinary themes are varied
 * enough that few comments reach the density a shared script produces.
 */
import { sampledKMeans } from './cluster.ts';
import { addRow, dotDense, type SparseMatrix } from './vectors.ts';

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
  /** Smallest cohesion − outside similarity gap, whatever the size. Default 0.1. */
  minGap?: number;
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

/** Most parts a block is split into at once. */
const MAX_SPLIT = 16;

/** A dense spot found inside one block of a group, before spots are joined and judged. */
export interface Candidate {
  members: number[];
  /** Mean pairwise cosine of the members. */
  cohesion: number;
  central: number;
  /** The block it was found in. */
  block: number[];
  /** Index of the group (of `blocks` given to findParaphrases) the block was cut from. */
  group: number;
  /** Sum of the members' rows (dense, m.dims). */
  sumIn: Float64Array;
}

/**
 * The candidates of each group (its eligible rows), in group order: how findParaphrases gets
 * them, in this thread by default. The analysis hands groups to a helper thread as well.
 */
export type CandidatesOf = (groups: readonly Int32Array[]) => Candidate[][];

/** Find paraphrase clusters among `eligible` rows, blocked by `blocks`. */
export function findParaphrases(
  m: SparseMatrix,
  blocks: readonly (readonly number[])[],
  eligible: Uint8Array,
  weights: Float64Array,
  opts: ParaphraseOptions,
  contexts?: readonly (readonly number[])[],
  candidatesOf?: CandidatesOf,
): ParaphraseCluster[] {
  const groups = blocks.map((b) =>
    Int32Array.from(b.filter((r) => eligible[r] === 1 && m.offsets[r] !== m.offsets[r + 1])),
  );
  const here: CandidatesOf = (gs) => {
    const pairs = new BlockPairs(m);
    return gs.map((rows, g) => groupCandidates(m, rows, g, weights, opts, pairs));
  };
  const candidates = (candidatesOf ?? here)(groups).flat();
  const out: ParaphraseCluster[] = [];
  const inCandidate = new Uint8Array(m.rows);
  for (const c of candidates) for (const r of c.members) inCandidate[r] = 1;
  // Where a candidate's members are compared with the comments around them: its group's theme
  // (or group), and both of theirs for a joined candidate.
  const ctx = new Map<Candidate, readonly number[]>();
  const contextOf = (c: Candidate): readonly number[] =>
    ctx.get(c) ?? contexts?.[c.group] ?? blocks[c.group] ?? [];

  // One campaign can be cut in two by the blocking: join candidates whose members are as close
  // nearly as close across as inside (mean cross cosine ≥ 0.6 × the smaller cohesion).
  for (let a = 0; a < candidates.length; a++) {
    const ca = candidates[a];
    if (!ca || ca.members.length === 0) continue;
    for (let b = a + 1; b < candidates.length; b++) {
      const cb = candidates[b];
      if (!cb || cb.members.length === 0) continue;
      let dot = 0;
      for (let d = 0; d < ca.sumIn.length; d++) dot += (ca.sumIn[d] as number) * (cb.sumIn[d] as number);
      const cross = dot / (ca.members.length * cb.members.length);
      if (cross < 0.6 * Math.min(ca.cohesion, cb.cohesion) || cross < (opts.minCohesion ?? 0.5)) continue;
      const ka = ca.members.length;
      const kb = cb.members.length;
      const pairs = (ca.cohesion * ka * (ka - 1)) / 2 + (cb.cohesion * kb * (kb - 1)) / 2 + dot;
      ca.cohesion = pairs / (((ka + kb) * (ka + kb - 1)) / 2);
      for (let d = 0; d < ca.sumIn.length; d++)
        ca.sumIn[d] = (ca.sumIn[d] as number) + (cb.sumIn[d] as number);
      ca.members.push(...cb.members);
      ca.block = [...ca.block, ...cb.block];
      const ctxA = contextOf(ca);
      const ctxB = contextOf(cb);
      if (ctxB !== ctxA) ctx.set(ca, [...ctxA, ...ctxB]);
      cb.members = [];
    }
  }

  // Separation: mean cosine between a candidate's members and the other comments near it. A
  // scripted campaign stands apart from the other comments on its topic; a chunk of a diffuse
  // topic does not. Compared with the rest of its block and with its theme (without any
  // candidate: one campaign may span two blocks); the closer of the two counts.
  for (const c of candidates) {
    if (c.members.length === 0) continue;
    const own = new Set(c.members);
    const meanTo = (others: readonly number[], skipCandidates: boolean): number => {
      let sum = 0;
      let cnt = 0;
      for (const r of others) {
        if (own.has(r) || (skipCandidates && inCandidate[r] === 1) || m.offsets[r] === m.offsets[r + 1])
          continue;
        sum += dotDense(m, r, c.sumIn, 0);
        cnt++;
      }
      return cnt > 0 ? sum / (cnt * c.members.length) : 0;
    };
    // (A block remainder of a few comments is too noisy to compare with.)
    const blockRest = c.block.length - c.members.length;
    const outside = Math.max(blockRest >= 10 ? meanTo(c.block, false) : 0, meanTo(contextOf(c), true));
    let size = 0;
    for (const r of c.members) size += opts.copies ? (opts.copies[r] as number) : 1;
    // The gap must be large for its size: a handful of comments can be close by chance, so the
    // test is gap × √comments (a z-score-like figure).
    const gap = c.cohesion - outside;
    if (gap < (opts.minGap ?? 0.15) || gap * Math.sqrt(size) < (opts.minSeparation ?? 2)) continue;
    // Members of a scripted campaign are close to each other on average, not only through a
    // chain of neighbours: a topic that many people write about loosely fails this test.
    if (c.cohesion < (opts.minCohesion ?? 0.5)) continue;
    out.push({
      rows: [...c.members].sort((a, b) => a - b),
      cohesion: Math.round(c.cohesion * 1000) / 1000,
      central: c.central,
    });
  }
  out.sort((a, b) => (a.rows[0] as number) - (b.rows[0] as number));
  return out;
}

/**
 * The dense spots of one group (`groupRows`: its eligible rows): the group is split with k-means into
 * blocks of at most `maxBlock` when larger, and every pair inside a block is compared.
 */
export function groupCandidates(
  m: SparseMatrix,
  groupRows: Int32Array,
  group: number,
  weights: Float64Array,
  opts: ParaphraseOptions,
  pairs: BlockPairs,
): Candidate[] {
  const maxBlock = opts.maxBlock ?? 500;
  const groupSize = groupRows.length;
  const out: Candidate[] = [];
  if (groupSize < opts.minSize) return out;
  const finalBlocks: number[][] = [];
  const split = (part: number[], depth: number): void => {
    if (part.length <= maxBlock || depth > 4) {
      finalBlocks.push(part);
      return;
    }
    // At most MAX_SPLIT parts a level (and recursion below): one k-means with k growing with
    // the group would cost groupSize² (every row against every centroid).
    const k = Math.min(MAX_SPLIT, Math.ceil(part.length / (maxBlock / 2)));
    const r = sampledKMeans(m, part, weights, k, {
      seed: opts.seed + depth * 7919 + part.length,
      maxIter: 8,
      sample: 4000,
    });
    const parts: number[][] = Array.from({ length: r.k }, () => []);
    part.forEach((row, i) => {
      parts[r.labels[i] as number]?.push(row);
    });
    if (parts.filter((p) => p.length > 0).length <= 1) {
      finalBlocks.push(part);
      return;
    }
    for (const p of parts) if (p.length > 0) split(p, depth + 1);
  };
  split(Array.from(groupRows), 0);
  for (let bi = 0; bi < finalBlocks.length; bi++) {
    const rows = finalBlocks[bi] as number[];
    const n = rows.length;
    if (n < opts.minSize) continue;
    const { adj, simSum } = pairs.neighbours(rows, opts.similarity);
    // Density is judged against the block: in a block of 400 comments on one narrow topic a few
    // close neighbours are normal; a script repeated in many words gives far more.
    // Judged against the whole fine group, not the block it was cut into: cutting a large
    // group of similar comments into blocks would otherwise make every block look dense.
    // But neighbours are only counted inside the block: past 10 blocks' worth of comments the
    // group counts as 10 blocks, or no comment of a group of over 10,000 (a fine group at a
    // million comments) could ever be a core.
    const minPts = Math.max(
      opts.minPts,
      Math.ceil(Math.min(groupSize, 10 * maxBlock) * (opts.relativeDensity ?? 0.05)),
    );
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
      // Cohesion: mean cosine over the pairs inside the cluster, from the sum vector
      // (rows are unit length, so |Σx|² = k + 2·Σ pairs).
      const sumIn = new Float64Array(m.dims);
      for (const i of idx) addRow(m, rows[i] as number, sumIn);
      let sq = 0;
      for (let d = 0; d < sumIn.length; d++) sq += (sumIn[d] as number) ** 2;
      const k = idx.length;
      const cohesion = k > 1 ? (sq - k) / (k * (k - 1)) : 1;
      const members = idx.map((i) => rows[i] as number);
      out.push({ members, cohesion, central: rows[central] as number, block: rows, group, sumIn });
    }
  }

  return out;
}

/**
 * All pairs of rows of a block above a cosine, through the block's inverted index: a pair costs
 * only the terms the two rows share, not a pass over one of them (a row has 30–60 terms, two
 * rows on one topic share a few). Sums are taken in ascending term order, as a row-by-row dot
 * product would, so the figures are the same to the last bit.
 */
export class BlockPairs {
  readonly #m: SparseMatrix;
  /** Per term: postings in the current block, then the start of its postings, then a cursor. */
  readonly #count: Int32Array;
  readonly #start: Int32Array;
  readonly #cursor: Int32Array;
  #postRow = new Int32Array(1024);
  #postVal = new Float64Array(1024);

  constructor(m: SparseMatrix) {
    this.#m = m;
    this.#count = new Int32Array(m.dims);
    this.#start = new Int32Array(m.dims + 1);
    this.#cursor = new Int32Array(m.dims);
  }

  /**
   * Per row (index into `rows`) its neighbours at cosine ≥ `similarity`, ascending, and the sum
   * of those cosines.
   */
  neighbours(rows: readonly number[], similarity: number): { adj: number[][]; simSum: Float64Array } {
    const m = this.#m;
    const { offsets, cols, vals } = m;
    const count = this.#count;
    const start = this.#start;
    const cursor = this.#cursor;
    const n = rows.length;
    let total = 0;
    const touched: number[] = [];
    for (const r of rows)
      for (let p = offsets[r] as number; p < (offsets[r + 1] as number); p++) {
        const c = cols[p] as number;
        if (count[c] === 0) touched.push(c);
        count[c] = (count[c] as number) + 1;
        total++;
      }
    if (total > this.#postRow.length) {
      this.#postRow = new Int32Array(total * 2);
      this.#postVal = new Float64Array(total * 2);
    }
    const postRow = this.#postRow;
    const postVal = this.#postVal;
    let at = 0;
    for (const c of touched) {
      start[c] = at;
      cursor[c] = at;
      at += count[c] as number;
    }
    for (let i = 0; i < n; i++) {
      const r = rows[i] as number;
      for (let p = offsets[r] as number; p < (offsets[r + 1] as number); p++) {
        const c = cols[p] as number;
        const q = cursor[c] as number;
        postRow[q] = i;
        postVal[q] = vals[p] as number;
        cursor[c] = q + 1;
      }
    }
    for (const c of touched) cursor[c] = start[c] as number;

    const adj: number[][] = Array.from({ length: n }, () => []);
    const simSum = new Float64Array(n);
    const acc = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = rows[i] as number;
      for (let p = offsets[r] as number; p < (offsets[r + 1] as number); p++) {
        const c = cols[p] as number;
        const v = vals[p] as number;
        // The cursor is at row i's own posting: the rows before it have moved it on.
        const own = cursor[c] as number;
        const end = (start[c] as number) + (count[c] as number);
        for (let q = own + 1; q < end; q++) {
          const j = postRow[q] as number;
          acc[j] = (acc[j] as number) + (postVal[q] as number) * v;
        }
        cursor[c] = own + 1;
      }
      for (let j = i + 1; j < n; j++) {
        const s = acc[j] as number;
        if (s === 0) continue;
        acc[j] = 0;
        if (s >= similarity) {
          adj[i]?.push(j);
          adj[j]?.push(i);
          simSum[i] = (simSum[i] as number) + s;
          simSum[j] = (simSum[j] as number) + s;
        }
      }
    }
    for (const c of touched) count[c] = 0;
    return { adj, simSum };
  }
}
