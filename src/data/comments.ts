import type { Kysely, Transaction } from 'kysely';
import type { Channel, Database } from '../../db/schema.ts';
import { type CommentDraft, submitterKey } from '../domain/comment-intake.ts';
import { newReceiptCode } from '../domain/receipt.ts';

export interface NewCommentInput {
  consultationId: number;
  draft: CommentDraft;
  channel: Channel;
  receivedAt: Date;
  /** Staff who typed in a comment that came on paper; null for the web form. */
  enteredBy?: number | null;
  /** The web form's one-time key: the same key always yields the same comment. */
  submissionKey?: string | null;
  importBatchId?: number | null;
  importRowHash?: string | null;
}

export interface StoredComment {
  id: number;
  receiptCode: string;
  /** false when the submission key (or import row) was already stored: nothing new was written. */
  created: boolean;
}

/**
 * Stores a comment and its sections in one transaction and returns its receipt code. A repeated
 * submission key returns the comment stored the first time, so a double click, a resubmit after
 * "back", or a retry after a lost response never makes a second comment.
 */
export async function insertComment(
  db: Kysely<Database>,
  secret: string,
  input: NewCommentInput,
  now: Date,
): Promise<StoredComment> {
  if (db.isTransaction) return insertCommentIn(db as Transaction<Database>, secret, input, now);
  return db.transaction().execute((trx) => insertCommentIn(trx, secret, input, now));
}

async function insertCommentIn(
  trx: Transaction<Database>,
  secret: string,
  input: NewCommentInput,
  now: Date,
): Promise<StoredComment> {
  const existing = await findExisting(trx, input);
  if (existing) return { ...existing, created: false };
  const { draft } = input;
  for (let attempt = 0; ; attempt++) {
    const receiptCode = newReceiptCode();
    const row = await trx
      .insertInto('comments')
      .values({
        consultation_id: input.consultationId,
        receipt_code: receiptCode,
        submission_key: input.submissionKey ?? null,
        channel: input.channel,
        received_at: input.receivedAt.toISOString(),
        entered_by: input.enteredBy ?? null,
        import_batch_id: input.importBatchId ?? null,
        import_row_hash: input.importRowHash ?? null,
        body: draft.body,
        submitter_kind: draft.submitterKind,
        submitter_key: submitterKey(secret, draft, receiptCode),
        name: draft.name,
        address: draft.address,
        organisation_name: draft.organisationName,
        representative: draft.representative,
        category: draft.category,
        email: draft.email,
        phone: draft.phone,
        created_at: now.toISOString(),
      })
      // A 60-bit code colliding is vanishingly rare, but retrying costs nothing.
      .onConflict((oc) => oc.column('receipt_code').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      if (attempt > 5) throw new Error('Could not allocate a receipt code');
      continue;
    }
    if (draft.sectionIds.length > 0) {
      await trx
        .insertInto('comment_sections')
        .values(draft.sectionIds.map((section_id) => ({ comment_id: row.id, section_id })))
        .execute();
    }
    return { id: row.id, receiptCode, created: true };
  }
}

async function findExisting(trx: Transaction<Database>, input: NewCommentInput) {
  if (input.submissionKey) {
    const row = await trx
      .selectFrom('comments')
      .select(['id', 'receipt_code as receiptCode'])
      .where('submission_key', '=', input.submissionKey)
      .executeTakeFirst();
    if (row) return row;
  }
  if (input.importRowHash) {
    return trx
      .selectFrom('comments')
      .select(['id', 'receipt_code as receiptCode'])
      .where('consultation_id', '=', input.consultationId)
      .where('import_row_hash', '=', input.importRowHash)
      .executeTakeFirst();
  }
  return undefined;
}

/** A comment by its receipt code, with the ids of the sections it points at. */
export async function findCommentByReceipt(db: Kysely<Database>, code: string) {
  const comment = await db
    .selectFrom('comments')
    .selectAll()
    .where('receipt_code', '=', code)
    .executeTakeFirst();
  if (!comment) return undefined;
  const sections = await db
    .selectFrom('comment_sections')
    .innerJoin('sections', 'sections.id', 'comment_sections.section_id')
    .select(['sections.id', 'sections.number', 'sections.heading'])
    .where('comment_sections.comment_id', '=', comment.id)
    .orderBy('sections.position')
    .execute();
  return { comment, sections };
}
