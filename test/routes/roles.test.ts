import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema.ts';
import { makeTestApp, seedConsultation, TestClient } from '../helpers.ts';
import { loginAs } from '../helpers-auth.ts';

type Who = Role | 'nobody';
type Endpoint = { method: 'GET' | 'POST'; path: string; url: string };

/**
 * Every GET and POST route under /staff and /council, found in the app itself: a route added
 * later without a guard makes this test fail. `:param` segments become '1' (an existing
 * consultation, section and user).
 */
function guardedEndpoints(app: Awaited<ReturnType<typeof makeTestApp>>['app']): Endpoint[] {
  const seen = new Set<string>();
  const out: Endpoint[] = [];
  for (const r of app.routes) {
    if (r.method !== 'GET' && r.method !== 'POST') continue;
    if (!/^\/(staff|council)(\/|$)/.test(r.path) || r.path.includes('*')) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const url = r.path.replace(/:[A-Za-z0-9_]+(\{[^}]*\})?\??/g, '1');
    out.push({ method: r.method, path: r.path, url });
  }
  return out;
}

/** What each role may reach: nobody nothing, council /council, staff also /staff, admin all. */
function allowed(who: Who, path: string): boolean {
  if (who === 'nobody') return false;
  if (path.startsWith('/council')) return true;
  if (/^\/staff\/admin(\/|$)/.test(path)) return who === 'admin';
  return who === 'staff' || who === 'admin';
}

async function call(client: TestClient, e: Endpoint, headers: Record<string, string> = {}) {
  return e.method === 'GET'
    ? (await client.get(e.url, headers)).res
    : (await client.post(e.url, {}, { headers })).res;
}

/** Walks every guarded endpoint as each role and returns what went wrong, one line each. */
async function roleProblems(t: Awaited<ReturnType<typeof makeTestApp>>): Promise<string[]> {
  const endpoints = guardedEndpoints(t.app);
  const clients: Record<Who, TestClient> = {
    nobody: new TestClient(t.app),
    council: new TestClient(t.app),
    staff: new TestClient(t.app),
    admin: new TestClient(t.app),
  };
  // Admin first so it is user 1: the admin's own POSTs on /users/1 are refused (409), harmless.
  await loginAs({ client: clients.admin, db: t.db }, 'admin');
  await loginAs({ client: clients.staff, db: t.db }, 'staff');
  await loginAs({ client: clients.council, db: t.db }, 'council');
  await clients.nobody.get('/');

  const problems: string[] = [];
  // Admin last: its POSTs may change data the others' checks read.
  for (const who of ['nobody', 'council', 'staff', 'admin'] as const) {
    for (const e of endpoints) {
      const res = await call(clients[who], e);
      const location = res.headers.get('location') ?? '';
      const label = `${who} ${e.method} ${e.url} → ${res.status}${location ? ` ${location}` : ''}`;
      if (who === 'nobody') {
        if (res.status !== 303 || !location.startsWith('/login?next=')) problems.push(label);
        const hx = await call(clients.nobody, e, { 'hx-request': 'true' });
        if (hx.status !== 401 || !hx.headers.get('hx-redirect')?.startsWith('/login')) {
          problems.push(`${label} (htmx: ${hx.status})`);
        }
      } else if (allowed(who, e.path)) {
        if (res.status === 401 || res.status === 403 || location.startsWith('/login')) problems.push(label);
      } else if (e.method === 'GET' && ['/staff', '/staff/admin'].includes(e.path)) {
        // Another area's home leads to the person's own home instead of a refusal.
        if (res.status !== 303 || location !== (who === 'council' ? '/council' : '/staff'))
          problems.push(label);
      } else if (res.status !== 403) {
        problems.push(label);
      }
    }
  }
  return problems;
}

describe('roles on every staff and council route', () => {
  it('guards every /staff and /council route for nobody, council, staff and admin', async () => {
    const t = await makeTestApp();
    await seedConsultation(t.db);
    const endpoints = guardedEndpoints(t.app);
    // The admin pages at least; other areas add theirs.
    expect(endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(
      expect.arrayContaining(['GET /staff/admin', 'POST /staff/admin/users', 'GET /staff/admin/audit.csv']),
    );
    expect(await roleProblems(t)).toEqual([]);
  });
});
