/**
 * The council's counts (提出者数, 意見数, by channel, category, section and day, hidden by reason),
 * worked out from the rows the data layer reads (src/data/council.ts `listCountRows`).
 */
import type { Category, Channel, HiddenReason } from '../../db/schema.ts';
import { CATEGORIES, CHANNELS, HIDDEN_REASONS } from '../../db/schema.ts';
import { sectionLabels } from '../lib/sections.ts';
import { tokyoDateString } from '../lib/time.ts';

export interface SectionCount {
  /** null: comments on the draft as a whole (no section given). */
  sectionId: number | null;
  number: string;
  heading: string;
  /** The full label (「第2章 1 …」); '' for the draft as a whole. */
  label: string;
  level: number;
  count: number;
}

export interface CouncilCounts {
  /** 提出者数: distinct submitter keys over every received comment. */
  submitterCount: number;
  /** 意見数: every received comment, hidden ones included. */
  commentCount: number;
  byChannel: { channel: Channel; comments: number; submitters: number }[];
  /** category null: not given. */
  byCategory: { category: Category | null; comments: number; submitters: number }[];
  /** In the draft's order, then the comments on the draft as a whole. */
  bySection: SectionCount[];
  /** Every Tokyo calendar day from the first to the last comment (days without comments: 0). */
  byDay: { date: string; count: number }[];
  hidden: { count: number; reasons: { reason: HiddenReason; count: number }[] };
  /** Comments the analysis reads (not hidden). */
  analysedCount: number;
}

/** What the counts are made from: every comment of the consultation, its draft and their links. */
export interface CountRows {
  comments: {
    id: number;
    channel: Channel;
    category: Category | null;
    submitterKey: string;
    receivedAt: string;
    hidden: boolean;
    hiddenReason: HiddenReason | null;
  }[];
  /** The draft's sections in reading order. */
  sections: { id: number; number: string; heading: string; level: number }[];
  links: { commentId: number; sectionId: number }[];
}

const MAX_DAYS = 400;

type Tally = { comments: number; submitters: Set<string> };

function tally<K>(map: Map<K, Tally>, key: K, submitter: string) {
  const entry = map.get(key) ?? { comments: 0, submitters: new Set<string>() };
  entry.comments++;
  entry.submitters.add(submitter);
  map.set(key, entry);
}

/** The counts of one consultation. */
export function countComments({ comments, sections, links }: CountRows): CouncilCounts {
  const submitters = new Set<string>();
  const channel = new Map<Channel, Tally>();
  const category = new Map<Category | null, Tally>();
  const day = new Map<string, number>();
  const hidden = new Map<HiddenReason, number>();
  let hiddenCount = 0;
  for (const r of comments) {
    submitters.add(r.submitterKey);
    tally(channel, r.channel, r.submitterKey);
    tally(category, r.category, r.submitterKey);
    const d = tokyoDateString(r.receivedAt);
    day.set(d, (day.get(d) ?? 0) + 1);
    if (r.hidden) {
      hiddenCount++;
      const reason = r.hiddenReason ?? 'off_topic';
      hidden.set(reason, (hidden.get(reason) ?? 0) + 1);
    }
  }

  const perSection = new Map<number, Set<number>>();
  for (const l of links) {
    const set = perSection.get(l.sectionId) ?? new Set<number>();
    set.add(l.commentId);
    perSection.set(l.sectionId, set);
  }
  const withSection = new Set(links.map((l) => l.commentId));
  const labels = sectionLabels(sections);
  const bySection: SectionCount[] = sections.map((s) => ({
    sectionId: s.id,
    number: s.number,
    heading: s.heading,
    label: labels.get(s.id) ?? s.heading,
    level: s.level,
    count: perSection.get(s.id)?.size ?? 0,
  }));
  bySection.push({
    sectionId: null,
    number: '',
    heading: '',
    label: '',
    level: 1,
    count: comments.filter((r) => !withSection.has(r.id)).length,
  });

  const categoryOrder: (Category | null)[] = [...CATEGORIES, null];
  const counted = <K>(keys: readonly K[], map: Map<K, Tally>) =>
    keys.flatMap((key) => {
      const v = map.get(key);
      return v ? [{ key, comments: v.comments, submitters: v.submitters.size }] : [];
    });
  return {
    submitterCount: submitters.size,
    commentCount: comments.length,
    byChannel: counted(CHANNELS, channel).map(({ key, ...n }) => ({ channel: key, ...n })),
    byCategory: counted(categoryOrder, category).map(({ key, ...n }) => ({ category: key, ...n })),
    bySection,
    byDay: fillDays(day),
    hidden: {
      count: hiddenCount,
      reasons: HIDDEN_REASONS.filter((r) => hidden.has(r)).map((r) => ({
        reason: r,
        count: hidden.get(r) ?? 0,
      })),
    },
    analysedCount: comments.length - hiddenCount,
  };
}

function fillDays(day: Map<string, number>): { date: string; count: number }[] {
  const dates = [...day.keys()].sort();
  const first = dates[0];
  const last = dates[dates.length - 1];
  if (!first || !last) return [];
  const out: { date: string; count: number }[] = [];
  const cursor = new Date(`${first}T00:00:00Z`);
  const end = new Date(`${last}T00:00:00Z`);
  while (cursor <= end && out.length < MAX_DAYS) {
    const d = cursor.toISOString().slice(0, 10);
    out.push({ date: d, count: day.get(d) ?? 0 });
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  // A period longer than MAX_DAYS keeps only the days that had comments.
  if (cursor <= end) return dates.map((d) => ({ date: d, count: day.get(d) ?? 0 }));
  return out;
}
