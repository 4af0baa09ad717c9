import type { Consultation } from '../../db/schema.ts';
import { MIN_PERIOD_DAYS, periodDays } from './lifecycle.ts';

/**
 * Rules for authoring a consultation: the comment period, what publishing needs, and what may
 * change once the public has seen the draft. Plain functions returning problem codes; the
 * routes turn codes into messages in the reader's language.
 */

export type PeriodProblem = 'closes_before_opens' | 'short_period_needs_reason';

export interface PeriodInput {
  opensAt: Date | null;
  closesAt: Date | null;
  shortPeriodReason: string;
}

/**
 * Checks a period as entered: it closes after it opens, and a period shorter than
 * MIN_PERIOD_DAYS (counted in Tokyo calendar days, both ends included) states a reason.
 * A period that is not set yet is fine for a draft; publishing asks for it.
 */
export function checkPeriod({ opensAt, closesAt, shortPeriodReason }: PeriodInput): PeriodProblem[] {
  if (!opensAt || !closesAt) return [];
  if (closesAt.getTime() <= opensAt.getTime()) return ['closes_before_opens'];
  if (isShortPeriod(opensAt, closesAt) && shortPeriodReason.trim() === '')
    return ['short_period_needs_reason'];
  return [];
}

export function isShortPeriod(opensAt: Date, closesAt: Date): boolean {
  return periodDays(opensAt, closesAt) < MIN_PERIOD_DAYS;
}

export type PublishProblem =
  | 'title'
  | 'department'
  | 'period'
  | 'sections'
  | 'closes_in_past'
  | 'short_period_needs_reason'
  | 'not_draft';

export interface PublishPlan {
  problems: PublishProblem[];
  /** When the period will open: the planned opens_at, or now when it is unset or past. */
  opensAt: Date | null;
  /** True when the consultation opens the moment it is published. */
  opensNow: boolean;
}

/**
 * What publishing would do, and what stops it: a title, a department, a period that has not
 * ended, at least one section. An unset or past opening time becomes "now", and the period rule
 * is checked again against that actual opening.
 */
export function planPublish(
  c: Pick<Consultation, 'status' | 'title' | 'department' | 'opens_at' | 'closes_at' | 'short_period_reason'>,
  sectionCount: number,
  now: Date,
): PublishPlan {
  const problems: PublishProblem[] = [];
  if (c.status !== 'draft') problems.push('not_draft');
  if (c.title.trim() === '') problems.push('title');
  if (c.department.trim() === '') problems.push('department');
  if (sectionCount === 0) problems.push('sections');
  const { opensAt, opensNow } = openingOnPublish(c, now);
  if (!c.closes_at) {
    problems.push('period');
  } else {
    const closesAt = new Date(c.closes_at);
    if (closesAt.getTime() <= now.getTime()) problems.push('closes_in_past');
    else if (opensAt && closesAt.getTime() <= opensAt.getTime()) problems.push('period');
    else if (opensAt && isShortPeriod(opensAt, closesAt) && c.short_period_reason.trim() === '') {
      problems.push('short_period_needs_reason');
    }
  }
  return { problems, opensAt, opensNow };
}

/** When a consultation published now opens: at its planned time, or now if that is unset or past. */
function openingOnPublish(c: Pick<Consultation, 'opens_at'>, now: Date) {
  const planned = c.opens_at ? new Date(c.opens_at) : null;
  const opensNow = !planned || planned.getTime() <= now.getTime();
  return { opensAt: opensNow ? now : planned, opensNow };
}

/**
 * A draft as publishing it now would make it (what its preview shows): published now, opening
 * as {@link planPublish} decides. Anything already published is itself.
 */
export function asPublishedNow<T extends Pick<Consultation, 'status' | 'opens_at' | 'published_at'>>(
  c: T,
  now: Date,
): T {
  if (c.status !== 'draft') return c;
  const { opensAt } = openingOnPublish(c, now);
  return {
    ...c,
    status: 'published',
    published_at: now.toISOString(),
    opens_at: opensAt?.toISOString() ?? null,
  };
}

/** Once published (or withdrawn) the draft text is frozen: changes go through corrections. */
export function isFrozen(c: Pick<Consultation, 'status'>): boolean {
  return c.status !== 'draft';
}

export type PublishedChange = 'none' | 'extend' | 'refused_title' | 'refused_period' | 'refused_withdrawn';

/**
 * Which change to a published consultation's public fields is allowed: the title and the
 * opening stay as published; the closing may only move later (an extension, which needs a
 * note). A withdrawn consultation does not change at all.
 */
export function classifyPublishedChange(
  before: Pick<Consultation, 'status' | 'title' | 'opens_at' | 'closes_at'>,
  after: { title: string; opensAt: Date | null; closesAt: Date | null },
): PublishedChange {
  if (before.status === 'withdrawn') return 'refused_withdrawn';
  if (after.title !== before.title) return 'refused_title';
  // Forms carry minutes, not seconds: compare what the person could see and change.
  const minute = (ms: number) => Math.floor(ms / 60_000);
  const sameInstant = (a: string | null, b: Date | null) =>
    a === null ? b === null : b !== null && minute(new Date(a).getTime()) === minute(b.getTime());
  if (!sameInstant(before.opens_at, after.opensAt)) return 'refused_period';
  if (sameInstant(before.closes_at, after.closesAt)) return 'none';
  if (!before.closes_at || !after.closesAt) return 'refused_period';
  return after.closesAt.getTime() > new Date(before.closes_at).getTime() ? 'extend' : 'refused_period';
}

/** A withdrawal is for published consultations and states a public reason. */
export function canWithdraw(c: Pick<Consultation, 'status' | 'result_published_at'>): boolean {
  return c.status === 'published' && !c.result_published_at;
}

/**
 * What a new consultation takes from an earlier one it starts from: the overview, who may comment
 * and what they must give (the 要綱's rules), the ways to submit and the notice on personal data.
 * Not the period, the draft, the documents or anything about its comments: those are its own.
 */
export const COPIED_FIELDS = [
  'title',
  'summary',
  'purpose',
  'department_id',
  'contact',
  'legal_basis',
  'eligibility',
  'submit_postal_address',
  'submit_fax',
  'submit_email',
  'submit_counter',
  'require_name',
  'require_address',
  'require_category',
  'allow_individual',
  'allow_organisation',
  'allow_anonymous',
  'categories',
  'require_consent',
  'consent_notice',
  'max_comment_length',
] as const satisfies readonly (keyof Consultation)[];

export type CopiedFields = Pick<Consultation, (typeof COPIED_FIELDS)[number]>;

export function copiedFields(c: Consultation): CopiedFields {
  return Object.fromEntries(COPIED_FIELDS.map((k) => [k, c[k]])) as CopiedFields;
}
