import { describe, expect, it } from 'vitest';
import { findUserByEmail } from '../../src/data/users.ts';
import { formatDateTime } from '../../src/lib/time.ts';
import { ensureDepartment, makeTestApp, seedConsultation, TestClient, visibleText } from '../helpers.ts';
import { loginAs, temporaryPasswordIn } from '../helpers-auth.ts';

type T = Awaited<ReturnType<typeof makeTestApp>>;

/** An admin signed in on `t.client` creates a staff account; returns its email and temporary password. */
async function createStaffAccount(t: T, departments: number[] = []) {
  await t.client.get('/staff/admin/users/new');
  const { res, html } = await t.client.post('/staff/admin/users', {
    email: 'tanaka@city.example.jp',
    display_name: '田中',
    role: 'staff',
    department_ids: departments.map(String),
  });
  expect(res.status).toBe(201);
  return { email: 'tanaka@city.example.jp', password: temporaryPasswordIn(html) };
}

describe('a temporary password at the first sign-in', () => {
  it('leads to the password change before any other signed-in page, then on to where the person was going', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'admin');
    const { email, password } = await createStaffAccount(t, [await ensureDepartment(t.db)]);

    const person = new TestClient(t.app);
    await person.get('/login?next=/staff/consultations/new');
    const login = await person.post('/login', { email, password, next: '/staff/consultations/new' });
    expect(login.res.headers.get('location')).toBe('/account/password?next=%2Fstaff%2Fconsultations%2Fnew');

    // Every signed-in page leads to the change first; an htmx request is sent there too.
    for (const path of ['/staff', '/staff/consultations/new', '/account', '/council', '/staff/admin']) {
      const { res } = await person.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe(`/account/password?next=${encodeURIComponent(path)}`);
    }
    const hx = await person.request('/staff', { headers: { 'hx-request': 'true' } });
    expect(hx.headers.get('hx-redirect')).toBe('/account/password?next=%2Fstaff');
    const refusedPost = await person.post('/staff/consultations', { title: 'x' });
    expect(refusedPost.res.status).toBe(303);
    expect(await t.db.selectFrom('consultations').select('id').execute()).toHaveLength(0);
    // The public site stays open.
    expect((await person.get('/')).res.status).toBe(200);

    const page = await person.get('/account/password?next=/staff/consultations/new');
    expect(page.res.status).toBe(200);
    const text = visibleText(page.html);
    expect(text).toContain('管理者が発行した仮のパスワードでログインしています');
    expect(text).toContain('仮のパスワード');
    expect(page.html).toContain('name="next" value="/staff/consultations/new"');

    const wrong = await person.post('/account/password', {
      current_password: 'not the temporary one',
      password: 'my own long passphrase',
      password_confirm: 'my own long passphrase',
      next: '/staff/consultations/new',
    });
    expect(wrong.res.status).toBe(422);
    expect(visibleText(wrong.html)).toContain('現在のパスワードが正しくありません。');
    expect(wrong.html).toContain('name="next" value="/staff/consultations/new"');
    const same = await person.post('/account/password', {
      current_password: password,
      password,
      password_confirm: password,
    });
    expect(same.res.status).toBe(422);

    const changed = await person.post('/account/password', {
      current_password: password,
      password: 'my own long passphrase',
      password_confirm: 'my own long passphrase',
      next: '/staff/consultations/new',
    });
    expect(changed.res.status).toBe(303);
    expect(changed.res.headers.get('location')).toBe('/staff/consultations/new');
    expect((await person.get('/staff/consultations/new')).res.status).toBe(200);
    expect((await findUserByEmail(t.db, email))?.must_change_password).toBe(0);
    const entry = await t.db
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'user.password_change')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before_json!)).toMatchObject({ must_change_password: true });
    expect(JSON.parse(entry.after_json!)).toMatchObject({ must_change_password: false });

    // The next sign-in goes straight on.
    const again = new TestClient(t.app);
    const next = await again.post('/login', { email, password: 'my own long passphrase' });
    expect(next.res.headers.get('location')).toBe('/staff');
  });

  it('never sends a temporary password to a page the role cannot open after the change', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'admin');
    const { email, password } = await createStaffAccount(t);
    const person = new TestClient(t.app);
    await person.get('/');
    await person.post('/login', { email, password });
    const changed = await person.post('/account/password', {
      current_password: password,
      password: 'my own long passphrase',
      password_confirm: 'my own long passphrase',
      next: '/staff/admin/users/new',
    });
    expect(changed.res.headers.get('location')).toBe('/staff');
  });
});

