/**
 * Work on many rows in pieces. SQLite binds at most 32,766 values per statement, and
 * better-sqlite3 runs every statement synchronously: a statement over 30,000 rows holds the
 * whole server for its duration. So lists of ids go to the database in chunks, and a long job
 * lets other requests run between its chunks.
 */

/** Ids per statement: far below SQLite's limit, and a few milliseconds of work each. */
export const CHUNK = 1000;

/** `items` in consecutive pieces of at most `size`. */
export function* chunks<T>(items: readonly T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Lets the event loop serve other requests before the next chunk. Inside a transaction this is
 * safe: Kysely holds the one connection for the transaction, so other requests' queries wait for
 * it to commit and never see half of the job.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
