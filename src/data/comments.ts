import type { Kysely } from 'kysely';
import type { Category, Channel, Database, SubmitterKind } from '../../db/schema.ts';

/**
 * Comment rows as they are written and found again. The receipt code and the submitter key
 * arrive made (src/usecases/intake.ts makes them with the domain's functions): this file only
 * writes what it is given.
 */

/** A comment ready to store: its text and submitter fields, and the codes made for it. */
export interface CommentRow {
  consultationId: number;
  receiptCode: string;
  /** HMAC that counts one submitter once (提出者数) without keeping a readable identity. */
  submitterKey: string;
  channel: Channel;
  receivedAt: Date;
  sectionIds: readonly number[];
  body: string;
  submitterKind: SubmitterKind;
  name: string;
  address: string;
  organisationName: string;
  representative: string;
  category: Category | null;
  email: string;
  phone: string;
  postalCode?: string;
  consented?: boolean;
  /** Staff who typed in a comment that came on paper; null for the web form. */
  enteredBy: number | null;
  /** The form's one-time key: the same key always yields the same comment. */
  submissionKey: string | null;
  importBatchId: number | null;
  importRowHash: string | null;
}

/** A stored comment as its submitter knows it. */
export interface CommentRef {
  id: number;
  receiptCode: string;
}

function columnsOf(row: CommentRow, now: Date) {
  return {
    consultation_id: row.consultationId,
    receipt_code: row.receiptCode,
    submission_key: row.submissionKey,
    channel: row.channel,
    received_at: row.receivedAt.toISOString(),
    entered_by: row.enteredBy,
    import_batch_id: row.importBatchId,
    import_row_hash: row.importRowHash,
    body: row.body,
    submitter_kind: row.submitterKind,
    submitter_key: row.submitterKey,
    name: row.name,
    address: row.address,
    organisation_name: row.organisationName,
    representative: row.representative,
    category: row.category,
    email: row.email,
    phone: row.phone,
    postal_code: row.postalCode ?? '',
    consented: row.consented ? (1 as const) : (0 as const),
    created_at: now.toISOString(),
  };
}

/** Most comments one INSERT writes: 21 values each stays far below SQLite's parameter limit. */
export const INSERT_BATCH = 200;
const LINKS_PER_INSERT = 5000;

/**
 * Inserts comments (at most `INSERT_BATCH`) and their sections in one statement each. Returns
 * the id of each comment written, by receipt code. A comment that collides with a stored one on
 * any unique key is left out (nothing of it was written): a receipt code that was taken (the
 * caller tries again with another code), or a submission key or import row that another process
 * stored a moment earlier (see findStoredKeys). The unique constraints decide, not a read before
 * the write, so this holds for any number of processes. Run it inside the caller's transaction
 * so that comments and sections are written together.
 */
export async function insertCommentRows(
  db: Kysely<Database>,
  rows: readonly CommentRow[],
  now: Date,
): Promise<Map<string, number>> {
  const written = new Map<string, number>();
  if (rows.length === 0) return written;
  if (rows.length > INSERT_BATCH) throw new Error(`At most ${INSERT_BATCH} comments per insert`);
  const inserted = await db
    .insertInto('comments')
    .values(rows.map((row) => columnsOf(row, now)))
    .onConflict((oc) => oc.doNothing())
    .returning(['id', 'receipt_code'])
    .execute();
  for (const r of inserted) written.set(r.receipt_code, r.id);
  const links = rows.flatMap((row) => {
    const id = written.get(row.receiptCode);
    return id === undefined ? [] : row.sectionIds.map((section_id) => ({ comment_id: id, section_id }));
  });
  for (let i = 0; i < links.length; i += LINKS_PER_INSERT) {
    await db
      .insertInto('comment_sections')
      .values(links.slice(i, i + LINKS_PER_INSERT))
      .execute();
  }
  return written;
}

/**
 * Which of these comments are already stored under their submission key or import row hash:
 * the ones an insert left out for that reason rather than for a taken receipt code.
 */
export async function findStoredKeys(
  db: Kysely<Database>,
  rows: readonly CommentRow[],
): Promise<Set<CommentRow>> {
  const keys = rows.map((r) => r.submissionKey).filter((k): k is string => k !== null);
  const hashes = rows.map((r) => r.importRowHash).filter((h): h is string => h !== null);
  const consultations = [...new Set(rows.map((r) => r.consultationId))];
  const stored =
    keys.length + hashes.length === 0
      ? []
      : await db
          .selectFrom('comments')
          .select(['submission_key', 'import_row_hash', 'consultation_id'])
          .where((eb) =>
            eb.or([
              ...(keys.length ? [eb('submission_key', 'in', keys)] : []),
              ...(hashes.length
                ? [eb.and([eb('import_row_hash', 'in', hashes), eb('consultation_id', 'in', consultations)])]
                : []),
            ]),
          )
          .execute();
  const storedKeys = new Set(stored.map((r) => r.submission_key));
  const storedRows = new Set(stored.map((r) => `${r.consultation_id}:${r.import_row_hash}`));
  return new Set(
    rows.filter(
      (r) =>
        (r.submissionKey !== null && storedKeys.has(r.submissionKey)) ||
        (r.importRowHash !== null && storedRows.has(`${r.consultationId}:${r.importRowHash}`)),
    ),
  );
}

/** The comment stored with this one-time submission key, if any. */
export async function findCommentBySubmissionKey(
  db: Kysely<Database>,
  key: string,
): Promise<CommentRef | undefined> {
  return db
    .selectFrom('comments')
    .select(['id', 'receipt_code as receiptCode'])
    .where('submission_key', '=', key)
    .executeTakeFirst();
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
