/** Bursts: many similar comments arriving within a short window. */
import type { Burst } from './types.ts';

export interface BurstOptions {
  windowMs: number;
  /** Fewest comments in the window. */
  minCount?: number;
  /** The window must hold this many times what an even spread over the whole period gives. */
  minRatio?: number;
  /** Length of the whole consultation in ms (default: the span of these timestamps). */
  periodMs?: number;
}

/**
 * The densest window of `windowMs` among the timestamps, if it is unusual: at least `minCount`
 * comments and `minRatio` × the count an even spread would give (the whole group counts as
 * "even" when the period is no longer than the window). Ties → earliest window.
 */
export function densestBurst(
  times: readonly number[],
  opts: BurstOptions,
): (Burst & { ratio: number }) | undefined {
  const ts = times.filter((t) => Number.isFinite(t)).sort((a, b) => a - b);
  const minCount = opts.minCount ?? 5;
  const minRatio = opts.minRatio ?? 3;
  if (ts.length < minCount) return undefined;
  let bestI = 0;
  let bestJ = 0;
  let j = 0;
  for (let i = 0; i < ts.length; i++) {
    if (j < i) j = i;
    while (j + 1 < ts.length && (ts[j + 1] as number) - (ts[i] as number) <= opts.windowMs) j++;
    if (j - i > bestJ - bestI) {
      bestI = i;
      bestJ = j;
    }
  }
  const count = bestJ - bestI + 1;
  const period = Math.max(
    opts.periodMs ?? 0,
    (ts[ts.length - 1] as number) - (ts[0] as number),
    opts.windowMs,
  );
  const expected = (ts.length * opts.windowMs) / period;
  const ratio = count / Math.max(expected, 1e-9);
  if (count < minCount || ratio < minRatio) return undefined;
  return {
    start: new Date(ts[bestI] as number).toISOString(),
    end: new Date(ts[bestJ] as number).toISOString(),
    count,
    ratio: Math.round(ratio * 100) / 100,
  };
}

/** Asia/Tokyo calendar date of an instant (Japan has no daylight saving time). */
export function tokyoDate(ms: number): string {
  return new Date(ms + 9 * 3600_000).toISOString().slice(0, 10);
}

/** Parse a receivedAt value to epoch ms, or NaN. */
export function toMillis(v: Date | string | undefined): number {
  if (v === undefined) return Number.NaN;
  if (v instanceof Date) return v.getTime();
  return Date.parse(v);
}
