/**
 * Adopting one suggested group: in one transaction, the staff group is created with the summary
 * and section staff confirmed, and the suggestion's comments that are still unplaced are put in
 * it (a comment placed meanwhile stays where it is). Audited as group.adopt_suggestion.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Actor, appendAuditBy } from '../data/audit.ts';
import { findConsultation } from '../data/consultations.ts';
import { insertGroupRow, moveComments } from '../data/groups.ts';
import { listUnplacedAmong } from '../data/suggestions.ts';

export interface AdoptSuggestionInput {
  consultationId: number;
  /** The engine's group id and those merged into it, for the record. */
  suggestionId: string;
  mergedIds: readonly string[];
  summary: string;
  /** The 該当箇所 (none: the draft as a whole). */
  sectionId: number | null;
  commentIds: readonly number[];
}

export type AdoptOutcome =
  | { ok: true; groupId: number; placed: number }
  | { ok: false; reason: 'published' | 'nothing_left' };

export async function adoptSuggestion(
  db: Kysely<Database>,
  input: AdoptSuggestionInput,
  actor: Actor,
  now: Date,
): Promise<AdoptOutcome> {
  return db.transaction().execute(async (trx) => {
    const consultation = await findConsultation(trx, input.consultationId);
    if (!consultation || consultation.result_published_at) return { ok: false, reason: 'published' };
    const members = await listUnplacedAmong(trx, input.consultationId, input.commentIds);
    if (members.length === 0) return { ok: false, reason: 'nothing_left' };
    const sectionIds = input.sectionId === null ? [] : [input.sectionId];
    const groupId = await insertGroupRow(
      trx,
      input.consultationId,
      { summary: input.summary, sectionIds },
      now,
    );
    const placed = await moveComments(trx, input.consultationId, members, groupId, actor, now);
    await appendAuditBy(trx, actor, now, {
      action: 'group.adopt_suggestion',
      targetType: 'comment_groups',
      targetId: groupId,
      after: {
        consultation_id: input.consultationId,
        suggestion: input.suggestionId,
        merged: input.mergedIds,
        summary: input.summary,
        section_ids: sectionIds,
        comment_ids: members,
      },
    });
    return { ok: true, groupId, placed };
  });
}
