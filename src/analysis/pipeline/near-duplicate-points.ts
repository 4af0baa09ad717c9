/**
 * Step 2: near-duplicates among the unique texts, verified, become the points that are
 * clustered. A point is one unique text, or a group of texts copied from one another: light edits
 * of one text, or a form letter's copies (the texts that carry its template). Texts chained
 * together only by stock phrases or scattered shared sentences fail verification and stay
 * separate points (they may still be paraphrases of one script, see the paraphrase step).
 */
import { type FormLetterMember, findTemplate, type Template } from '../form-letters.ts';
import { estimateJaccard } from '../minhash.ts';
import { findNearDuplicates, sentencePairKeys } from '../near-duplicates.ts';
import { compactNormalised, splitSentences } from '../normalise.ts';
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
    const copies = copiesOf(us);
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
    const chain = new Chain(us, keys, run.settings.templateSupport);
    for (;;) {
      const inner = chain.nextForm(rest, minShared);
      if (inner === undefined) break;
      points.push(
        pointOf(inner, { template: findTemplate(inner.map(memberOf)), cohesion: cohesionOf(inner) }),
      );
      const taken = new Set(inner);
      chain.remove(inner);
      rest = rest.filter((u) => !taken.has(u));
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

/** Most seeds tried in one chain: each try costs a pass over it. */
const MAX_SEED_TRIES = 24;

/**
 * One chain of near-duplicates (a component) being split into its form letters. Each text's
 * sentences are keyed once (compact normal form), so trying a template costs one pass of
 * `includes` over the chain, not a re-split of every text.
 */
class Chain {
  readonly #keys = new Map<UniqueText, string[]>();
  /** Per sentence, the comments of the texts not yet taken that contain it. */
  readonly #count = new Map<string, number>();
  readonly #compact: readonly string[];
  readonly #support: number;
  #tries = 0;

  /** `compact` = the identity key of each unique text (its compact normal form). */
  constructor(texts: readonly UniqueText[], compact: readonly string[], support: number) {
    this.#compact = compact;
    this.#support = support;
    for (const u of texts) {
      const keys = [...new Set(splitSentences(u.norm).map(compactNormalised))].filter((k) => k !== '');
      this.#keys.set(u, keys);
      for (const k of keys) this.#count.set(k, (this.#count.get(k) ?? 0) + u.items.length);
    }
  }

  /**
   * The next form letter among `rest`: the texts carrying the template of the whole of `rest`;
   * or else (several templates chained together, none carried by half of the texts) those
   * carrying the template of the texts that share its most common sentence not tried yet.
   */
  nextForm(rest: readonly UniqueText[], minShared: number): UniqueText[] | undefined {
    if (rest.length < 2) return undefined;
    const whole = this.#carriers(rest, rest, minShared);
    if (whole) return whole;
    while (this.#tries < MAX_SEED_TRIES) {
      let seed: string | undefined;
      let best = 1;
      // Map order is first appearance: ties go to the earliest sentence.
      for (const [k, c] of this.#count)
        if (c > best) {
          best = c;
          seed = k;
        }
      if (seed === undefined) return undefined;
      this.#tries++;
      this.#count.delete(seed);
      const sub = rest.filter((u) => this.#keys.get(u)?.includes(seed));
      // The seed's texts alone must share enough for their own number of comments.
      const found =
        sub.length >= 2
          ? this.#carriers(rest, sub, Math.max(minShared, copiesOf(sub) < 5 ? 60 : 40))
          : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** Texts taken by a form letter no longer count. */
  remove(texts: readonly UniqueText[]): void {
    for (const u of texts)
      for (const k of this.#keys.get(u) ?? []) {
        const c = this.#count.get(k);
        if (c !== undefined) this.#count.set(k, c - u.items.length);
      }
  }

  /**
   * The texts of `rest` that carry the template of `sub` (a part of `rest`): at least 80 % of its
   * sentences, verbatim after normalisation, alone or embedded in a longer sentence. A real form
   * letter is carried whole by nearly every copy; texts chained together only by a stock phrase
   * or a few scattered sentences are not. Undefined unless the template has `minShared`
   * characters and at least `support` of `sub`'s comments carry it.
   */
  #carriers(
    rest: readonly UniqueText[],
    sub: readonly UniqueText[],
    minShared: number,
  ): UniqueText[] | undefined {
    const tKeys = this.#templateKeys(sub);
    let chars = 0;
    for (const k of tKeys) chars += k.length;
    if (chars < minShared || tKeys.length === 0) return undefined;
    const inner = rest.filter((u) => {
      const c = at(this.#compact, u.index);
      let found = 0;
      for (const k of tKeys) if (c.includes(k)) found++;
      return found >= 0.8 * tKeys.length;
    });
    const carrying = new Set(inner);
    let carried = 0;
    let total = 0;
    for (const u of sub) {
      total += u.items.length;
      if (carrying.has(u)) carried += u.items.length;
    }
    if (carried < this.#support * total || inner.length < 2) return undefined;
    return inner;
  }

  /**
   * The compact sentences of {@link findTemplate}(sub): those at least half of the comments
   * contain, or else those of the most copied text.
   */
  #templateKeys(sub: readonly UniqueText[]): string[] {
    const count = new Map<string, number>();
    let total = 0;
    let main = at(sub, 0);
    for (const u of sub) {
      total += u.items.length;
      if (u.items.length > main.items.length) main = u;
      for (const k of this.#keys.get(u) ?? []) count.set(k, (count.get(k) ?? 0) + u.items.length);
    }
    const shared: string[] = [];
    for (const [k, c] of count) if (c * 2 >= total) shared.push(k);
    return shared.length > 0 ? shared : (this.#keys.get(main) ?? []);
  }
}

function copiesOf(texts: readonly UniqueText[]): number {
  let copies = 0;
  for (const u of texts) copies += u.items.length;
  return copies;
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
