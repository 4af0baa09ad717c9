/**
 * Step 1: normalise every text and collapse the identical ones. Identical texts (after folding
 * width, punctuation and symbols) become one unique text; groups of two or more are the
 * duplicate groups `d1`, `d2`… of the result.
 */
import { compactNormalised, normaliseText } from '../normalise.ts';
import type { TokenJob } from '../tokenise-pool.ts';
import type { DuplicateGroup } from '../types.ts';
import { at, Once, type Run } from './run.ts';

export interface UniqueText {
  /** Position in {@link IdenticalTexts.uniques}. */
  index: number;
  /** The first item with this text. */
  first: number;
  /** Every item with this text, ascending. */
  items: number[];
  norm: string;
  /** The duplicate group (`d3`) when two or more items share the text. */
  duplicateGroup?: string;
}

export interface IdenticalTexts {
  uniques: UniqueText[];
  /** Item → index of its unique text. */
  uniqueOf: Int32Array;
  duplicates: DuplicateGroup[];
  /**
   * Per unique text, its identity key (the normal form without spaces and punctuation), for the
   * near-duplicate step only.
   */
  keys: Once<string[]>;
}

/**
 * `terms` normalises the back of a large input in its worker meanwhile, and learns which items
 * are copies (their terms are never needed).
 */
export function identicalTexts(run: Run, terms: TokenJob): IdenticalTexts {
  const { items, progress } = run;
  const n = items.length;
  const uniqueOf = new Int32Array(n);
  const uniques: UniqueText[] = [];
  const byKey = new Map<string, UniqueText>();
  const uniqueKeys: string[] = [];
  const { norms, keys } = terms.normalise((i) => {
    const norm = normaliseText(at(items, i).text ?? '');
    return [norm, compactNormalised(norm)];
  });
  for (let i = 0; i < n; i++) {
    const key = at(keys, i);
    // Empty comments are never "identical" to each other in any meaningful way.
    let u = key === '' ? undefined : byKey.get(key);
    if (u === undefined) {
      u = { index: uniques.length, first: i, items: [], norm: at(norms, i) };
      uniques.push(u);
      uniqueKeys.push(key);
      if (key !== '') byKey.set(key, u);
    } else terms.skip(i);
    u.items.push(i);
    uniqueOf[i] = u.index;
    if (i % 5000 === 4999) progress(i + 1, n, 'normalise');
  }
  progress(n, n, 'normalise');

  const duplicates = uniques
    .filter((u) => u.items.length >= 2)
    .sort((a, b) => b.items.length - a.items.length || a.first - b.first)
    .map((u, k): DuplicateGroup => {
      u.duplicateGroup = `d${k + 1}`;
      return {
        id: u.duplicateGroup,
        count: u.items.length,
        memberIds: u.items.map(run.idOf),
        canonicalText: at(items, u.first).text,
      };
    });
  return { uniques, uniqueOf, duplicates, keys: new Once(uniqueKeys) };
}
