/**
 * Finer groups the way officials group comments: average-linkage agglomerative clustering of
 * TF-IDF rows, cut at a cosine learnt on labelled real comments, instead of k-means with a
 * number of groups forced on every theme. A stance term keeps comments that support the
 * proposal apart from those against it (officials answer 「推進すべき」 separately).
 *
 * Pure functions: term counts and texts in, labels out. The O(n²) step runs on blocks of at most
 * {@link FINE_MAX_BLOCK} rows, so its cost is bounded by n × block.
 */
import { type ChooseKOptions, clusterChoosingK, type KMeansResult, sphericalKMeans } from './cluster.ts';
import { addRow, dotDense, type SparseMatrix } from './vectors.ts';

/**
 * Cosine at which the dendrogram is cut. Measured on the 環境省 half (157 real comments, 39
 * official groups) and the hand-written fixture (320 comments, 32 groups): both peak between
 * 0.11 and 0.13 (see src/analysis/README.md, "Finer groups").
 */
export const FINE_CUT = 0.12;

/** Largest block clustered all-pairs (memory n² × 4 bytes: 2,000 rows = 16 MB). */
export const FINE_MAX_BLOCK = 2000;

/** Term frequency given to the stance terms (a comment's own words count 1 each). */
const SUPPORT_TF = 6;
const OPPOSE_TF = 3;

/** Stance terms; they cannot collide with real terms (no text contains these brackets). */
export const SUPPORT_TERM = '〈賛成〉';
export const OPPOSE_TERM = '〈反対〉';

// Support: 賛成 (not 不賛成, not 賛成できない), asking to go ahead, expecting results.
const RE_SUPPORT =
  /(?<![不非])賛成(?!でき|しかね|しない|では|とは言え)|推し進め|推進(すべき|して(くだ|ほし|欲し|いただ)|を(望|期待|お願い))|促進|邁進|期待(します|する|して|したい)|進めて(くだ|いただ|ほし|欲し)|受け入れ(たい|ます)|実現して(ほし|欲し|くだ)/u;
// Opposition to the proposal itself.
const RE_OPPOSE =
  /反対(です|します|する|だ|。|!|$)|撤回|中止|白紙|許されない|やめて|べきでない|べきではない|してはならない|認められない/u;

/**
 * +1 when a comment supports the proposal, −1 when it opposes it, 0 when it says neither or
 * both. Input: normalised text (see normaliseText).
 */
export function stanceOf(normalised: string): -1 | 0 | 1 {
  const s = RE_SUPPORT.test(normalised);
  const o = RE_OPPOSE.test(normalised);
  return s && !o ? 1 : o && !s ? -1 : 0;
}

/** The stance terms to add to a comment's terms. */
export function stanceTerms(stance: -1 | 0 | 1): string[] {
  if (stance === 1) return Array(SUPPORT_TF).fill(SUPPORT_TERM);
  if (stance === -1) return Array(OPPOSE_TF).fill(OPPOSE_TERM);
  return [];
}

/**
 * L2-normalised TF-IDF rows over every term (sublinear tf, smoothed idf), for the rows listed.
 * Unlike the theme matrix, terms seen once are kept: they change nothing in a dot product but
 * keep the norm of a long, many-sided comment honest, which is what the cut was measured with.
 */
