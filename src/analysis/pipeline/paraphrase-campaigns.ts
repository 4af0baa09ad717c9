/**
 * Step 6: paraphrase campaigns, looked for inside the clusters: unusually dense spots of
 * comments making the same point in different words. A dense spot made mostly of one verified
 * form letter is that form letter and some neighbours: the form letter stays. A form letter
 * inside a paraphrase campaign (several writers copying one of the script's wordings) is
 * absorbed by it.
 */
import { findParaphrases } from '../paraphrase.ts';
import { type CampaignDraft, type CopyCampaigns, FORM_LETTER, IDENTICAL } from './copy-campaigns.ts';
import type { Point } from './near-duplicate-points.ts';
import { at, type Run } from './run.ts';
import type { TermVectors } from './term-vectors.ts';
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
  const found = findParaphrases(
    matrix,
    blocks,
    eligible,
    weights,
    {
      similarity: settings.paraphraseSimilarity,
      minCohesion: settings.paraphraseSimilarity - 0.25,
      minPts: Math.max(2, settings.minParaphraseSize - 1),
      // Exact copies count as comments; a form letter's variants count once each.
      copies: points.map((pt) => (pt.uniques.length === 1 ? pt.copies : pt.uniques.length)),
      minSize: settings.minParaphraseSize,
      seed: settings.seed,
    },
    contexts,
  );
  const copiesOf = (rows: readonly number[]): number => rows.reduce((s, p) => s + at(points, p).copies, 0);
  const paraphrases = found.filter((pc) => {
    const total = copiesOf(pc.rows);
    return !pc.rows.some((p) => kindOfPoint[p] === FORM_LETTER && at(points, p).copies * 2 >= total);
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
