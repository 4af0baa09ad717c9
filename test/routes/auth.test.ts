import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/data/audit.ts';
import { countActiveAdmins, findUserByEmail } from '../../src/data/users.ts';
import { hashToken } from '../../src/lib/auth.ts';
import { startupTasks } from '../../src/startup.ts';
import { makeTestApp, TEST_SECRET, TestClient, visibleText } from '../helpers.ts';
import { createTestUser, loginAs, TEST_PASSWORD } from '../helpers-auth.ts';

async function auditActions(db: Awaited<ReturnType<typeof makeTestApp>>['db']) {
  return db.selectFrom('audit_log').selectAll().orderBy('id').execute();
}

describe('signing in', () => {
  it('signs a staff member in and sends them to the staff home with a safe session cookie', async () => {
    const t = await makeTestApp();
    await createTestUser(t.db, 'staff', 'tanaka@city.example.jp');
    const page = await t.client.get('/login');
    expect(page.res.status).toBe(200);
    expect(visibleText(page.html)).toContain('職員・審議会委員のログイン');
    const { res } = await t.client.post('/login', {
      email: 'Tanaka@City.example.jp',
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff');
    const cookie = res.headers.getSetCookie().find((l) => l.startsWith('koe_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/);
    const token = t.client.cookies.get('koe_session')!;
    const session = await t.db.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(session.id).toBe(hashToken(token));
    expect(session.id).not.toBe(token);
    expect(session.expires_at).toBe('2026-11-24T15:00:00.000Z');
    const account = await t.client.get('/account');
    expect(account.res.status).toBe(200);
    expect(visibleText(account.html)).toContain('tanaka@city.example.jp');
    const log = await auditActions(t.db);
    expect(log.map((r) => r.action)).toEqual(['login']);
    expect(log[0]!.actor_label).toBe('tanaka@city.example.jp');
  });

  it('marks the cookie Secure when secure cookies are configured', async () => {
    const t = await makeTestApp({ env: { KOE_SECURE_COOKIES: 'true', KOE_PUBLIC_URL: 'https://localhost' } });
    await createTestUser(t.db, 'staff');
    const { res } = await t.client.post('/login', { email: 'staff@example.jp', password: TEST_PASSWORD });
    expect(res.headers.getSetCookie().find((l) => l.startsWith('koe_session='))).toMatch(/Secure/);
  });

  it('sends a council member to the council pages', async () => {
    const t = await makeTestApp();
    await createTestUser(t.db, 'council');
    const { res } = await t.client.post('/login', { email: 'council@example.jp', password: TEST_PASSWORD });
    expect(res.headers.get('location')).toBe('/council');
  });

  it('returns to a local next page but refuses to redirect off the site', async () => {
    const t = await makeTestApp();
    await createTestUser(t.db, 'staff');
    const local = await t.client.post('/login', {
      email: 'staff@example.jp',
      password: TEST_PASSWORD,
      next: '/staff/consultations?x=1',
    });
    expect(local.res.headers.get('location')).toBe('/staff/consultations?x=1');
    for (const next of [
      '//evil.example',
      'https://evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
    ]) {
      const { res } = await t.client.post('/login', {
        email: 'staff@example.jp',
        password: TEST_PASSWORD,
        next,
      });
      expect(res.headers.get('location')).toBe('/staff');
    }
  });

  it('gives the browser a new session at sign-in and ends the one it had', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'staff');
    const first = t.client.cookies.get('koe_session')!;
    await loginAs(t, 'staff');
    const second = t.client.cookies.get('koe_session')!;
    expect(second).not.toBe(first);
    const sessions = await t.db.selectFrom('sessions').select('id').execute();
    expect(sessions.map((s) => s.id)).toEqual([hashToken(second)]);
  });

  it('refuses a wrong password with the same message as an unknown account, and logs both', async () => {
    const t = await makeTestApp();
    await createTestUser(t.db, 'staff');
    const wrong = await t.client.post('/login', { email: 'staff@example.jp', password: 'not the password!' });
    const unknown = await t.client.post('/login', {
      email: 'nobody@example.jp',
      password: 'not the password!',
    });
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    const message = 'メールアドレスまたはパスワードが正しくありません。';
    expect(visibleText(wrong.html)).toContain(message);
    expect(visibleText(unknown.html)).toContain(message);
    expect(wrong.html).toContain('value="staff@example.jp"');
    expect(t.client.cookies.has('koe_session')).toBe(false);
    const log = await auditActions(t.db);
    expect(log.map((r) => [r.action, r.actor_label])).toEqual([
      ['login.failed', 'staff@example.jp'],
      ['login.failed', 'nobody@example.jp'],
    ]);
    expect(JSON.stringify(log)).not.toContain('not the password!');
  });

  it('refuses an empty form with a message next to each field', async () => {
    const t = await makeTestApp();
    const { res, html } = await t.client.post('/login', { email: '', password: '' });
    expect(res.status).toBe(422);
    expect(visibleText(html)).toContain('メールアドレスを入力してください。');
    expect(visibleText(html)).toContain('パスワードを入力してください。');
    expect(html).toContain('aria-describedby="f-email-error"');
  });

  it('refuses a disabled account even with the right password', async () => {
    const t = await makeTestApp();
    await createTestUser(t.db, 'staff');
    await t.db.updateTable('users').set({ disabled_at: '2026-11-01T00:00:00.000Z' }).execute();
    const { res, html } = await t.client.post('/login', {
      email: 'staff@example.jp',
      password: TEST_PASSWORD,
    });
    expect(res.status).toBe(401);
    expect(visibleText(html)).toContain('メールアドレスまたはパスワードが正しくありません。');
  });

  it('refuses further attempts on an account after five failures, for fifteen minutes', async () => {
    const t = await makeTestApp();
    await createTestUser(t.db, 'staff');
    for (let i = 0; i < 5; i++) {
      const { res } = await t.client.post('/login', {
        email: 'staff@example.jp',
        password: `wrong password ${i}`,
      });
      expect(res.status).toBe(401);
    }
    const refused = await t.client.post('/login', { email: 'staff@example.jp', password: TEST_PASSWORD });
    expect(refused.res.status).toBe(429);
    expect(refused.res.headers.get('retry-after')).toBe('900');
    expect(visibleText(refused.html)).toContain('ログインの失敗が続いたため');
    // Another account from the same address is still served.
    await createTestUser(t.db, 'council');
    const other = await t.client.post('/login', { email: 'council@example.jp', password: TEST_PASSWORD });
    expect(other.res.status).toBe(303);
    t.clock.set('2026-11-24T03:16:00.000Z');
    const later = await t.client.post('/login', { email: 'staff@example.jp', password: TEST_PASSWORD });
    expect(later.res.status).toBe(303);
  });

  it('refuses further attempts from one address after many failures across accounts', async () => {
    const t = await makeTestApp();
    await createTestUser(t.db, 'staff');
    // Nineteen failures recorded as the route records them, then one more through the form.
    for (let i = 0; i < 19; i++) {
      await appendAudit(
        t.db,
        { actorId: null, actorLabel: `guess${i}@example.jp`, action: 'login.failed', ip: 'unknown' },
        t.clock.now(),
      );
    }
    expect(
      (await t.client.post('/login', { email: 'guess@example.jp', password: 'wrong password' })).res.status,
    ).toBe(401);
    const { res } = await t.client.post('/login', { email: 'staff@example.jp', password: TEST_PASSWORD });
    expect(res.status).toBe(429);
  });

  it('refuses a login form sent without the CSRF field', async () => {
    const t = await makeTestApp();
    await createTestUser(t.db, 'staff');
    const { res } = await t.client.post(
      '/login',
      { email: 'staff@example.jp', password: TEST_PASSWORD },
      { csrf: false },
    );
    expect(res.status).toBe(403);
  });
});

describe('sessions', () => {
  it('ends a session after the idle time and after the absolute lifetime', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'staff');
    t.clock.set('2026-11-24T03:59:00.000Z');
    expect((await t.client.get('/account')).res.status).toBe(200);
    t.clock.set('2026-11-24T05:00:00.000Z');
    const idle = await t.client.get('/account');
    expect(idle.res.status).toBe(303);
    expect(idle.res.headers.get('location')).toBe('/login?next=%2Faccount');

    await loginAs(t, 'staff');
    for (let h = 1; h <= 12; h++) {
      t.clock.set(new Date(Date.parse('2026-11-24T05:00:00.000Z') + h * 50 * 60_000));
      const { res } = await t.client.get('/account');
      if (h * 50 < 12 * 60) expect(res.status).toBe(200);
      else expect(res.status).toBe(303);
    }
  });

  it('signs out: deletes the session, clears the cookie and goes to the home page', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'staff');
    await t.client.get('/account');
    const { res } = await t.client.post('/logout');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(t.client.cookies.has('koe_session')).toBe(false);
    expect(await t.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    expect((await t.client.get('/account')).res.status).toBe(303);
    const log = await auditActions(t.db);
    expect(log.map((r) => r.action)).toEqual(['login', 'logout']);
  });
});