describe('last sign-in', () => {
  it('shows this and the previous sign-in on the account page, and the last one in the admin list', async () => {
    const t = await makeTestApp({ now: '2026-11-20T01:00:00.000Z' });
    const staff = await loginAs(t, 'staff');
    t.clock.set('2026-11-24T03:00:00.000Z');
    const later = new TestClient(t.app);
    await loginAs({ client: later, db: t.db }, 'staff');
    const page = visibleText((await later.get('/account')).html);
    expect(page).toContain(`今回のログイン ${formatDateTime('2026-11-24T03:00:00.000Z', 'ja')}`);
    expect(page).toContain(`前回のログイン ${formatDateTime('2026-11-20T01:00:00.000Z', 'ja')}`);
    expect(page).toContain('所属課 市民協働推進課');

    const admin = new TestClient(t.app);
    await loginAs({ client: admin, db: t.db }, 'admin');
    const list = visibleText((await admin.get('/staff/admin')).html);
    expect(list).toContain(
      `${staff.email} staff テスト 担当課職員 市民協働推進課 有効 ${formatDateTime('2026-11-24T03:00:00.000Z', 'ja')}`,
    );
    const one = visibleText((await admin.get(`/staff/admin/users/${staff.id}`)).html);
    expect(one).toContain(`最終ログイン ${formatDateTime('2026-11-24T03:00:00.000Z', 'ja')}`);
  });
});

describe('an account’s departments', () => {
  it('lets an admin set them on the account page, audited, and the staff member then works on that department', async () => {
    const t = await makeTestApp();
    const gomi = await seedConsultation(t.db, { department: '環境政策課' });
    const kankyo = await ensureDepartment(t.db, '環境政策課');
    const kyodo = await ensureDepartment(t.db, '市民協働推進課');
    const staff = new TestClient(t.app);
    const account = await loginAs({ client: staff, db: t.db }, 'staff');
    expect((await staff.get(`/staff/consultations/${gomi}`)).res.status).toBe(403);

    await loginAs(t, 'admin');
    const page = await t.client.get(`/staff/admin/users/${account.id}`);
    expect(page.html).toContain(`name="department_ids" value="${kyodo}" checked=""`);
    const { res } = await t.client.post(`/staff/admin/users/${account.id}/departments`, {
      department_ids: [String(kyodo), String(kankyo)],
    });
    expect(res.status).toBe(303);
    expect(visibleText((await t.client.get(res.headers.get('location')!)).html)).toContain(
      '所属課を変更しました。',
    );
    expect((await staff.get(`/staff/consultations/${gomi}`)).res.status).toBe(200);
    const entry = await t.db
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'user.departments')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.before_json!)).toEqual({ departments: ['市民協働推進課'] });
    expect(JSON.parse(entry.after_json!)).toEqual({ departments: ['市民協働推進課', '環境政策課'].sort() });

    const unknown = await t.client.post(`/staff/admin/users/${account.id}/departments`, {
      department_ids: '999',
    });
    expect(unknown.res.status).toBe(422);
    expect(visibleText(unknown.html)).toContain('所属課を選び直してください。');
  });
});

describe('the departments admin pages', () => {
  it('adds departments, refuses a name used already, renames one with its consultations, and deletes only an unused one', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'admin');
    await t.client.get('/staff/admin/departments');
    const added = await t.client.post('/staff/admin/departments', { name: '環境政策課' });
    expect(added.res.status).toBe(303);
    const twice = await t.client.post('/staff/admin/departments', { name: ' 環境政策課 ' });
    expect(twice.res.status).toBe(422);
    expect(visibleText(twice.html)).toContain('同じ名前の担当課がすでにあります。');
    const empty = await t.client.post('/staff/admin/departments', { name: '   ' });
    expect(empty.res.status).toBe(422);
    expect(visibleText(empty.html)).toContain('課の名前を入力してください。');

    const id = await seedConsultation(t.db, { department: '環境政策課', title: 'ごみ減量計画（案）' });
    const department = await ensureDepartment(t.db, '環境政策課');
    const list = visibleText((await t.client.get('/staff/admin/departments')).html);
    expect(list).toContain('環境政策課 0人 1件');

    const renamed = await t.client.post(`/staff/admin/departments/${department}`, { name: '環境未来課' });
    expect(renamed.res.status).toBe(303);
    const publicPage = visibleText((await new TestClient(t.app).get(`/consultations/${id}`)).html);
    expect(publicPage).toContain('環境未来課');
    expect(publicPage).not.toContain('環境政策課');

    const inUse = await t.client.post(`/staff/admin/departments/${department}/delete`);
    expect(inUse.res.status).toBe(409);
    expect(visibleText(inUse.html)).toContain('所属する職員か意見募集があるため、削除できません。');
    const spare = await ensureDepartment(t.db, '臨時課');
    expect((await t.client.post(`/staff/admin/departments/${spare}/delete`)).res.status).toBe(303);
    expect(await t.db.selectFrom('departments').select('name').execute()).toEqual([{ name: '環境未来課' }]);

    const actions = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('action', 'like', 'department.%')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'department.create',
      'department.rename',
      'department.delete',
    ]);
    expect(JSON.parse(actions[1]!.after_json!)).toEqual({ name: '環境未来課', consultations: 1 });
    expect((await t.client.get('/staff/admin/departments/999')).res.status).toBe(404);
  });
});
