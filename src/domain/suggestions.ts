/**
 * The analysis's finer groups as suggestions for the staff's groups, adopted one at a time.
 * Each suggestion carries the comments of it not yet placed (each comment in one suggestion
 * only), a summary to start from, and the 該当箇所 most of its members named. Staff may rename a
 * suggestion, drop it, or merge it into another before adopting it (their choices, kept per
 * analysis version, are applied here).
 */
import type { AnalysisResult, ClusterGroup } from '../analysis/types.ts';
import { withoutSystemText, writersTerms } from './council-summary.ts';

export type SuggestionChoiceKind = 'renamed' | 'dropped' | 'merged';

export interface SuggestionChoice {
  suggestionId: string;
  choice: SuggestionChoiceKind;
  summary: string | null;
  mergedInto: string | null;
}

export interface Suggestion {
  /** The engine's group id (t1.g2); after a merge, the id of the suggestion the others joined. */
  id: string;
  /** The suggestions merged into this one, in the engine's order. */
  merged: { id: string; summary: string }[];
  /** The summary the group will get: the staff's own if renamed, else the suggested one. */
  summary: string;
  renamed: boolean;
  keyTerms: string[];
  /** Comments not yet placed (grouped or excluded), in id order. */
  memberIds: number[];
  /** The section most of the members named; null when most named none (全般). */
  sectionId: number | null;
}

export interface SuggestionPlan {
  open: Suggestion[];
  dropped: Suggestion[];
}

/** The summary a suggestion starts from: the engine's one-line label, else its key terms. */
export function suggestedGroupSummary(keyTerms: readonly string[], label = ''): string {
  if (label) return label;
  const terms = keyTerms.slice(0, 3);
  if (terms.length === 0) return '(自動提案) 分類できなかった意見';
  return `(自動提案) ${terms.join('・')} に関する意見`;
}

function labelOf(g: ClusterGroup): string {
  const label = (g as ClusterGroup & { label?: unknown }).label;
  return typeof label === 'string' ? withoutSystemText(label).trim() : '';
}

/**
 * The section most members named, counting "no section" as an answer too: a group whose
 * members mostly wrote about the draft as a whole is 全般. Ties go to a section, then to the one
 * that comes first in the draft.
 */
export function commonSection(
  memberIds: readonly number[],
  sectionsOf: ReadonlyMap<number, readonly number[]>,
  draftOrder: readonly number[],
): number | null {
  const counts = new Map<number, number>();
  let none = 0;
  for (const id of memberIds) {
    const sections = sectionsOf.get(id) ?? [];
    if (sections.length === 0) none++;
    for (const s of new Set(sections)) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const s of draftOrder) {
    const n = counts.get(s) ?? 0;
    if (n > bestCount) {
      best = s;
      bestCount = n;
    }
  }
  return bestCount >= none && bestCount > 0 ? best : null;
}

/**
 * The suggestions as they stand: the engine's finer groups (the unclassified theme left for
 * staff), each with its comments still unplaced, staff's choices applied. A suggestion with no
 * comment left (adopted, or its comments placed by hand) is gone.
 */
export function planSuggestions(input: {
  result: AnalysisResult;
  unplaced: ReadonlySet<number>;
  choices: readonly SuggestionChoice[];
  /** The sections each unplaced comment named. */
  sectionsOf: ReadonlyMap<number, readonly number[]>;
  /** The draft's section ids in reading order. */
  draftOrder: readonly number[];
  /** The texts of the groups' representatives (their key terms are checked against them). */
  textsOf: ReadonlyMap<number, string>;
}): SuggestionPlan {
  const { result, unplaced, choices, sectionsOf, draftOrder, textsOf } = input;
  const byId = new Map(choices.map((c) => [c.suggestionId, c]));
  const engine: { group: ClusterGroup; members: number[] }[] = [];
  const taken = new Set<number>();
  for (const theme of result.themes) {
    if (theme.unclassified) continue;
    for (const group of theme.groups) {
      const members = group.memberIds.map(Number).filter((id) => unplaced.has(id) && !taken.has(id));
      for (const id of members) taken.add(id);
      engine.push({ group, members });
    }
  }
  const known = new Set(engine.map((e) => e.group.id));
  // Where a suggestion went: follow merges (bounded, so a loop in stored choices cannot hang).
  const rootOf = (id: string): string => {
    let at = id;
    for (let i = 0; i < engine.length; i++) {
      const next = byId.get(at)?.mergedInto;
      if (!next || !known.has(next) || next === id) return at;
      at = next;
    }
    return at;
  };
  const suggested = (e: (typeof engine)[number]) => {
    const texts = e.group.representativeIds.map((id) => textsOf.get(Number(id)) ?? '');
    const keyTerms = writersTerms(
      e.group.keyTerms.map((k) => k.term),
      texts,
    );
    return { keyTerms, summary: suggestedGroupSummary(keyTerms, labelOf(e.group)) };
  };
  const roots = new Map<string, Suggestion>();
  for (const e of engine) {
    const root = rootOf(e.group.id);
    const own = suggested(e);
    const entry = roots.get(root);
    if (entry && root !== e.group.id) {
      entry.merged.push({ id: e.group.id, summary: own.summary });
      entry.memberIds.push(...e.members);
      continue;
    }
    const choice = byId.get(e.group.id);
    const renamed = choice?.choice === 'renamed' && Boolean(choice.summary);
    roots.set(e.group.id, {
      id: e.group.id,
      merged: [],
      summary: renamed ? (choice?.summary ?? own.summary) : own.summary,
      renamed,
      keyTerms: own.keyTerms,
      memberIds: [...e.members],
      sectionId: null,
    });
  }
  const open: Suggestion[] = [];
  const dropped: Suggestion[] = [];
  for (const s of roots.values()) {
    if (s.memberIds.length === 0) continue;
    s.memberIds.sort((a, b) => a - b);
    s.sectionId = commonSection(s.memberIds, sectionsOf, draftOrder);
    (byId.get(s.id)?.choice === 'dropped' ? dropped : open).push(s);
  }
  return { open, dropped };
}

/**
 * The choices that merge `ids` (suggestions shown now) into the first of them; undefined when
 * fewer than two of them are open suggestions.
 */
export function mergeChoices(plan: SuggestionPlan, ids: readonly string[]): SuggestionChoice[] | undefined {
  const open = new Set(plan.open.map((s) => s.id));
  const chosen = [...new Set(ids)].filter((id) => open.has(id));
  const [into, ...others] = chosen;
  if (!into || others.length === 0) return undefined;
  return others.map((id) => ({ suggestionId: id, choice: 'merged', summary: null, mergedInto: into }));
}
