import type { Role } from '../../db/schema.ts';

/** Where a role lands after signing in, and where its links to "home" go. */
export function homeOf(role: Role): string {
  return role === 'council' ? '/council' : '/staff';
}

/** The area a role's own pages (its account page) belong to. */
export function ownAreaOf(role: Role): 'staff' | 'council' {
  return role === 'council' ? 'council' : 'staff';
}
