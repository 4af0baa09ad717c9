/**
 * What every step of `analyse()` shares: the input, the settings with their defaults, progress
 * reporting and the per-phase timings.
 */
import type { AnalyseOptions, AnalysisInput, CommentId, ProgressCallback } from '../types.ts';

export interface Settings {
  minCampaignSize: number;
  minParaphraseSize: number;
  paraphraseSimilarity: number;
  burstWindowMinutes: number;
  seed: number;
  representatives: number;
  /** Share of a near-duplicate group's copies that must carry its template to be a form letter. */
  templateSupport: number;
  /** A fixed number of themes, or undefined: chosen by the data. */
  themes: number | undefined;
}

export function settingsFrom(opts: AnalyseOptions): Settings {
  return {
    minCampaignSize: opts.minCampaignSize ?? 3,
    minParaphraseSize: opts.minParaphraseSize ?? 5,
    paraphraseSimilarity: opts.paraphraseSimilarity ?? 0.5,
    burstWindowMinutes: opts.burstWindowMinutes ?? 60,
    seed: opts.seed ?? 42,
    representatives: opts.representatives ?? 4,
    templateSupport: 0.5,
    themes: opts.themes,
  };
}

export interface Run {
  readonly items: readonly AnalysisInput[];
  readonly settings: Settings;
  readonly progress: ProgressCallback;
  /** Milliseconds per phase, in the order the phases ran (`stats.timingsMs`). */
  readonly timings: Record<string, number>;
  /**
   * The process's peak resident memory (MB) at the end of each phase (`stats.peakRssMB`), with
   * `opts.timings` only.
   */
  readonly peakRss: Record<string, number>;
  /** Runs one step and books the time since the previous one under `phase`. */
  step<T>(phase: string, fn: () => T): T;
  /** The comment id of item `i`. */
  idOf(i: number): CommentId;
}

export function startRun(
  items: readonly AnalysisInput[],
  opts: AnalyseOptions,
  onProgress: ProgressCallback | undefined,
): Run {
  const timings: Record<string, number> = {};
  const peakRss: Record<string, number> = {};
  let last = performance.now();
  return {
    items,
    settings: settingsFrom(opts),
    progress: onProgress ?? (() => {}),
    timings,
    peakRss,
    step(phase, fn) {
      const out = fn();
      const now = performance.now();
      timings[phase] = Math.round(now - last);
      if (opts.timings) peakRss[phase] = Math.round(process.resourceUsage().maxRSS / 1024);
      last = now;
      return out;
    },
    idOf: (i) => at(items, i).id,
  };
}

/**
 * `list[i]` for an index the analysis made itself (an item, a unique text, a matrix row): a miss
 * is a bug, so it throws rather than letting `undefined` travel on.
 */
export function at<T>(list: ArrayLike<T>, i: number): T {
  const v = list[i];
  if (v === undefined) throw new RangeError(`analysis: no entry ${i} (of ${list.length})`);
  return v;
}

/**
 * A large value handed from one step to the next and let go there: `take()` gives it once, so
 * nothing keeps it alive for the rest of the run (the identity keys of a million texts are
 * hundreds of MB).
 */
export class Once<T> {
  #value: T | undefined;
  constructor(value: T) {
    this.#value = value;
  }
  take(): T {
    const v = this.#value;
    if (v === undefined) throw new Error('analysis: value already taken');
    this.#value = undefined;
    return v;
  }
}
