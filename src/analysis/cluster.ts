/**
 * Spherical k-means on sparse TF-IDF rows (cosine similarity; centroids are dense and
 * re-normalised). Seeding is k-means++ driven by a fixed-seed PRNG, so the same input always
 * gives the same clusters. The number of clusters is chosen by the simplified silhouette.
 */
import { makeRng } from './hash.ts';
import { clearRow, dotDense, scatterRow, type SparseMatrix } from './vectors.ts';

export interface KMeansResult {
  k: number;
  /** Cluster per member (same order as `members`). */
  labels: Int32Array;
  /** k × dims, L2-normalised. */
  centroids: Float64Array;
  /** Cosine of each member to its centroid. */
  sims: Float64Array;
  /** Mean simplified silhouette (−1…1); higher = better separated. */
  silhouette: number;
}

export interface KMeansOptions {
  seed: number;
  maxIter?: number;
  /** Compute the silhouette (default true); a final run whose k is already chosen skips it. */
  silhouette?: boolean;
  /**
   * Starting centroids (k × dims, L2-normalised) instead of k-means++ seeding: those of a run on
   * a sample of the same members, which then needs only a few passes over all of them.
   */
  start?: Float64Array;
}

/**
 * Cluster `members` (row indices of `m`, none empty) into k groups, each row weighted by
 * `weights[row]`.
 */
export function sphericalKMeans(
  m: SparseMatrix,
  members: readonly number[],
  weights: Float64Array,
  k0: number,
  opts: KMeansOptions,
): KMeansResult {
  const n = members.length;
  const k = Math.max(1, Math.min(k0, n));
  const dims = m.dims;
  const rng = makeRng(opts.seed);
  const centroids = new Float64Array(k * dims);
  const labels = new Int32Array(n);
  const sims = new Float64Array(n);

  if (opts.start !== undefined && opts.start.length === k * dims) centroids.set(opts.start);
  else seedPlusPlus(m, members, weights, centroids, k, rng);

  const maxIter = opts.maxIter ?? 20;
  // Centroids transposed (term-major: k values per term) so that one pass over a row's terms
  // scores it against all k centroids with cache-friendly reads.
  const ct = new Float64Array(k * dims);
  const score = new Float64Array(k);
  for (let iter = 0; iter < maxIter; iter++) {
    let changed = 0;
    for (let c = 0; c < k; c++) {
      const base = c * dims;
      for (let d = 0; d < dims; d++) ct[d * k + c] = centroids[base + d] as number;
    }
    for (let i = 0; i < n; i++) {
      const r = members[i] as number;
      score.fill(0);
      const end = m.offsets[r + 1] as number;
      for (let p = m.offsets[r] as number; p < end; p++) {
        const v = m.vals[p] as number;
        const base = (m.cols[p] as number) * k;
        for (let c = 0; c < k; c++) score[c] = (score[c] as number) + v * (ct[base + c] as number);
      }
      let bl = 0;
      let bs = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = score[c] as number;
        if (s > bs) {
          bs = s;
          bl = c;
        }
      }
      if (iter === 0 || labels[i] !== bl) changed++;
      labels[i] = bl;
      sims[i] = bs;
    }
    if (iter > 0 && changed <= n * 0.002) break;
    recomputeCentroids(m, members, weights, labels, k, centroids, sims);
  }

  const silhouette = opts.silhouette === false ? 0 : simplifiedSilhouette(m, members, weights, centroids, k);
  return { k, labels, centroids, sims, silhouette };
}

/** k-means++: each next seed is drawn with probability ∝ weight × distance². */
function seedPlusPlus(
  m: SparseMatrix,
  members: readonly number[],
  weights: Float64Array,
  centroids: Float64Array,
  k: number,
  rng: () => number,
): void {
  const n = members.length;
  const dims = m.dims;
  const best = new Float64Array(n).fill(-Infinity);
  let first = pickWeighted(members, (i) => weights[members[i] as number] as number, rng);
  for (let c = 0; c < k; c++) {
    const seedRow = members[first] as number;
    scatterRow(m, seedRow, centroids.subarray(c * dims, (c + 1) * dims));
    for (let i = 0; i < n; i++) {
      const s = dotDense(m, members[i] as number, centroids, c * dims);
      if (s > (best[i] as number)) best[i] = s;
    }
    if (c + 1 < k) {
      first = pickWeighted(
        members,
        (i) => {
          const d = 1 - (best[i] as number);
          return d > 1e-9 ? (weights[members[i] as number] as number) * d * d : 0;
        },
        rng,
      );
    }
  }
}

function recomputeCentroids(
  m: SparseMatrix,
  members: readonly number[],
  weights: Float64Array,
  labels: Int32Array,
  k: number,
  centroids: Float64Array,
  sims: Float64Array,
): void {
  const dims = m.dims;
  centroids.fill(0);
  const count = new Float64Array(k);
  for (let i = 0; i < members.length; i++) {
    const r = members[i] as number;
    const base = (labels[i] as number) * dims;
    const w = weights[r] as number;
    count[labels[i] as number] = (count[labels[i] as number] as number) + 1;
    const end = m.offsets[r + 1] as number;
    for (let p = m.offsets[r] as number; p < end; p++) {
      const col = base + (m.cols[p] as number);
      centroids[col] = (centroids[col] as number) + w * (m.vals[p] as number);
    }
  }
  for (let c = 0; c < k; c++) {
    if (count[c] === 0) {
      // Empty cluster: restart it on the member that fits its own cluster worst.
      let worst = 0;
      for (let i = 1; i < members.length; i++) if ((sims[i] as number) < (sims[worst] as number)) worst = i;
      scatterRow(m, members[worst] as number, centroids.subarray(c * dims, (c + 1) * dims));
      sims[worst] = 1;
      continue;
    }
    let norm = 0;
    for (let d = c * dims; d < (c + 1) * dims; d++) norm += (centroids[d] as number) ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = c * dims; d < (c + 1) * dims; d++) centroids[d] = (centroids[d] as number) * inv;
  }
}

