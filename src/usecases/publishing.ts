/**
 * Publishing a draft and withdrawing (中止) a published consultation. What publishing needs (a
 * title, a department, sections, a period of 30 days or a stated reason that has not ended) is
 * decided on the stored consultation in the same transaction that publishes it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../data/audit.ts';
import { findConsultation } from '../data/consultations.ts';
import {
  countDraftSections,
  publishConsultation,
  withdrawConsultation,
} from '../data/staff-consultations.ts';
import { canWithdraw, type PublishPlan, planPublish } from '../domain/consultation-rules.ts';

export type PublishOutcome = { published: true } | { published: false; plan: PublishPlan | null };

/** Publishes the draft now (opening now, or at its planned opening), or says what stops it. */
export async function publish(
  db: Kysely<Database>,
  id: number,
  actor: Actor,
  now: Date,
): Promise<PublishOutcome> {
  return db.transaction().execute(async (trx): Promise<PublishOutcome> => {
    const c = await findConsultation(trx, id);
    if (!c) return { published: false, plan: null };
    const plan = planPublish(c, await countDraftSections(trx, id), now);
    if (plan.problems.length > 0 || !plan.opensAt) return { published: false, plan };
    await publishConsultation(trx, id, plan.opensAt, actor, now);
    return { published: true };
  });
}

/** Withdraws a published consultation whose result is not out, with its public reason. */
export async function withdraw(
  db: Kysely<Database>,
  id: number,
  reason: string,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const c = await findConsultation(trx, id);
    if (!c || !canWithdraw(c)) return false;
    return withdrawConsultation(trx, id, reason, actor, now);
  });
}
