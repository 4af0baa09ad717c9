/**
 * The departments (担当課) an administrator keeps, and which ones an account works for. Each
 * change is checked and written with its audit entry in one transaction.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { type Actor, appendAuditBy } from '../data/audit.ts';
import {
  deleteDepartment as deleteDepartmentRow,
  findDepartment,
  insertDepartment,
  listDepartments,
  listUserDepartments,
  renameDepartment as renameDepartmentRows,
  setUserDepartments,
} from '../data/departments.ts';
import { sameDepartmentName } from '../domain/departments.ts';

type Db = Kysely<Database>;

/** Why a change to the departments was refused. */
export type DepartmentRefusal = 'name_taken' | 'not_found' | 'in_use' | 'unknown_department';

/** Adds a department; its id, or 'name_taken' when one of that name exists. */
export async function createDepartment(
  db: Db,
  actor: Actor,
  name: string,
  now: Date,
): Promise<{ id: number } | { refused: DepartmentRefusal }> {
  return db.transaction().execute(async (trx) => {
    const all = await listDepartments(trx);
    if (all.some((d) => sameDepartmentName(d.name, name))) return { refused: 'name_taken' as const };
    const id = await insertDepartment(trx, name, now);
    await appendAuditBy(trx, actor, now, {
      action: 'department.create',
      targetType: 'department',
      targetId: id,
      after: { name },
    });
    return { id };
  });
}

/**
 * Renames a department (a reorganisation) and the 担当課 its consultations show; null when done.
 * A result already published keeps the name it was published with.
 */
export async function renameDepartment(
  db: Db,
  actor: Actor,
  id: number,
  name: string,
  now: Date,
): Promise<DepartmentRefusal | null> {
  return db.transaction().execute(async (trx) => {
    const before = await findDepartment(trx, id);
    if (!before) return 'not_found';
    if (before.name === name) return null;
    const others = (await listDepartments(trx)).filter((d) => d.id !== id);
    if (others.some((d) => sameDepartmentName(d.name, name))) return 'name_taken';
    const consultations = await renameDepartmentRows(trx, id, name);
    await appendAuditBy(trx, actor, now, {
      action: 'department.rename',
      targetType: 'department',
      targetId: id,
      before: { name: before.name },
      after: { name, consultations },
    });
    return null;
  });
}

/** Deletes a department that no consultation and no account uses; null when done. */
export async function deleteDepartment(
  db: Db,
  actor: Actor,
  id: number,
  now: Date,
): Promise<DepartmentRefusal | null> {
  return db.transaction().execute(async (trx) => {
    const row = (await listDepartments(trx)).find((d) => d.id === id);
    if (!row) return 'not_found';
    if (row.members > 0 || row.consultations > 0) return 'in_use';
    await deleteDepartmentRow(trx, id);
    await appendAuditBy(trx, actor, now, {
      action: 'department.delete',
      targetType: 'department',
      targetId: id,
      before: { name: row.name },
    });
    return null;
  });
}

/** Sets the departments an account works for (the admin's account page); null when done. */
export async function setAccountDepartments(
  db: Db,
  actor: Actor,
  userId: number,
  departmentIds: readonly number[],
  now: Date,
): Promise<DepartmentRefusal | null> {
  return db.transaction().execute(async (trx) => {
    const known = new Map((await listDepartments(trx)).map((d) => [d.id, d.name]));
    if (departmentIds.some((id) => !known.has(id))) return 'unknown_department';
    const before = (await listUserDepartments(trx, userId)).map((d) => d.name).sort();
    const after = departmentIds.map((id) => known.get(id) ?? '').sort();
    if (before.join('\n') === after.join('\n')) return null;
    await setUserDepartments(trx, userId, departmentIds);
    await appendAuditBy(trx, actor, now, {
      action: 'user.departments',
      targetType: 'user',
      targetId: userId,
      before: { departments: before },
      after: { departments: after },
    });
    return null;
  });
}
