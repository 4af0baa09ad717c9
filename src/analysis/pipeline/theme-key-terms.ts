/**
 * Step 8: themes and their finer groups as the result shows them: key terms, representative
 * comments (the most central, then diverse others), members; ordered by size, numbered `t1`,
 * `t1.g1`…; the points without terms last, as an unclassified theme.
 */
import { classKeyTerms, representatives } from '../keyterms.ts';
import type { ClusterGroup, CommentId, KeyTerm, Theme } from '../types.ts';
import type { Point } from './near-duplicate-points.ts';
import { at, type Run } from './run.ts';
import type { TermVectors } from './term-vectors.ts';
import type { Cluster, Themes } from './themes.ts';

export function themesWithKeyTerms(
  run: Run,
  points: readonly Point[],
  { vocab, counts, matrix, weights }: TermVectors,
  clusters: Themes,
): Theme[] {
  const { idOf } = run;
  const reps = run.settings.representatives;
  const repId = (p: number): CommentId => idOf(at(points, p).rep.first);
  const itemsOf = (rows: readonly number[]): number[] =>
    rows.flatMap((p) => at(points, p).items).sort((a, b) => a - b);
  const uniqueSizeOf = (rows: readonly number[]): number =>
    rows.reduce((s, p) => s + at(points, p).uniques.length, 0);
  const describe = (cluster: Cluster, keyTerms: KeyTerm[]): Omit<ClusterGroup, 'id'> => {
    const its = itemsOf(cluster.rows);
    return {
      keyTerms,
      size: its.length,
      uniqueSize: uniqueSizeOf(cluster.rows),
      representativeIds: representatives(matrix, cluster.rows, cluster.centroid, reps).map(repId),
      memberIds: its.map(idOf),
    };
  };
  const sizeOf = (rows: readonly number[]): number => rows.reduce((s, p) => s + at(points, p).copies, 0);
  const firstItemOf = (rows: readonly number[]): number =>
    rows.reduce((m, p) => Math.min(m, at(at(points, p).items, 0)), Infinity);
  const bySize = (a: Cluster, b: Cluster): number =>
    sizeOf(b.rows) - sizeOf(a.rows) || firstItemOf(a.rows) - firstItemOf(b.rows);

  const fineTerms = classKeyTerms(
    clusters.themes.flatMap((t) => t.groups.map((g) => g.rows)),
    counts,
    weights,
    vocab.terms,
  );
  const topTerms = classKeyTerms(
    clusters.themes.map((t) => t.rows),
    counts,
    weights,
    vocab.terms,
  );
  let fineIdx = 0;
  const described = clusters.themes.map((theme, t) => ({
    ...theme,
    description: describe(theme, topTerms[t] ?? []),
    groups: theme.groups.map((group) => ({
      ...group,
      description: describe(group, fineTerms[fineIdx++] ?? []),
    })),
  }));
  const themes: Theme[] = described
    .filter((td) => td.rows.length > 0)
    .sort(bySize)
    .map((td, t) => ({
      id: `t${t + 1}`,
      ...td.description,
      groups: td.groups
        .filter((g) => g.rows.length > 0)
        .sort(bySize)
        .map((g, k) => ({ id: `t${t + 1}.g${k + 1}`, ...g.description })),
    }));

  const { unclassified } = clusters;
  if (unclassified.length > 0) {
    const its = itemsOf(unclassified);
    const base: ClusterGroup = {
      id: `t${themes.length + 1}`,
      keyTerms: [],
      size: its.length,
      uniqueSize: uniqueSizeOf(unclassified),
      representativeIds: unclassified.slice(0, reps).map(repId),
      memberIds: its.map(idOf),
    };
    themes.push({ ...base, groups: [{ ...base, id: `${base.id}.g1` }], unclassified: true });
  }
  return themes;
}
