/**
 * Step 4: terms and TF-IDF vectors, one row per point (its most copied text). Copies count in
 * the weights, damped: one campaign of 5,000 copies must not become five themes.
 */
import type { TokenJob } from '../tokenise-pool.ts';
import { tokenise, type TokeniseOptions } from '../tokenise.ts';
import {
  CountsBuilder,
  type SparseMatrix,
  type TermCounts,
  tfidfMatrix,
  type Vocabulary,
} from '../vectors.ts';
import type { IdenticalTexts } from './identical-texts.ts';
import type { Point } from './near-duplicate-points.ts';
import { at, type Run } from './run.ts';

/** How the analysis tokenises (the worker is started with these at the very beginning). */
export const TERM_OPTIONS: TokeniseOptions = { parts: true };

export interface TermVectors {
  vocab: Vocabulary;
  /** Term counts per row. */
  counts: TermCounts;
  matrix: SparseMatrix;
  /** Weight per row: 1 + ln(copies). */
  weights: Float64Array;
}

export function termVectors(
  run: Run,
  texts: IdenticalTexts,
  points: readonly Point[],
  terms: TokenJob,
): TermVectors {
  const normalised: TokeniseOptions = { ...TERM_OPTIONS, normalised: true };
  const builder = new CountsBuilder(points.length);
  terms.collectInto(
    points.map((pt) => pt.rep.first),
    (i) => tokenise(at(texts.uniques, at(texts.uniqueOf, i)).norm, normalised),
    (row, doc) => builder.add(row, doc),
  );
  const { vocab, counts } = builder.finish();
  const matrix = tfidfMatrix(counts, vocab, points.length < 40 ? 1 : 2);
  const weights = Float64Array.from(points, (pt) => 1 + Math.log(pt.copies));
  run.progress(points.length, points.length, 'tokenise');
  return { vocab, counts, matrix, weights };
}
