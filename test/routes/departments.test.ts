import { describe, expect, it } from 'vitest';
import { ensureDepartment, makeTestApp, seedConsultation, TestClient, visibleText } from '../helpers.ts';
import { loginAs } from '../helpers-auth.ts';

type T = Awaited<ReturnType<typeof makeTestApp>>;
type Endpoint = { method: 'GET' | 'POST'; path: string };

const AFTER_CLOSE = '2026-12-05T03:00:00.000Z';
const OWN = '市民協働推進課';
const OTHER = '環境政策課';

/**
 * Every GET and POST route of one consultation's staff rooms, found in the app itself: a room
 * added later is walked too.
 */
function consultationRooms(app: T['app']): Endpoint[] {
  const seen = new Set<string>();
  const out: Endpoint[] = [];
  for (const r of app.routes) {
    if (r.method !== 'GET' && r.method !== 'POST') continue;
    if (!r.path.startsWith('/staff/consultations/:id') || r.path.includes('*')) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ method: r.method, path: r.path });
  }
  return out;
}

/** `:id` becomes the consultation; every other parameter '1'. */
function urlOf(e: Endpoint, consultationId: number): string {
  return e.path.replace(':id', String(consultationId)).replace(/:[A-Za-z0-9_]+(\{[^}]*\})?\??/g, '1');
}

async function call(client: TestClient, e: Endpoint, url: string) {
  return e.method === 'GET' ? (await client.get(url)).res : (await client.post(url, {})).res;
}

const refused = (status: number) => status === 403;
const allowed = (res: Response) =>
  res.status !== 401 && res.status !== 403 && !(res.headers.get('location') ?? '').startsWith('/login');

