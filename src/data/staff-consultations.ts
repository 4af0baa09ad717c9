import type { Kysely, Transaction } from 'kysely';
import type {
  Consultation,
  ConsultationUpdate,
  Database,
  NewConsultation,
  Section,
} from '../../db/schema.ts';
import { appendAuditBy, type Actor } from './audit.ts';

/**
 * Staff authoring: every write here changes one thing together with its audit entry
 * (before/after), so a change and its record commit together. Each runs in the transaction it is
 * given (a use case in src/usecases/ that checked a rule first), or opens its own.
 */

/** Runs `work` in `db` when it is already a transaction, otherwise in a new one. */
function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

export type StaffConsultationRow = Consultation & { comment_count: number };

/**
 * Consultations of any status, newest first, with their number of received comments: those of
 * the given departments, or every one (`'all'`, for administrators).
 */
export async function listStaffConsultations(
  db: Kysely<Database>,
  departmentIds: readonly number[] | 'all' = 'all',
): Promise<StaffConsultationRow[]> {
  if (departmentIds !== 'all' && departmentIds.length === 0) return [];
  let query = db.selectFrom('consultations');
  if (departmentIds !== 'all') query = query.where('consultations.department_id', 'in', departmentIds);
  const rows = await query
    .selectAll('consultations')
    .select((eb) =>
      eb
        .selectFrom('comments')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('comments.consultation_id', '=', 'consultations.id')
        .as('comment_count'),
    )
    .orderBy('consultations.created_at', 'desc')
    .orderBy('consultations.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, comment_count: Number(r.comment_count ?? 0) }));
}

export async function countComments(db: Kysely<Database>, consultationId: number): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Sections in the draft (not those added only in the final text). */
export async function countDraftSections(db: Kysely<Database>, consultationId: number): Promise<number> {
  const row = await db
    .selectFrom('sections')
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('consultation_id', '=', consultationId)
    .where('in_draft', '=', 1)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type ConsultationFields = Omit<
  NewConsultation,
  | 'id'
  | 'status'
  | 'published_at'
  | 'withdrawn_at'
  | 'withdrawal_reason'
  | 'result_published_at'
  | 'result_note'
  | 'policy_dropped'
  | 'created_by'
  | 'created_at'
  | 'updated_at'
>;

/** Creates a draft consultation; returns its id. `note` goes into the audit entry (copied_from). */
export async function createConsultation(
  db: Kysely<Database>,
  fields: ConsultationFields,
  actor: Actor,
  now: Date,
  note?: Record<string, unknown>,
): Promise<number> {
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('consultations')
      .values({ ...fields, status: 'draft', created_by: actor.id, created_at: at, updated_at: at })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAuditBy(trx, actor, now, {
      action: 'consultation.create',
      targetType: 'consultation',
      targetId: row.id,
      after: { ...row, ...note },
    });
    return row.id;
  });
}

/**
 * Updates a consultation's fields; `note` (for an extension after publishing) goes into the
 * audit entry. Returns false when the row did not exist.
 */
export async function updateConsultation(
  db: Kysely<Database>,
  id: number,
  changes: ConsultationUpdate,
  actor: Actor,
  now: Date,
  opts: { action?: string; note?: string } = {},
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) return false;
    const after = await trx
      .updateTable('consultations')
      .set({ ...changes, updated_at: now.toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const changed = Object.keys(changes).filter(
      (k) => (before as Record<string, unknown>)[k] !== (after as Record<string, unknown>)[k],
    );
    // Saving an unchanged form is not an action worth a line in the audit log.
    if (changed.length === 0 && !opts.note) return true;
    await appendAuditBy(trx, actor, now, {
      action: opts.action ?? 'consultation.update',
      targetType: 'consultation',
      targetId: id,
      before: Object.fromEntries(changed.map((k) => [k, (before as Record<string, unknown>)[k]])),
      after: {
        ...Object.fromEntries(changed.map((k) => [k, (after as Record<string, unknown>)[k]])),
        ...(opts.note ? { note: opts.note } : {}),
      },
    });
    return true;
  });
}

