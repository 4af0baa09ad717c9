import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/data/audit.ts';
import { findUserByEmail } from '../../src/data/users.ts';
import { ensureDepartment, makeTestApp, TestClient, visibleText } from '../helpers.ts';
import { createTestUser, loginAs, TEST_PASSWORD, temporaryPasswordIn } from '../helpers-auth.ts';

async function adminApp() {
  const t = await makeTestApp();
  const admin = await loginAs(t, 'admin');
  return { ...t, admin };
}

describe('accounts in the admin pages', () => {
  it('lists the accounts and shows how to back up', async () => {
    const t = await adminApp();
    await createTestUser(t.db, 'council', 'iin@example.jp');
    const { res, html } = await t.client.get('/staff/admin');
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('iin@example.jp');
    expect(text).toContain('審議会委員');
    expect(text).toContain('npm run koe -- db:backup');
    const en = await t.client.get('/staff/admin?lang=en');
    expect(visibleText(en.html)).toContain('Administration');
    expect(visibleText(en.html)).toContain('Council member');
  });

  it('creates an account with a temporary password shown once, and records who created it', async () => {
    const t = await adminApp();
    const department = await ensureDepartment(t.db, '市民協働推進課');
    await t.client.get('/staff/admin/users/new');
    const { res, html } = await t.client.post('/staff/admin/users', {
      email: 'Yamada@City.example.jp',
      display_name: '市民協働推進課 山田',
      role: 'staff',
      department_ids: String(department),
    });
    expect(res.status).toBe(201);
    const user = await findUserByEmail(t.db, 'yamada@city.example.jp');
    expect(user?.role).toBe('staff');
    expect(user?.must_change_password).toBe(1);
    const text = visibleText(html);
    expect(text).toContain('アカウントを作成しました');
    const password = temporaryPasswordIn(html);
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(text).toContain('二度と表示できません');

    const other = new TestClient(t.app);
    const login = await other.post('/login', { email: 'yamada@city.example.jp', password });
    expect(login.res.status).toBe(303);
    expect(login.res.headers.get('location')).toBe('/account/password?next=%2Fstaff');

    const entry = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .executeTakeFirstOrThrow();
    expect(entry.actor_id).toBe(t.admin.id);
    expect(entry.actor_label).toBe('admin@example.jp');
    expect(JSON.parse(entry.after_json!)).toEqual({
      email: 'yamada@city.example.jp',
      display_name: '市民協働推進課 山田',
      role: 'staff',
      departments: ['市民協働推進課'],
      must_change_password: true,
    });
    // The temporary password is nowhere in the log.
    const log = await t.db.selectFrom('audit_log').select(['before_json', 'after_json']).execute();
    expect(JSON.stringify(log)).not.toContain(password);
  });

  it('refuses an invalid new account with messages by the fields, keeping the input and storing nothing', async () => {
    const t = await adminApp();
    await t.client.get('/staff/admin/users/new');
    const { res, html } = await t.client.post('/staff/admin/users', {
      email: 'admin@example.jp',
      display_name: '重複',
      role: 'superuser',
      department_ids: 'abc',
    });
    expect(res.status).toBe(422);
    const text = visibleText(html);
    expect(text).toContain('このメールアドレスはすでに登録されています。');
    expect(text).toContain('権限を選んでください。');
    expect(text).toContain('所属課を選び直してください。');
    expect(html).toContain('value="重複"');
    expect(await t.db.selectFrom('users').selectAll().execute()).toHaveLength(1);
  });

  it('changes a role, disables and enables an account, with before and after in the log', async () => {
    const t = await adminApp();
    const staff = await createTestUser(t.db, 'staff');
    const browser = new TestClient(t.app);
    await loginAs({ client: browser, db: t.db }, 'staff');
    await t.client.get(`/staff/admin/users/${staff.id}`);

    const role = await t.client.post(`/staff/admin/users/${staff.id}/role`, { role: 'council' });
    expect(role.res.status).toBe(303);
    expect((await findUserByEmail(t.db, staff.email))?.role).toBe('council');

    const disable = await t.client.post(`/staff/admin/users/${staff.id}/disable`);
    expect(disable.res.status).toBe(303);
    expect((await browser.get('/account')).res.status).toBe(303);
    const refused = await browser.post('/login', { email: staff.email, password: TEST_PASSWORD });
    expect(refused.res.status).toBe(401);

    const enable = await t.client.post(`/staff/admin/users/${staff.id}/enable`);
    expect(enable.res.status).toBe(303);
    const page = await t.client.get(enable.res.headers.get('location')!);
    expect(visibleText(page.html)).toContain('アカウントを再開しました。');
    expect((await browser.post('/login', { email: staff.email, password: TEST_PASSWORD })).res.status).toBe(
      303,
    );

    const log = await t.db
      .selectFrom('audit_log')
      .select(['action', 'before_json', 'after_json', 'target_id'])
      .where('action', 'like', 'user.%')
      .orderBy('id')
      .execute();
    expect(log.map((r) => r.action)).toEqual(['user.role_change', 'user.disable', 'user.enable']);
    expect(log[0]).toMatchObject({
      before_json: '{"role":"staff"}',
      after_json: '{"role":"council"}',
      target_id: String(staff.id),
    });
  });

  it('resets a password to a temporary one and ends that account’s sessions', async () => {
    const t = await adminApp();
    const staff = await createTestUser(t.db, 'staff');
    const browser = new TestClient(t.app);
    await loginAs({ client: browser, db: t.db }, 'staff');
    await t.client.get(`/staff/admin/users/${staff.id}`);
    const { res, html } = await t.client.post(`/staff/admin/users/${staff.id}/password`);
    expect(res.status).toBe(200);
    expect(visibleText(html)).toContain('仮のパスワードを発行しました');
    const password = temporaryPasswordIn(html);
    expect((await browser.get('/account')).res.status).toBe(303);
    expect((await browser.post('/login', { email: staff.email, password: TEST_PASSWORD })).res.status).toBe(
      401,
    );
    const login = await browser.post('/login', { email: staff.email, password });
    expect(login.res.status).toBe(303);
    expect(login.res.headers.get('location')).toBe('/account/password?next=%2Fstaff');
    const entry = await t.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'user.password_reset')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after_json!)).toMatchObject({ must_change_password: true, sessions_ended: 1 });
    expect(entry.after_json).not.toContain(password);
  });

  it('refuses to let an admin disable or demote themselves, or remove the last admin', async () => {
    const t = await adminApp();
    await t.client.get(`/staff/admin/users/${t.admin.id}`);
    const self = await t.client.post(`/staff/admin/users/${t.admin.id}/disable`);
    expect(self.res.status).toBe(409);
    expect(visibleText(self.html)).toContain('自分自身の権限の変更や停止はできません。');
    const demote = await t.client.post(`/staff/admin/users/${t.admin.id}/role`, { role: 'staff' });
    expect(demote.res.status).toBe(409);
    expect((await findUserByEmail(t.db, 'admin@example.jp'))?.role).toBe('admin');
    expect((await t.client.get('/staff/admin/users/999')).res.status).toBe(404);
  });
});