export function fineMatrix(docs: readonly (readonly string[])[]): SparseMatrix {
  const index = new Map<string, number>();
  const df: number[] = [];
  const rowsIds: Int32Array[] = [];
  const rowsTf: Int32Array[] = [];
  for (const doc of docs) {
    const tf = new Map<number, number>();
    for (const t of doc) {
      let id = index.get(t);
      if (id === undefined) {
        id = df.length;
        index.set(t, id);
        df.push(0);
      }
      tf.set(id, (tf.get(id) ?? 0) + 1);
    }
    const ids = Int32Array.from(tf.keys()).sort();
    for (const id of ids) df[id] = (df[id] as number) + 1;
    rowsIds.push(ids);
    rowsTf.push(Int32Array.from(ids, (id) => tf.get(id) as number));
  }
  const n = docs.length;
  const offsets = new Int32Array(n + 1);
  for (let r = 0; r < n; r++) offsets[r + 1] = (offsets[r] as number) + (rowsIds[r] as Int32Array).length;
  const nnz = offsets[n] as number;
  const cols = new Int32Array(nnz);
  const vals = new Float32Array(nnz);
  for (let r = 0; r < n; r++) {
    const ids = rowsIds[r] as Int32Array;
    const tf = rowsTf[r] as Int32Array;
    const start = offsets[r] as number;
    let norm = 0;
    for (let i = 0; i < ids.length; i++) {
      const w =
        (1 + Math.log(tf[i] as number)) * (Math.log((1 + n) / (1 + (df[ids[i] as number] as number))) + 1);
      cols[start + i] = ids[i] as number;
      vals[start + i] = w;
      norm += w * w;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < ids.length; i++) vals[start + i] = (vals[start + i] as number) * inv;
  }
  return { rows: n, dims: df.length, offsets, cols, vals };
}

/**
 * Average-linkage (UPGMA) agglomerative clustering of `rows` of `m` by cosine, cut where the
 * average similarity between two clusters falls below `cut`. Returns a label per row (same
 * order), numbered 0… in order of each cluster's first row. O(n²) time and memory: callers keep
 * blocks at most {@link FINE_MAX_BLOCK} rows.
 *
 * Nearest-neighbour chain: average linkage is reducible, so merging reciprocal nearest
 * neighbours gives the same dendrogram as always merging the closest pair; merges below the cut
 * are not made (nothing above the cut can depend on them, as merge heights never increase).
 */
export function averageLinkage(m: SparseMatrix, rows: readonly number[], cut: number): Int32Array {
  const n = rows.length;
  const labels = new Int32Array(n);
  if (n <= 1) return labels;
  // Dense similarity matrix (float32 is plenty for a cut at two decimals).
  const sim = new Float32Array(n * n);
  const scratch = new Float64Array(m.dims);
  for (let i = 0; i < n; i++) {
    const ri = rows[i] as number;
    const end = m.offsets[ri + 1] as number;
    for (let p = m.offsets[ri] as number; p < end; p++) scratch[m.cols[p] as number] = m.vals[p] as number;
    for (let j = i + 1; j < n; j++) {
      const s = dotDense(m, rows[j] as number, scratch, 0);
      sim[i * n + j] = s;
      sim[j * n + i] = s;
    }
    for (let p = m.offsets[ri] as number; p < end; p++) scratch[m.cols[p] as number] = 0;
  }
  const size = new Int32Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  /** Clusters that will not merge any more (their nearest neighbour is below the cut). */
  const done = new Uint8Array(n);
  const chain: number[] = [];
  let remaining = n;
  const nearest = (a: number): [number, number] => {
    let best = -1;
    let bs = -Infinity;
    const base = a * n;
    for (let b = 0; b < n; b++) {
      if (b === a || active[b] === 0 || done[b] === 1) continue;
      const s = sim[base + b] as number;
      // Ties go to the lower index, so the result does not depend on the chain's history.
      if (s > bs) {
        bs = s;
        best = b;
      }
    }
    return [best, bs];
  };
  while (remaining > 1) {
    if (chain.length === 0) {
      let start = -1;
      for (let i = 0; i < n; i++)
        if (active[i] === 1 && done[i] === 0) {
          start = i;
          break;
        }
      if (start < 0) break;
      chain.push(start);
    }
    const a = chain[chain.length - 1] as number;
    const [b, s] = nearest(a);
    if (b < 0 || s < cut) {
      // Nothing left within the cut for `a`: it is final. (Merges elsewhere only lower the
      // average similarity to `a`, never raise it.)
      done[a] = 1;
      remaining--;
      chain.pop();
      continue;
    }
    const prev = chain.length >= 2 ? (chain[chain.length - 2] as number) : -1;
    if (b === prev || (prev >= 0 && (sim[a * n + prev] as number) >= s)) {
      // Reciprocal nearest neighbours: merge them into the lower index.
      const x = Math.min(a, prev);
      const y = Math.max(a, prev);
      chain.pop();
      chain.pop();
      const sx = size[x] as number;
      const sy = size[y] as number;
      for (let k = 0; k < n; k++) {
        if (active[k] === 0 || k === x || k === y) continue;
        const v = ((sim[x * n + k] as number) * sx + (sim[y * n + k] as number) * sy) / (sx + sy);
        sim[x * n + k] = v;
        sim[k * n + x] = v;
      }
      size[x] = sx + sy;
      active[y] = 0;
      parent[y] = x;
      remaining--;
      continue;
    }
    chain.push(b);
  }
  // Labels by root, numbered in order of first row.
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    return r;
  };
  const number = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = root(i);
    let l = number.get(r);
    if (l === undefined) {
      l = number.size;
      number.set(r, l);
    }
    labels[i] = l;
  }
  return labels;
}

