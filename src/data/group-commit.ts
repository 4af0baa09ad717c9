import { type Kysely, sql, type Transaction } from 'kysely';
import { engineOf } from '../../db/migrations/dialect.ts';
import type { Database } from '../../db/schema.ts';

/**
 * Group commit: writes that arrive together share one transaction, so one fsync makes them all
 * durable. With `synchronous = FULL` every commit waits for the disk (and better-sqlite3 waits on
 * the event loop); under load the commit, not the work, was the cost of a comment.
 *
 * The first write to arrive schedules a commit for the end of the current turn of the event loop;
 * every write that arrives before then joins it. Each runs inside a savepoint of its own, so one
 * that fails is undone alone and only its caller sees the error. Every caller's promise settles
 * after the shared COMMIT has returned: nobody is told "stored" before it is on disk. A COMMIT that
 * fails rejects them all (nothing of the group is stored).
 *
 * On PostgreSQL each write gets a transaction of its own instead (see `transactionPerWrite`).
 */
export interface GroupCommit {
  /** Runs `work` in the next shared transaction; resolves with its result once that has committed. */
  run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /** Writes waiting for the next commit. */
  readonly waiting: number;
}

/** Thrown by `run` when more writes are waiting than `maxWaiting`: the caller should shed load. */
export class CommitQueueFull extends Error {
  constructor() {
    super('Too many writes are waiting for a commit');
  }
}

interface Waiting {
  work: (trx: Transaction<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export function createGroupCommit(
  db: Kysely<Database>,
  opts: { maxBatch?: number; maxWaiting?: number } = {},
): GroupCommit {
  if (engineOf(db) === 'postgres') return transactionPerWrite(db, opts.maxWaiting ?? 2048);
  const maxBatch = opts.maxBatch ?? 256;
  const maxWaiting = opts.maxWaiting ?? 2048;
  let queue: Waiting[] = [];
  let scheduled = false;
  let committing = false;

  const schedule = () => {
    if (scheduled || committing || queue.length === 0) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void commit();
    });
  };

  async function commit() {
    committing = true;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const w of batch) {
          await sql`SAVEPOINT koe_write`.execute(trx);
          try {
            const value = await w.work(trx);
            await sql`RELEASE koe_write`.execute(trx);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await sql`ROLLBACK TO koe_write`.execute(trx);
            await sql`RELEASE koe_write`.execute(trx);
            outcomes.push({ ok: false, value: error });
          }
        }
      });
      batch.forEach((w, i) => {
        const o = outcomes[i]!;
        if (o.ok) w.resolve(o.value);
        else w.reject(o.value);
      });
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      committing = false;
      schedule();
    }
  }

  return {
    run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
      if (queue.length >= maxWaiting) return Promise.reject(new CommitQueueFull());
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        schedule();
      });
    },
    get waiting() {
      return queue.length;
    },
  };
}

/**
 * PostgreSQL: one transaction per write, each on a connection of the pool. The server already
 * groups the WAL flushes of commits that arrive together, and waiting for a commit does not
 * hold the event loop, so a shared transaction would save little; it would cost much: one
 * connection doing every write of the process one after another while the rest of the pool
 * idles, row locks held until the whole group commits, and a deadlock or serialization failure
 * with another process undoing the whole group instead of one write. `maxWaiting` still bounds
 * the writes in flight, so load shedding answers the same on both engines.
 */
function transactionPerWrite(db: Kysely<Database>, maxWaiting: number): GroupCommit {
  let inFlight = 0;
  return {
    async run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
      if (inFlight >= maxWaiting) throw new CommitQueueFull();
      inFlight++;
      try {
        return await db.transaction().execute(work);
      } finally {
        inFlight--;
      }
    },
    get waiting() {
      return inFlight;
    },
  };
}
