import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, DocumentRow } from '../../db/schema.ts';
import { appendAuditBy } from './audit.ts';
import type { Actor } from './audit.ts';

/**
 * Related documents (関連資料) stored as BLOBs, so that a backup of the one database file keeps
 * them. Type checks happen before these calls (src/lib/download.ts checkUpload).
 */

export interface NewDocumentInput {
  title: string;
  filename: string;
  contentType: string;
  data: Uint8Array;
}

type DocumentMeta = Omit<DocumentRow, 'data'>;

const meta = (d: DocumentRow): DocumentMeta => {
  const { data: _data, ...rest } = d;
  return rest;
};

/** Stores a document at the end of the consultation's list, audited; returns its id. */
export async function insertDocument(
  db: Kysely<Database>,
  consultationId: number,
  input: NewDocumentInput,
  actor: Actor,
  now: Date,
): Promise<number> {
  const data = Buffer.from(input.data);
  const sha256 = createHash('sha256').update(data).digest('hex');
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom('documents')
      .select((e) => e.fn.max('position').as('max'))
      .where('consultation_id', '=', consultationId)
      .executeTakeFirst();
    const row = await trx
      .insertInto('documents')
      .values({
        consultation_id: consultationId,
        title: input.title,
        filename: input.filename,
        content_type: input.contentType,
        size: data.length,
        sha256,
        data,
        position: Number(last?.max ?? 0) + 1,
        created_by: actor.id,
        created_at: now.toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAuditBy(trx, actor, now, {
      action: 'document.upload',
      targetType: 'document',
      targetId: row.id,
      after: meta(row),
    });
    return row.id;
  });
}

/** One document of one consultation, with its bytes (for downloads). */
export async function findDocument(
  db: Kysely<Database>,
  consultationId: number,
  docId: number,
): Promise<DocumentRow | undefined> {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('id', '=', docId)
    .executeTakeFirst();
}

/** Changes a document's title (the file stays the same). */
export async function renameDocument(
  db: Kysely<Database>,
  consultationId: number,
  docId: number,
  title: string,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('documents')
      .select(['id', 'title'])
      .where('consultation_id', '=', consultationId)
      .where('id', '=', docId)
      .executeTakeFirst();
    if (!before) return false;
    await trx.updateTable('documents').set({ title }).where('id', '=', docId).execute();
    await appendAuditBy(trx, actor, now, {
      action: 'document.rename',
      targetType: 'document',
      targetId: docId,
      before: { title: before.title },
      after: { title },
    });
    return true;
  });
}

/** Deletes a document (callers allow it only before publishing), audited without its bytes. */
export async function deleteDocument(
  db: Kysely<Database>,
  consultationId: number,
  docId: number,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await findDocument(trx, consultationId, docId);
    if (!before) return false;
    await trx.deleteFrom('documents').where('id', '=', docId).execute();
    await appendAuditBy(trx, actor, now, {
      action: 'document.delete',
      targetType: 'document',
      targetId: docId,
      before: meta(before),
    });
    return true;
  });
}
