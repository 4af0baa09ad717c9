/**
 * Use cases: each opens one transaction, checks its rule against what is stored, and writes
 * through src/data (which adds the audit entry in the same transaction). A route calls one of
 * these for any change whose rule depends on the current state, and turns the problem codes it
 * gets back into messages.
 *
 * This file: creating a consultation and saving its details, with the comment-period rules
 * (closing after opening, 30 days or a stated reason) and what may change once it is published.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ConsultationUpdate, Database } from '../../db/schema.ts';
import type { Actor } from '../data/audit.ts';
import { findConsultation } from '../data/consultations.ts';
import { findDepartment, listUserDepartmentIds } from '../data/departments.ts';
import { findUserById } from '../data/users.ts';
import {
  type ConsultationFields,
  createConsultation as insertConsultation,
  updateConsultation,
} from '../data/staff-consultations.ts';
import {
  checkPeriod,
  classifyPublishedChange,
  isFrozen,
  type PeriodProblem,
} from '../domain/consultation-rules.ts';
import { mayWorkOn } from '../domain/departments.ts';
import type { ConsultationInput } from '../schemas/consultations.ts';

export type ConsultationProblem =
  | PeriodProblem
  /** Published: the title stays as published. */
  | 'title_frozen'
  /** Published: the closing may only move later. */
  | 'closing_not_extended'
  /** Published: an extension states its reason. */
  | 'extension_needs_note'
  | 'withdrawn'
  | 'not_found'
  /** The chosen department does not exist (any more). */
  | 'department_unknown'
  /** Staff may give a consultation only to a department they work for. */
  | 'department_not_yours';

export type Saved = { ok: true; id: number } | { ok: false; problems: ConsultationProblem[] };

const flag = (b: boolean) => (b ? 1 : 0);

/** The form's values as the row stores them, with the department's name as the public sees it. */
function rowFields(v: ConsultationInput, department: string): ConsultationFields {
  const {
    change_note: _note,
    copied_from: _from,
    require_name,
    require_address,
    require_category,
    allow_anonymous,
    allow_individual,
    allow_organisation,
    require_consent,
    categories,
    opens_at,
    closes_at,
    ...text
  } = v;
  return {
    ...text,
    department,
    require_name: flag(require_name),
    require_address: flag(require_address),
    require_category: flag(require_category),
    allow_anonymous: flag(allow_anonymous),
    allow_individual: flag(allow_individual),
    allow_organisation: flag(allow_organisation),
    require_consent: flag(require_consent),
    categories: categories.join(' '),
    opens_at: opens_at?.toISOString() ?? null,
    closes_at: closes_at?.toISOString() ?? null,
  };
}

const periodOf = (opensAt: Date | null, v: ConsultationInput) =>
  checkPeriod({ opensAt, closesAt: v.closes_at, shortPeriodReason: v.short_period_reason });

/**
 * The department chosen in the form: its name, or why the person may not choose it (staff
 * choose among their own departments, administrators among all).
 */
async function chosenDepartment(
  trx: Transaction<Database>,
  actor: Actor,
  departmentId: number,
): Promise<{ name: string } | { problem: ConsultationProblem }> {
  const department = await findDepartment(trx, departmentId);
  if (!department) return { problem: 'department_unknown' };
  const account = actor.id === null ? undefined : await findUserById(trx, actor.id);
  const departmentIds = account ? await listUserDepartmentIds(trx, account.id) : [];
  if (!account || !mayWorkOn({ role: account.role, departmentIds }, department.id)) {
    return { problem: 'department_not_yours' };
  }
  return { name: department.name };
}

/** Creates a draft consultation. */
export async function createConsultation(
  db: Kysely<Database>,
  input: ConsultationInput,
  actor: Actor,
  now: Date,
): Promise<Saved> {
  const problems = periodOf(input.opens_at, input);
  if (problems.length > 0) return { ok: false, problems };
  const note = input.copied_from ? { copied_from: input.copied_from } : undefined;
  return db.transaction().execute(async (trx): Promise<Saved> => {
    const department = await chosenDepartment(trx, actor, input.department_id);
    if ('problem' in department) return { ok: false, problems: [department.problem] };
    return {
      ok: true,
      id: await insertConsultation(trx, rowFields(input, department.name), actor, now, note),
    };
  });
}

/**
 * Saves a consultation's details. Before publishing anything may change. Once published the
 * title and the opening stay as published and the closing may only move later, with a note that
 * the audit log keeps; a withdrawn consultation does not change.
 */
export async function saveConsultation(
  db: Kysely<Database>,
  id: number,
  input: ConsultationInput,
  actor: Actor,
  now: Date,
): Promise<Saved> {
  return db.transaction().execute(async (trx): Promise<Saved> => {
    const before = await findConsultation(trx, id);
    if (!before) return { ok: false, problems: ['not_found'] };
    if (before.status === 'withdrawn') return { ok: false, problems: ['withdrawn'] };
    const frozen = isFrozen(before);
    // After publishing the opening is not in the form: it stays as published.
    const opensAt = frozen ? (before.opens_at ? new Date(before.opens_at) : null) : input.opens_at;
    const problems = periodOf(opensAt, input);
    if (problems.length > 0) return { ok: false, problems };
    const department = await chosenDepartment(trx, actor, input.department_id);
    if ('problem' in department) return { ok: false, problems: [department.problem] };
    const changes: ConsultationUpdate = rowFields(input, department.name);
    let note: string | undefined;
    if (frozen) {
      const change = classifyPublishedChange(before, {
        title: input.title,
        opensAt,
        closesAt: input.closes_at,
      });
      if (change === 'refused_title') return { ok: false, problems: ['title_frozen'] };
      if (change === 'refused_period') return { ok: false, problems: ['closing_not_extended'] };
      if (change === 'extend') {
        if (!input.change_note) return { ok: false, problems: ['extension_needs_note'] };
        note = input.change_note;
      }
      // Unchanged public fields keep their exact stored value (the form carries minutes only).
      changes.title = before.title;
      changes.opens_at = before.opens_at;
      if (note === undefined) changes.closes_at = before.closes_at;
    }
    await updateConsultation(trx, id, changes, actor, now, { note });
    return { ok: true, id };
  });
}
