/**
 * Step 2: near-duplicates among the unique texts, verified, become the points that are
 * clustered. A point is one unique text, or a group of texts copied from one another: light edits
 * of one text, or a form letter's copies (the texts that carry its template). Texts chained
 * together only by stock phrases or scattered shared sentences fail verification and stay
 * separate points (they may still be paraphrases of one script, see the paraphrase step).
 */
import { type FormLetterMember, findTemplate, type Template, templateCarriers } from '../form-letters.ts';
import { estimateJaccard } from '../minhash.ts';
import { findNearDuplicates, sentencePairKeys } from '../near-duplicates.ts';
import type { TokenJob } from '../tokenise-pool.ts';
import type { IdenticalTexts, UniqueText } from './identical-texts.ts';
import { at, type Run } from './run.ts';

export interface Point {
  /** The unique texts it stands for. */
  uniques: UniqueText[];
  /** Their items, ascending. */
  items: number[];
  /** Number of items (comments). */
  copies: number;
  /** The unique text with the most copies (the first such): the point's text for terms. */
  rep: UniqueText;
  /** A verified group of several texts: its template and mean similarity to `rep`. */
  verified?: { template: Template; cohesion: number };
}

/**
 * Points in a fixed order (by the near-duplicate component's first text). Point `p` is row `p`
 * of the term matrix in the later steps.
 */
export function nearDuplicatePoints(run: Run, texts: IdenticalTexts, terms: TokenJob): Point[] {
  const { uniques } = texts;
  const keys = texts.keys.take();
  const nd = findNearDuplicates(
    keys,
    uniques.map((u) => sentencePairKeys(u.norm)),
  );
  const components = new Map<number, UniqueText[]>();
  for (const u of uniques) {
    const root = at(nd.component, u.index);
    const group = components.get(root);
    if (group) group.push(u);
    else components.set(root, [u]);
  }
  /** Mean estimated Jaccard similarity of the group's texts to its most copied one. */
  const cohesionOf = (group: readonly UniqueText[]): number => {
    const rep = mostCopied(group);
    let jSum = 0;
    for (const u of group) if (u !== rep) jSum += estimateJaccard(nd.sig, u.index, rep.index);
    return group.length > 1 ? jSum / (group.length - 1) : 1;
  };

  const points: Point[] = [];
  for (const us of components.values()) {
    if (us.length === 1) {
      points.push(pointOf(us));
      continue;
    }
    const cohesion = cohesionOf(us);
    let copies = 0;
    for (const u of us) copies += u.items.length;
    // A few short texts that differ in a word or share a stock sentence are everyday phrasing,
    // not copying: a group of fewer than five comments needs a substantial shared text.
    const minShared = copies < 5 ? 60 : 40;
    let longest = 0;
    for (const u of us) longest = Math.max(longest, at(keys, u.index).length);
    if (cohesion >= 0.7 && longest >= minShared) {
      // Light edits of one text.
      points.push(pointOf(us, { template: findTemplate(us.map(memberOf)), cohesion }));
      continue;
    }
    // Form letters: the texts that carry the template (sentences most copies share). Texts
    // chained to it through a sender's own paragraph are split off again; two templates chained
    // together through such texts are peeled one after the other.
    let rest = us;
    while (rest.length >= 2) {
      const template = findTemplate(rest.map(memberOf));
      const { carries, chars } = templateCarriers(rest.map(memberOf), template);
      let carried = 0;
      let total = 0;
      rest.forEach((u, k) => {
        total += u.items.length;
        if (carries[k]) carried += u.items.length;
      });
      const inner = rest.filter((_, k) => carries[k]);
      if (chars < minShared || carried < run.settings.templateSupport * total || inner.length < 2) break;
      points.push(
        pointOf(inner, { template: findTemplate(inner.map(memberOf)), cohesion: cohesionOf(inner) }),
      );
      rest = rest.filter((_, k) => !carries[k]);
    }
    for (const u of rest) points.push(pointOf([u]));
  }
  for (const p of points) p.items.sort((a, b) => a - b);

  // Only one text per point is tokenised.
  const isRep = new Uint8Array(uniques.length);
  for (const p of points) isRep[p.rep.index] = 1;
  for (const u of uniques) if (isRep[u.index] === 0) terms.skip(u.first);
  run.progress(run.items.length, run.items.length, 'near-duplicates');
  return points;
}

function memberOf(u: UniqueText): FormLetterMember {
  return { normalised: u.norm, copies: u.items.length };
}

/** The text with the most copies; the first of them on a tie. */
function mostCopied(group: readonly UniqueText[]): UniqueText {
  let rep = at(group, 0);
  for (const u of group) if (u.items.length > rep.items.length) rep = u;
  return rep;
}

function pointOf(uniques: UniqueText[], verified?: Point['verified']): Point {
  const point: Point = { uniques, items: [], copies: 0, rep: mostCopied(uniques) };
  for (const u of uniques) {
    for (const i of u.items) point.items.push(i);
    point.copies += u.items.length;
  }
  if (verified) point.verified = verified;
  return point;
}
