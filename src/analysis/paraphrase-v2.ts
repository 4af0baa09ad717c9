/**
 * Paraphrase campaigns on real text: a script reworded many times. Generated rewordings of one
 * opinion share few exact words pair by pair (mean TF-IDF cosine ≈ 0.24 on the planted set, far
 * below the 0.5 of the density test in paraphrase.ts), but they end up in one finer group, and
 * what gives them away is their structure: nearly every member makes the same few points, one
 * sentence each. Organic agreement shares a topic, not a sequence of points.
 *
 * So, per finer group: split the members into sentences, cluster the sentences (average linkage
 * on TF-IDF with the corpus idf), and call "claims" the sentence clusters that most members
 * contribute to. A group is a script when it has at least two claims and most of its comments
 * carry at least two of them; the members are the comments that do. It must also stand apart
 * from the rest of the consultation (cohesion well above the similarity to everything else).
 *
 * On large inputs the groups come from k-means, which can cut one big script into pieces by
 * which of its points each member makes; pieces that are close and share their claims are
 * joined again, so a script is one campaign however the grouping cut it.
 */
import { averageLinkage, fineMatrix } from './finer-groups.ts';
import { addRow, dotDense, type SparseMatrix } from './vectors.ts';

export interface ScriptOptions {
  /** Smallest number of comments (copies included). */
  minSize: number;
  /** Cosine at which sentences are put in one claim. */
  sentenceCut?: number;
  /** Share of a group's comments a sentence cluster needs to count as a claim. */
  claimShare?: number;
  /** Share of the group's comments that must carry two claims or more. */
  carryShare?: number;
  /** Cohesion − mean cosine to the other rows must reach this. */
  minGap?: number;
  /** Most members whose sentences are clustered per group (a deterministic sample beyond). */
  maxRows?: number;
}

export interface ScriptCampaign {
  rows: number[];
  /** Mean pairwise cosine of the members (fine matrix). */
  cohesion: number;
  /** Member closest to the members' centroid. */
  central: number;
}

/**
 * @param fine the matrix the groups were cut on (rows = points, L2-normalised)
 * @param groups finer groups (rows of `fine`)
 * @param sentences per row, the terms of each sentence of its text
 * @param copies per row, the number of comments it stands for
 */
export function findScriptCampaigns(
  fine: SparseMatrix,
  groups: readonly (readonly number[])[],
  sentences: (row: number) => readonly (readonly string[])[],
  copies: ArrayLike<number>,
  opts: ScriptOptions,
): ScriptCampaign[] {
  const o = settingsOf(opts);
  const total = new Float64Array(fine.dims);
  let allRows = 0;
  for (let r = 0; r < fine.rows; r++)
    if (fine.offsets[r] !== fine.offsets[r + 1]) {
      addRow(fine, r, total);
      allRows++;
    }
  const found: Found[] = [];
  for (const group of groups) {
    const rows = group.filter((r) => fine.offsets[r] !== fine.offsets[r + 1]);
    let size = 0;
    for (const r of rows) size += copies[r] as number;
    if (size < opts.minSize || rows.length < 3) continue;
    // Cohesion and separation from the rest, from sum vectors (rows are unit length).
    const sum = new Float64Array(fine.dims);
    for (const r of rows) addRow(fine, r, sum);
    const k = rows.length;
    let sq = 0;
    let cross = 0;
    for (let d = 0; d < sum.length; d++) {
      sq += (sum[d] as number) ** 2;
      cross += (sum[d] as number) * ((total[d] as number) - (sum[d] as number));
    }
    const cohesion = (sq - k) / (k * (k - 1));
    const outside = allRows > k ? cross / (k * (allRows - k)) : 0;
    if (cohesion - outside < o.minGap) continue;

    // Sentences of the members (of a deterministic sample of them in a large group), clustered
    // into claims.
    const stride = Math.max(1, Math.ceil(rows.length / o.maxRows));
    const sample = rows.filter((_, i) => i % stride === 0);
    const carried = carriedClaims([sample], sentences, copies, o);
    if (carried === undefined) continue;
    // Members: sampled rows carrying two claims or more; then the unsampled rows at least as
    // close to those members' centroid as the farthest of them.
    const members: number[] = [];
    let sampleCarried = 0;
    let sampleSize = 0;
    sample.forEach((r, i) => {
      sampleSize += copies[r] as number;
      if ((carried[i] as number) >= 2) {
        members.push(r);
        sampleCarried += copies[r] as number;
      }
    });
    if (sampleCarried < o.carryShare * sampleSize) continue;
    if (stride > 1) {
      const c = new Float64Array(fine.dims);
      for (const r of members) addRow(fine, r, c);
      const sims = members.map((r) => dotDense(fine, r, c, 0)).sort((a, b) => a - b);
      const floor = sims[0] as number;
      rows.forEach((r, i) => {
        if (i % stride !== 0 && dotDense(fine, r, c, 0) >= floor) members.push(r);
      });
    }
    let carriedSize = 0;
    for (const r of members) carriedSize += copies[r] as number;
    if (carriedSize < o.carryShare * size || carriedSize < opts.minSize) continue;
    found.push(foundOf(fine, members));
  }
  return mergePieces(fine, found, sentences, copies, o)
    .map((f) => campaignOf(fine, f))
    .sort((a, b) => (a.rows[0] as number) - (b.rows[0] as number));
}

