/**
 * Use cases: each one opens its transaction, checks its rule against the database, writes
 * through `src/data` and appends its audit entry, so a rule and its write can never drift apart.
 *
 * This file: how a comment comes in, by every channel — the citizen's web form
 * (`receiveComment`), staff typing in a paper comment (`enterPaperComment`), and a CSV of paper
 * comments (`importComments`). The receipt code and the submitter key are made here with the
 * domain's functions and handed to the data layer, which only inserts.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Channel, Database } from '../../db/schema.ts';
import { type Actor, appendAudit, appendAuditBy } from '../data/audit.ts';
import {
  type CommentRef,
  type CommentRow,
  findCommentBySubmissionKey,
  findStoredKeys,
  INSERT_BATCH,
  insertCommentRows,
} from '../data/comments.ts';
import type { GroupCommit } from '../data/group-commit.ts';
import { findImportBatch, findStoredRowHashes, insertImportBatch } from '../data/inbox.ts';
import { findConsultation } from '../data/consultations.ts';
import { lockConsultation } from '../data/dialect.ts';
import { type CommentDraft, submitterKey } from '../domain/comment-intake.ts';
import { type IntakeRefusal, intakeRefusal } from '../domain/intake.ts';
import { newReceiptCodes } from '../domain/receipt.ts';
import { type CommentMailChoice, queueReceiptMail } from './mail.ts';

export interface IncomingComment {
  consultationId: number;
  draft: CommentDraft;
  channel: Channel;
  receivedAt: Date;
  /** A form's one-time key: the same key always gives the first comment back. */
  submissionKey?: string | null;
  /** Staff who typed it in (paper, CSV); absent for the web form. */
  enteredBy?: number | null;
  /** The web form's mail choices: with an address, the receipt is mailed in this language. */
  mail?: CommentMailChoice;
}

export interface StoredComment extends CommentRef {
  /** False when the submission key (or CSV row) was stored before: nothing new was written. */
  created: boolean;
}

/** A comment stored (or found stored under its key), or why the consultation did not take it. */
export type IntakeOutcome = { ok: true; comment: StoredComment } | { ok: false; refusal: IntakeRefusal };

/**
 * Whether the consultation takes a comment received at `receivedAt` by `channel`, read inside
 * the transaction that writes it, so a result published a moment earlier is seen. The row stays
 * locked (shared with other arriving comments) until the comment is stored, so that publishing
 * in another process waits for it, and it waits for publishing.
 */
async function refusalFor(
  trx: Transaction<Database>,
  consultationId: number,
  received: readonly { channel: Channel; receivedAt: Date }[],
  now: Date,
): Promise<IntakeRefusal | null> {
  await lockConsultation(trx, consultationId, 'share');
  const consultation = await findConsultation(trx, consultationId);
  if (!consultation) return 'not_published';
  for (const r of received) {
    const refusal = intakeRefusal(consultation, r.channel, r.receivedAt, now);
    if (refusal) return refusal;
  }
  return null;
}

/** A 60-bit code colliding is vanishingly rare; a few tries make it impossible in practice. */
const RECEIPT_ATTEMPTS = 8;

/** Runs `work` in the caller's transaction, or in a new one. */
function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>) {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

/** The row to store for a comment, with a fresh receipt code and the submitter key made from it. */
function rowFor(
  secret: string,
  input: IncomingComment & { importBatchId?: number; importRowHash?: string },
  receiptCode: string,
): CommentRow {
  return {
    ...input.draft,
    consultationId: input.consultationId,
    receiptCode,
    submitterKey: submitterKey(secret, input.draft, receiptCode),
    channel: input.channel,
    receivedAt: input.receivedAt,
    enteredBy: input.enteredBy ?? null,
    submissionKey: input.submissionKey ?? null,
    importBatchId: input.importBatchId ?? null,
    importRowHash: input.importRowHash ?? null,
  };
}

/**
 * Writes comments (at most `INSERT_BATCH`), each with a fresh receipt code; a comment whose code
 * happened to be taken is written again with another. Returns, in the order given, each comment
 * written, or undefined for one whose submission key or import row another process stored a
 * moment earlier (the database's unique constraints decide, so no comment is stored twice).
 */
async function insertWithCodes(
  trx: Transaction<Database>,
  secret: string,
  inputs: readonly (IncomingComment & { importBatchId?: number; importRowHash?: string })[],
  now: Date,
): Promise<(CommentRef | undefined)[]> {
  const out: (CommentRef | undefined)[] = inputs.map(() => undefined);
  let pending = inputs.map((_, i) => i);
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= RECEIPT_ATTEMPTS) throw new Error('Could not allocate a receipt code');
    const codes = newReceiptCodes(pending.length);
    const rows = pending.map((i, k) => rowFor(secret, inputs[i]!, codes[k]!));
    const written = await insertCommentRows(trx, rows, now);
    const missed = rows.filter((row) => !written.has(row.receiptCode));
    const storedBefore = missed.length > 0 ? await findStoredKeys(trx, missed) : new Set<CommentRow>();
    const left: number[] = [];
    pending.forEach((i, k) => {
      const row = rows[k]!;
      const id = written.get(row.receiptCode);
      if (id !== undefined) out[i] = { id, receiptCode: row.receiptCode };
      else if (!storedBefore.has(row)) left.push(i);
    });
    pending = left;
  }
  return out;
}

