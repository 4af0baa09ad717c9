/**
 * How long the suite's requests take, reported, never judged: a shared CI machine pauses at
 * will, so a wall-clock bar would fail for reasons that are not the app's. What is judged
 * instead is bounded work (see `attack.ts`: no answer far larger than its request) and the
 * payload sizes the cases send; the slowest requests are printed at the end of each file so a
 * person can see a route getting slower.
 */

export interface Timing {
  label: string;
  ms: number;
}

export interface Measure {
  timings: Timing[];
  count: number;
}

export const newMeasure = (): Measure => ({ timings: [], count: 0 });

/** Runs `fn` and records its duration under `label` (only the slowest few hundred are kept). */
export async function timed<T>(
  measure: Measure,
  label: string,
  fn: () => Promise<T>,
): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  const ms = performance.now() - start;
  measure.count++;
  measure.timings.push({ label, ms });
  if (measure.timings.length > 400) {
    measure.timings.sort((a, b) => b.ms - a.ms);
    measure.timings.length = 200;
  }
  return { value, ms };
}

/** Prints the count of requests and the slowest ten. */
export function printSlowest(measure: Measure, title: string): void {
  const slowest = [...measure.timings].sort((a, b) => b.ms - a.ms).slice(0, 10);
  console.log(
    `${title}: ${measure.count} requests; slowest:\n${slowest
      .map((t) => `  ${t.ms.toFixed(0).padStart(5)} ms  ${t.label.slice(0, 160)}`)
      .join('\n')}`,
  );
}
