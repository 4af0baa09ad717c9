import { describe, expect, it } from 'vitest';
import { sampledKMeans, sphericalKMeans } from '../../src/analysis/cluster.ts';
import { normalisedMutualInformation } from '../../src/analysis/metrics.ts';
import { mapParallel, parallelStats } from '../../src/analysis/parallel.ts';
import { taskFor } from '../../src/analysis/parallel-tasks.ts';
import { TERM_OPTIONS } from '../../src/analysis/pipeline/term-vectors.ts';
import { tokenise } from '../../src/analysis/tokenise.ts';
import { buildVocabulary, tfidfMatrix } from '../../src/analysis/vectors.ts';
import { generateComments } from './synthetic.ts';

/** Finer-group input on 2,000 synthetic comments cut into four themes by their planted topic. */
function fineGroupsInput() {
  const comments = generateComments(2000, { seed: 9 });
  const { vocab, counts } = buildVocabulary(comments.map((c) => tokenise(c.text, TERM_OPTIONS)));
  const matrix = tfidfMatrix(counts, vocab, 2);
  const themes = [0, 1, 2, 3].map((t) =>
    Int32Array.from(
      comments.flatMap((c, r) =>
        c.topic % 4 === t && matrix.offsets[r] !== matrix.offsets[r + 1] ? [r] : [],
      ),
    ),
  );
  return { matrix, weights: new Float64Array(matrix.rows).fill(1), themes, seed: 42 };
}

const sizesOf = (input: ReturnType<typeof fineGroupsInput>) => input.themes.map((t) => t.length);

describe('mapParallel', () => {
  it('gives what this thread gives, piece by piece, from the helper thread', () => {
    const input = fineGroupsInput();
    const here = input.themes.map((_, t) => taskFor('fineGroups', input)(t));
    const before = parallelStats.helperPieces;
    const helped = mapParallel('fineGroups', input, sizesOf(input), { helper: true, helperOnly: true });
    expect(parallelStats.helperPieces - before).toBe(4);
    expect(helped).toEqual(here);
  });

  it('does every piece here without a helper', () => {
    const input = fineGroupsInput();
    const before = parallelStats.helperPieces;
    const out = mapParallel('fineGroups', input, sizesOf(input), { helper: false });
    expect(parallelStats.helperPieces).toBe(before);
    expect(out.map((r) => r.labels.length)).toEqual(input.themes.map((t) => t.length));
  });
});

describe('sampledKMeans', () => {
  it('finds the planted topics about as well as k-means over every member', () => {
    const comments = generateComments(3000, { seed: 4 });
    const { vocab, counts } = buildVocabulary(comments.map((c) => tokenise(c.text, TERM_OPTIONS)));
    const matrix = tfidfMatrix(counts, vocab, 2);
    const members = comments.flatMap((_, r) => (matrix.offsets[r] !== matrix.offsets[r + 1] ? [r] : []));
    const weights = new Float64Array(matrix.rows).fill(1);
    const topics = members.map((r) => comments[r]?.topic ?? -1);
    const full = sphericalKMeans(matrix, members, weights, 8, { seed: 1 });
    const sampled = sampledKMeans(matrix, members, weights, 8, { seed: 1, sample: 500 });
    const nmiFull = normalisedMutualInformation(topics, Array.from(full.labels));
    const nmiSampled = normalisedMutualInformation(topics, Array.from(sampled.labels));
    expect(sampled.labels.length).toBe(members.length);
    expect(nmiSampled).toBeGreaterThan(nmiFull - 0.05);
  });
});
