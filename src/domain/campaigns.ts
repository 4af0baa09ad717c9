/**
 * Campaigns as a council reads them: the engine may report one campaign twice, as identical
 * copies of one text and as a form letter of a lightly edited text (「思い切り」 and 「思いきり」).
 * Those are one campaign with variants. Texts are compared by their character pairs after
 * normalising (Dice coefficient); distinct campaigns share few pairs, variants nearly all.
 */
import { identityKey } from '../analysis/normalise.ts';
import type { Campaign } from '../analysis/types.ts';

/** Pairs shared by two light edits of one text; a different text on the same topic shares far fewer. */
const SAME_TEXT = 0.7;
/** Only the head of a long text is compared: a variant differs in its words, not in its length. */
const HEAD = 400;

function pairs(text: string): Map<string, number> {
  const key = identityKey(text.slice(0, HEAD * 2)).slice(0, HEAD);
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < key.length; i++) {
    const p = key.slice(i, i + 2);
    out.set(p, (out.get(p) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient of two texts' character pairs: 1 for the same text, near 0 for unrelated ones. */
export function textSimilarity(a: string, b: string): number {
  const pa = pairs(a);
  const pb = pairs(b);
  let shared = 0;
  let total = 0;
  for (const [p, n] of pa) {
    shared += Math.min(n, pb.get(p) ?? 0);
    total += n;
  }
  for (const n of pb.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

/**
 * The engine's campaigns gathered into families of variants of one text, each family in the
 * engine's order of its largest member (which comes first in it).
 */
export function campaignFamilies<T extends Pick<Campaign, 'canonicalText'>>(campaigns: readonly T[]): T[][] {
  const families: { head: string; members: T[] }[] = [];
  for (const c of campaigns) {
    const family = families.find((f) => textSimilarity(f.head, c.canonicalText) >= SAME_TEXT);
    if (family) family.members.push(c);
    else families.push({ head: c.canonicalText, members: [c] });
  }
  return families.map((f) => f.members);
}
