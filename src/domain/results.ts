/**
 * The rules of a result (行政手続法43条 as the model): when every comment is accounted for, what
 * stops publication, and how the final text differs from the draft.
 */
import type { ParagraphChange, SectionChange } from '../../db/published-result.ts';
import type { Consultation, Outcome, Section } from '../../db/schema.ts';
import { markdownLineText } from '../lib/markdown-text.ts';
import { sectionLabels } from '../lib/sections.ts';
import { DiffBudget, type DiffOp, diffLines, diffText, hasChanges, pairLines } from './diff.ts';
import { phaseOf } from './lifecycle.ts';

export type { ParagraphChange, SectionChange };

/**
 * A received comment is accounted for when it is placed in a group, excluded with a reason, or
 * hidden by moderation (which records its own reason). The result may only be published when
 * every comment is. The queries use the same rule as one SQL condition (src/data/accounted-for.ts);
 * the database refuses an exclusion whose reason is empty, so there "excluded" is "has a reason".
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
  sections: { id: number; label: string }[];
}

export type PublishProblem =
  | { kind: 'not_closed' }
  | { kind: 'already_published' }
  | { kind: 'unaccounted'; count: number }
  | { kind: 'incomplete_group'; groupNo: number; missing: ('summary' | 'response' | 'outcome')[] }
  | { kind: 'revised_without_change'; groupNo: number };

/** Worth a second look, but no reason to refuse. */
export type PublishWarning = { kind: 'not_revised_but_changed'; groupNo: number; sections: string[] };

/** The ids of the sections the final text adds, removes or changes. */
function changedSectionIds(changes: readonly SectionChange[]): Set<number> {
  return new Set(changes.filter((c) => c.kind !== 'unchanged').map((c) => c.id));
}

/**
 * What stands in the way of publishing the result. Empty when it may be published: the period
 * has closed, every comment is accounted for, every group has its summary, response and
 * outcome, and a group marked 修正あり has a change in its sections (any change, for a group
 * about the whole draft).
 */
export function publishProblems(
  consultation: Pick<Consultation, 'status' | 'opens_at' | 'closes_at' | 'result_published_at'>,
  unaccounted: number,
  groups: readonly GroupForPublish[],
  changes: readonly SectionChange[],
  now: Date,
): PublishProblem[] {
  const problems: PublishProblem[] = [];
  if (consultation.result_published_at) return [{ kind: 'already_published' }];
  if (phaseOf(consultation, now) !== 'closed') problems.push({ kind: 'not_closed' });
  if (unaccounted > 0) problems.push({ kind: 'unaccounted', count: unaccounted });
  const changed = changedSectionIds(changes);
  for (const g of groups) {
    const missing: ('summary' | 'response' | 'outcome')[] = [];
    if (!g.summary.trim()) missing.push('summary');
    if (!g.response.trim()) missing.push('response');
    if (!g.outcome) missing.push('outcome');
    if (missing.length > 0) problems.push({ kind: 'incomplete_group', groupNo: g.no, missing });
    const revisedSomething =
      g.sections.length === 0 ? changed.size > 0 : g.sections.some((s) => changed.has(s.id));
    if (g.outcome === 'revised' && !revisedSomething) {
      problems.push({ kind: 'revised_without_change', groupNo: g.no });
    }
  }
  return problems;
}

/** A group marked 修正なし whose sections the final text changes: probably a wrong outcome. */
export function publishWarnings(
  groups: readonly GroupForPublish[],
  changes: readonly SectionChange[],
): PublishWarning[] {
  const changed = changedSectionIds(changes);
  return groups
    .filter((g) => g.outcome === 'not_revised')
    .map((g) => ({
      kind: 'not_revised_but_changed' as const,
      groupNo: g.no,
      sections: g.sections.filter((s) => changed.has(s.id)).map((s) => s.label),
    }))
    .filter((w) => w.sections.length > 0);
}

export function finalHeading(s: Pick<Section, 'heading' | 'final_heading'>): string {
  return s.final_heading ?? s.heading;
}

export function finalBody(s: Pick<Section, 'body_md' | 'final_body_md'>): string {
  return s.final_body_md ?? s.body_md;
}

/** The paragraphs of a section as a reader sees them: one per line with text, marks removed. */
function readableLines(md: string): string[] {
  return md
    .split('\n')
    .map(markdownLineText)
    .filter((t) => t !== '');
}

/** Pieces in order, neighbours of the same kind joined. */
function joined(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  for (const o of ops) {
    if (o.text === '') continue;
    const last = out[out.length - 1];
    if (last?.op === o.op) last.text += o.text;
    else out.push({ ...o });
  }
  return out;
}

/**
 * The body compared line by line: the Markdown source as one diff, and the readable paragraphs,
 * each rewritten line shown as a change inside its own paragraph.
 */
function compareBodies(before: string, after: string, budget: DiffBudget) {
  const body: DiffOp[] = [];
  const paragraphs: ParagraphChange[] = [];
  for (const hunk of diffLines(before, after, budget)) {
    if (hunk.kind === 'equal') {
      body.push({ op: 'equal', text: hunk.lines.join('') });
      for (const line of hunk.lines) {
        const text = markdownLineText(line);
        if (text) paragraphs.push({ kind: 'equal', text });
      }
      continue;
    }
    for (const pair of pairLines(hunk.removed, hunk.added)) {
      if (pair.before !== undefined && pair.after !== undefined) {
        body.push(...diffText(pair.before, pair.after, budget));
      } else if (pair.before !== undefined) body.push({ op: 'delete', text: pair.before });
      else if (pair.after !== undefined) body.push({ op: 'insert', text: pair.after });
      const a = pair.before === undefined ? '' : markdownLineText(pair.before);
      const b = pair.after === undefined ? '' : markdownLineText(pair.after);
      if (a === b) {
        if (a) paragraphs.push({ kind: 'equal', text: a });
      } else if (!a) paragraphs.push({ kind: 'added', text: b });
      else if (!b) paragraphs.push({ kind: 'removed', text: a });
      else paragraphs.push({ kind: 'changed', ops: diffText(a, b, budget) });
    }
  }
  return { body: joined(body), paragraphs };
}

/** Compares one section's draft text with its final text. Whole additions and removals stay whole. */
export function sectionChange(s: Section, label: string, budget = new DiffBudget()): SectionChange {
  const of = { id: s.id, number: s.number, label };
  if (!s.in_draft) {
    const body = finalBody(s);
    return { ...of, kind: 'added', heading: finalHeading(s), body, paragraphs: readableLines(body) };
  }
  if (s.final_removed) {
    return {
      ...of,
      kind: 'removed',
      heading: s.heading,
      body: s.body_md,
      paragraphs: readableLines(s.body_md),
    };
  }
  const heading = diffText(s.heading, finalHeading(s), budget);
  if (!hasChanges(heading) && s.body_md === finalBody(s)) {
    return { ...of, kind: 'unchanged', heading: s.heading };
  }
  const { body, paragraphs } = compareBodies(s.body_md, finalBody(s), budget);
  if (!hasChanges(heading) && !hasChanges(body)) return { ...of, kind: 'unchanged', heading: s.heading };
  return { ...of, kind: 'changed', heading, body, paragraphs };
}

/**
 * Every section of the draft and the final text, in reading order, compared. Final-only
 * sections that were removed again are part of neither text.
 */
export function sectionChanges(sections: readonly Section[]): SectionChange[] {
  const labels = sectionLabels(sections);
  return sections
    .filter((s) => s.in_draft || !s.final_removed)
    .map((s) => sectionChange(s, labels.get(s.id) ?? ''));
}
