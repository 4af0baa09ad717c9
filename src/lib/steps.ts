/**
 * Long work in steps: a generator does a bounded piece of work between two `yield`s, and `finish`
 * lets the event loop serve other requests between the pieces. Work stays on one thread, but no
 * single piece holds the loop for long.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Runs `steps` to the end, giving other work a turn after every step. */
export async function finish<T>(steps: Generator<void, T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await nextTurn();
  }
}

export { nextTurn };
