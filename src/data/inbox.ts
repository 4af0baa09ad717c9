import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SqlBool,
  type Transaction,
  sql,
} from 'kysely';
import type { Category, Channel, Database } from '../../db/schema.ts';
import type { CommentDraft } from '../domain/comment-intake.ts';
import { endOfTokyoDay, startOfTokyoDay } from '../lib/time.ts';
import { appendAudit, type Actor } from './audit.ts';
import { insertComment, type StoredComment } from './comments.ts';

/**
 * The staff inbox: comments of one consultation, filtered, searched and paged, and the two ways
 * comments come in besides the web form (staff entry of a paper comment, CSV import).
 */

export type InboxStatus = 'received' | 'hidden' | 'redacted';
export const INBOX_STATUSES: readonly InboxStatus[] = ['received', 'hidden', 'redacted'];

export interface InboxFilters {
  /** A section id, or 'none' for comments on the whole draft. */
  section?: number | 'none';
  category?: Category | 'none';
  channel?: Channel;
  status?: InboxStatus;
  /** Tokyo calendar days, `YYYY-MM-DD`, inclusive. */
  from?: string;
  to?: string;
  q?: string;
}

/** Where a page starts: after this (received_at, id), newest first. */
export interface InboxCursor {
  receivedAt: string;
  id: number;
}

export interface InboxRow {
  id: number;
  receiptCode: string;
  receivedAt: string;
  channel: Channel;
  category: Category | null;
  status: InboxStatus;
  /** The first characters of the text the public would see (redacted when redacted). */
  excerpt: string;
  truncated: boolean;
  sections: { number: string; heading: string }[];
}

export const EXCERPT_LENGTH = 80;

type Eb = ExpressionBuilder<Database, 'comments'>;

/** `"…"` with inner quotes doubled: the query is one FTS5 phrase, never FTS syntax. */
export function ftsPhrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}

/** Escapes LIKE wildcards; used with ESCAPE '\'. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

function filterConditions(eb: Eb, consultationId: number, f: InboxFilters) {
  const conds: Expression<SqlBool>[] = [eb('comments.consultation_id', '=', consultationId)];
  if (f.channel) conds.push(eb('comments.channel', '=', f.channel));
  if (f.category === 'none') conds.push(eb('comments.category', 'is', null));
  else if (f.category) conds.push(eb('comments.category', '=', f.category));
  if (f.status === 'hidden') conds.push(eb('comments.hidden_at', 'is not', null));
  else if (f.status === 'redacted')
    conds.push(eb('comments.hidden_at', 'is', null), eb('comments.body_redacted', 'is not', null));
  else if (f.status === 'received')
    conds.push(eb('comments.hidden_at', 'is', null), eb('comments.body_redacted', 'is', null));
  if (f.from) conds.push(eb('comments.received_at', '>=', startOfTokyoDay(f.from).toISOString()));
  if (f.to) conds.push(eb('comments.received_at', '<=', endOfTokyoDay(f.to).toISOString()));
  if (f.section === 'none') {
    conds.push(
      eb.not(
        eb.exists(
          eb.selectFrom('comment_sections').select('comment_id').whereRef('comment_id', '=', 'comments.id'),
        ),
      ),
    );
  } else if (typeof f.section === 'number') {
    conds.push(
      eb.exists(
        eb
          .selectFrom('comment_sections')
          .select('comment_id')
          .whereRef('comment_id', '=', 'comments.id')
          .where('section_id', '=', f.section),
      ),
    );
  }
  const q = f.q?.trim();
  if (q) {
    // The trigram index answers three characters or more; shorter queries scan with LIKE.
    if ([...q].length >= 3) {
      conds.push(
        eb(
          'comments.id',
          'in',
          sql<number>`(SELECT rowid FROM comments_fts WHERE comments_fts MATCH ${ftsPhrase(q)})`,
        ),
      );
    } else {
      conds.push(sql<boolean>`comments.body LIKE ${likePattern(q)} ESCAPE '\\'`);
    }
  }
  return eb.and(conds);
}

/** How many comments match the filters (the whole result, not the page). */
export async function countInbox(
  db: Kysely<Database>,
  consultationId: number,
  f: InboxFilters,
): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where((eb) => filterConditions(eb, consultationId, f))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One page of the inbox, newest first, by keyset (received_at, id): a deep page costs the same
 * as the first, where OFFSET would read and drop every row before it.
 */
