/**
 * Step 5: two-level clustering of the points: themes (at most ten, so a council can read them)
 * and finer groups inside each. Points without a usable term are left unclassified.
 *
 * Up to 5,000 points (a city's consultation): finer groups first, by average linkage at a cosine
 * learnt on real comments with a stance term (finer-groups.ts), then themes made of whole groups.
 * Above that: k-means themes, k-means groups inside each (every extra k is paid on every row).
 */
import { clusterChoosingK, type KMeansResult, sphericalKMeans } from '../cluster.ts';
import { mapParallel } from '../parallel.ts';
import { PARALLEL_MINIMUM } from '../tokenise-pool.ts';
import { fineMatrix, groupsThenThemes, stanceOf, stanceTerms } from '../finer-groups.ts';
import { rowIsEmpty, type SparseMatrix } from '../vectors.ts';
import type { Point } from './near-duplicate-points.ts';
import { at, type Run } from './run.ts';
import type { TermVectors } from './term-vectors.ts';

export interface Cluster {
  /** Point rows, ascending. */
  rows: number[];
  /** L2-normalised centroid (a view into the k-means result). */
  centroid: Float64Array;
}

export interface ThemeCluster extends Cluster {
  /** Finer groups; some may be empty (k-means labels nobody took). */
  groups: Cluster[];
}

export interface Themes {
  /** Some may be empty (k-means labels nobody took). */
  themes: ThemeCluster[];
  /** How many themes k-means was run with. */
  k: number;
  clusterable: number[];
  /** Points with no term left after filtering (too short, symbols only). */
  unclassified: number[];
  /**
   * Few enough points that finer groups are made by average linkage, and paraphrases are looked
   * for inside whole themes.
   */
  small: boolean;
  /**
   * On small inputs, the matrix the finer groups were cut on (every term of a point, stance term
   * included; rows = points): the script detector compares members on it.
   */
  fine: SparseMatrix | undefined;
}

/** Largest input (points with terms) clustered by average linkage. */
export const SMALL_INPUT = 5000;

export function clusterThemes(run: Run, points: readonly Point[], vectors: TermVectors): Themes {
  const { seed, themes: fixedK } = run.settings;
  const { matrix, weights } = vectors;
  const clusterable: number[] = [];
  const unclassified: number[] = [];
  for (let p = 0; p < matrix.rows; p++) (rowIsEmpty(matrix, p) ? unclassified : clusterable).push(p);
  const small = clusterable.length <= SMALL_INPUT;
  if (clusterable.length === 0) {
    const none = sphericalKMeans(matrix, [], weights, 1, { seed });
    run.progress(2, 3, 'cluster');
    return { themes: [], k: none.k, clusterable, unclassified, small, fine: undefined };
  }
  const themeK = {
    minK: Math.min(4, Math.max(1, Math.floor(clusterable.length / 5))),
    maxK: Math.min(10, Math.max(1, Math.floor(clusterable.length / 5))),
  };
  if (small) {
    const fine = fineMatrix(
      points.map((pt, p) => [...termsOf(vectors, p), ...stanceTerms(stanceOf(pt.rep.norm))]),
    );
    const runs = groupsThenThemes(fine, matrix, clusterable, weights, { seed, themes: fixedK, ...themeK });
    const themes = runs.rows.map((rows, t): ThemeCluster => {
      const sub = at(runs.sub, t);
      return {
        rows,
        centroid: centroidOf(runs.top, t, matrix.dims),
        groups: sub.rows.map((groupRows, g) => ({
          rows: groupRows,
          centroid: centroidOf(sub.res, g, matrix.dims),
        })),
      };
    });
    run.progress(2, 3, 'cluster');
    return { themes, k: runs.top.k, clusterable, unclassified, small, fine };
  }
  const top =
    fixedK !== undefined
      ? sphericalKMeans(matrix, clusterable, weights, fixedK, { seed })
      : clusterChoosingK(matrix, clusterable, weights, { seed, ...themeK });
  const themeRows = splitByLabel(clusterable, top);
  run.progress(1, 3, 'cluster');
  // Each theme's finer groups are independent of the others': a helper thread takes a share.
  const fineRuns = mapParallel(
    'fineGroups',
    { matrix, weights, themes: themeRows.map((rows) => Int32Array.from(rows)), seed },
    themeRows.map((rows) => rows.length),
    { helper: clusterable.length >= PARALLEL_MINIMUM },
  );
  const themes = themeRows.map((rows, t): ThemeCluster => {
    const fine = at(fineRuns, t);
    return {
      rows,
      centroid: centroidOf(top, t, matrix.dims),
      groups: splitByLabel(rows, fine).map((groupRows, g) => ({
        rows: groupRows,
        centroid: centroidOf(fine, g, matrix.dims),
      })),
    };
  });
  run.progress(2, 3, 'cluster');
  return { themes, k: top.k, clusterable, unclassified, small, fine: undefined };
}

/**
 * The terms of row `p`, each repeated as often as it occurs, in term-id order (= order of first
 * appearance in the input, so a matrix built from them numbers its columns as the vocabulary).
 */
function termsOf({ vocab, counts }: TermVectors, p: number): string[] {
  const out: string[] = [];
  const end = at(counts.offsets, p + 1);
  for (let i = at(counts.offsets, p); i < end; i++) {
    const term = at(vocab.terms, at(counts.ids, i));
    for (let k = at(counts.tf, i); k > 0; k--) out.push(term);
  }
  return out;
}

/** Rows per cluster label, in the order of `rows`. */
function splitByLabel(rows: readonly number[], res: KMeansResult): number[][] {
  const out: number[][] = Array.from({ length: res.k }, () => []);
  rows.forEach((r, i) => {
    at(out, at(res.labels, i)).push(r);
  });
  return out;
}

function centroidOf(res: KMeansResult, c: number, dims: number): Float64Array {
  return res.centroids.subarray(c * dims, (c + 1) * dims);
}
