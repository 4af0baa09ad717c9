import type { Kysely } from 'kysely';
import type { Database, HiddenReason, ModerationAction } from '../../db/schema.ts';
import type { RedactionSpan } from '../domain/redaction.ts';
import { REDACTION_REPLACEMENTS } from '../domain/redaction.ts';
import { appendAudit } from './audit.ts';
import type { Actor } from './audit.ts';

/**
 * Moderation never deletes what a citizen sent: hiding sets a flag with a reason, redacting
 * stores the spans and the text to publish beside the original. Every step is a moderation
 * event and an audit entry, written in the same transaction as the change.
 */

/** One comment with everything the staff page shows, personal data included. */
export async function findCommentForStaff(db: Kysely<Database>, consultationId: number, commentId: number) {
  const comment = await db
    .selectFrom('comments')
    .selectAll()
    .where('id', '=', commentId)
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst();
  if (!comment) return undefined;
  const [sections, people, events, redactions, batch] = await Promise.all([
    db
      .selectFrom('comment_sections')
      .innerJoin('sections', 'sections.id', 'comment_sections.section_id')
      .select(['sections.id', 'sections.number', 'sections.heading'])
      .where('comment_sections.comment_id', '=', commentId)
      .orderBy('sections.position')
      .execute(),
    db
      .selectFrom('users')
      .select(['id', 'display_name', 'email'])
      .where('id', 'in', [comment.entered_by ?? -1, comment.hidden_by ?? -1])
      .execute(),
    listModerationEvents(db, commentId),
    listRedactions(db, commentId),
    comment.import_batch_id
      ? db
          .selectFrom('import_batches')
          .select(['filename', 'created_at'])
          .where('id', '=', comment.import_batch_id)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  const who = (id: number | null) => {
    const u = people.find((p) => p.id === id);
    return u ? u.display_name || u.email : null;
  };
  return {
    comment,
    sections,
    enteredBy: who(comment.entered_by),
    hiddenBy: who(comment.hidden_by),
    events,
    redactions,
    importBatch: batch ?? null,
  };
}

export type StaffComment = NonNullable<Awaited<ReturnType<typeof findCommentForStaff>>>;

export async function listModerationEvents(db: Kysely<Database>, commentId: number) {
  return db
    .selectFrom('moderation_events')
    .leftJoin('users', 'users.id', 'moderation_events.actor_id')
    .select([
      'moderation_events.id',
      'moderation_events.action',
      'moderation_events.reason',
      'moderation_events.note',
      'moderation_events.at',
      'users.display_name',
      'users.email',
    ])
    .where('moderation_events.comment_id', '=', commentId)
    .orderBy('moderation_events.at')
    .orderBy('moderation_events.id')
    .execute();
}

export async function listRedactions(db: Kysely<Database>, commentId: number) {
  return db
    .selectFrom('redactions')
    .select(['id', 'start', 'end', 'kind', 'replacement', 'at'])
    .where('comment_id', '=', commentId)
    .orderBy('start')
    .execute();
}

async function recordEvent(
  db: Kysely<Database>,
  commentId: number,
  action: ModerationAction,
  reason: string,
  note: string,
  actor: Actor,
  now: Date,
) {
  await db
    .insertInto('moderation_events')
    .values({ comment_id: commentId, action, reason, note, actor_id: actor.id, at: now.toISOString() })
    .execute();
}

/** Hides a comment from the public and the council, with a reason. False if it was already hidden. */
export async function hideComment(
  db: Kysely<Database>,
  input: { commentId: number; reason: HiddenReason; note: string; actor: Actor },
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('comments')
      .select(['hidden_at', 'hidden_reason', 'hidden_note', 'hidden_by'])
      .where('id', '=', input.commentId)
      .executeTakeFirstOrThrow();
    if (before.hidden_at) return false;
    const after = {
      hidden_at: now.toISOString(),
      hidden_reason: input.reason,
      hidden_note: input.note,
      hidden_by: input.actor.id,
    };
    await trx.updateTable('comments').set(after).where('id', '=', input.commentId).execute();
    await recordEvent(trx, input.commentId, 'hide', input.reason, input.note, input.actor, now);
    await appendAudit(
      trx,
      {
        actorId: input.actor.id,
        actorLabel: input.actor.label,
        action: 'comment.hide',
        targetType: 'comment',
        targetId: input.commentId,
        before,
        after,
        ip: input.actor.ip,
      },
      now,
    );
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
    const before = await trx
      .selectFrom('comments')
      .select(['hidden_at', 'hidden_reason', 'hidden_note', 'hidden_by'])
      .where('id', '=', input.commentId)
      .executeTakeFirstOrThrow();
    if (!before.hidden_at) return false;
    const after = { hidden_at: null, hidden_reason: null, hidden_note: '', hidden_by: null };
    await trx.updateTable('comments').set(after).where('id', '=', input.commentId).execute();
    await recordEvent(
      trx,
      input.commentId,
      'unhide',
      before.hidden_reason ?? '',
      input.note,
      input.actor,
      now,
    );
    await appendAudit(
      trx,
      {
        actorId: input.actor.id,
        actorLabel: input.actor.label,
        action: 'comment.unhide',
        targetType: 'comment',
        targetId: input.commentId,
        before,
        after,
        ip: input.actor.ip,
      },
      now,
    );
    return true;
  });
}

/**
 * Replaces the comment's redactions with `spans` and stores the text to publish. No spans
 * means the original text is published again (an `unredact` event). The original body is
 * never touched.
 */
export async function saveRedactions(
  db: Kysely<Database>,
  input: { commentId: number; spans: readonly RedactionSpan[]; redactedText: string | null; actor: Actor },
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('comments')
      .select('body_redacted')
      .where('id', '=', input.commentId)
      .executeTakeFirstOrThrow();
    const beforeSpans = await listRedactions(trx, input.commentId);
    const redacted = input.spans.length > 0 ? input.redactedText : null;
    await trx.deleteFrom('redactions').where('comment_id', '=', input.commentId).execute();
    if (input.spans.length > 0) {
      await trx
        .insertInto('redactions')
        .values(
          input.spans.map((s) => ({
            comment_id: input.commentId,
            start: s.start,
            end: s.end,
            kind: s.kind,
            replacement: REDACTION_REPLACEMENTS[s.kind],
            actor_id: input.actor.id,
            at: now.toISOString(),
          })),
        )
        .execute();
    }
    await trx
      .updateTable('comments')
      .set({ body_redacted: redacted })
      .where('id', '=', input.commentId)
      .execute();
    const kinds = [...new Set(input.spans.map((s) => s.kind))].join(',');
    await recordEvent(
      trx,
      input.commentId,
      redacted === null ? 'unredact' : 'redact',
      kinds,
      `${input.spans.length}`,
      input.actor,
      now,
    );
    await appendAudit(
      trx,
      {
        actorId: input.actor.id,
        actorLabel: input.actor.label,
        action: 'comment.redact',
        targetType: 'comment',
        targetId: input.commentId,
        before: {
          body_redacted: before.body_redacted,
          spans: beforeSpans.map((s) => ({ start: s.start, end: s.end, kind: s.kind })),
        },
        after: {
          body_redacted: redacted,
          spans: input.spans.map((s) => ({ start: s.start, end: s.end, kind: s.kind })),
        },
        ip: input.actor.ip,
      },
      now,
    );
  });
}