export async function listInboxPage(
  db: Kysely<Database>,
  consultationId: number,
  f: InboxFilters,
  after: InboxCursor | null,
  limit = 50,
): Promise<{ rows: InboxRow[]; next: InboxCursor | null }> {
  let query = db
    .selectFrom('comments')
    .select([
      'comments.id',
      'comments.receipt_code',
      'comments.received_at',
      'comments.channel',
      'comments.category',
      'comments.hidden_at',
      sql<number>`comments.body_redacted IS NOT NULL`.as('redacted'),
      sql<string>`substr(coalesce(comments.body_redacted, comments.body), 1, ${EXCERPT_LENGTH + 1})`.as(
        'head',
      ),
    ])
    .where((eb) => filterConditions(eb, consultationId, f));
  if (after) {
    query = query.where(
      sql<boolean>`(comments.received_at, comments.id) < (${after.receivedAt}, ${after.id})`,
    );
  }
  const found = await query
    .orderBy('comments.received_at', 'desc')
    .orderBy('comments.id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = found.slice(0, limit);
  const sections = await sectionsOf(
    db,
    page.map((r) => r.id),
  );
  const rows: InboxRow[] = page.map((r) => {
    const chars = [...r.head.replace(/\s+/g, ' ')];
    return {
      id: r.id,
      receiptCode: r.receipt_code,
      receivedAt: r.received_at,
      channel: r.channel,
      category: r.category,
      status: r.hidden_at ? 'hidden' : r.redacted ? 'redacted' : 'received',
      excerpt: chars.slice(0, EXCERPT_LENGTH).join(''),
      truncated: chars.length > EXCERPT_LENGTH,
      sections: sections.get(r.id) ?? [],
    };
  });
  const last = page[page.length - 1];
  return { rows, next: found.length > limit && last ? { receivedAt: last.received_at, id: last.id } : null };
}

async function sectionsOf(db: Kysely<Database>, ids: number[]) {
  const out = new Map<number, { number: string; heading: string }[]>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('comment_sections')
    .innerJoin('sections', 'sections.id', 'comment_sections.section_id')
    .select(['comment_sections.comment_id', 'sections.number', 'sections.heading'])
    .where('comment_sections.comment_id', 'in', ids)
    .orderBy('sections.position')
    .execute();
  for (const r of rows) {
    const list = out.get(r.comment_id) ?? [];
    list.push({ number: r.number, heading: r.heading });
    out.set(r.comment_id, list);
  }
  return out;
}

/**
 * Stores a comment that came on paper, and its audit entry, in one transaction. The form's
 * one-time key makes a double submit return the first comment instead of a second one.
 */
export async function enterPaperComment(
  db: Kysely<Database>,
  secret: string,
  input: {
    consultationId: number;
    draft: CommentDraft;
    channel: Channel;
    receivedAt: Date;
    submissionKey: string | null;
    actor: Actor;
  },
  now: Date,
): Promise<StoredComment> {
  return db.transaction().execute(async (trx) => {
    const stored = await insertComment(
      trx,
      secret,
      {
        consultationId: input.consultationId,
        draft: input.draft,
        channel: input.channel,
        receivedAt: input.receivedAt,
        enteredBy: input.actor.id,
        submissionKey: input.submissionKey,
      },
      now,
    );
    if (stored.created) {
      await appendAudit(
        trx,
        {
          actorId: input.actor.id,
          actorLabel: input.actor.label,
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
          ip: input.actor.ip,
        },
        now,
      );
    }
    return stored;
  });
}

export async function findImportBatch(db: Kysely<Database>, consultationId: number, fileSha256: string) {
  return db
    .selectFrom('import_batches')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('file_sha256', '=', fileSha256)
    .executeTakeFirst();
}

/** Which of these row hashes are already stored for the consultation (from any earlier file). */
export async function findStoredRowHashes(
  db: Kysely<Database>,
  consultationId: number,
  hashes: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < hashes.length; i += 500) {
    const chunk = hashes.slice(i, i + 500);
    const rows = await db
      .selectFrom('comments')
      .select('import_row_hash')
      .where('consultation_id', '=', consultationId)
      .where('import_row_hash', 'in', chunk)
      .execute();
    for (const r of rows) if (r.import_row_hash) out.add(r.import_row_hash);
  }
  return out;
}

export interface ImportedRow {
  draft: CommentDraft;
  channel: Channel;
  receivedAt: Date;
  rowHash: string;
}

export type ImportOutcome =
  | { status: 'imported'; batchId: number; created: number; skipped: number }
  | { status: 'already_imported'; importedAt: string; filename: string };

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
  return db.transaction().execute(async (trx: Transaction<Database>) => {
    const earlier = await findImportBatch(trx, input.consultationId, input.fileSha256);
    if (earlier)
      return { status: 'already_imported', importedAt: earlier.created_at, filename: earlier.filename };
    const batch = await trx
      .insertInto('import_batches')
      .values({
        consultation_id: input.consultationId,
        filename: input.filename,
        file_sha256: input.fileSha256,
        row_count: input.rows.length,
        created_by: input.actor?.id ?? null,
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let created = 0;
    for (const row of input.rows) {
      const stored = await insertComment(
        trx,
        secret,
        {
          consultationId: input.consultationId,
          draft: row.draft,
          channel: row.channel,
          receivedAt: row.receivedAt,
          enteredBy: input.actor?.id ?? null,
          importBatchId: batch.id,
          importRowHash: row.rowHash,
        },
        now,
      );
      if (stored.created) created++;
    }
    await appendAudit(
      trx,
      {
        actorId: input.actor?.id ?? null,
        actorLabel: input.actor?.label ?? 'cli',
        action: 'comment.import',
        targetType: 'consultation',
        targetId: input.consultationId,
        after: {
          batchId: batch.id,
          filename: input.filename,
          fileSha256: input.fileSha256,
          rowCount: input.rows.length,
          created,
          skipped: input.rows.length - created,
        },
        ip: input.actor?.ip,
      },
      now,
    );
    return { status: 'imported', batchId: batch.id, created, skipped: input.rows.length - created };
  });
}

/** An import batch of the consultation, with how many comments it stored. */
export async function findImportBatchById(db: Kysely<Database>, consultationId: number, batchId: number) {
  const batch = await db
    .selectFrom('import_batches')
    .selectAll()
    .where('id', '=', batchId)
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst();
  if (!batch) return undefined;
  const { n } = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_batch_id', '=', batchId)
    .executeTakeFirstOrThrow();
  return { batch, created: Number(n) };
}