/**
 * The groups of `labels` in the shape k-means gives (centroids of `m`'s rows, L2-normalised, and
 * each member's cosine to its centroid), so callers can pick representatives the same way.
 */
export function groupsAsClustering(
  m: SparseMatrix,
  rows: readonly number[],
  labels: Int32Array,
  weights: Float64Array,
): KMeansResult {
  let k = 0;
  for (const l of labels) if (l + 1 > k) k = l + 1;
  const dims = m.dims;
  const centroids = new Float64Array(k * dims);
  rows.forEach((r, i) => {
    addRow(
      m,
      r,
      centroids.subarray((labels[i] as number) * dims, ((labels[i] as number) + 1) * dims),
      weights[r] as number,
    );
  });
  for (let c = 0; c < k; c++) {
    let norm = 0;
    for (let d = c * dims; d < (c + 1) * dims; d++) norm += (centroids[d] as number) ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = c * dims; d < (c + 1) * dims; d++) centroids[d] = (centroids[d] as number) * inv;
  }
  const sims = Float64Array.from(rows, (r, i) => dotDense(m, r, centroids, (labels[i] as number) * dims));
  return { k, labels, centroids, sims, silhouette: 0 };
}

/**
 * Finer groups of `rows`: average linkage on `fine` rows cut at {@link FINE_CUT}, in blocks of at
 * most `maxBlock` rows (a larger set is first split with k-means on `m`, the theme matrix). Returns
 * the groups in the k-means result shape (centroids over `m`).
 */
export function finerGroups(
  fine: SparseMatrix,
  m: SparseMatrix,
  rows: readonly number[],
  weights: Float64Array,
  opts: { seed: number; cut?: number; maxBlock?: number },
): KMeansResult {
  const maxBlock = opts.maxBlock ?? FINE_MAX_BLOCK;
  const cut = opts.cut ?? FINE_CUT;
  const labels = new Int32Array(rows.length);
  const position = new Map<number, number>();
  rows.forEach((r, i) => {
    position.set(r, i);
  });
  let next = 0;
  const run = (block: readonly number[], depth: number): void => {
    if (block.length > maxBlock && depth < 4) {
      const k = Math.ceil(block.length / (maxBlock / 2));
      const res = sphericalKMeans(m, block, weights, k, {
        seed: opts.seed + depth * 7919 + block.length,
        maxIter: 8,
        silhouette: false,
      });
      const parts: number[][] = Array.from({ length: res.k }, () => []);
      block.forEach((r, i) => {
        parts[res.labels[i] as number]?.push(r);
      });
      if (parts.filter((p) => p.length > 0).length > 1) {
        for (const p of parts) if (p.length > 0) run(p, depth + 1);
        return;
      }
    }
    const l = averageLinkage(fine, block, cut);
    let k = 0;
    block.forEach((r, i) => {
      labels[position.get(r) as number] = next + (l[i] as number);
      if ((l[i] as number) + 1 > k) k = (l[i] as number) + 1;
    });
    next += k;
  };
  run(rows, 0);
  return groupsAsClustering(m, rows, labels, weights);
}

