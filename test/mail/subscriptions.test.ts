import { afterEach, describe, expect, it } from 'vitest';
import { seedConsultation, visibleText } from '../helpers.ts';
import { loginAs } from '../helpers-auth.ts';
import { BASE, type MailTest, mailSetup } from './harness.ts';

let t: MailTest | undefined;
afterEach(async () => {
  await t?.catcher.close();
  t = undefined;
});

/** A consultation published now that opens at `opensAt` (for 30 days). */
const opening = (opensAt: string, department = '市民協働推進課', title = '新しい計画（案）') => ({
  title,
  department,
  opens_at: opensAt,
  closes_at: new Date(Date.parse(opensAt) + 30 * 86_400_000).toISOString(),
});

async function subscribe(t: MailTest, email: string, department = '') {
  const { res } = await t.client.post('/subscriptions', { email, department });
  return res;
}

const linkIn = (text: string, kind: 'confirm' | 'unsubscribe') =>
  text.match(new RegExp(`${BASE}(/subscriptions/${kind}/[A-Za-z0-9_-]+)`))?.[1];

describe('subscriptions to new consultations', () => {
  it('sends nothing but a confirmation until the link is used, then announces an opening with an unsubscribe link', async () => {
    t = await mailSetup();
    await seedConsultation(t.db); // a department to choose
    const form = await t.client.get('/subscriptions');
    expect(visibleText(form.html)).toContain('新しい意見募集をメールで受け取る');
    expect(form.html).toContain('<option value="市民協働推進課"');

    const res = await subscribe(t, 'sub@example.jp');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/subscriptions/sent');
    const sender = t.sender();
    await sender.runOnce();
    const [confirmation] = t.catcher.list();
    expect(confirmation!.subject).toContain('メール配信の登録確認');
    const confirmPath = linkIn(confirmation!.text, 'confirm')!;
    expect(confirmPath).toBeTruthy();

    // A consultation opens before the address is confirmed: nothing goes to it.
    await seedConsultation(
      t.db,
      opening('2026-11-25T00:00:00.000Z', '市民協働推進課', '確認前に始まった計画（案）'),
    );
    t.clock.set('2026-11-25T01:00:00.000Z');
    await sender.runOnce();
    expect(t.catcher.list()).toHaveLength(1);

    // Opening the link shows a button (a mail program's preview confirms nothing); pressing it does.
    const page = await t.client.get(confirmPath);
    expect(page.res.status).toBe(200);
    expect(await t.db.selectFrom('mail_subscriptions').select('confirmed_at').executeTakeFirst()).toEqual({
      confirmed_at: null,
    });
    const confirmed = await t.client.post(confirmPath);
    expect(visibleText(confirmed.html)).toContain('登録が完了しました');

    const later = await seedConsultation(t.db, opening('2026-11-26T00:00:00.000Z'));
    t.clock.set('2026-11-26T01:00:00.000Z');
    await sender.runOnce();
    await sender.runOnce();
    const announced = t.catcher.list().filter((m) => m.subject.includes('意見募集を開始しました'));
    expect(announced).toHaveLength(1);
    const [mail] = announced;
    expect(mail!.envelopeTo).toEqual(['sub@example.jp']);
    expect(mail!.text).toContain(`${BASE}/consultations/${later}`);
    const unsubscribePath = linkIn(mail!.text, 'unsubscribe')!;
    expect(mail!.headers['list-unsubscribe']).toBe(`<${BASE}${unsubscribePath}>`);
    expect(mail!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    // RFC 8058: the mail program posts to the header's address, without our cookie or form token.
    const oneClick = await t.app.request(`http://localhost${unsubscribePath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example.com' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    await seedConsultation(t.db, opening('2026-11-27T00:00:00.000Z'));
    t.clock.set('2026-11-27T01:00:00.000Z');
    await sender.runOnce();
    expect(t.catcher.list().filter((m) => m.subject.includes('意見募集を開始しました'))).toHaveLength(1);
  });

  it('unsubscribes with one button from the link in the mail, and the link then stays harmless', async () => {
    t = await mailSetup();
    await subscribe(t, 'sub@example.jp');
    const sender = t.sender();
    await sender.runOnce();
    await t.client.post(linkIn(t.catcher.list()[0]!.text, 'confirm')!);
    const row = await t.db.selectFrom('mail_subscriptions').selectAll().executeTakeFirstOrThrow();
    const path = `/subscriptions/unsubscribe/${row.unsubscribe_token}`;
    expect(visibleText((await t.client.get(path)).html)).toContain('停止する');
    expect(visibleText((await t.client.post(path)).html)).toContain('配信を停止しました');
    expect((await t.client.post('/subscriptions/unsubscribe/not-a-real-token-at-all')).res.status).toBe(409);
  });

  it('hears only of its own department when it chose one, once when subscribed to all too', async () => {
    t = await mailSetup();
    await seedConsultation(t.db, { department: '公園緑地課' });
    await subscribe(t, 'parks@example.jp', '公園緑地課');
    await subscribe(t, 'parks@example.jp', '');
    await subscribe(t, 'other@example.jp', '市民協働推進課');
    const sender = t.sender();
    await sender.runOnce();
    for (const m of t.catcher.list()) await t.client.post(linkIn(m.text, 'confirm')!);
    t.catcher.clear();
    await seedConsultation(t.db, opening('2026-11-25T00:00:00.000Z', '公園緑地課'));
    t.clock.set('2026-11-25T01:00:00.000Z');
    await sender.runOnce();
    expect(t.catcher.list().map((m) => m.envelopeTo[0])).toEqual(['parks@example.jp']);
  });

  it('limits confirmations per address and requests per client, and answers alike for every address', async () => {
    t = await mailSetup();
    for (let i = 0; i < 5; i++) expect((await subscribe(t, 'flood@example.jp')).status).toBe(303);
    await t.sender().runOnce();
    expect(t.catcher.list()).toHaveLength(3);
    for (let i = 0; i < 5; i++) expect((await subscribe(t, `other${i}@example.jp`)).status).toBe(303);
    const limited = await t.client.post('/subscriptions', { email: 'one-more@example.jp', department: '' });
    expect(limited.res.status).toBe(429);
    expect(limited.res.headers.get('retry-after')).toBe('3600');
    expect(visibleText(limited.html)).toContain('1時間ほど待って');
  });

  it('refuses a malformed address with a message, and never lists subscribers for staff or council', async () => {
    t = await mailSetup();
    const bad = await t.client.post('/subscriptions', {
      email: 'a@example.jp\r\nBcc: b@example.jp',
      department: '',
    });
    expect(bad.res.status).toBe(422);
    expect(visibleText(bad.html)).toContain('メールアドレスの形式が正しくありません');
    const unknownDepartment = await t.client.post('/subscriptions', {
      email: 'a@example.jp',
      department: '存在しない課',
    });
    expect(unknownDepartment.res.status).toBe(422);

    await subscribe(t, 'private-subscriber@example.jp');
    await loginAs(t, 'admin');
    const page = await t.client.get('/staff/admin/mail');
    expect(page.res.status).toBe(200);
    expect(visibleText(page.html)).toContain('配信登録（確認済み／未確認） 0 / 1');
    expect(page.html).not.toContain('private-subscriber');
    expect(page.html).toContain('p***@example.jp');
  });
});
