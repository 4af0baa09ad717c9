/**
 * Step 6: paraphrase campaigns, looked for inside the clusters: unusually dense spots of
 * comments making the same point in different words (paraphrase.ts), and finer groups whose
 * members make the same few points one sentence each, a reworded script (paraphrase-v2.ts;
 * pieces of one script that the grouping cut apart are joined again). Clusters that overlap
 * are one campaign. A campaign made mostly of one copy campaign is that campaign and some
 * neighbours: the copy campaign stays. Copies inside a paraphrase campaign (several writers
 * copying one of the script's wordings) are absorbed by it.
 */
import { FINE_CUT } from '../finer-groups.ts';
import { splitSentences } from '../normalise.ts';
import { mapParallel } from '../parallel.ts';
import {
  type Candidate,
  findParaphrases,
  type ParaphraseCluster,
  type ParaphraseOptions,
} from '../paraphrase.ts';
import { PARALLEL_MINIMUM } from '../tokenise-pool.ts';
import { findScriptCampaigns } from '../paraphrase-v2.ts';
import { tokenise } from '../tokenise.ts';
import { type CampaignDraft, type CopyCampaigns, IDENTICAL } from './copy-campaigns.ts';
import type { Point } from './near-duplicate-points.ts';
import type { SparseMatrix } from '../vectors.ts';
import { at, type Run } from './run.ts';
import { TERM_OPTIONS, type TermVectors } from './term-vectors.ts';
import type { Themes } from './themes.ts';

/** Every campaign draft: the copy campaigns that stay, then the paraphrase campaigns. */
export function paraphraseCampaigns(
  run: Run,
  points: readonly Point[],
  { matrix, weights }: TermVectors,
  clusters: Themes,
  copies: CopyCampaigns,
): CampaignDraft[] {
  const { settings, items, idOf } = run;
  const { kindOfPoint } = copies;
  const eligible = new Uint8Array(points.length);
  // Very short comments (under five terms) look alike by accident; they are left out.
  for (const p of clusters.clusterable)
    if (kindOfPoint[p] !== IDENTICAL && at(matrix.offsets, p + 1) - at(matrix.offsets, p) >= 5)
      eligible[p] = 1;
  // On small inputs the fine groups are small too: look inside themes.
  const { themes, small } = clusters;
  const blocks = small ? themes.map((t) => t.rows) : themes.flatMap((t) => t.groups.map((g) => g.rows));
  const contexts = small ? blocks : themes.flatMap((t) => t.groups.map(() => t.rows));
  const opts: ParaphraseOptions = {
    similarity: settings.paraphraseSimilarity,
    minCohesion: settings.paraphraseSimilarity - 0.25,
    minPts: Math.max(2, settings.minParaphraseSize - 1),
    // Exact copies count as comments; a form letter's variants count once each.
    copies: points.map((pt) => (pt.uniques.length === 1 ? pt.copies : pt.uniques.length)),
    minSize: settings.minParaphraseSize,
    seed: settings.seed,
  };
  // Each group's dense spots are independent of the others': a helper thread takes a share.
  const candidatesOf = (groups: readonly Int32Array[]): Candidate[][] =>
    mapParallel(
      'paraphraseCandidates',
      { matrix, weights, groups, opts },
      groups.map((g) => g.length),
      { helper: clusters.clusterable.length >= PARALLEL_MINIMUM },
    );
  const found = findParaphrases(matrix, blocks, eligible, weights, opts, contexts, candidatesOf);
  const copiesOf = (rows: readonly number[]): number => rows.reduce((s, p) => s + at(points, p).copies, 0);
  const paraphrases = withScripts(run, points, clusters, found, matrix).filter((pc) => {
    const total = copiesOf(pc.rows);
    return !pc.rows.some((p) => kindOfPoint[p] !== 0 && at(points, p).copies * 2 >= total);
  });
  const absorbed = new Set(paraphrases.flatMap((pc) => pc.rows));
  const drafts = copies.drafts.filter((d) => d.point === undefined || !absorbed.has(d.point));
  for (const pc of paraphrases) {
    const its = pc.rows.flatMap((p) => at(points, p).items).sort((a, b) => a - b);
    if (its.length < settings.minParaphraseSize) continue;
    drafts.push({
      campaign: {
        kind: 'paraphrase',
        size: its.length,
        uniqueSize: pc.rows.reduce((s, p) => s + at(points, p).uniques.length, 0),
        memberIds: its.map(idOf),
        canonicalText: at(items, at(points, pc.central).rep.first).text,
        additions: [],
        cohesion: pc.cohesion,
      },
      items: its,
    });
  }
  run.progress(3, 3, 'cluster');
  return drafts;
}

/**
 * The density clusters and the reworded scripts among the finer groups: a script replaces any
 * density cluster it overlaps, and may take in exact copies too. Members are compared on the
 * matrix the finer groups were cut on (small inputs) or on the theme matrix.
 */
function withScripts(
  run: Run,
  points: readonly Point[],
  { fine, themes }: Themes,
  found: readonly ParaphraseCluster[],
  matrix: SparseMatrix,
): ParaphraseCluster[] {
  const normalised = { ...TERM_OPTIONS, normalised: true };
  const scripts = findScriptCampaigns(
    fine ?? matrix,
    themes.flatMap((t) => t.groups.map((g) => g.rows)),
    (p) => splitSentences(at(points, p).rep.norm).map((s) => tokenise(s, normalised)),
    Int32Array.from(points, (pt) => pt.copies),
    { minSize: run.settings.minParaphraseSize, sentenceCut: FINE_CUT },
  );
  // Clusters that overlap (a density cluster and the scripts it touches) found one campaign
  // between them: it is all their rows, described by the largest of them.
  return joinOverlapping([...found, ...scripts], points.length);
}

function joinOverlapping(clusters: readonly ParaphraseCluster[], rows: number): ParaphraseCluster[] {
  const owner = new Int32Array(rows).fill(-1);
  const parent = clusters.map((_, k) => k);
  const root = (k: number): number => {
    let r = k;
    while (at(parent, r) !== r) r = at(parent, r);
    return r;
  };
  clusters.forEach((c, k) => {
    for (const p of c.rows) {
      const o = at(owner, p);
      if (o < 0) owner[p] = k;
      else {
        const a = root(o);
        const b = root(k);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
  });
  const parts = new Map<number, ParaphraseCluster[]>();
  clusters.forEach((c, k) => {
    const r = root(k);
    const list = parts.get(r);
    if (list) list.push(c);
    else parts.set(r, [c]);
  });
  return [...parts.values()].map((list) => {
    if (list.length === 1) return at(list, 0);
    const largest = list.reduce((a, b) => (b.rows.length > a.rows.length ? b : a));
    const all = [...new Set(list.flatMap((c) => c.rows))].sort((a, b) => a - b);
    return { rows: all, cohesion: largest.cohesion, central: largest.central };
  });
}
