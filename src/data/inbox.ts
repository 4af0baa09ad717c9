import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import type { Category, Channel, Database } from '../../db/schema.ts';
import type { InboxStatus } from '../lib/comments.ts';
import { endOfTokyoDay, startOfTokyoDay } from '../lib/time.ts';
import { inWindow, type ReceivedKey, receivedWindows } from './comment-windows.ts';
import { likeEscaped } from './dialect.ts';
import { sectionsByComment } from './groups.ts';

/**
 * The staff inbox: comments of one consultation, filtered, searched and paged; and the import
 * batches that CSV imports record.
 */

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
export type InboxCursor = ReceivedKey;

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
  /** The sections it points at, in draft order (none: the whole draft). */
  sectionIds: number[];
}

export const EXCERPT_LENGTH = 80;

type Eb = ExpressionBuilder<Database, 'comments'>;

/** Escapes LIKE wildcards; used with ESCAPE '\'. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

function filterConditions(db: Kysely<Database>, eb: Eb, consultationId: number, f: InboxFilters) {
  const conds: Expression<SqlBool>[] = [eb('comments.consultation_id', '=', consultationId)];
  // Every filter is read window by window along the received index. Written as expressions no
  // other index can serve, so the planner never trades that index for the channel or category
  // one (which would scan every fax or every resident once per window).
  if (f.channel) conds.push(sql<SqlBool>`(comments.channel || '') = ${f.channel}`);
  if (f.category === 'none') conds.push(sql<SqlBool>`coalesce(comments.category, '') = ''`);
  else if (f.category) conds.push(sql<SqlBool>`(comments.category || '') = ${f.category}`);
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
  // A substring of the original text, any length. Read window by window (below), a scan costs
  // what an index lookup of every match would, and a common word stops at the first page.
  const q = f.q?.trim();
  if (q) conds.push(likeEscaped(db, sql.ref('comments.body'), likePattern(q)));
  return eb.and(conds);
}

/** How many comments match the filters (the whole result, not the page), window by window. */
export async function countInbox(
  db: Kysely<Database>,
  consultationId: number,
  f: InboxFilters,
): Promise<number> {
  if (Object.values(f).every((v) => v === undefined || v === '')) {
    // All of the consultation's comments: one count over the index, a few milliseconds even at
    // hundreds of thousands.
    const row = await db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('consultation_id', '=', consultationId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  let total = 0;
  for await (const w of receivedWindows(db, consultationId, null)) {
    const row = await db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb.and([filterConditions(db, eb, consultationId, f), inWindow(eb, w)]))
      .executeTakeFirstOrThrow();
    total += Number(row.n);
  }
  return total;
}

/**
 * One page of the inbox, newest first, by keyset (received_at, id): a deep page costs the same
 * as the first, where OFFSET would read and drop every row before it. Windows are read until the
 * page is full, so a filter that few comments match never becomes one long scan.
 */
export async function listInboxPage(
  db: Kysely<Database>,
  consultationId: number,
  f: InboxFilters,
  after: InboxCursor | null,
  limit = 50,
): Promise<{ rows: InboxRow[]; next: InboxCursor | null }> {
  const found = [];
  for await (const w of receivedWindows(db, consultationId, after)) {
    const rows = await db
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
      .where((eb) => eb.and([filterConditions(db, eb, consultationId, f), inWindow(eb, w)]))
      .orderBy('comments.received_at', 'desc')
      .orderBy('comments.id', 'desc')
      .limit(limit + 1 - found.length)
      .execute();
    found.push(...rows);
    if (found.length > limit) break;
  }
  const page = found.slice(0, limit);
  const sections = await sectionsByComment(
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
      sectionIds: sections.get(r.id) ?? [],
    };
  });
  const last = page[page.length - 1];
  return { rows, next: found.length > limit && last ? { receivedAt: last.received_at, id: last.id } : null };
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

/**
 * Records an import and returns its id: unique per consultation and file hash, so the same file
 * twice is refused — undefined when that file's batch is stored already (by another process a
 * moment earlier: the caller checked before).
 */
export async function insertImportBatch(
  db: Kysely<Database>,
  batch: {
    consultationId: number;
    filename: string;
    fileSha256: string;
    rowCount: number;
    createdBy: number | null;
  },
  now: Date,
): Promise<number | undefined> {
  const row = await db
    .insertInto('import_batches')
    .values({
      consultation_id: batch.consultationId,
      filename: batch.filename,
      file_sha256: batch.fileSha256,
      row_count: batch.rowCount,
      created_by: batch.createdBy,
      created_at: now.toISOString(),
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
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