/** The comment stored before under the input's one-time key, as its outcome. */
async function storedUnderKey(
  trx: Transaction<Database>,
  input: IncomingComment,
): Promise<IntakeOutcome | null> {
  const earlier = input.submissionKey
    ? await findCommentBySubmissionKey(trx, input.submissionKey)
    : undefined;
  return earlier ? { ok: true, comment: { ...earlier, created: false } } : null;
}

/**
 * Writes one comment with a fresh receipt code if the consultation takes it now; a key stored
 * before gives its comment back (it was taken when it first came).
 */
async function storeComment(
  trx: Transaction<Database>,
  secret: string,
  input: IncomingComment,
  now: Date,
): Promise<IntakeOutcome> {
  const earlier = await storedUnderKey(trx, input);
  if (earlier) return earlier;
  const refusal = await refusalFor(trx, input.consultationId, [input], now);
  if (refusal) return { ok: false, refusal };
  const [stored] = await insertWithCodes(trx, secret, [input], now);
  if (stored) return { ok: true, comment: { ...stored, created: true } };
  // The same form was sent twice at once and the other request (in another process) stored it.
  const other = await storedUnderKey(trx, input);
  if (!other) throw new Error('A comment was neither stored nor found under its key');
  return other;
}

/**
 * Stores a comment and its sections in one transaction and returns its receipt code, if the
 * consultation takes it (src/domain/intake.ts). A repeated submission key returns the comment
 * stored the first time, so a double click, a resubmit after "back", or a retry after a lost
 * response never makes a second comment.
 */
export async function receiveComment(
  db: Kysely<Database>,
  secret: string,
  input: IncomingComment,
  now: Date,
): Promise<IntakeOutcome> {
  return inTransaction(db, (trx) => storeAndMail(trx, secret, input, now));
}

/** The comment stored and, for a new one with an address, its receipt queued for mail. */
async function storeAndMail(
  trx: Transaction<Database>,
  secret: string,
  input: IncomingComment,
  now: Date,
): Promise<IntakeOutcome> {
  const outcome = await storeComment(trx, secret, input, now);
  if (outcome.ok && outcome.comment.created && input.mail)
    await queueReceiptMail(trx, { id: outcome.comment.id, email: input.draft.email }, input.mail, now);
  return outcome;
}

/**
 * `receiveComment` for the web form, where many people send at once: the comment is written in a
 * transaction shared with the others arriving at the same moment (one fsync for all) and the
 * outcome comes back once that transaction has committed. A rule refusing one comment, or an
 * error in one, leaves the others as they are.
 */
export function receiveWebComment(
  commits: GroupCommit,
  secret: string,
  input: IncomingComment,
  now: Date,
): Promise<IntakeOutcome> {
  return commits.run((trx) => storeAndMail(trx, secret, input, now));
}

/**
 * Stores a comment that came on paper, and its audit entry, in one transaction. The form's
 * one-time key makes a double submit return the first comment instead of a second one.
 */
