import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema.ts';
import { setUserDepartments } from '../src/data/departments.ts';
import { findUserByEmail, insertUser } from '../src/data/users.ts';
import { hashPassword } from '../src/lib/auth.ts';
import { ensureDepartment, TEST_DEPARTMENT, type TestClient } from './helpers.ts';

/** The password every account made by `loginAs` / `createTestUser` gets. */
export const TEST_PASSWORD = 'correct horse battery staple';

let cachedHash: Promise<string> | undefined;
/** scrypt is slow on purpose; tests share one hash of TEST_PASSWORD. */
function testHash(): Promise<string> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  return cachedHash;
}

/**
 * Creates an account (through the app's own data functions) unless the email exists. A staff
 * account works for `departments` (default: TEST_DEPARTMENT, the department of seedConsultation).
 */
export async function createTestUser(
  db: Kysely<Database>,
  role: Role,
  email = `${role}@example.jp`,
  displayName = `${role} テスト`,
  departments: readonly string[] = role === 'staff' ? [TEST_DEPARTMENT] : [],
): Promise<{ id: number; email: string }> {
  const existing = await findUserByEmail(db, email);
  if (existing) return { id: existing.id, email: existing.email };
  const id = await insertUser(
    db,
    { email, displayName, role, passwordHash: await testHash() },
    new Date('2026-01-05T00:00:00.000Z'),
  );
  const ids: number[] = [];
  for (const name of departments) ids.push(await ensureDepartment(db, name));
  await setUserDepartments(db, id, ids);
  return { id, email: email.toLowerCase() };
}

/**
 * Creates a user with the role (default email `<role>@example.jp`) and signs the client in
 * through the real POST /login, so the client carries a session cookie afterwards.
 */
export async function loginAs(
  t: { client: TestClient; db: Kysely<Database> },
  role: Role,
  email?: string,
  departments?: readonly string[],
): Promise<{ id: number; email: string }> {
  const user = await createTestUser(t.db, role, email, undefined, departments);
  const { res } = await t.client.post('/login', { email: user.email, password: TEST_PASSWORD });
  if (res.status !== 303) throw new Error(`loginAs(${role}) failed: POST /login answered ${res.status}`);
  return user;
}

/** The temporary password an admin page shows once (a new account, a reset). */
export function temporaryPasswordIn(html: string): string {
  const password = html.match(/<code class="temporary-password">([^<]+)<\/code>/)?.[1];
  if (!password) throw new Error('No temporary password on the page');
  return password;
}
