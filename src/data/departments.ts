import type { Kysely, Transaction } from 'kysely';
import type { Database, Department } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A department with how much depends on it (an admin may delete it only when nothing does). */
export interface DepartmentRow extends Department {
  members: number;
  consultations: number;
}

/** Every department by name, with its counts of members and consultations. */
export async function listDepartments(db: Db): Promise<DepartmentRow[]> {
  const rows = await db
    .selectFrom('departments')
    .selectAll('departments')
    .select((eb) => [
      eb
        .selectFrom('user_departments')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('user_departments.department_id', '=', 'departments.id')
        .as('members'),
      eb
        .selectFrom('consultations')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('consultations.department_id', '=', 'departments.id')
        .as('consultations'),
    ])
    .orderBy('departments.name')
    .execute();
  return rows.map((r) => ({
    ...r,
    members: Number(r.members ?? 0),
    consultations: Number(r.consultations ?? 0),
  }));
}

export function findDepartment(db: Db, id: number): Promise<Department | undefined> {
  return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findDepartmentByName(db: Db, name: string): Promise<Department | undefined> {
  return db.selectFrom('departments').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function insertDepartment(db: Db, name: string, now: Date): Promise<number> {
  const row = await db
    .insertInto('departments')
    .values({ name, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Renames a department and the name its consultations show; returns how many were renamed. */
export async function renameDepartment(db: Db, id: number, name: string): Promise<number> {
  await db.updateTable('departments').set({ name }).where('id', '=', id).execute();
  const res = await db
    .updateTable('consultations')
    .set({ department: name })
    .where('department_id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

export async function deleteDepartment(db: Db, id: number): Promise<void> {
  await db.deleteFrom('departments').where('id', '=', id).execute();
}

/** The departments an account works for, by name. */
export function listUserDepartments(db: Db, userId: number): Promise<Department[]> {
  return db
    .selectFrom('user_departments')
    .innerJoin('departments', 'departments.id', 'user_departments.department_id')
    .selectAll('departments')
    .where('user_departments.user_id', '=', userId)
    .orderBy('departments.name')
    .execute();
}

/** The ids of the departments an account works for. */
export async function listUserDepartmentIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('user_departments')
    .select('department_id')
    .where('user_id', '=', userId)
    .orderBy('department_id')
    .execute();
  return rows.map((r) => r.department_id);
}

/** Sets an account's departments to exactly `departmentIds`. */
export async function setUserDepartments(
  db: Db,
  userId: number,
  departmentIds: readonly number[],
): Promise<void> {
  await db.deleteFrom('user_departments').where('user_id', '=', userId).execute();
  if (departmentIds.length === 0) return;
  await db
    .insertInto('user_departments')
    .values(departmentIds.map((department_id) => ({ user_id: userId, department_id })))
    .execute();
}

/** Every account's departments' names, by account id (for the list of accounts). */
export async function departmentNamesByUser(db: Db): Promise<Map<number, string[]>> {
  const rows = await db
    .selectFrom('user_departments')
    .innerJoin('departments', 'departments.id', 'user_departments.department_id')
    .select(['user_departments.user_id', 'departments.name'])
    .orderBy('departments.name')
    .execute();
  const out = new Map<number, string[]>();
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.name]);
  return out;
}
