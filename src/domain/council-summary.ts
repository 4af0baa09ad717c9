/**
 * The council summary as plain data: what the council page, its print layout, the JSON and the
 * CSV all show. Built from counts (database), the engine's result and the staff's groups; no
 * personal data ever enters it (comments carry id, redacted text, category and sections only).
 */
import type { Category, Outcome } from '../../db/schema.ts';
import type { AnalysisResult, CampaignKind, ClusterGroup, Theme } from '../analysis/types.ts';
import type { Lang } from '../lib/i18n.ts';
import {
  campaignKindLabel,
  categoryLabel,
  channelLabel,
  hiddenReasonLabel,
  outcomeLabel,
} from '../lib/labels.ts';
import { campaignFamilies } from './campaigns.ts';
import type { CouncilCounts, SectionCount } from './council-counts.ts';
import type { Phase } from './lifecycle.ts';
import { REDACTION_REPLACEMENTS } from './redaction.ts';

/** Said on every summary, in these words: counts are not votes. */
export const NOT_A_VOTE = {
  ja: '意見の件数は賛否の多数決を示すものではありません。内容に基づいて検討します。',
  en: 'The number of comments is not a vote for or against. Comments are considered on their content.',
} as const;

/** Our own sentence on the method, before the engine's. */
export const METHOD_INTRO = {
  ja: '以下の分類は、非表示とした意見を除く全ての意見（個人情報を伏せた文面）を、市のサーバー上で外部サービスを使わずに機械的に整理したものです。職員が意見を読んで整理した結果（意見の概要と市の考え方）とは別のもので、審議の参考資料です。',
  en: 'The grouping below was made automatically, on the city’s own server without any outside service, from every comment that is not hidden (in its redacted form). It is separate from the staff’s reading of the comments (summaries and responses) and is meant as background for the council.',
} as const;

/** A section as the summary names it: its number and heading, and its full label. */
export interface SummarySection {
  number: string;
  heading: string;
  /** 「第2章 1 市民の声を聴く仕組みの充実」 (src/lib/sections.ts). */
  label: string;
}

export interface SummaryComment {
  id: number;
  text: string;
  category: Category | null;
  sections: SummarySection[];
  receivedAt: string;
}

export interface SummaryCluster {
  id: string;
  /** What the cluster is about in one line, in a member's own words ('' when the engine gives none). */
  label: string;
  size: number;
  uniqueSize: number;
  keyTerms: string[];
  representatives: SummaryComment[];
  unclassified: boolean;
}

export interface SummaryTheme extends SummaryCluster {
  groups: SummaryCluster[];
}

/** One of the engine's campaigns, as a variant of a campaign the council reads as one. */
export interface SummaryCampaignVariant {
  id: string;
  kind: CampaignKind;
  size: number;
  uniqueSize: number;
  canonicalText: string;
}

/**
 * A campaign: one text sent many times, with its variants (identical copies, a form letter with
 * additions, light edits of the text), counted together. The fields other than `variants` are
 * the largest variant's, except the counts, which are the whole campaign's.
 */
export interface SummaryCampaign extends SummaryCampaignVariant {
  /** Every variant, the largest first; one when the campaign has no variant. */
  variants: SummaryCampaignVariant[];
  additions: { commentId: number; text: string }[];
  burst: { start: string; end: string; count: number } | null;
}

export interface SummaryStaffGroup {
  no: number;
  summary: string;
  response: string;
  outcome: Outcome | null;
  revisionNote: string;
  sections: SummarySection[];
  commentCount: number;
}

export type SummaryAnalysis =
  | { status: 'ready'; computedAt: string }
  | { status: 'running'; percent: number }
  | { status: 'failed'; message: string };

export interface CouncilSummary {
  consultation: {
    id: number;
    title: string;
    department: string;
    phase: Phase;
    publishedAt: string | null;
    opensAt: string | null;
    closesAt: string | null;
    resultPublishedAt: string | null;
  };
  preparedAt: string;
  counts: CouncilCounts;
  analysis: SummaryAnalysis;
  campaigns: SummaryCampaign[];
  bursts: { campaignId: string; start: string; end: string; count: number }[];
  themes: SummaryTheme[];
  /** The staff's groups as they stand; `draft` until the result is published (「案」). */
  staffGroups: { draft: boolean; groups: SummaryStaffGroup[] };
  method: {
    intro: { ja: string; en: string };
    ja: string;
    en: string;
    parameters: Record<string, number | string | boolean>;
  } | null;
  notAVote: { ja: string; en: string };
}

export interface SummaryInput {
  consultation: CouncilSummary['consultation'];
  now: Date;
  counts: CouncilCounts;
  analysis:
    | { state: 'ready'; result: AnalysisResult; computedAt: string }
    | { state: 'running'; percent: number }
    | { state: 'failed'; message: string };
  /** The comments named as representatives, by id (see {@link representativeIds}). */
  comments: ReadonlyMap<number, SummaryComment>;
  staffGroups: SummaryStaffGroup[];
}

