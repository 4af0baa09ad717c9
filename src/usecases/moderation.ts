/**
 * Moderating a comment: hiding it with a reason, showing it again, and publishing it with
 * personal data removed. Each is one transaction with its moderation event and audit entry;
 * the original text is never touched.
 */
import type { Kysely } from 'kysely';
import type { Database, HiddenReason } from '../../db/schema.ts';
import { type Actor, appendAuditBy } from '../data/audit.ts';
import {
  findHiddenState,
  findRedactedText,
  insertModerationEvent,
  listRedactions,
  replaceRedactions,
  updateHiddenState,
} from '../data/moderation.ts';
import { applyRedactions, REDACTION_REPLACEMENTS, type RedactionSpan } from '../domain/redaction.ts';

/** Hides a comment from the public and the council, with a reason. False if it was already hidden. */
export async function hideComment(
  db: Kysely<Database>,
  input: { commentId: number; reason: HiddenReason; note: string; actor: Actor },
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findHiddenState(trx, input.commentId);
    if (before.hidden_at) return false;
    const after = {
      hidden_at: now.toISOString(),
      hidden_reason: input.reason,
      hidden_note: input.note,
      hidden_by: input.actor.id,
    };
    await updateHiddenState(trx, input.commentId, after);
    await insertModerationEvent(
      trx,
      {
        commentId: input.commentId,
        action: 'hide',
        reason: input.reason,
        note: input.note,
        actorId: input.actor.id,
      },
      now,
    );
    await appendAuditBy(trx, input.actor, now, {
      action: 'comment.hide',
      targetType: 'comment',
      targetId: input.commentId,
      before,
      after,
    });
    return true;
  });
}

/** Shows a hidden comment again. False if it was not hidden. */
export async function unhideComment(
  db: Kysely<Database>,
  input: { commentId: number; note: string; actor: Actor },
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findHiddenState(trx, input.commentId);
    if (!before.hidden_at) return false;
    const after = { hidden_at: null, hidden_reason: null, hidden_note: '', hidden_by: null };
    await updateHiddenState(trx, input.commentId, after);
    await insertModerationEvent(
      trx,
      {
        commentId: input.commentId,
        action: 'unhide',
        reason: before.hidden_reason ?? '',
        note: input.note,
        actorId: input.actor.id,
      },
      now,
    );
    await appendAuditBy(trx, input.actor, now, {
      action: 'comment.unhide',
      targetType: 'comment',
      targetId: input.commentId,
      before,
      after,
    });
    return true;
  });
}

/**
 * Replaces the comment's redactions with `spans` and stores the text to publish. No spans
 * means the original text is published again (an `unredact` event).
 */
export async function redactComment(
  db: Kysely<Database>,
  input: { commentId: number; body: string; spans: readonly RedactionSpan[]; actor: Actor },
  now: Date,
): Promise<void> {
  const spans = input.spans.map((s) => ({ ...s, replacement: REDACTION_REPLACEMENTS[s.kind] }));
  const redacted = spans.length > 0 ? applyRedactions(input.body, input.spans) : null;
  await db.transaction().execute(async (trx) => {
    const beforeText = await findRedactedText(trx, input.commentId);
    const beforeSpans = await listRedactions(trx, input.commentId);
    await replaceRedactions(
      trx,
      { commentId: input.commentId, spans, redactedText: redacted, actorId: input.actor.id },
      now,
    );
    await insertModerationEvent(
      trx,
      {
        commentId: input.commentId,
        action: redacted === null ? 'unredact' : 'redact',
        reason: [...new Set(spans.map((s) => s.kind))].join(','),
        note: `${spans.length}`,
        actorId: input.actor.id,
      },
      now,
    );
    const where = (list: readonly { start: number; end: number; kind: string }[]) =>
      list.map((s) => ({ start: s.start, end: s.end, kind: s.kind }));
    await appendAuditBy(trx, input.actor, now, {
      action: 'comment.redact',
      targetType: 'comment',
      targetId: input.commentId,
      before: { body_redacted: beforeText, spans: where(beforeSpans) },
      after: { body_redacted: redacted, spans: where(spans) },
    });
  });
}
