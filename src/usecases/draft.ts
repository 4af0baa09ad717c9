/**
 * Changes to the draft's sections. They are allowed only while the consultation is a draft: once
 * published the text is frozen and changes go through corrections (usecases/corrections.ts). The
 * status is checked in the same transaction as the write, so a publish that lands between the
 * page and the click cannot let an edit through.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../data/audit.ts';
import { findConsultation } from '../data/consultations.ts';
import {
  createSection,
  deleteSection,
  importSections,
  moveSection,
  type SectionFields,
  updateSection,
} from '../data/staff-consultations.ts';
import { isFrozen } from '../domain/consultation-rules.ts';

/** What came of a change: done, refused because the draft is frozen, or nothing to change. */
export type DraftChange<T> = { ok: true; value: T } | { ok: false; problem: 'frozen' | 'not_found' };

async function whileDraft<T>(
  db: Kysely<Database>,
  consultationId: number,
  write: (trx: Transaction<Database>) => Promise<T | undefined>,
): Promise<DraftChange<T>> {
  return db.transaction().execute(async (trx): Promise<DraftChange<T>> => {
    const c = await findConsultation(trx, consultationId);
    if (!c) return { ok: false, problem: 'not_found' };
    if (isFrozen(c)) return { ok: false, problem: 'frozen' };
    const value = await write(trx);
    return value === undefined ? { ok: false, problem: 'not_found' } : { ok: true, value };
  });
}

/** Saves the sections a split draft gave, after the existing ones or in their place. */
export function importDraft(
  db: Kysely<Database>,
  consultationId: number,
  sections: readonly SectionFields[],
  mode: 'append' | 'replace',
  actor: Actor,
  now: Date,
) {
  return whileDraft(db, consultationId, (trx) =>
    importSections(trx, consultationId, sections, mode, actor, now),
  );
}

/** Adds a section at the end of the draft; its id. */
export function addSection(
  db: Kysely<Database>,
  consultationId: number,
  fields: SectionFields,
  actor: Actor,
  now: Date,
) {
  return whileDraft(db, consultationId, (trx) => createSection(trx, consultationId, fields, actor, now));
}

export function editSection(
  db: Kysely<Database>,
  consultationId: number,
  sectionId: number,
  fields: SectionFields,
  actor: Actor,
  now: Date,
) {
  return whileDraft(db, consultationId, async (trx) =>
    (await updateSection(trx, consultationId, sectionId, fields, actor, now)) ? true : undefined,
  );
}

export function removeSection(
  db: Kysely<Database>,
  consultationId: number,
  sectionId: number,
  actor: Actor,
  now: Date,
) {
  return whileDraft(db, consultationId, async (trx) =>
    (await deleteSection(trx, consultationId, sectionId, actor, now)) ? true : undefined,
  );
}

/** Moves a section up or down; at either end nothing moves (still ok). */
export function moveDraftSection(
  db: Kysely<Database>,
  consultationId: number,
  sectionId: number,
  direction: 'up' | 'down',
  actor: Actor,
  now: Date,
) {
  return whileDraft(db, consultationId, (trx) =>
    moveSection(trx, consultationId, sectionId, direction, actor, now),
  );
}