type Settings = Required<Omit<ScriptOptions, 'minSize'>>;

function settingsOf(opts: ScriptOptions): Settings {
  return {
    sentenceCut: opts.sentenceCut ?? 0.2,
    claimShare: opts.claimShare ?? 0.4,
    carryShare: opts.carryShare ?? 0.7,
    minGap: opts.minGap ?? 0.1,
    maxRows: opts.maxRows ?? 60,
  };
}

/** A script found in one group, before pieces of one script are joined. */
interface Found {
  rows: number[];
  /** Sum of its rows (fine matrix). */
  sum: Float64Array;
  /** Mean pairwise cosine. */
  cohesion: number;
}

function foundOf(fine: SparseMatrix, rows: readonly number[]): Found {
  const sum = new Float64Array(fine.dims);
  for (const r of rows) addRow(fine, r, sum);
  let sq = 0;
  for (let d = 0; d < sum.length; d++) sq += (sum[d] as number) ** 2;
  const k = rows.length;
  return { rows: [...rows], sum, cohesion: k > 1 ? (sq - k) / (k * (k - 1)) : 1 };
}

/**
 * How many claims each row of the samples carries, where a claim is a sentence cluster that
 * reaches at least `claimShare` of EVERY sample (weighted by copies); undefined when there are
 * fewer than two such claims or too few sentences. One sample: the claims of one group. Two
 * samples: the claims two pieces share, which is what makes them one script (two scripts on one
 * topic share none).
 */
