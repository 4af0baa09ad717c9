import type { Role } from '../../db/schema.ts';

/** The areas of Koe behind a sign-in. */
export type SignedInArea = 'staff' | 'council' | 'admin';

const AREAS: Record<Role, readonly SignedInArea[]> = {
  admin: ['staff', 'council', 'admin'],
  staff: ['staff', 'council'],
  council: ['council'],
};

/** The home page of each area. */
export const AREA_HOMES: Record<SignedInArea, string> = {
  staff: '/staff',
  council: '/council',
  admin: '/staff/admin',
};

/** The areas a role may use: the header links to exactly these. */
export function areasOf(role: Role): readonly SignedInArea[] {
  return AREAS[role];
}

/** Where a role lands after signing in, and where its links to "home" go. */
export function homeOf(role: Role): string {
  return AREA_HOMES[ownAreaOf(role)];
}

/** The area a role's own pages (its account page) belong to. */
export function ownAreaOf(role: Role): 'staff' | 'council' {
  return role === 'council' ? 'council' : 'staff';
}

/** The area a local path belongs to ('public' for everything outside the signed-in areas). */
export function areaOfPath(path: string): SignedInArea | 'public' {
  if (/^\/staff\/admin(\/|\?|$)/.test(path)) return 'admin';
  if (/^\/staff(\/|\?|$)/.test(path)) return 'staff';
  if (/^\/council(\/|\?|$)/.test(path)) return 'council';
  return 'public';
}

/** True when the role may open the path (so a sign-in never lands on a refusal). */
export function mayOpen(role: Role, path: string): boolean {
  const area = areaOfPath(path);
  return area === 'public' || AREAS[role].includes(area);
}

/** True when the path is the home page of an area ('/staff', '/council', '/staff/admin'). */
export function isAreaHome(path: string): boolean {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return Object.values(AREA_HOMES).includes(p);
}
