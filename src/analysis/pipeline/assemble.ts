/**
 * Step 9: the result — each comment's theme, group, duplicate group and campaign, the
 * breakdowns by section, category, channel and day, and the method in plain words.
 */
import { tokyoDate } from '../bursts.ts';
import { compareIds } from '../hash.ts';
import type { AnalysisInput, AnalysisResult, Assignment, Breakdowns } from '../types.ts';
import type { NumberedCampaigns } from './campaign-bursts.ts';
import type { IdenticalTexts } from './identical-texts.ts';
import { at, type Run } from './run.ts';
import type { TermVectors } from './term-vectors.ts';
import type { DescribedThemes } from './theme-key-terms.ts';
import type { Themes } from './themes.ts';

export interface Findings {
  texts: IdenticalTexts;
  vectors: TermVectors;
  clusters: Themes;
  campaigns: NumberedCampaigns;
  themes: DescribedThemes;
  times: readonly number[];
}

export function assemble(run: Run, found: Findings): AnalysisResult {
  const { items, settings: o } = run;
  const { texts, campaigns, themes } = found;
  const parameters = {
    minCampaignSize: o.minCampaignSize,
    minParaphraseSize: o.minParaphraseSize,
    paraphraseSimilarity: o.paraphraseSimilarity,
    burstWindowMinutes: o.burstWindowMinutes,
    seed: o.seed,
    themes: found.clusters.k,
    shingle: 4,
    minhashBins: 64,
    nearDuplicateJaccard: 0.5,
    templateContainment: 0.8,
  };
  return {
    version: 1,
    duplicates: texts.duplicates,
    campaigns: campaigns.campaigns,
    bursts: campaigns.bursts,
    themes: themes.themes,
    assignments: assignments(run, found),
    breakdowns: breakdowns(items, found.times),
    method: {
      ja:
        '全角・半角、句読点、記号の違いをそろえた上で、同一の文面をまとめました。文字の並び（4文字単位）の重なりが大きい意見は「ほぼ同一」とし、共通部分（ひな形）と各意見で追加された部分を分けて示しています。' +
        '言い回しは違っても同じ主張を述べる意見が不自然に密集している場合は「言い換えによる組織的な意見」として示します。' +
        `内容の分類は、語の重み（TF-IDF）に基づく自動分類（k-means、乱数の種 ${o.seed}）で大きなテーマと細かなグループの2段階に分けたものです。同一・類似の文面は1件として分類し、件数は別に数えています。` +
        '件数は賛否の票数ではありません。意見は件数ではなく内容で検討されます。自動分類は職員による整理の参考であり、誤りを含むことがあります。',
      en:
        'Texts were compared after folding width, punctuation and symbol variants; identical texts are grouped. Texts sharing most of their 4-character shingles are near-identical: the shared template and what each copy added are shown separately. ' +
        'Comments that make the same point in different words and sit unusually close together are flagged as a paraphrase campaign. ' +
        `Topics come from automatic clustering of term weights (TF-IDF, spherical k-means, seed ${o.seed}) in two levels: themes and finer groups. Identical and near-identical texts are clustered once; their copies are counted separately. ` +
        'Counts are not votes: comments are weighed by content, not by number. The automatic grouping is an aid for staff and can be wrong.',
      parameters,
    },
    stats: {
      comments: items.length,
      uniqueTexts: texts.uniques.length,
      clusteredPoints: found.clusters.clusterable.length,
      vocabulary: found.vectors.vocab.terms.length,
    },
  };
}

/** One per item, in input order. */
function assignments(run: Run, { texts, campaigns, themes }: Findings): Assignment[] {
  const { themeOf, groupOf } = themes;
  return run.items.map((it, i) => {
    // Every item has a place (the unclassified theme takes those without terms).
    const theme = at(themes.themes, at(themeOf, i));
    const a: Assignment = { id: it.id, theme: theme.id, group: at(theme.groups, at(groupOf, i)).id };
    const d = at(texts.uniques, at(texts.uniqueOf, i)).duplicateGroup;
    if (d) a.duplicateGroup = d;
    const c = at(campaigns.campaignOfItem, i);
    if (c >= 0) a.campaign = at(campaigns.campaigns, c).id;
    return a;
  });
}

function breakdowns(items: readonly AnalysisInput[], times: readonly number[]): Breakdowns {
  const section = new Map<string, number>();
  const category = new Map<string, number>();
  const channel = new Map<string, number>();
  const day = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  items.forEach((it, i) => {
    const secs = [...new Set((it.sectionIds ?? []).map(String))];
    if (secs.length === 0) inc(section, 'none');
    for (const s of secs) inc(section, s);
    inc(category, it.category ?? 'none');
    inc(channel, it.channel ?? 'none');
    const t = at(times, i);
    inc(day, Number.isFinite(t) ? tokyoDate(t) : 'unknown');
  });
  return {
    bySection: sortedRecord(section),
    byCategory: sortedRecord(category),
    byChannel: sortedRecord(channel),
    byDay: sortedRecord(day),
  };
}

function sortedRecord(m: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of [...m.keys()].sort(compareIds)) out[k] = m.get(k) ?? 0;
  return out;
}
