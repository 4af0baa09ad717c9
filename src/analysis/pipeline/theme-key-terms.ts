/**
 * Step 8: themes and their finer groups as the result shows them: key terms, a one-line label
 * from a member's own words, representative comments (the most central among those that contain
 * a key term, then diverse others), members; ordered by size, numbered `t1`, `t1.g1`…; the points
 * without terms last, as an unclassified theme.
 */
import { classKeyTerms, representatives } from '../keyterms.ts';
import { extractLabel, LABEL_MEMBERS } from '../labels.ts';
import type { ClusterGroup, CommentId, KeyTerm, Theme } from '../types.ts';
import type { Point } from './near-duplicate-points.ts';
import { at, type Run } from './run.ts';
import type { TermVectors } from './term-vectors.ts';
import type { Cluster, Themes } from './themes.ts';

export interface DescribedThemes {
  themes: Theme[];
  /** Per item: the index of its theme in `themes`, and of its group in that theme's groups. */
  themeOf: Int32Array;
  groupOf: Int32Array;
}

export function themesWithKeyTerms(
  run: Run,
  points: readonly Point[],
  { vocab, counts, matrix, weights }: TermVectors,
  clusters: Themes,
): DescribedThemes {
  const { idOf, items } = run;
  const reps = run.settings.representatives;
  const repId = (p: number): CommentId => idOf(at(points, p).rep.first);
  const itemsOf = (rows: readonly number[]): number[] =>
    rows.flatMap((p) => at(points, p).items).sort((a, b) => a - b);
  const uniqueSizeOf = (rows: readonly number[]): number =>
    rows.reduce((s, p) => s + at(points, p).uniques.length, 0);
  const textOf = (p: number): string => at(items, at(points, p).rep.first).text;
  const describe = (cluster: Cluster, keyTerms: KeyTerm[]): Omit<ClusterGroup, 'id'> => {
    const its = itemsOf(cluster.rows);
    // Representatives show the terms the group is labelled with.
    const keyIds = new Set(keyTerms.map((k) => termId.get(k.term)));
    const hits = (p: number): number => {
      let c = 0;
      const end = at(counts.offsets, p + 1);
      for (let i = at(counts.offsets, p); i < end; i++) if (keyIds.has(at(counts.ids, i))) c++;
      return c;
    };
    const repRows = representatives(matrix, cluster.rows, cluster.centroid, reps, hits);
    return {
      label: extractLabel([...repRows, ...cluster.rows.slice(0, LABEL_MEMBERS)].map(textOf), keyTerms),
      keyTerms,
      size: its.length,
      uniqueSize: uniqueSizeOf(cluster.rows),
      representativeIds: repRows.map(repId),
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
  const termId = idsOfTerms(vocab.terms, [...fineTerms, ...topTerms]);
  let fineIdx = 0;
  const described = clusters.themes.map((theme, t) => ({
    ...theme,
    description: describe(theme, topTerms[t] ?? []),
    groups: theme.groups.map((group) => ({
      ...group,
      description: describe(group, fineTerms[fineIdx++] ?? []),
    })),
  }));
  const themeOf = new Int32Array(run.items.length).fill(-1);
  const groupOf = new Int32Array(run.items.length).fill(-1);
  const place = (rows: readonly number[], t: number, g: number): void => {
    for (const p of rows)
      for (const i of at(points, p).items) {
        themeOf[i] = t;
        groupOf[i] = g;
      }
  };
  const themes: Theme[] = described
    .filter((td) => td.rows.length > 0)
    .sort(bySize)
    .map((td, t) => ({
      id: `t${t + 1}`,
      ...td.description,
      groups: td.groups
        .filter((g) => g.rows.length > 0)
        .sort(bySize)
        .map((g, k) => {
          place(g.rows, t, k);
          return { id: `t${t + 1}.g${k + 1}`, ...g.description };
        }),
    }));

  const { unclassified } = clusters;
  if (unclassified.length > 0) {
    const its = itemsOf(unclassified);
    const base: ClusterGroup = {
      id: `t${themes.length + 1}`,
      label: '',
      keyTerms: [],
      size: its.length,
      uniqueSize: uniqueSizeOf(unclassified),
      representativeIds: unclassified.slice(0, reps).map(repId),
      memberIds: its.map(idOf),
    };
    place(unclassified, themes.length, 0);
    themes.push({ ...base, groups: [{ ...base, id: `${base.id}.g1` }], unclassified: true });
  }
  return { themes, themeOf, groupOf };
}

/**
 * Term → id for the key terms only (one pass over the vocabulary; a map of the whole vocabulary
 * would cost hundreds of MB on a million comments).
 */
function idsOfTerms(
  terms: readonly string[],
  keyTerms: readonly (readonly KeyTerm[])[],
): Map<string, number> {
  const wanted = new Set(keyTerms.flatMap((ks) => ks.map((k) => k.term)));
  const out = new Map<string, number>();
  terms.forEach((t, id) => {
    if (wanted.has(t) && !out.has(t)) out.set(t, id);
  });
  return out;
}
