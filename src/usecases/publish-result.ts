/**
 * Publishing a result (行政手続法43条): one use case decides and writes in one transaction, so
 * nothing can change between "every comment is accounted for" and "published". The result is
 * stored as published — counts, the table, the differences from the draft — and served as
 * stored: no public view compares texts again.
 */
import type { Kysely, Transaction } from 'kysely';
import type { PublishedResultSnapshot } from '../../db/published-result.ts';
import type { Consultation, Database } from '../../db/schema.ts';
import { type Actor, appendAuditBy } from '../data/audit.ts';
import { findConsultation, listAllSections } from '../data/consultations.ts';
import { holdCommentWrites, lockConsultation } from '../data/dialect.ts';
import { countReviewProgress } from '../data/groups.ts';
import {
  countResultComments,
  listResultGroups,
  listResultsWithoutSnapshot,
  markResultPublished,
  type PublishedResult,
  storePublishedResult,
} from '../data/results.ts';
import {
  type PublishProblem,
  type PublishWarning,
  publishProblems,
  publishWarnings,
  sectionChanges,
} from '../domain/results.ts';
import { queueResultMails } from './mail.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface PublishInput {
  /** 補足: published with the result. */
  note: string;
  /** The city dropped the policy: published as such. */
  policyDropped: boolean;
}

/** Where the result stands: what publishing would check, and what it would publish. */
export async function assessPublication(db: Db, consultation: Consultation, now: Date) {
  const progress = await countReviewProgress(db, consultation.id);
  const groups = await listResultGroups(db, consultation.id);
  const changes = sectionChanges(await listAllSections(db as Kysely<Database>, consultation.id));
  return {
    progress,
    groups,
    changes,
    problems: publishProblems(consultation, progress.unaccounted, groups, changes, now),
    warnings: publishWarnings(groups, changes),
  };
}

/**
 * The result as publishing it now would publish it, for staff to preview: the same table,
 * differences and counts as {@link publishResult} stores, with what still stands in the way.
 * Nothing is written.
 */
export async function previewResult(
  db: Kysely<Database>,
  consultation: Consultation,
  input: PublishInput,
  now: Date,
): Promise<{ result: PublishedResult; problems: PublishProblem[] }> {
  const { groups, changes, problems } = await assessPublication(db, consultation, now);
  const counts = await countResultComments(db, consultation.id);
  const result: PublishedResult = {
    consultation: {
      id: consultation.id,
      title: consultation.title,
      department: consultation.department,
      publishedAt: consultation.published_at,
      opensAt: consultation.opens_at,
      closesAt: consultation.closes_at,
      resultPublishedAt: now.toISOString(),
      resultNote: input.note,
      policyDropped: input.policyDropped,
    },
    ...counts,
    groups,
    changes,
  };
  return { result, problems };
}

export type PublishOutcome = { published: true } | { published: false; problems: PublishProblem[] };
export type { PublishProblem, PublishWarning };

/**
 * Publishes the result of a consultation if nothing stands in the way (src/domain/results.ts:
 * period closed, every comment accounted for, every group complete and consistent with the
 * final text), storing it as published and auditing it as result.publish.
 */
export async function publishResult(
  db: Kysely<Database>,
  consultationId: number,
  input: PublishInput,
  actor: Actor,
  now: Date,
): Promise<PublishOutcome> {
  return db.transaction().execute(async (trx) => {
    // Nothing may change between the check and the write, in this process or another.
    await lockConsultation(trx, consultationId, 'update');
    await holdCommentWrites(trx);
    const consultation = await findConsultation(trx, consultationId);
    if (!consultation) return { published: false, problems: [] };
    const { groups, changes, problems } = await assessPublication(trx, consultation, now);
    if (problems.length > 0) return { published: false, problems };
    const at = now.toISOString();
    await markResultPublished(trx, consultationId, input, at);
    await storeSnapshot(trx, consultationId, { groups, changes }, at);
    await queueResultMails(trx, consultationId, now);
    await appendAuditBy(trx, actor, now, {
      action: 'result.publish',
      targetType: 'consultations',
      targetId: consultationId,
      before: {
        result_published_at: consultation.result_published_at,
        result_note: consultation.result_note,
        policy_dropped: consultation.policy_dropped,
      },
      after: {
        result_published_at: at,
        result_note: input.note,
        policy_dropped: input.policyDropped ? 1 : 0,
      },
    });
    return { published: true };
  });
}

async function storeSnapshot(
  trx: Transaction<Database>,
  consultationId: number,
  table: Pick<PublishedResultSnapshot, 'groups' | 'changes'>,
  at: string,
) {
  const counts = await countResultComments(trx, consultationId);
  await storePublishedResult(trx, consultationId, { ...counts, ...table }, at);
}

/**
 * Results published before results were stored (migration 0003) get their stored form, made
 * from the data as it is now. Run once at start; returns how many were filled in.
 */
export async function storeMissingResults(db: Kysely<Database>): Promise<number> {
  const missing = await listResultsWithoutSnapshot(db);
  for (const r of missing) {
    await db.transaction().execute(async (trx) => {
      const groups = await listResultGroups(trx, r.id);
      const changes = sectionChanges(await listAllSections(trx, r.id));
      await storeSnapshot(trx, r.id, { groups, changes }, r.resultPublishedAt);
    });
  }
  return missing.length;
}