describe('the account page', () => {
  it('changes the password, ends the other sessions and keeps this one', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'staff');
    // A second browser on the same database.
    const second = new TestClient(t.app);
    await loginAs({ client: second, db: t.db }, 'staff');
    await t.client.get('/account');
    const { res } = await t.client.post('/account/password', {
      current_password: TEST_PASSWORD,
      password: 'a much longer new passphrase',
      password_confirm: 'a much longer new passphrase',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account?changed=1');
    const page = await t.client.get('/account?changed=1');
    expect(visibleText(page.html)).toContain('パスワードを変更しました。');
    expect((await second.get('/account')).res.status).toBe(303);
    await t.client.post('/logout');
    const login = await t.client.post('/login', {
      email: 'staff@example.jp',
      password: 'a much longer new passphrase',
    });
    expect(login.res.status).toBe(303);
    const log = await auditActions(t.db);
    expect(log.map((r) => r.action)).toContain('user.password_change');
    expect(JSON.stringify(log)).not.toContain('a much longer new passphrase');
  });

  it('refuses a short password, a mismatch and a wrong current password, with messages by the fields', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'council');
    await t.client.get('/account');
    const short = await t.client.post('/account/password', {
      current_password: TEST_PASSWORD,
      password: 'short',
      password_confirm: 'short',
    });
    expect(short.res.status).toBe(422);
    expect(visibleText(short.html)).toContain('12文字以上にしてください（現在5文字）');
    const mismatch = await t.client.post('/account/password', {
      current_password: TEST_PASSWORD,
      password: 'long enough passphrase one',
      password_confirm: 'long enough passphrase two',
    });
    expect(mismatch.res.status).toBe(422);
    expect(visibleText(mismatch.html)).toContain('確認用のパスワードが一致しません。');
    const wrong = await t.client.post('/account/password', {
      current_password: 'not my password',
      password: 'long enough passphrase one',
      password_confirm: 'long enough passphrase one',
    });
    expect(wrong.res.status).toBe(422);
    expect(visibleText(wrong.html)).toContain('現在のパスワードが正しくありません。');
    expect(wrong.html).toContain('aria-describedby="f-current_password-error"');
  });
});