/** Publishes a draft. False if it was no longer a draft (someone else published it first). */
export async function publishConsultation(
  db: Kysely<Database>,
  id: number,
  opensAt: Date,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('consultations')
      .select(['status', 'opens_at', 'closes_at', 'published_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (before?.status !== 'draft') return false;
    const after = {
      status: 'published' as const,
      opens_at: opensAt.toISOString(),
      published_at: now.toISOString(),
    };
    await trx
      .updateTable('consultations')
      .set({ ...after, updated_at: now.toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .execute();
    await appendAuditBy(trx, actor, now, {
      action: 'consultation.publish',
      targetType: 'consultation',
      targetId: id,
      before,
      after: { ...after, closes_at: before.closes_at },
    });
    return true;
  });
}

/** Withdraws (中止) a published consultation with a public reason. */
export async function withdrawConsultation(
  db: Kysely<Database>,
  id: number,
  reason: string,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('consultations')
      .select(['status', 'withdrawn_at', 'withdrawal_reason'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (before?.status !== 'published') return false;
    const after = {
      status: 'withdrawn' as const,
      withdrawn_at: now.toISOString(),
      withdrawal_reason: reason,
    };
    await trx
      .updateTable('consultations')
      .set({ ...after, updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
    await appendAuditBy(trx, actor, now, {
      action: 'consultation.withdraw',
      targetType: 'consultation',
      targetId: id,
      before,
      after,
    });
    return true;
  });
}

export async function findSection(
  db: Kysely<Database>,
  consultationId: number,
  sectionId: number,
): Promise<Section | undefined> {
  return db
    .selectFrom('sections')
    .selectAll()
    .where('consultation_id', '=', consultationId)
    .where('id', '=', sectionId)
    .where('in_draft', '=', 1)
    .executeTakeFirst();
}

export interface SectionFields {
  level: number;
  number: string;
  heading: string;
  body_md: string;
}

const sectionSnapshot = (
  s: Pick<Section, 'id' | 'position' | 'level' | 'number' | 'heading' | 'body_md'>,
) => ({
  id: s.id,
  position: s.position,
  level: s.level,
  number: s.number,
  heading: s.heading,
  body_md: s.body_md,
});

async function nextPosition(trx: Transaction<Database>, consultationId: number): Promise<number> {
  const row = await trx
    .selectFrom('sections')
    .select((e) => e.fn.max('position').as('max'))
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/**
 * Saves sections found by the splitter, after the existing ones or in their place. Replacing
 * deletes the draft's sections, which only a draft allows (nothing can point at them yet).
 */
export async function importSections(
  db: Kysely<Database>,
  consultationId: number,
  sections: readonly SectionFields[],
  mode: 'append' | 'replace',
  actor: Actor,
  now: Date,
): Promise<number[]> {
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    if (mode === 'replace') {
      const old = await trx
        .selectFrom('sections')
        .selectAll()
        .where('consultation_id', '=', consultationId)
        .orderBy('position')
        .execute();
      if (old.length > 0) {
        await trx.deleteFrom('sections').where('consultation_id', '=', consultationId).execute();
        await appendAuditBy(trx, actor, now, {
          action: 'section.delete',
          targetType: 'consultation',
          targetId: consultationId,
          before: old.map(sectionSnapshot),
        });
      }
    }
    let position = await nextPosition(trx, consultationId);
    const ids: number[] = [];
    const created: ReturnType<typeof sectionSnapshot>[] = [];
    for (const s of sections) {
      const row = await trx
        .insertInto('sections')
        .values({ consultation_id: consultationId, position, ...s, created_at: at, updated_at: at })
        .returningAll()
        .executeTakeFirstOrThrow();
      ids.push(row.id);
      created.push(sectionSnapshot(row));
      position++;
    }
    await appendAuditBy(trx, actor, now, {
      action: 'section.create',
      targetType: 'consultation',
      targetId: consultationId,
      after: created,
    });
    return ids;
  });
}

/** Adds one section at the end of the draft; returns its id. */
export async function createSection(
  db: Kysely<Database>,
  consultationId: number,
  fields: SectionFields,
  actor: Actor,
  now: Date,
): Promise<number> {
  const [id] = await importSections(db, consultationId, [fields], 'append', actor, now);
  if (id === undefined) throw new Error('section was not created');
  return id;
}

export async function updateSection(
  db: Kysely<Database>,
  consultationId: number,
  sectionId: number,
  fields: SectionFields,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await findSection(trx, consultationId, sectionId);
    if (!before) return false;
    const after = await trx
      .updateTable('sections')
      .set({ ...fields, updated_at: now.toISOString() })
      .where('id', '=', sectionId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAuditBy(trx, actor, now, {
      action: 'section.update',
      targetType: 'section',
      targetId: sectionId,
      before: sectionSnapshot(before),
      after: sectionSnapshot(after),
    });
    return true;
  });
}

export async function deleteSection(
  db: Kysely<Database>,
  consultationId: number,
  sectionId: number,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await findSection(trx, consultationId, sectionId);
    if (!before) return false;
    await trx.deleteFrom('sections').where('id', '=', sectionId).execute();
    await appendAuditBy(trx, actor, now, {
      action: 'section.delete',
      targetType: 'section',
      targetId: sectionId,
      before: sectionSnapshot(before),
    });
    return true;
  });
}

