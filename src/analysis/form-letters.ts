/**
 * Form letters: the template a campaign shares and what each copy added to it. The added text is
 * where a sender's own point hides, so it must never be lost in a "×250" line.
 */
import { compactNormalised, splitSentences } from './normalise.ts';

export interface FormLetterMember {
  /** Normalised text of one distinct text of the campaign. */
  normalised: string;
  /** How many comments carry exactly this text. */
  copies: number;
}

export interface Template {
  /** Template sentences, in the order the most common text has them. */
  sentences: string[];
  text: string;
}

function joinSentences(ss: readonly string[]): string {
  return ss.reduce(
    (acc, s) =>
      acc === '' ? s : /[a-z0-9,;:.!?]$/.test(acc) && /^[a-z0-9]/.test(s) ? `${acc} ${s}` : acc + s,
    '',
  );
}

/**
 * The template: sentences that at least half of the copies contain (weighted by copies), in the
 * order of the most common text. Falls back to the most common text when no sentence is shared
 * by half (a campaign of lightly edited variants).
 */
export function findTemplate(members: readonly FormLetterMember[]): Template {
  let total = 0;
  const count = new Map<string, number>();
  const display = new Map<string, string>();
  const order: string[] = [];
  let main = members[0];
  for (const m of members) {
    total += m.copies;
    if (main === undefined || m.copies > main.copies) main = m;
    const seen = new Set<string>();
    for (const s of splitSentences(m.normalised)) {
      const k = compactNormalised(s);
      if (k === '' || seen.has(k)) continue;
      seen.add(k);
      if (!count.has(k)) {
        order.push(k);
        display.set(k, s);
      }
      count.set(k, (count.get(k) ?? 0) + m.copies);
    }
  }
  if (main === undefined) return { sentences: [], text: '' };
  const shared = new Set(order.filter((k) => (count.get(k) ?? 0) * 2 >= total));
  if (shared.size === 0) {
    const ss = splitSentences(main.normalised);
    return { sentences: ss, text: main.normalised };
  }
  const mainKeys = splitSentences(main.normalised).map((s) => compactNormalised(s));
  const ordered = [
    ...mainKeys.filter((k) => shared.has(k)),
    ...order.filter((k) => shared.has(k) && !mainKeys.includes(k)),
  ];
  const sentences = [...new Set(ordered)].map((k) => display.get(k) ?? k);
  return { sentences, text: joinSentences(sentences) };
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return (2 * inter) / (a.size + b.size);
}

/**
 * What `normalised` adds beyond the template: its sentences that are neither template sentences
 * nor light edits of one (character-bigram Dice ≥ 0.6); inside a sentence that embeds a template
 * sentence, only the surrounding characters count as added.
 */
export function extractAddition(normalised: string, template: Template): string {
  const tKeys = template.sentences.map((s) => compactNormalised(s)).filter((k) => k !== '');
  const tSet = new Set(tKeys);
  const tGrams = tKeys.map(bigrams);
  const added: string[] = [];
  for (const s of splitSentences(normalised)) {
    const k = compactNormalised(s);
    if (k === '' || tSet.has(k)) continue;
    const embedded = tKeys.find((t) => t.length >= 6 && k.includes(t));
    if (embedded !== undefined) {
      const rest = k.replace(embedded, '');
      if (rest.length >= 4) added.push(rest);
      continue;
    }
    const g = bigrams(k);
    if (tGrams.some((t) => dice(g, t) >= 0.6)) continue;
    added.push(s);
  }
  return joinSentences(added);
}
