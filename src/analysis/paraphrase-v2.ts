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
  /** Number of claims (sentence clusters most members share). */
  claims: number;
  /** Member closest to the members' centroid. */
  central: number;
}

/**
 * @param fine finer-group matrix (rows = points, L2-normalised)
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
  const sentenceCut = opts.sentenceCut ?? 0.2;
  const claimShare = opts.claimShare ?? 0.4;
  const carryShare = opts.carryShare ?? 0.7;
  const minGap = opts.minGap ?? 0.1;
  const maxRows = opts.maxRows ?? 60;
  const total = new Float64Array(fine.dims);
  let allRows = 0;
  for (let r = 0; r < fine.rows; r++)
    if (fine.offsets[r] !== fine.offsets[r + 1]) {
      addRow(fine, r, total);
      allRows++;
    }
  const out: ScriptCampaign[] = [];
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
    if (cohesion - outside < minGap) continue;

    // Sentences of the members (of a deterministic sample of them in a large group), clustered
    // into claims.
    const stride = Math.max(1, Math.ceil(rows.length / maxRows));
    const sample = rows.filter((_, i) => i % stride === 0);
    let sampleSize = 0;
    for (const r of sample) sampleSize += copies[r] as number;
    const owner: number[] = [];
    const docs: (readonly string[])[] = [];
    sample.forEach((r, i) => {
      for (const st of sentences(r))
        if (st.length >= 2) {
          owner.push(i);
          docs.push(st);
        }
    });
    // A script makes several points: most members need two sentences or more.
    if (docs.length < 2 * sample.length * claimShare) continue;
    const m = fineMatrix(docs);
    const labels = averageLinkage(
      m,
      docs.map((_, j) => j),
      sentenceCut,
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
    const claims: Set<number>[] = [];
    for (const reached of reach.values()) {
      let c = 0;
      for (const i of reached) c += copies[sample[i] as number] as number;
      if (c >= claimShare * sampleSize) claims.push(reached);
    }
    if (claims.length < 2) continue;
    // Members: sampled rows carrying two claims or more; then the unsampled rows at least as
    // close to those members' centroid as the farthest of them.
    const carried = new Int32Array(sample.length);
    for (const cl of claims) for (const i of cl) carried[i] = (carried[i] as number) + 1;
    const members: number[] = [];
    let carriedSize = 0;
    let sampleCarried = 0;
    sample.forEach((r, i) => {
      if ((carried[i] as number) >= 2) {
        members.push(r);
        sampleCarried += copies[r] as number;
      }
    });
    if (sampleCarried < carryShare * sampleSize) continue;
    if (stride > 1) {
      const c = new Float64Array(fine.dims);
      for (const r of members) addRow(fine, r, c);
      const sims = members.map((r) => dotDense(fine, r, c, 0)).sort((a, b) => a - b);
      const floor = sims[0] as number;
      rows.forEach((r, i) => {
        if (i % stride !== 0 && dotDense(fine, r, c, 0) >= floor) members.push(r);
      });
    }
    for (const r of members) carriedSize += copies[r] as number;
    if (carriedSize < carryShare * size || carriedSize < opts.minSize) continue;
    // Cohesion of the members, and the most central one.
    const ms = new Float64Array(fine.dims);
    for (const r of members) addRow(fine, r, ms);
    let msq = 0;
    for (let d = 0; d < ms.length; d++) msq += (ms[d] as number) ** 2;
    const mk = members.length;
    let central = members[0] as number;
    let best = -Infinity;
    for (const r of members) {
      const s = dotDense(fine, r, ms, 0);
      if (s > best) {
        best = s;
        central = r;
      }
    }
    out.push({
      rows: [...members].sort((a, b) => a - b),
      cohesion: Math.round(((msq - mk) / (mk * (mk - 1))) * 1000) / 1000,
      claims: claims.length,
      central,
    });
  }
  out.sort((a, b) => (a.rows[0] as number) - (b.rows[0] as number));
  return out;
}