export async function enterPaperComment(
  db: Kysely<Database>,
  secret: string,
  input: Omit<IncomingComment, 'enteredBy'> & { actor: Actor },
  now: Date,
): Promise<IntakeOutcome> {
  return inTransaction(db, async (trx) => {
    const outcome = await storeComment(trx, secret, { ...input, enteredBy: input.actor.id }, now);
    if (!outcome.ok) return outcome;
    const stored = outcome.comment;
    if (stored.created) {
      // A letter with an address gets its receipt by mail too (in Japanese; no result notice asked).
      const choice = { lang: 'ja' as const, notifyResult: false };
      await queueReceiptMail(trx, { id: stored.id, email: input.draft.email }, choice, now);
      await appendAuditBy(trx, input.actor, now, {
        action: 'comment.enter',
        targetType: 'comment',
        targetId: stored.id,
        // Personal data stays in the comment row, not in the log.
        after: {
          consultationId: input.consultationId,
          receiptCode: stored.receiptCode,
          channel: input.channel,
          receivedAt: input.receivedAt.toISOString(),
          sectionIds: input.draft.sectionIds,
        },
      });
    }
    return outcome;
  });
}

/** The outcome for a file imported before (unique per consultation and file hash), if it was. */
async function importedBefore(
  trx: Transaction<Database>,
  consultationId: number,
  fileSha256: string,
): Promise<ImportOutcome | null> {
  const earlier = await findImportBatch(trx, consultationId, fileSha256);
  return earlier
    ? { status: 'already_imported', importedAt: earlier.created_at, filename: earlier.filename }
    : null;
}

export interface ImportedRow {
  draft: CommentDraft;
  channel: Channel;
  receivedAt: Date;
  rowHash: string;
}

export type ImportOutcome =
  | { status: 'imported'; batchId: number; created: number; skipped: number }
  | { status: 'already_imported'; importedAt: string; filename: string }
  | { status: 'refused'; refusal: IntakeRefusal };

/**
 * Imports all rows or none, in one transaction: the batch (unique per consultation and file
 * hash, so the same file twice changes nothing), each comment (unique per row hash, so
 * overlapping files add only the new rows), and one audit entry.
 */
export async function importComments(
  db: Kysely<Database>,
  secret: string,
  input: {
    consultationId: number;
    filename: string;
    fileSha256: string;
    rows: readonly ImportedRow[];
    actor: Actor | null;
  },
  now: Date,
): Promise<ImportOutcome> {
  return inTransaction(db, async (trx): Promise<ImportOutcome> => {
    const earlier = await importedBefore(trx, input.consultationId, input.fileSha256);
    if (earlier) return earlier;
    const refusal = await refusalFor(trx, input.consultationId, input.rows, now);
    if (refusal) return { status: 'refused', refusal };
    const enteredBy = input.actor?.id ?? null;
    const batchId = await insertImportBatch(
      trx,
      {
        consultationId: input.consultationId,
        filename: input.filename,
        fileSha256: input.fileSha256,
        rowCount: input.rows.length,
        createdBy: enteredBy,
      },
      now,
    );
    // The same file, imported in another process a moment earlier.
    if (batchId === undefined) {
      const other = await importedBefore(trx, input.consultationId, input.fileSha256);
      if (!other) throw new Error('An import batch was neither stored nor found');
      return other;
    }
    // A row stored before (from any file) or repeated in this file is stored once.
    const stored = await findStoredRowHashes(
      trx,
      input.consultationId,
      input.rows.map((r) => r.rowHash),
    );
    const fresh = [
      ...new Map(input.rows.filter((r) => !stored.has(r.rowHash)).map((r) => [r.rowHash, r])).values(),
    ];
    let created = 0;
    for (let i = 0; i < fresh.length; i += INSERT_BATCH) {
      const chunk = fresh.slice(i, i + INSERT_BATCH).map((row) => ({
        consultationId: input.consultationId,
        draft: row.draft,
        channel: row.channel,
        receivedAt: row.receivedAt,
        enteredBy,
        importBatchId: batchId,
        importRowHash: row.rowHash,
      }));
      // Rows another import stored meanwhile (an overlapping file, in another process) are skipped.
      const written = await insertWithCodes(trx, secret, chunk, now);
      created += written.filter((w) => w !== undefined).length;
    }
    const skipped = input.rows.length - created;
    await appendAudit(
      trx,
      {
        actorId: enteredBy,
        actorLabel: input.actor?.label ?? 'cli',
        action: 'comment.import',
        targetType: 'consultation',
        targetId: input.consultationId,
        after: {
          batchId,
          filename: input.filename,
          fileSha256: input.fileSha256,
          rowCount: input.rows.length,
          created,
          skipped,
        },
        ip: input.actor?.ip,
      },
      now,
    );
    return { status: 'imported', batchId, created, skipped };
  });
}
