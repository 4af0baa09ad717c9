import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * The lease on a consultation's one analysis job (migration 0010), so that of any number of app
 * processes exactly one runs it: a process runs a job only after `claimAnalysisJob` took the
 * row, reports its progress in it, and deletes it when done. Every statement decides on its own
 * (no read before the write), so two processes claiming at once cannot both win.
 */

export interface AnalysisJobRow {
  version: number;
  owner: string;
  phase: string;
  percent: number;
  error: string | null;
}

/**
 * Takes the lease for `version` when no live job holds it: the row is absent, its holder stopped
 * beating before `staleBefore` (the process died), or it failed on an older version. True when
 * `owner` holds it now.
 */
export async function claimAnalysisJob(
  db: Kysely<Database>,
  consultationId: number,
  lease: { version: number; owner: string },
  now: Date,
  staleBefore: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const values = { ...lease, phase: 'queued', percent: 0, error: null, started_at: at, heartbeat_at: at };
  const row = await db
    .insertInto('analysis_jobs')
    .values({ consultation_id: consultationId, ...values })
    .onConflict((oc) =>
      oc
        .column('consultation_id')
        .doUpdateSet(values)
        .where((eb) =>
          eb.or([
            eb('analysis_jobs.heartbeat_at', '<', staleBefore.toISOString()),
            eb.and([
              eb('analysis_jobs.error', 'is not', null),
              eb('analysis_jobs.version', '<>', lease.version),
            ]),
          ]),
        ),
    )
    .returning('owner')
    .executeTakeFirst();
  return row?.owner === lease.owner;
}

/** The consultation's job as its holder last reported it, if one holds the lease. */
export function findAnalysisJob(
  db: Kysely<Database>,
  consultationId: number,
): Promise<AnalysisJobRow | undefined> {
  return db
    .selectFrom('analysis_jobs')
    .select(['version', 'owner', 'phase', 'percent', 'error'])
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst();
}

/** The holder's progress (and that it is alive); nothing when it no longer holds the lease. */
export async function reportAnalysisJob(
  db: Kysely<Database>,
  consultationId: number,
  owner: string,
  progress: { phase: string; percent: number } | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable('analysis_jobs')
    .set({ ...(progress ?? {}), heartbeat_at: now.toISOString() })
    .where('consultation_id', '=', consultationId)
    .where('owner', '=', owner)
    .execute();
}

/** The holder ends its job: done (the row goes) or failed (the row keeps the message to report). */
export async function endAnalysisJob(
  db: Kysely<Database>,
  consultationId: number,
  owner: string,
  error: string | null,
): Promise<void> {
  if (error === null) {
    await db
      .deleteFrom('analysis_jobs')
      .where('consultation_id', '=', consultationId)
      .where('owner', '=', owner)
      .execute();
  } else {
    await db
      .updateTable('analysis_jobs')
      .set({ error, phase: 'failed' })
      .where('consultation_id', '=', consultationId)
      .where('owner', '=', owner)
      .execute();
  }
}

/**
 * Takes the failure of the job for `version`, if it failed: the message, once (the row goes, so
 * the next request starts the job again), whichever process asks first.
 */
export async function takeAnalysisFailure(
  db: Kysely<Database>,
  consultationId: number,
  version: number,
): Promise<string | undefined> {
  const row = await db
    .deleteFrom('analysis_jobs')
    .where('consultation_id', '=', consultationId)
    .where('version', '=', version)
    .where('error', 'is not', null)
    .returning('error')
    .executeTakeFirst();
  return row?.error ?? undefined;
}