describe('the audit log browser', () => {
  it('filters by action, actor, target and date, and pages through entries', async () => {
    const t = await adminApp();
    const day1 = new Date('2026-11-20T01:00:00.000Z');
    for (let i = 0; i < 60; i++) {
      await appendAudit(
        t.db,
        { actorId: null, actorLabel: 'cli', action: 'comment.hide', targetType: 'comment', targetId: i + 1 },
        day1,
      );
    }
    const first = await t.client.get('/staff/admin/audit?action=comment');
    expect(first.res.status).toBe(200);
    const text = visibleText(first.html);
    expect(text).toContain('全60件中 1〜50件目');
    expect(first.html).toContain('href="/staff/admin/audit?action=comment&amp;page=2"');
    const second = await t.client.get('/staff/admin/audit?action=comment&page=2');
    expect(visibleText(second.html)).toContain('全60件中 51〜60件目');

    const byTarget = await t.client.get('/staff/admin/audit?target_type=comment&target_id=7');
    expect(visibleText(byTarget.html)).toContain('全1件中 1〜1件目');
    const byActor = await t.client.get('/staff/admin/audit?actor=admin%40');
    expect(visibleText(byActor.html)).toContain('ログイン');
    expect(visibleText(byActor.html)).toContain('全1件中');
    const byDate = await t.client.get('/staff/admin/audit?from=2026-11-24&to=2026-11-24');
    expect(visibleText(byDate.html)).toContain('全1件中');
    const badDate = await t.client.get('/staff/admin/audit?from=yesterday');
    expect(badDate.res.status).toBe(422);
    expect(visibleText(badDate.html)).toContain('日付は 2026-11-24 の形で入力してください。');
  });

  it('exports the log as Excel-friendly CSV', async () => {
    const t = await adminApp();
    await t.client.post('/login', { email: '=HYPERLINK("x")@example.jp', password: 'wrong password' });
    const res = await t.client.request('/staff/admin/audit.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="audit-log.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe(
      '"id","at_utc","at_jst","actor_id","actor_label","action","target_type","target_id","before_json","after_json","ip","prev_hash","hash","target_kind"',
    );
    expect(lines[1]).toContain('"login"');
    expect(lines[2]).toContain(`"'=hyperlink(""x"")@example.jp","login.failed"`);
    expect(lines[2]).toContain('令和8年11月24日');
    expect(lines.at(-1)).toBe('');
  });

  it('shows the result of the chain check, and notices a row changed behind its back', async () => {
    const t = await adminApp();
    const ok = await t.client.get('/staff/admin/audit/verify');
    expect(ok.res.status).toBe(200);
    expect(visibleText(ok.html)).toContain('1件の記録を検査し、改ざんや削除は見つかりませんでした。');
    await sql`UPDATE audit_log SET actor_label = 'someone@example.jp' WHERE id = 1`.execute(t.db);
    const broken = await t.client.get('/staff/admin/audit/verify');
    expect(visibleText(broken.html)).toContain('記録番号 1 で連鎖が途切れています。');
    expect(visibleText(broken.html)).toContain('この記録の内容が、書き込まれた後に変更されています。');
  });
});