describe('departments: who works on which consultation', () => {
  it('lets staff into their own department’s consultations only, and admins into all (route × role × department)', async () => {
    const t = await makeTestApp();
    const admin = new TestClient(t.app);
    const staff = new TestClient(t.app);
    const council = new TestClient(t.app);
    await loginAs({ client: admin, db: t.db }, 'admin');
    await loginAs({ client: staff, db: t.db }, 'staff', 'kyodo@example.jp', [OWN]);
    await loginAs({ client: council, db: t.db }, 'council');
    const own = await seedConsultation(t.db, { department: OWN });
    const other = await seedConsultation(t.db, { department: OTHER });
    const rooms = consultationRooms(t.app);
    // Every room of a consultation: details, draft, sections, documents, publishing, comments, review.
    expect(rooms.map((e) => `${e.method} ${e.path}`)).toEqual(
      expect.arrayContaining([
        'POST /staff/consultations/:id/edit',
        'POST /staff/consultations/:id/draft/confirm',
        'POST /staff/consultations/:id/sections',
        'POST /staff/consultations/:id/documents',
        'POST /staff/consultations/:id/publish',
        'POST /staff/consultations/:id/withdraw',
        'POST /staff/consultations/:id/comments/new',
        'POST /staff/consultations/:id/review/groups',
        'POST /staff/consultations/:id/review/publish',
      ]),
    );

    const cases: { who: string; client: TestClient; consultation: number; mayEnter: boolean }[] = [
      // Refusals first: the allowed POSTs below may change what the consultations hold.
      { who: 'staff/other department', client: staff, consultation: other, mayEnter: false },
      { who: 'council/own department', client: council, consultation: own, mayEnter: false },
      { who: 'council/other department', client: council, consultation: other, mayEnter: false },
      { who: 'staff/own department', client: staff, consultation: own, mayEnter: true },
      { who: 'admin/own department', client: admin, consultation: own, mayEnter: true },
      { who: 'admin/other department', client: admin, consultation: other, mayEnter: true },
    ];
    const problems: string[] = [];
    for (const k of cases) {
      for (const e of rooms) {
        const url = urlOf(e, k.consultation);
        const res = await call(k.client, e, url);
        const ok = k.mayEnter ? allowed(res) : refused(res.status);
        if (!ok) problems.push(`${k.who} ${e.method} ${url} → ${res.status}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('refuses a 市民協働推進課 account that tries to publish 環境政策課’s result, and says whose it is', async () => {
    const t = await makeTestApp({ now: AFTER_CLOSE });
    const id = await seedConsultation(t.db, { department: OTHER });
    await loginAs(t, 'staff', 'kyodo@example.jp', [OWN]);
    const page = await t.client.get(`/staff/consultations/${id}/review/publish`);
    expect(page.res.status).toBe(403);
    expect(visibleText(page.html)).toContain('この意見募集は「環境政策課」の担当です。');
    const { res } = await t.client.post(`/staff/consultations/${id}/review/publish`, {});
    expect(res.status).toBe(403);
    const row = await t.db
      .selectFrom('consultations')
      .select('result_published_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.result_published_at).toBeNull();

    // A staff member of 環境政策課 may.
    const kankyo = new TestClient(t.app);
    await loginAs({ client: kankyo, db: t.db }, 'staff', 'kankyo@example.jp', [OTHER]);
    await kankyo.get(`/staff/consultations/${id}/review/publish`);
    const published = await kankyo.post(`/staff/consultations/${id}/review/publish`, {});
    expect(published.res.status).toBe(303);
  });

  it('lets an account of two departments work on both', async () => {
    const t = await makeTestApp();
    const a = await seedConsultation(t.db, { department: OWN });
    const b = await seedConsultation(t.db, { department: OTHER });
    const c = await seedConsultation(t.db, { department: '公園緑地課' });
    await loginAs(t, 'staff', 'both@example.jp', [OWN, OTHER]);
    expect((await t.client.get(`/staff/consultations/${a}`)).res.status).toBe(200);
    expect((await t.client.get(`/staff/consultations/${b}`)).res.status).toBe(200);
    expect((await t.client.get(`/staff/consultations/${c}`)).res.status).toBe(403);
  });

  it('lists only the staff member’s departments’ consultations on the staff home; admins see all', async () => {
    const t = await makeTestApp();
    await seedConsultation(t.db, { department: OWN, title: '協働の指針（案）' });
    await seedConsultation(t.db, { department: OTHER, title: 'ごみ減量計画（案）' });
    await loginAs(t, 'staff', 'kyodo@example.jp', [OWN]);
    const home = visibleText((await t.client.get('/staff')).html);
    expect(home).toContain('協働の指針（案）');
    expect(home).not.toContain('ごみ減量計画（案）');
    expect(home).toContain(`所属：${OWN}`);

    const admin = new TestClient(t.app);
    await loginAs({ client: admin, db: t.db }, 'admin');
    const all = visibleText((await admin.get('/staff')).html);
    expect(all).toContain('協働の指針（案）');
    expect(all).toContain('ごみ減量計画（案）');
  });

  it('tells a staff member without a department to ask an administrator, and shows no consultation', async () => {
    const t = await makeTestApp();
    await seedConsultation(t.db, { department: OWN, title: '協働の指針（案）' });
    await loginAs(t, 'staff', 'new@example.jp', []);
    const home = visibleText((await t.client.get('/staff')).html);
    expect(home).toContain('所属する課が登録されていません');
    expect(home).not.toContain('協働の指針（案）');
  });

  it('offers only one’s own departments when creating a consultation, and refuses another', async () => {
    const t = await makeTestApp();
    const otherId = await ensureDepartment(t.db, OTHER);
    await loginAs(t, 'staff', 'kyodo@example.jp', [OWN]);
    const ownId = await ensureDepartment(t.db, OWN);
    const form = await t.client.get('/staff/consultations/new');
    expect(form.html).toContain(`<option value="${ownId}" selected="">${OWN}</option>`);
    expect(form.html).not.toContain(OTHER);
    const fields = { title: '別の課の案', max_comment_length: '4000', opens_at: '', closes_at: '' };
    const refusedRes = await t.client.post('/staff/consultations', {
      ...fields,
      department_id: String(otherId),
    });
    expect(refusedRes.res.status).toBe(422);
    expect(visibleText(refusedRes.html)).toContain('所属する課を選んでください。');
    expect(await t.db.selectFrom('consultations').select('id').execute()).toHaveLength(0);

    const created = await t.client.post('/staff/consultations', { ...fields, department_id: String(ownId) });
    expect(created.res.status).toBe(303);
    const row = await t.db
      .selectFrom('consultations')
      .select(['department', 'department_id'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ department: OWN, department_id: ownId });
  });

  it('does not let staff hand their consultation to another department; an admin may', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db, { department: OWN, status: 'draft', published_at: null });
    const otherId = await ensureDepartment(t.db, OTHER);
    await loginAs(t, 'staff', 'kyodo@example.jp', [OWN]);
    const fields = {
      title: '協働のまちづくり指針（案）',
      max_comment_length: '4000',
      department_id: String(otherId),
    };
    await t.client.get(`/staff/consultations/${id}/edit`);
    const moved = await t.client.post(`/staff/consultations/${id}/edit`, fields);
    expect(moved.res.status).toBe(422);
    expect(visibleText(moved.html)).toContain('所属する課を選んでください。');

    const admin = new TestClient(t.app);
    await loginAs({ client: admin, db: t.db }, 'admin');
    await admin.get(`/staff/consultations/${id}/edit`);
    expect((await admin.post(`/staff/consultations/${id}/edit`, fields)).res.status).toBe(303);
    const row = await t.db
      .selectFrom('consultations')
      .select(['department', 'department_id'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ department: OTHER, department_id: otherId });
    // Now it is 環境政策課's: the 市民協働推進課 account is refused.
    expect((await t.client.get(`/staff/consultations/${id}`)).res.status).toBe(403);
  });
});