function carriedClaims(
  samples: readonly (readonly number[])[],
  sentences: (row: number) => readonly (readonly string[])[],
  copies: ArrayLike<number>,
  o: Settings,
): Int32Array | undefined {
  const rows = samples.flat();
  const sampleOf = new Int32Array(rows.length);
  const weight = samples.map((smp) => {
    let w = 0;
    for (const r of smp) w += copies[r] as number;
    return w;
  });
  let at = 0;
  samples.forEach((smp, si) => {
    for (let i = 0; i < smp.length; i++) sampleOf[at++] = si;
  });
  const owner: number[] = [];
  const docs: (readonly string[])[] = [];
  rows.forEach((r, i) => {
    for (const st of sentences(r))
      if (st.length >= 2) {
        owner.push(i);
        docs.push(st);
      }
  });
  // A script makes several points: most members need two sentences or more.
  if (docs.length < 2 * rows.length * o.claimShare) return undefined;
  const m = fineMatrix(docs);
  const labels = averageLinkage(
    m,
    docs.map((_, j) => j),
    o.sentenceCut,
  );
  // Which sampled members each sentence cluster reaches.
  const reach = new Map<number, Set<number>>();
  docs.forEach((_, j) => {
    const l = labels[j] as number;
    let set = reach.get(l);
    if (!set) {
      set = new Set();
      reach.set(l, set);
    }
    set.add(owner[j] as number);
  });
  const carried = new Int32Array(rows.length);
  let claims = 0;
  for (const reached of reach.values()) {
    const c = new Float64Array(samples.length);
    for (const i of reached)
      c[sampleOf[i] as number] = (c[sampleOf[i] as number] as number) + (copies[rows[i] as number] as number);
    if (!samples.every((_, si) => (c[si] as number) >= o.claimShare * (weight[si] as number))) continue;
    claims++;
    for (const i of reached) carried[i] = (carried[i] as number) + 1;
  }
  return claims >= 2 ? carried : undefined;
}

/**
 * Pieces of one script that the grouping put in different groups (on large inputs k-means cuts
 * a big script by which points its members make) are joined when they are close and share their
 * claims: most members of both pieces carry two claims or more that both pieces make.
 */
function mergePieces(
  fine: SparseMatrix,
  found: Found[],
  sentences: (row: number) => readonly (readonly string[])[],
  copies: ArrayLike<number>,
  o: Settings,
): Found[] {
  const half = Math.max(2, o.maxRows >> 1);
  const sampleOf = (rows: readonly number[]): number[] => {
    const stride = Math.max(1, Math.ceil(rows.length / half));
    return rows.filter((_, i) => i % stride === 0);
  };
  const order = [...found].sort(
    (a, b) => b.rows.length - a.rows.length || (a.rows[0] as number) - (b.rows[0] as number),
  );
  for (let a = 0; a < order.length; a++) {
    const fa = order[a] as Found;
    if (fa.rows.length === 0) continue;
    for (let b = a + 1; b < order.length; b++) {
      const fb = order[b] as Found;
      if (fb.rows.length === 0) continue;
      let dot = 0;
      for (let d = 0; d < fa.sum.length; d++) dot += (fa.sum[d] as number) * (fb.sum[d] as number);
      const cross = dot / (fa.rows.length * fb.rows.length);
      // Cheap screen first: pieces of one script are about as close across as inside.
      if (cross < 0.5 * Math.min(fa.cohesion, fb.cohesion)) continue;
      const sa = sampleOf(fa.rows);
      const sb = sampleOf(fb.rows);
      const carried = carriedClaims([sa, sb], sentences, copies, o);
      if (carried === undefined) continue;
      let w = 0;
      let wc = 0;
      [...sa, ...sb].forEach((r, i) => {
        w += copies[r] as number;
        if ((carried[i] as number) >= 2) wc += copies[r] as number;
      });
      if (wc < o.carryShare * w) continue;
      const joined = foundOf(fine, [...fa.rows, ...fb.rows]);
      fa.rows = joined.rows;
      fa.sum = joined.sum;
      fa.cohesion = joined.cohesion;
      fb.rows = [];
      // Start over with the grown piece: it may now reach one it did not before.
      b = a;
    }
  }
  return order.filter((f) => f.rows.length > 0);
}

function campaignOf(fine: SparseMatrix, { rows, sum, cohesion }: Found): ScriptCampaign {
  // The most central member.
  let central = rows[0] as number;
  let best = -Infinity;
  for (const r of rows) {
    const s = dotDense(fine, r, sum, 0);
    if (s > best) {
      best = s;
      central = r;
    }
  }
  return {
    rows: [...rows].sort((a, b) => a - b),
    cohesion: Math.round(cohesion * 1000) / 1000,
    central,
  };
}
