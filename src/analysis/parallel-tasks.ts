/**
 * The pieces of work that `mapParallel` (parallel.ts) may hand to a helper thread: each task
 * turns its input into a function of one index, pure and deterministic, so a piece gives the
 * same result whichever thread runs it. Inputs and results cross threads by structured clone;
 * large typed arrays in an input should be on shared memory (the term matrix is).
 */
import { clusterChoosingK, type KMeansResult, sphericalKMeans } from './cluster.ts';
import { BlockPairs, type Candidate, groupCandidates, type ParaphraseOptions } from './paraphrase.ts';
import type { SparseMatrix } from './vectors.ts';

export interface FineGroupsInput {
  matrix: SparseMatrix;
  weights: Float64Array;
  /** Rows of each theme. */
  themes: Int32Array[];
  seed: number;
}

export interface ParaphraseCandidatesInput {
  matrix: SparseMatrix;
  weights: Float64Array;
  /** Eligible rows of each group. */
  groups: readonly Int32Array[];
  opts: ParaphraseOptions;
}

export const TASKS = {
  /** The finer groups of theme t on a large input: k-means, at most 8, k chosen by the data. */
  fineGroups:
    ({ matrix, weights, themes, seed }: FineGroupsInput) =>
    (t: number): KMeansResult => {
      const rows = Array.from(themes[t] ?? []);
      const maxK = Math.min(8, Math.floor(rows.length / 4));
      return maxK >= 2
        ? clusterChoosingK(matrix, rows, weights, { seed: seed + 1000 * (t + 1), minK: 2, maxK })
        : sphericalKMeans(matrix, rows, weights, 1, { seed });
    },
  /** The paraphrase candidates of group g (paraphrase.ts). */
  paraphraseCandidates: ({ matrix, weights, groups, opts }: ParaphraseCandidatesInput) => {
    const pairs = new BlockPairs(matrix);
    return (g: number): Candidate[] =>
      groupCandidates(matrix, groups[g] ?? new Int32Array(0), g, weights, opts, pairs);
  },
} satisfies Record<string, (input: never) => (i: number) => unknown>;

export type TaskName = keyof typeof TASKS;
export type TaskInput<K extends TaskName> = Parameters<(typeof TASKS)[K]>[0];
export type TaskResult<K extends TaskName> = ReturnType<ReturnType<(typeof TASKS)[K]>>;

/** Task `name` made ready for `input`. */
export function taskFor<K extends TaskName>(name: K, input: TaskInput<K>): (i: number) => TaskResult<K> {
  return (TASKS[name] as (x: TaskInput<K>) => (i: number) => TaskResult<K>)(input);
}
