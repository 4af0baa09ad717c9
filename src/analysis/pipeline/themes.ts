/**
 * Step 5: two-level clustering of the points: themes (at most ten, so a council can read them)
 * and finer groups inside each. Points without a usable term are left unclassified.
 */
import { clusterChoosingK, type KMeansResult, sphericalKMeans } from '../cluster.ts';
import { rowIsEmpty } from '../vectors.ts';
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
   * Few enough points that finer groups are searched generously, and paraphrases are looked for
   * inside whole themes; on large inputs every extra k is paid on every row.
   */
  small: boolean;
}

export function clusterThemes(run: Run, { matrix, weights }: TermVectors): Themes {
  const { seed, themes: fixedK } = run.settings;
  const clusterable: number[] = [];
  const unclassified: number[] = [];
  for (let p = 0; p < matrix.rows; p++) (rowIsEmpty(matrix, p) ? unclassified : clusterable).push(p);
  const small = clusterable.length <= 5000;
  if (clusterable.length === 0) {
    const none = sphericalKMeans(matrix, [], weights, 1, { seed });
    run.progress(2, 3, 'cluster');
    return { themes: [], k: none.k, clusterable, unclassified, small };
  }
  const top =
    fixedK !== undefined
      ? sphericalKMeans(matrix, clusterable, weights, fixedK, { seed })
      : clusterChoosingK(matrix, clusterable, weights, {
          seed,
          minK: Math.min(4, Math.max(1, Math.floor(clusterable.length / 5))),
          maxK: Math.min(10, Math.max(1, Math.floor(clusterable.length / 5))),
        });
  const themeRows = splitByLabel(clusterable, top);
  run.progress(1, 3, 'cluster');
  const themes = themeRows.map((rows, t): ThemeCluster => {
    const maxK = small ? Math.min(12, Math.floor(rows.length / 3)) : Math.min(8, Math.floor(rows.length / 4));
    const fine =
      maxK >= 2
        ? clusterChoosingK(matrix, rows, weights, { seed: seed + 1000 * (t + 1), minK: 2, maxK })
        : sphericalKMeans(matrix, rows, weights, 1, { seed });
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
  return { themes, k: top.k, clusterable, unclassified, small };
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
