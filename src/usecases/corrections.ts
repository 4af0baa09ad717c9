/**
 * A correction (正誤) to a published draft: the only way its text changes once the public has
 * seen it. The consultation must be published (not a draft, not withdrawn) and the section must
 * still be in it when the correction is written. That it changes something is the form's check
 * (src/schemas/sections.ts, against the section as loaded).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../data/audit.ts';
import { findConsultation } from '../data/consultations.ts';
import { correctSection } from '../data/staff-consultations.ts';

export type CorrectionOutcome = { ok: true } | { ok: false; problem: 'not_published' | 'not_found' };

export async function recordCorrection(
  db: Kysely<Database>,
  consultationId: number,
  sectionId: number,
  change: { heading: string; body_md: string; note: string },
  actor: Actor,
  now: Date,
): Promise<CorrectionOutcome> {
  return db.transaction().execute(async (trx): Promise<CorrectionOutcome> => {
    const c = await findConsultation(trx, consultationId);
    if (c?.status !== 'published') return { ok: false, problem: 'not_published' };
    const done = await correctSection(trx, consultationId, sectionId, change, actor, now);
    return done ? { ok: true } : { ok: false, problem: 'not_found' };
  });
}