/** Swaps a section with its neighbour above or below; false when it is already at that end. */
export async function moveSection(
  db: Kysely<Database>,
  consultationId: number,
  sectionId: number,
  direction: 'up' | 'down',
  actor: Actor,
  now: Date,
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const list = await trx
      .selectFrom('sections')
      .select(['id', 'position'])
      .where('consultation_id', '=', consultationId)
      .where('in_draft', '=', 1)
      .orderBy('position')
      .orderBy('id')
      .execute();
    const i = list.findIndex((s) => s.id === sectionId);
    const j = direction === 'up' ? i - 1 : i + 1;
    if (i < 0 || j < 0 || j >= list.length) return false;
    const order = list.map((s) => s.id);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
    // Renumber 1..n so equal or gapped positions from older edits cannot confuse the swap.
    for (const [k, id] of order.entries()) {
      await trx
        .updateTable('sections')
        .set({ position: k + 1 })
        .where('id', '=', id)
        .execute();
    }
    await appendAuditBy(trx, actor, now, {
      action: 'section.reorder',
      targetType: 'consultation',
      targetId: consultationId,
      before: list.map((s) => s.id),
      after: order,
    });
    return true;
  });
}

/**
 * A correction (正誤) to a published draft's section: the change is stored in `corrections`
 * with its public note, the section takes the corrected text, and both are audited.
 */
export async function correctSection(
  db: Kysely<Database>,
  consultationId: number,
  sectionId: number,
  fields: { heading: string; body_md: string; note: string },
  actor: Actor,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  return inTransaction(db, async (trx) => {
    const before = await findSection(trx, consultationId, sectionId);
    if (!before) return false;
    const correction = await trx
      .insertInto('corrections')
      .values({
        consultation_id: consultationId,
        section_id: sectionId,
        at,
        actor_id: actor.id,
        note: fields.note,
        before_heading: before.heading,
        before_body_md: before.body_md,
        after_heading: fields.heading,
        after_body_md: fields.body_md,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('sections')
      .set({ heading: fields.heading, body_md: fields.body_md, updated_at: at })
      .where('id', '=', sectionId)
      .execute();
    await appendAuditBy(trx, actor, now, {
      action: 'correction.create',
      targetType: 'section',
      targetId: sectionId,
      before: { heading: before.heading, body_md: before.body_md },
      after: {
        heading: fields.heading,
        body_md: fields.body_md,
        note: fields.note,
        correction_id: correction.id,
      },
    });
    return true;
  });
}