/** Two-level clustering: the themes, each theme's rows, and its groups. */
export interface ThemeRuns {
  top: KMeansResult;
  rows: number[][];
  sub: { res: KMeansResult; rows: number[][] }[];
}

/**
 * Finer groups first (see {@link finerGroups}), then themes made of whole groups: k-means on the
 * groups' centroids, each group weighted by its rows' weights, k chosen as for themes of points
 * (or `themes` when given). Clustering points into themes first would cut officials' groups at
 * theme boundaries (on the 環境省 half: ARI 0.15 instead of 0.28).
 */
export function groupsThenThemes(
  fine: SparseMatrix,
  m: SparseMatrix,
  rows: readonly number[],
  weights: Float64Array,
  opts: ChooseKOptions & { themes?: number },
): ThemeRuns {
  const groups = finerGroups(fine, m, rows, weights, { seed: opts.seed });
  const k = groups.k;
  // One sparse row per group: its centroid.
  const dims = m.dims;
  const offsets = new Int32Array(k + 1);
  const colsList: number[] = [];
  const valsList: number[] = [];
  for (let g = 0; g < k; g++) {
    const base = g * dims;
    for (let d = 0; d < dims; d++) {
      const v = groups.centroids[base + d] as number;
      if (v !== 0) {
        colsList.push(d);
        valsList.push(v);
      }
    }
    offsets[g + 1] = colsList.length;
  }
  const gm: SparseMatrix = {
    rows: k,
    dims,
    offsets,
    cols: Int32Array.from(colsList),
    vals: Float32Array.from(valsList),
  };
  const gw = new Float64Array(k);
  rows.forEach((r, i) => {
    const g = groups.labels[i] as number;
    gw[g] = (gw[g] as number) + (weights[r] as number);
  });
  const members = Array.from({ length: k }, (_, g) => g);
  const top =
    opts.themes !== undefined
      ? sphericalKMeans(gm, members, gw, opts.themes, { seed: opts.seed, silhouette: false })
      : clusterChoosingK(gm, members, gw, {
          ...opts,
          minK: Math.min(opts.minK, k),
          maxK: Math.min(opts.maxK, k),
        });
  const themeOfRow = Int32Array.from(rows, (_, i) => top.labels[groups.labels[i] as number] as number);
  const themes = groupsAsClustering(m, rows, themeOfRow, weights);
  const themeRows: number[][] = Array.from({ length: themes.k }, () => []);
  const groupRows: number[][][] = Array.from({ length: themes.k }, () => []);
  const groupIndex = new Int32Array(k).fill(-1);
  rows.forEach((r, i) => {
    const t = themeOfRow[i] as number;
    const g = groups.labels[i] as number;
    (themeRows[t] as number[]).push(r);
    const tg = groupRows[t] as number[][];
    if (groupIndex[g] === -1) {
      groupIndex[g] = tg.length;
      tg.push([]);
    }
    (tg[groupIndex[g] as number] as number[]).push(r);
  });
  const sub = themeRows.map((tr, t) => {
    const gr = groupRows[t] as number[][];
    const labels = new Int32Array(tr.length);
    const pos = new Map<number, number>();
    tr.forEach((r, i) => {
      pos.set(r, i);
    });
    gr.forEach((g, gi) => {
      for (const r of g) labels[pos.get(r) as number] = gi;
    });
    return { res: groupsAsClustering(m, tr, labels, weights), rows: gr };
  });
  return { top: themes, rows: themeRows, sub };
}