/** Ids of every comment the summary quotes (representatives of themes and groups). */
export function representativeIds(result: AnalysisResult): number[] {
  const ids = new Set<number>();
  for (const th of result.themes) {
    for (const id of th.representativeIds) ids.add(Number(id));
    for (const g of th.groups) for (const id of g.representativeIds) ids.add(Number(id));
  }
  return [...ids];
}

export function buildCouncilSummary(input: SummaryInput): CouncilSummary {
  const { analysis } = input;
  const result = analysis.state === 'ready' ? analysis.result : null;
  const quote = (id: number | string): SummaryComment | undefined => {
    const c = input.comments.get(Number(id));
    if (!c) return undefined;
    return {
      id: c.id,
      text: c.text,
      category: c.category,
      sections: c.sections.map((s) => ({ number: s.number, heading: s.heading, label: s.label })),
      receivedAt: c.receivedAt,
    };
  };
  const cluster = (g: ClusterGroup, unclassified: boolean): SummaryCluster => {
    const representatives = g.representativeIds
      .map(quote)
      .filter((c): c is SummaryComment => c !== undefined);
    return {
      id: g.id,
      label: withoutSystemText(labelOf(g)).trim(),
      size: g.size,
      uniqueSize: g.uniqueSize,
      keyTerms: writersTerms(
        g.keyTerms.map((k) => k.term),
        representatives.map((r) => r.text),
      ),
      representatives,
      unclassified,
    };
  };
  const families = campaignFamilies(result?.campaigns ?? []);
  const familyOf = new Map(families.flatMap((f) => f.map((c) => [c.id, f[0]?.id ?? c.id] as const)));
  return {
    consultation: input.consultation,
    preparedAt: input.now.toISOString(),
    counts: input.counts,
    analysis:
      analysis.state === 'ready'
        ? { status: 'ready', computedAt: analysis.computedAt }
        : analysis.state === 'running'
          ? { status: 'running', percent: analysis.percent }
          : { status: 'failed', message: analysis.message },
    campaigns: families.flatMap((family) => {
      const variants = family.map((c) => ({
        id: c.id,
        kind: c.kind,
        size: c.size,
        uniqueSize: c.uniqueSize,
        canonicalText: c.canonicalText,
      }));
      const [main] = variants;
      if (!main) return [];
      const burst = family.map((c) => c.burst).find((b) => b !== undefined);
      return [
        {
          ...main,
          size: family.reduce((n, c) => n + c.size, 0),
          uniqueSize: family.reduce((n, c) => n + c.uniqueSize, 0),
          variants,
          additions: family.flatMap((c) =>
            c.additions.map((a) => ({ commentId: Number(a.id), text: a.addedText })),
          ),
          burst: burst ? { start: burst.start, end: burst.end, count: burst.count } : null,
        },
      ];
    }),
    bursts: (result?.bursts ?? []).map((b) => ({
      campaignId: familyOf.get(b.campaignId) ?? b.campaignId,
      start: b.start,
      end: b.end,
      count: b.count,
    })),
    themes: (result?.themes ?? []).map((th: Theme) => ({
      ...cluster(th, th.unclassified === true),
      groups: th.groups.map((g) => cluster(g, th.unclassified === true)),
    })),
    staffGroups: { draft: input.consultation.resultPublishedAt === null, groups: input.staffGroups },
    method: result
      ? {
          intro: METHOD_INTRO,
          ja: result.method.ja,
          en: result.method.en,
          parameters: result.method.parameters,
        }
      : null,
    notAVote: NOT_A_VOTE,
  };
}

/** The engine's one-line label of a cluster, once it gives one (older results have none). */
function labelOf(g: ClusterGroup): string {
  const label = (g as ClusterGroup & { label?: unknown }).label;
  return typeof label === 'string' ? label : '';
}

/**
 * Text Koe itself writes into comments (the redaction placeholders, ［氏名のため削除］ …), in the
 * forms it takes before and after normalising (NFKC folds ［ ］ to [ ]).
 */
const SYSTEM_TEXTS = Object.values(REDACTION_REPLACEMENTS).flatMap((p) => [p, p.normalize('NFKC')]);

/** `text` without Koe's own placeholders: what the writer wrote. */
export function withoutSystemText(text: string): string {
  let out = text;
  for (const p of SYSTEM_TEXTS) if (out.includes(p)) out = out.replaceAll(p, '…');
  return out;
}

/** A number cut from its counter (夕方5 of 夕方5時): Japanese text, then digits, at the end. */
const CUT_NUMBER = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー][0-9０-９]+$/u;

/**
 * Key terms that are the writers' words: a term that occurs in a placeholder (個人情報, 削除) is
 * kept only where the quoted comments use it outside one. Whatever the engine makes of the
 * placeholders, the council paper never builds a theme from them; nor does it show a number
 * cut from its counter.
 */