describe('the audit log as a person reads it', () => {
  it('names actions, target kinds and fields in Japanese and English, and shows changes as 項目: 前 → 後', async () => {
    const t = await adminApp();
    const staff = await createTestUser(t.db, 'staff');
    await t.client.get(`/staff/admin/users/${staff.id}`);
    await t.client.post(`/staff/admin/users/${staff.id}/role`, { role: 'council' });
    await appendAudit(
      t.db,
      {
        actorId: staff.id,
        actorLabel: staff.email,
        action: 'comment.enter',
        targetType: 'comment',
        targetId: 7,
        after: { receiptCode: 'Z8NRDZ4QB5N2', channel: 'in_person', receivedAt: '2026-11-20T01:31:00.000Z' },
      },
      t.clock.now(),
    );
    const ja = visibleText((await t.client.get('/staff/admin/audit')).html);
    expect(ja).toContain('権限の変更');
    expect(ja).toContain('権限: 担当課職員 → 審議会委員');
    expect(ja).toContain('意見の入力（郵送・FAX等）');
    expect(ja).toContain('意見 #7');
    expect(ja).toContain('提出方法: 持参');
    expect(ja).toContain('受付日時: 令和8年11月20日');
    expect(ja).not.toContain('comment.enter');
    expect(ja).not.toContain('{"');
    const en = visibleText((await t.client.get('/staff/admin/audit?lang=en')).html);
    expect(en).toContain('Role changed');
    expect(en).toContain('Role: Staff → Council member');
    expect(en).toContain('Channel: In person');
    expect(en).toContain('Comment #7');
  });

  it('keeps a long entry short in the list, and shows all of it on the entry’s own page', async () => {
    const t = await adminApp();
    const purpose = `市民と市の協働を進めるための指針です。${'あ'.repeat(3000)}`;
    const after: Record<string, unknown> = { title: '協働のまちづくり指針（案）', purpose };
    for (let i = 0; i < 30; i++) after[`field_${i}`] = `値${i}`;
    await appendAudit(
      t.db,
      {
        actorId: null,
        actorLabel: 'cli',
        action: 'consultation.create',
        targetType: 'consultation',
        targetId: 3,
        after,
      },
      t.clock.now(),
    );
    const list = await t.client.get('/staff/admin/audit');
    const text = visibleText(list.html);
    expect(text).toContain('件名: 協働のまちづくり指針（案）');
    expect(text).not.toContain('あ'.repeat(100));
    expect(text).not.toContain('field_29');
    expect(list.html).toContain('href="/staff/admin/audit/2"');
    const entry = await t.client.get('/staff/admin/audit/2');
    expect(entry.res.status).toBe(200);
    const full = visibleText(entry.html);
    expect(full).toContain('あ'.repeat(3000));
    expect(full).toContain('field_29');
    expect((await t.client.get('/staff/admin/audit/999')).res.status).toBe(404);
  });

  it('filters by one name per kind of target, entries written with an older spelling included', async () => {
    const t = await adminApp();
    const at = t.clock.now();
    const entry = (action: string, targetType: string) =>
      appendAudit(t.db, { actorId: null, actorLabel: 'cli', action, targetType, targetId: 5 }, at);
    await entry('consultation.publish', 'consultation');
    await entry('result.publish', 'consultations');
    await entry('group.create', 'comment_groups');
    const page = await t.client.get('/staff/admin/audit?target_type=consultation&target_id=5');
    const text = visibleText(page.html);
    expect(text).toContain('全2件中');
    expect(text).toContain('結果の公表');
    const options = [...page.html.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map(
      (m) => m[1],
    );
    expect(options).toContain('consultation');
    expect(options).toContain('group');
    expect(options).not.toContain('consultations');
    expect(options).not.toContain('comment_groups');
    expect(page.html).toMatch(/<option value="consultation"[^>]*>意見募集案件<\/option>/);
  });
});

describe('migration 0004 (one name per target kind)', () => {
  it('fixes the kind of old entries and leaves the hash chain verifiable (audit:verify)', async () => {
    const { migrations } = await import('../../db/migrations/index.ts');
    const { Migrator } = await import('kysely');
    const { openStore, migrateToLatest } = await import('../../src/data/sqlite.ts');
    const { auditHash, GENESIS_HASH } = await import('../../src/lib/audit-hash.ts');
    const { verifyReport } = await import('../../src/cli/commands/audit.ts');
    const names = Object.keys(migrations).sort();
    const at = names.indexOf('0004_audit_targets');
    expect(at).toBeGreaterThan(0);
    const store = openStore(':memory:');
    const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo(names[at - 1]!)).error).toBeUndefined();

    // Entries as the code before this migration wrote them: plural kinds, hashed as written.
    let prev = GENESIS_HASH;
    const kinds = ['consultation', 'consultations', 'comments', 'comment_groups', 'sections', null];
    for (const [i, kind] of kinds.entries()) {
      const row = {
        at: `2026-11-0${i + 1}T00:00:00.000Z`,
        actor_id: null,
        actor_label: 'cli',
        action: kind ? `${kind}.test` : 'login.failed',
        target_type: kind,
        target_id: kind ? '5' : null,
        before_json: null,
        after_json: null,
        ip: null,
      };
      const hash = auditHash(prev, row);
      await sql`INSERT INTO audit_log (at, actor_id, actor_label, action, target_type, target_id, before_json, after_json, ip, prev_hash, hash)
        VALUES (${row.at}, ${null}, ${row.actor_label}, ${row.action}, ${row.target_type}, ${row.target_id}, ${null}, ${null}, ${null}, ${prev}, ${hash})`.execute(
        store.db,
      );
      prev = hash;
    }
    expect((await verifyReport(store.db)).code).toBe(0);

    await migrateToLatest(store.db);
    const rows = await sql<{ target_type: string | null; target_kind: string | null }>`
      SELECT target_type, target_kind FROM audit_log ORDER BY id`.execute(store.db);
    expect(rows.rows.map((r) => r.target_kind)).toEqual([
      'consultation',
      'consultation',
      'comment',
      'group',
      'section',
      null,
    ]);
    // What was hashed is untouched, so the chain still verifies, and it goes on after new entries.
    expect(rows.rows.map((r) => r.target_type)).toEqual(kinds);
    expect(await verifyReport(store.db)).toMatchObject({ code: 0 });
    await appendAudit(
      store.db,
      {
        actorId: null,
        actorLabel: 'cli',
        action: 'result.publish',
        targetType: 'consultations',
        targetId: 5,
      },
      new Date('2026-11-24T00:00:00.000Z'),
    );
    const report = await verifyReport(store.db);
    expect(report.code).toBe(0);
    expect(report.lines[0]).toBe('OK: 7 audit log entries, hash chain intact.');
    const last = await sql<{ target_type: string; target_kind: string }>`
      SELECT target_type, target_kind FROM audit_log ORDER BY id DESC LIMIT 1`.execute(store.db);
    expect(last.rows[0]).toEqual({ target_type: 'consultation', target_kind: 'consultation' });

    // A kind changed behind the log's back is noticed like any other edit.
    await sql`UPDATE audit_log SET target_kind = 'user' WHERE id = 2`.execute(store.db);
    expect((await verifyReport(store.db)).lines[0]).toMatch(/^BROKEN at entry 2 \(changed\)/);
    await store.close();
  });
});