function pickWeighted(
  members: readonly number[],
  weightOf: (i: number) => number,
  rng: () => number,
): number {
  let total = 0;
  for (let i = 0; i < members.length; i++) total += weightOf(i);
  if (total <= 0) return Math.floor(rng() * members.length);
  let x = rng() * total;
  for (let i = 0; i < members.length; i++) {
    x -= weightOf(i);
    if (x <= 0) return i;
  }
  return members.length - 1;
}

/** Silhouette using centroid distances instead of all pairs: O(n·k). */
export function simplifiedSilhouette(
  m: SparseMatrix,
  members: readonly number[],
  weights: Float64Array,
  centroids: Float64Array,
  k: number,
): number {
  if (k < 2) return 0;
  let sum = 0;
  let wsum = 0;
  for (const r of members) {
    let b1 = -Infinity;
    let b2 = -Infinity;
    for (let c = 0; c < k; c++) {
      const s = dotDense(m, r, centroids, c * m.dims);
      if (s > b1) {
        b2 = b1;
        b1 = s;
      } else if (s > b2) b2 = s;
    }
    const a = 1 - b1;
    const b = 1 - b2;
    const w = weights[r] as number;
    sum += w * (Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0);
    wsum += w;
  }
  return wsum > 0 ? sum / wsum : 0;
}

export interface ChooseKOptions extends KMeansOptions {
  minK: number;
  maxK: number;
  /** Silhouette is computed on at most this many members (deterministic stride sample). */
  sample?: number;
}

/**
 * Try k in [minK, maxK] on a sample and keep the best silhouette (ties → smaller k), then cluster
 * all members with that k.
 */
export function clusterChoosingK(
  m: SparseMatrix,
  members: readonly number[],
  weights: Float64Array,
  opts: ChooseKOptions,
): KMeansResult {
  const maxK = Math.min(opts.maxK, members.length);
  const minK = Math.min(opts.minK, maxK);
  if (maxK <= 1) return sphericalKMeans(m, members, weights, 1, opts);
  const limit = opts.sample ?? 4000;
  const stride = Math.max(1, Math.ceil(members.length / limit));
  const sample = stride === 1 ? members : members.filter((_, i) => i % stride === 0);
  let best: KMeansResult | undefined;
  let bestScore = -Infinity;
  for (let k = minK; k <= maxK; k++) {
    const r = sphericalKMeans(m, sample, weights, k, { seed: opts.seed + k, maxIter: 12 });
    // A small bonus per cluster: the simplified silhouette favours too few clusters on short
    // texts, where every comment is far from every centroid.
    const score = r.silhouette + 0.004 * k;
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = r;
    }
  }
  if (best === undefined || sample === members)
    return sphericalKMeans(m, members, weights, best?.k ?? minK, { ...opts, silhouette: false });
  return refineOnAll(m, members, weights, best, opts);
}

/**
 * k-means on many members: first on a stride sample of about `sample` of them, then a few passes
 * over all of them from the sample's centroids (seeding and twenty passes over every member
 * would cost k + 20 passes instead of 6).
 */
export function sampledKMeans(
  m: SparseMatrix,
  members: readonly number[],
  weights: Float64Array,
  k: number,
  opts: KMeansOptions & { sample: number },
): KMeansResult {
  const stride = Math.ceil(members.length / opts.sample);
  if (stride <= 2) return sphericalKMeans(m, members, weights, k, opts);
  const sample = members.filter((_, i) => i % stride === 0);
  const first = sphericalKMeans(m, sample, weights, k, { ...opts, silhouette: false });
  return refineOnAll(m, members, weights, first, opts);
}

/**
 * All members, starting from the centroids found on a sample of them: a few passes settle them
 * (the borderline members that go on changing sides afterwards do not change what a cluster is
 * about).
 */
function refineOnAll(
  m: SparseMatrix,
  members: readonly number[],
  weights: Float64Array,
  onSample: KMeansResult,
  opts: KMeansOptions,
): KMeansResult {
  return sphericalKMeans(m, members, weights, onSample.k, {
    ...opts,
    silhouette: false,
    start: onSample.centroids,
    maxIter: Math.min(opts.maxIter ?? 6, 6),
  });
}

/** Cosine similarity of two sparse rows, using a dense scratch vector for row a. */
export function cosineRows(m: SparseMatrix, a: number, b: number, scratch: Float64Array): number {
  scatterRow(m, a, scratch);
  let s = 0;
  const end = m.offsets[b + 1] as number;
  for (let p = m.offsets[b] as number; p < end; p++)
    s += (m.vals[p] as number) * (scratch[m.cols[p] as number] as number);
  clearRow(m, a, scratch);
  return s;
}