describe('the first administrator', () => {
  it('prints a one-time setup link when no administrator exists, and it creates and signs in the admin', async () => {
    const t = await makeTestApp();
    const lines = await startupTasks({
      db: t.db,
      config: t.config,
      secret: TEST_SECRET,
      demo: false,
      baseUrl: 'https://koe.example.jp',
      clock: t.clock,
    });
    const line = lines.find((l) => l.startsWith('Create the first administrator: '))!;
    expect(line).toBeDefined();
    const path = new URL(line.slice('Create the first administrator: '.length)).pathname;
    const form = await t.client.get(path);
    expect(form.res.status).toBe(200);
    expect(visibleText(form.html)).toContain('最初のシステム管理者の登録');

    const bad = await t.client.post(path, {
      email: 'not-an-email',
      display_name: '',
      password: 'passphrase for the admin',
      password_confirm: 'passphrase for the admin',
    });
    expect(bad.res.status).toBe(422);
    expect(bad.html).toContain('value="not-an-email"');
    expect(await countActiveAdmins(t.db)).toBe(0);

    expect(visibleText(bad.html)).toContain('市の名前を入力してください');
    const { res } = await t.client.post(path, {
      city_name_ja: '岡山市',
      city_name_en: 'Okayama City',
      email: 'admin@city.example.jp',
      display_name: '情報政策課 管理者',
      password: 'passphrase for the admin',
      password_confirm: 'passphrase for the admin',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/admin');
    const admin = await findUserByEmail(t.db, 'admin@city.example.jp');
    expect(admin?.role).toBe('admin');
    const account = await t.client.get('/account');
    expect(visibleText(account.html)).toContain('admin@city.example.jp');
    // The city's name asked for on the same page is on every page from now on.
    expect(account.html).toContain('<title>アカウント | 岡山市 意見募集（パブリックコメント）</title>');
    expect((await auditActions(t.db)).map((r) => r.action)).toEqual(['user.create', 'city.update']);

    const again = await t.client.get(path);
    expect(again.res.status).toBe(404);
    expect(visibleText(again.html)).toContain('この登録用リンクは使えません');
    const reuse = await t.client.post(path, {
      email: 'second@city.example.jp',
      display_name: 'x',
      password: 'passphrase for the admin',
      password_confirm: 'passphrase for the admin',
    });
    expect(reuse.res.status).toBe(404);
    expect(
      await startupTasks({
        db: t.db,
        config: t.config,
        secret: TEST_SECRET,
        demo: false,
        baseUrl: 'x',
        clock: t.clock,
      }),
    ).toEqual([]);
  });

  it('refuses an expired or made-up setup link', async () => {
    const t = await makeTestApp();
    const [line] = await startupTasks({
      db: t.db,
      config: t.config,
      secret: TEST_SECRET,
      demo: false,
      baseUrl: 'http://h',
      clock: t.clock,
    });
    const path = new URL(line!.split(': ')[1]!).pathname;
    expect((await t.client.get('/setup/made-up-token')).res.status).toBe(404);
    t.clock.set('2026-11-25T03:00:01.000Z');
    expect((await t.client.get(path)).res.status).toBe(404);
  });
});

describe('finding one’s own pages after signing in', () => {
  /** The href of the footer's sign-in link, as a person finds it on the home page. */
  async function footerSignInLink(client: TestClient): Promise<string> {
    const { html } = await client.get('/');
    const footer = html.slice(html.indexOf('<footer'));
    const href = footer.match(/<a href="([^"]+)"[^>]*>職員[^<]*<\/a>/)?.[1];
    expect(href, 'the footer link for staff and council members').toBeDefined();
    return href!;
  }

  it('takes a council member from the footer link through sign-in to the council pages, with the header link to them', async () => {
    const t = await makeTestApp();
    await createTestUser(t.db, 'council');
    let path = await footerSignInLink(t.client);
    // Follow redirects as a browser does, up to the sign-in form.
    for (let i = 0; i < 3 && path !== '/login' && !path.startsWith('/login?'); i++) {
      const { res } = await t.client.get(path);
      path = res.headers.get('location') ?? path;
    }
    const form = await t.client.get(path);
    const next = form.html.match(/name="next" value="([^"]*)"/)?.[1] ?? '';
    const { res } = await t.client.post('/login', {
      email: 'council@example.jp',
      password: TEST_PASSWORD,
      next,
    });
    expect(res.status).toBe(303);
    let landing = res.headers.get('location')!;
    for (let i = 0; i < 3; i++) {
      const r = await t.client.get(landing);
      if (r.res.status !== 303) {
        expect(r.res.status).toBe(200);
        expect(r.html).toMatch(/<a href="\/council"[^>]*>審議会資料<\/a>/);
        break;
      }
      landing = r.res.headers.get('location')!;
    }
    expect(landing).toBe('/council');
  });

  it('sends a council member who opens /staff to /council, and a staff member who opens /staff/admin to /staff', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'council');
    const council = await t.client.get('/staff');
    expect(council.res.status).toBe(303);
    expect(council.res.headers.get('location')).toBe('/council');
    const staff = new TestClient(t.app);
    await loginAs({ client: staff, db: t.db }, 'staff');
    const admin = await staff.get('/staff/admin');
    expect(admin.res.status).toBe(303);
    expect(admin.res.headers.get('location')).toBe('/staff');
  });

  it('signs a council member in to /council when the page they asked for is not theirs', async () => {
    const t = await makeTestApp();
    await createTestUser(t.db, 'council');
    const { res } = await t.client.post('/login', {
      email: 'council@example.jp',
      password: TEST_PASSWORD,
      next: '/staff/consultations/1',
    });
    expect(res.headers.get('location')).toBe('/council');
  });

  it('shows the areas a role may use in the header of every page, refusals included', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'council');
    for (const path of ['/', '/account', '/staff/consultations/1']) {
      const { html } = await t.client.get(path);
      const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
      expect(header, path).toMatch(/<a href="\/council"[^>]*>審議会資料<\/a>/);
      expect(header, path).not.toContain('href="/staff"');
      expect(header, path).not.toContain('href="/staff/admin"');
    }
    const refused = await t.client.get('/staff/consultations/1');
    expect(refused.res.status).toBe(403);

    const admin = new TestClient(t.app);
    await loginAs({ client: admin, db: t.db }, 'admin');
    const { html } = await admin.get('/');
    const header = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
    for (const link of ['/staff', '/council', '/staff/admin']) expect(header).toContain(`href="${link}"`);
  });
});

