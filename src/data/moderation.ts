import type { Kysely } from 'kysely';
import type { Database, HiddenReason, ModerationAction } from '../../db/schema.ts';

/**
 * Moderation's queries. Nothing here deletes what a citizen sent: hiding sets a flag with a
 * reason, redacting stores the spans and the text to publish beside the original
 * (src/usecases/moderation.ts decides and writes each step in one transaction).
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

/** One step in a comment's moderation history. */
export async function insertModerationEvent(
  db: Kysely<Database>,
  event: {
    commentId: number;
    action: ModerationAction;
    reason: string;
    note: string;
    actorId: number | null;
  },
  now: Date,
): Promise<void> {
  await db
    .insertInto('moderation_events')
    .values({
      comment_id: event.commentId,
      action: event.action,
      reason: event.reason,
      note: event.note,
      actor_id: event.actorId,
      at: now.toISOString(),
    })
    .execute();
}

/** Whether (and why, and by whom) a comment is hidden. */
export async function findHiddenState(db: Kysely<Database>, commentId: number) {
  return db
    .selectFrom('comments')
    .select(['hidden_at', 'hidden_reason', 'hidden_note', 'hidden_by'])
    .where('id', '=', commentId)
    .executeTakeFirstOrThrow();
}

export interface HiddenState {
  hidden_at: string | null;
  hidden_reason: HiddenReason | null;
  hidden_note: string;
  hidden_by: number | null;
}

export async function updateHiddenState(db: Kysely<Database>, commentId: number, state: HiddenState) {
  await db.updateTable('comments').set(state).where('id', '=', commentId).execute();
}

/** The published text of a comment: null publishes the original. */
export async function findRedactedText(db: Kysely<Database>, commentId: number): Promise<string | null> {
  const row = await db
    .selectFrom('comments')
    .select('body_redacted')
    .where('id', '=', commentId)
    .executeTakeFirstOrThrow();
  return row.body_redacted;
}

/** A redacted span as stored: where it is, what kind, and the words that replace it. */
export interface StoredSpan {
  start: number;
  end: number;
  kind: string;
  replacement: string;
}

/**
 * Replaces a comment's redactions and its published text in one go (the caller's transaction).
 * The original body is never touched.
 */
export async function replaceRedactions(
  db: Kysely<Database>,
  input: {
    commentId: number;
    spans: readonly StoredSpan[];
    redactedText: string | null;
    actorId: number | null;
  },
  now: Date,
): Promise<void> {
  await db.deleteFrom('redactions').where('comment_id', '=', input.commentId).execute();
  if (input.spans.length > 0) {
    await db
      .insertInto('redactions')
      .values(
        input.spans.map((s) => ({
          comment_id: input.commentId,
          start: s.start,
          end: s.end,
          kind: s.kind,
          replacement: s.replacement,
          actor_id: input.actorId,
          at: now.toISOString(),
        })),
      )
      .execute();
  }
  await db
    .updateTable('comments')
    .set({ body_redacted: input.redactedText })
    .where('id', '=', input.commentId)
    .execute();
}
