import type { Consultation, Outcome, Section } from '../../db/schema.ts';
import { type DiffOp, diffText, hasChanges } from './diff.ts';
import { phaseOf } from './lifecycle.ts';

/**
 * A received comment is accounted for when it is placed in a group, excluded with a reason, or
 * hidden by moderation (which records its own reason). The result may only be published when
 * every comment is.
 */
export function isAccountedFor(c: {
  group_id: number | null;
  excluded_reason: string | null;
  hidden_at: string | null;
}): boolean {
  return c.group_id !== null || (c.excluded_reason ?? '').trim() !== '' || c.hidden_at !== null;
}

export interface GroupForPublish {
  id: number;
  no: number;
  summary: string;
  response: string;
  outcome: Outcome | null;
}

export type PublishProblem =
  | { kind: 'not_closed' }
  | { kind: 'already_published' }
  | { kind: 'unaccounted'; count: number }
  | { kind: 'no_comments_or_groups' }
  | { kind: 'incomplete_group'; groupNo: number; missing: ('summary' | 'response' | 'outcome')[] };

/**
 * What stands in the way of publishing the result. Empty when it may be published: the period
 * has closed, every comment is accounted for, and every group has its summary, response and
 * outcome.
 */
export function publishProblems(
  consultation: Pick<Consultation, 'status' | 'opens_at' | 'closes_at' | 'result_published_at'>,
  unaccounted: number,
  groups: readonly GroupForPublish[],
  now: Date,
): PublishProblem[] {
  const problems: PublishProblem[] = [];
  if (consultation.result_published_at) return [{ kind: 'already_published' }];
  if (phaseOf(consultation, now) !== 'closed') problems.push({ kind: 'not_closed' });
  if (unaccounted > 0) problems.push({ kind: 'unaccounted', count: unaccounted });
  for (const g of groups) {
    const missing: ('summary' | 'response' | 'outcome')[] = [];
    if (!g.summary.trim()) missing.push('summary');
    if (!g.response.trim()) missing.push('response');
    if (!g.outcome) missing.push('outcome');
    if (missing.length > 0) problems.push({ kind: 'incomplete_group', groupNo: g.no, missing });
  }
  return problems;
}

/** How one section changed between the draft and the final text. */
export type SectionChange =
  | { kind: 'added'; id: number; number: string; heading: string; body: string }
  | { kind: 'removed'; id: number; number: string; heading: string; body: string }
  | {
      kind: 'changed';
      id: number;
      number: string;
      heading: DiffOp[];
      body: DiffOp[];
    }
  | { kind: 'unchanged'; id: number; number: string; heading: string };

export function finalHeading(s: Pick<Section, 'heading' | 'final_heading'>): string {
  return s.final_heading ?? s.heading;
}

export function finalBody(s: Pick<Section, 'body_md' | 'final_body_md'>): string {
  return s.final_body_md ?? s.body_md;
}

/** Compares each section's draft text with its final text. Whole additions and removals stay whole. */
export function sectionChange(s: Section): SectionChange {
  if (!s.in_draft) {
    return { kind: 'added', id: s.id, number: s.number, heading: finalHeading(s), body: finalBody(s) };
  }
  if (s.final_removed)
    return { kind: 'removed', id: s.id, number: s.number, heading: s.heading, body: s.body_md };
  const heading = diffText(s.heading, finalHeading(s));
  const body = diffText(s.body_md, finalBody(s));
  if (!hasChanges(heading) && !hasChanges(body)) {
    return { kind: 'unchanged', id: s.id, number: s.number, heading: s.heading };
  }
  return { kind: 'changed', id: s.id, number: s.number, heading, body };
}

/** Final-only sections that were removed again are not part of either text. */
export function sectionChanges(sections: readonly Section[]): SectionChange[] {
  return sections.filter((s) => s.in_draft || !s.final_removed).map(sectionChange);
}

/** A short one-line preview for a suggested summary, cut at a grapheme boundary. */
export function previewText(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const parts = [...new Intl.Segmenter('ja', { granularity: 'grapheme' }).segment(flat)].map(
    (s) => s.segment,
  );
  return parts.length <= max ? flat : `${parts.slice(0, max).join('')}…`;
}