describe('the sign-in throttle cannot be turned against the owner', () => {
  const proxied = { KOE_TRUST_PROXY: 'true', KOE_PUBLIC_URL: 'https://koe.example.jp' };
  const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });

  it('lets the owner in from their usual address while someone elsewhere fails on the account', async () => {
    const t = await makeTestApp({ env: proxied });
    await createTestUser(t.db, 'council');
    const owner = (password = TEST_PASSWORD) =>
      t.client.post('/login', { email: 'council@example.jp', password }, from('198.51.100.7'));
    expect((await owner()).res.status).toBe(303);
    await t.client.post('/logout');

    t.clock.set('2026-11-24T03:01:00.000Z');
    const attacker = new TestClient(t.app);
    for (let i = 0; i < 8; i++) {
      const attempt = { email: 'council@example.jp', password: `guess ${i}` };
      const { res } = await attacker.post('/login', attempt, from('203.0.113.5'));
      expect(res.status).toBe(i < 5 ? 401 : 429);
    }
    // Even the right password from another new address is refused for the window: the account
    // is protected against guessing.
    const elsewhere = await attacker.post(
      '/login',
      { email: 'council@example.jp', password: TEST_PASSWORD },
      from('192.0.2.44'),
    );
    expect(elsewhere.res.status).toBe(429);
    // The owner, from the address they signed in from before, with the right password: in.
    t.clock.set('2026-11-24T03:05:00.000Z');
    expect((await owner()).res.status).toBe(303);
  });

  it('still limits failures from the owner’s usual address, by the per-address limit', async () => {
    const t = await makeTestApp({ env: proxied });
    await createTestUser(t.db, 'staff');
    const first = await t.client.post(
      '/login',
      { email: 'staff@example.jp', password: TEST_PASSWORD },
      from('198.51.100.7'),
    );
    expect(first.res.status).toBe(303);
    t.clock.set('2026-11-24T03:01:00.000Z');
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const attempt = { email: 'staff@example.jp', password: `typo ${i}` };
      statuses.push((await t.client.post('/login', attempt, from('198.51.100.7'))).res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
