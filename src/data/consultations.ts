import type { Kysely } from 'kysely';
import type { Consultation, Database, DocumentRow, NewConsultation, Section } from '../../db/schema.ts';

/** Every consultation the public may see (published or withdrawn), newest period first. */
export async function listPublicConsultations(db: Kysely<Database>): Promise<Consultation[]> {
  return db
    .selectFrom('consultations')
    .selectAll()
    .where('status', 'in', ['published', 'withdrawn'])
    .orderBy('opens_at', (ob) => ob.desc().nullsLast())
    .orderBy('id', 'desc')
    .execute();
}

export async function findConsultation(db: Kysely<Database>, id: number): Promise<Consultation | undefined> {
  return db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The draft's sections in reading order (sections added only in the final text are left out). */
export async function listDraftSections(db: Kysely<Database>, consultationId: number): Promise<Section[]> {
  return db
    .selectFrom('sections')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('in_draft', '=', 1)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

/** All sections, draft and final-only, in order. */
export async function listAllSections(db: Kysely<Database>, consultationId: number): Promise<Section[]> {
  return db
    .selectFrom('sections')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export type DocumentMeta = Omit<DocumentRow, 'data'>;

export async function listDocuments(db: Kysely<Database>, consultationId: number): Promise<DocumentMeta[]> {
  return db
    .selectFrom('documents')
    .select([
      'id',
      'consultation_id',
      'title',
      'filename',
      'content_type',
      'size',
      'sha256',
      'position',
      'created_by',
      'created_at',
    ])
    .where('consultation_id', '=', consultationId)
    .orderBy('position')
    .orderBy('id')
    .execute();
}

export async function listCorrections(db: Kysely<Database>, consultationId: number) {
  return db
    .selectFrom('corrections')
    .innerJoin('sections', 'sections.id', 'corrections.section_id')
    .select([
      'corrections.id',
      'corrections.at',
      'corrections.note',
      'corrections.section_id',
      'sections.number',
      'sections.heading',
    ])
    .where('corrections.consultation_id', '=', consultationId)
    .orderBy('corrections.at')
    .execute();
}

/** What the public page of a consultation shows besides the consultation: draft, documents, corrections. */
export async function listPublicPageParts(db: Kysely<Database>, consultationId: number) {
  const [sections, documents, corrections] = await Promise.all([
    listDraftSections(db, consultationId),
    listDocuments(db, consultationId),
    listCorrections(db, consultationId),
  ]);
  return { sections, documents, corrections };
}

export interface SectionInput {
  level?: number;
  number?: string;
  heading: string;
  body_md?: string;
}

/** Creates a consultation with its draft sections in one transaction; returns the new id. */
export async function insertConsultation(
  db: Kysely<Database>,
  values: Omit<NewConsultation, 'created_at' | 'updated_at'>,
  sections: readonly SectionInput[],
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('consultations')
      .values({ ...values, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (sections.length > 0) {
      await trx
        .insertInto('sections')
        .values(
          sections.map((s, i) => ({
            consultation_id: id,
            position: i + 1,
            level: s.level ?? 1,
            number: s.number ?? '',
            heading: s.heading,
            body_md: s.body_md ?? '',
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
    }
    return id;
  });
}