export function writersTerms(terms: readonly string[], texts: readonly string[]): string[] {
  const written = texts.map((t) => withoutSystemText(t).normalize('NFKC').toLowerCase());
  const placeholderWords = SYSTEM_TEXTS.join(' ').toLowerCase();
  return terms.filter((term) => {
    if (CUT_NUMBER.test(term)) return false;
    const folded = term.normalize('NFKC').toLowerCase();
    return !placeholderWords.includes(folded) || written.some((t) => t.includes(folded));
  });
}

/** Finds a theme (`t2`) or a finer group (`t2.g3`) in a result. */
export function findCluster(
  result: AnalysisResult,
  id: string,
): { theme: Theme; group: ClusterGroup | null } | undefined {
  for (const theme of result.themes) {
    if (theme.id === id) return { theme, group: null };
    const group = theme.groups.find((g) => g.id === id);
    if (group) return { theme, group };
  }
  return undefined;
}

export const PAGE_SIZE = 50;

/** One page of a list (1-based), clamped to the pages that exist. */
export function pageOf<T>(items: readonly T[], page: number, size = PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return {
    items: items.slice((current - 1) * size, current * size),
    page: current,
    pages,
    total: items.length,
  };
}

/**
 * The summary as CSV rows (header first): counts, campaigns, themes and groups with key terms,
 * and the staff's groups. No personal data: the summary never holds any.
 */
export function summaryCsvRows(s: CouncilSummary, lang: Lang): string[][] {
  const L = (ja: string, en: string) => (lang === 'en' ? en : ja);
  const rows: string[][] = [[L('区分', 'Part'), L('項目', 'Item'), L('件数', 'Count'), L('内容', 'Detail')]];
  const counts = L('集計', 'Counts');
  rows.push([counts, L('提出者数', 'Submitters'), String(s.counts.submitterCount), '']);
  rows.push([counts, L('意見数', 'Comments'), String(s.counts.commentCount), '']);
  for (const c of s.counts.byChannel) {
    rows.push([L('提出方法別', 'By channel'), channelLabel(c.channel, lang), String(c.comments), '']);
  }
  for (const c of s.counts.byCategory) {
    rows.push([
      L('提出者の区分別', 'By category'),
      c.category ? categoryLabel(c.category, lang) : L('未回答', 'Not given'),
      String(c.comments),
      '',
    ]);
  }
  for (const sec of s.counts.bySection) {
    rows.push([L('該当箇所別', 'By section'), sectionName(sec, lang), String(sec.count), '']);
  }
  for (const d of s.counts.byDay) rows.push([L('受付日別', 'By day'), d.date, String(d.count), '']);
  rows.push([
    L('非表示', 'Hidden'),
    L('非表示とした意見', 'Hidden comments'),
    String(s.counts.hidden.count),
    '',
  ]);
  for (const h of s.counts.hidden.reasons) {
    rows.push([L('非表示', 'Hidden'), hiddenReasonLabel(h.reason, lang), String(h.count), '']);
  }
  for (const c of s.campaigns) {
    rows.push([
      L('同一・類似意見の大量提出', 'Campaign'),
      `${c.id} ${campaignKindLabel(c.kind, lang)}`,
      String(c.size),
      c.canonicalText,
    ]);
    if (c.variants.length > 1) {
      for (const v of c.variants) {
        rows.push([
          L('文面の違い', 'Variant'),
          `${c.id} ${v.id} ${campaignKindLabel(v.kind, lang)}`,
          String(v.size),
          v.canonicalText,
        ]);
      }
    }
    for (const a of c.additions) {
      rows.push([L('追加された文面', 'Added text'), `${c.id} #${a.commentId}`, '1', a.text]);
    }
  }
  for (const th of s.themes) {
    rows.push([
      L('テーマ', 'Theme'),
      th.id,
      String(th.size),
      th.unclassified ? L('分類できなかった意見', 'Unclassified') : clusterLine(th),
    ]);
    for (const g of th.groups) {
      rows.push([
        L('グループ', 'Group'),
        g.id,
        String(g.size),
        g.unclassified ? L('分類できなかった意見', 'Unclassified') : clusterLine(g),
      ]);
    }
  }
  for (const g of s.staffGroups.groups) {
    rows.push([
      s.staffGroups.draft ? L('意見の概要（案）', 'Staff group (draft)') : L('意見の概要', 'Staff group'),
      String(g.no),
      String(g.commentCount),
      [g.summary, g.response, g.outcome ? outcomeLabel(g.outcome, lang) : ''].filter(Boolean).join(' / '),
    ]);
  }
  rows.push([L('注記', 'Note'), '', '', lang === 'en' ? NOT_A_VOTE.en : NOT_A_VOTE.ja]);
  return rows;
}

/** A cluster in one line for the CSV: its label and its key terms. */
function clusterLine(c: SummaryCluster): string {
  return [c.label, c.keyTerms.join('・')].filter(Boolean).join(' / ');
}

function sectionName(sec: SectionCount, lang: Lang): string {
  if (sec.sectionId === null)
    return lang === 'en' ? 'The draft as a whole (no section given)' : '全般（該当箇所の指定なし）';
  return sec.label;
}
