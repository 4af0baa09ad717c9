/**
 * Who works on which consultation (issue #14). A consultation belongs to one department (担当課);
 * a staff account works for one or more. Staff edit, moderate, review and publish only their
 * departments' consultations; administrators work on all of them. (Council members read every
 * summary: the council pages do not ask for a department.)
 */
import type { Role } from '../../db/schema.ts';

/** The person acting, as the department rule needs them. */
export interface Worker {
  role: Role;
  /** The departments the account works for (ignored for administrators). */
  departmentIds: readonly number[];
}

/**
 * True when `who` may open the staff rooms of a consultation of `departmentId`. A consultation
 * with no department (a draft from before departments were records) is for administrators,
 * who give it one.
 */
export function mayWorkOn(who: Worker, departmentId: number | null): boolean {
  if (who.role === 'admin') return true;
  if (who.role !== 'staff' || departmentId === null) return false;
  return who.departmentIds.includes(departmentId);
}

/** Whether a department name is taken, compared as people read it (width and case ignored). */
export function sameDepartmentName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return norm(a) === norm(b);
}
