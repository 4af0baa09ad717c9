import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { classifySendFailure, MAX_ATTEMPTS } from '../../src/domain/mail.ts';
import { type MailTransport, smtpTransport } from '../../src/mail/transport.ts';
import { queueMails } from '../../src/usecases/mail.ts';
import { seedConsultation, visibleText } from '../helpers.ts';
import { loginAs } from '../helpers-auth.ts';
import { seedComment } from '../routes/review-fixtures.ts';
import { type MailTest, mailSetup, person, sendWebComment } from './harness.ts';

let t: MailTest | undefined;
afterEach(async () => {
  await t?.catcher.close();
  t = undefined;
});

const outbox = (t: MailTest) => t.db.selectFrom('outbox').selectAll().orderBy('id').execute();

async function oneReceipt(t: MailTest, email = 'hanako@example.jp') {
  const id = await seedConsultation(t.db);
  await sendWebComment(t, id, { ...person, email, body: '意見です。' });
  return id;
}

const minutes = (t: MailTest, n: number) => t.clock.set(new Date(t.clock.now().getTime() + n * 60_000));

describe('the outbox', () => {
  it('tries again after the server defers with 4xx, and sends once it accepts', async () => {
    t = await mailSetup();
    await oneReceipt(t);
    t.refuse(() => ({ at: 'rcpt', code: 451, message: 'Greylisted, try again later' }));
    const sender = t.sender();
    expect(await sender.runOnce()).toMatchObject({ sent: 0, retrying: 1 });
    let [row] = await outbox(t);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.last_error).toContain('451');
    expect(row!.not_before).toBe('2026-11-24T03:01:00.000Z');
    // Not due yet: nothing is tried.
    expect(await sender.runOnce()).toMatchObject({ sent: 0, retrying: 0 });
    t.refuse(null);
    minutes(t, 1);
    expect(await sender.runOnce()).toMatchObject({ sent: 1 });
    [row] = await outbox(t);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(t.catcher.list()).toHaveLength(1);
  });

  it('gives up at once on a 5xx to the recipient, marks the address failing, and a retry by an admin sends it', async () => {
    t = await mailSetup();
    await oneReceipt(t, 'nobody@example.jp');
    t.refuse(() => ({ at: 'rcpt', code: 550, message: 'No such user' }));
    const sender = t.sender();
    expect(await sender.runOnce()).toMatchObject({ failed: 1 });
    const [row] = await outbox(t);
    expect(row).toMatchObject({ status: 'failed', failure: 'bounced', attempts: 1 });
    expect(row!.last_error).toContain('550');
    expect(await t.db.selectFrom('mail_addresses').select('address_key').execute()).toEqual([
      { address_key: 'nobody@example.jp' },
    ]);
    // Another mail to the failing address is not offered to the server at all.
    const id = (await t.db.selectFrom('consultations').select('id').executeTakeFirstOrThrow()).id;
    await sendWebComment(t, id, { ...person, email: 'Nobody@example.jp', body: '二つ目' });
    const offered = t.offered();
    await sender.runOnce();
    expect(t.offered()).toBe(offered);
    expect((await outbox(t))[1]).toMatchObject({ status: 'failed', failure: 'address_failing' });

    // The administrator sees both failures, masked, and retries the first.
    await loginAs(t, 'admin');
    const page = await t.client.get('/staff/admin/mail');
    const text = visibleText(page.html);
    expect(text).toContain('宛先が存在しない等で拒否されました');
    expect(text).toContain('n***@example.jp');
    expect(page.html).not.toContain('nobody@example.jp');
    t.refuse(null);
    const retried = await t.client.post(`/staff/admin/mail/${row!.id}/retry`);
    expect(retried.res.status).toBe(303);
    expect(await sender.runOnce()).toMatchObject({ sent: 1 });
    expect(t.catcher.list().map((m) => m.envelopeTo[0])).toEqual(['nobody@example.jp']);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('action', '=', 'mail.retry')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after_json).not.toContain('nobody');
  });

  it('gives up on a message the server refuses with 5xx after its content', async () => {
    t = await mailSetup();
    await oneReceipt(t);
    t.refuse((_rcpt, at) => (at === 'data' ? { at, code: 554, message: 'Message refused' } : null));
    expect(await t.sender().runOnce()).toMatchObject({ failed: 1 });
    expect((await outbox(t))[0]).toMatchObject({ status: 'failed', failure: 'rejected' });
    expect(await t.db.selectFrom('mail_addresses').selectAll().execute()).toEqual([]);
  });

  it('gives up after the last try of temporary failures, keeping the reason', async () => {
    t = await mailSetup();
    await oneReceipt(t);
    t.refuse(() => ({ at: 'rcpt', code: 421, message: 'Service not available' }));
    const sender = t.sender();
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      expect(await sender.runOnce()).toMatchObject({ retrying: 1 });
      minutes(t, 13 * 60);
    }
    expect(await sender.runOnce()).toMatchObject({ failed: 1, retrying: 0 });
    const [row] = await outbox(t);
    expect(row).toMatchObject({ status: 'failed', failure: 'gave_up', attempts: MAX_ATTEMPTS });
    expect(row!.last_error).toContain(`After ${MAX_ATTEMPTS} tries`);
    expect(row!.last_error).toContain('421');
    expect(t.catcher.list()).toHaveLength(0);
  });

  it('keeps mail while no server is configured, and after a restart sends what was pending exactly once', async () => {
    t = await mailSetup({ env: { KOE_SMTP_URL: '', KOE_MAIL_FROM: '' } });
    const id = await seedConsultation(t.db);
    for (const n of [1, 2, 3])
      await sendWebComment(t, id, { ...person, email: `p${n}@example.jp`, body: `意見${n}` });
    const unconfigured = t.sender({ transport: null });
    expect(unconfigured.delivering).toBe(false);
    expect(await unconfigured.runOnce()).toMatchObject({ sent: 0 });
    await loginAs(t, 'admin');
    expect(visibleText((await t.client.get('/staff/admin/mail')).html)).toContain(
      'KOE_SMTP_URL と KOE_MAIL_FROM が設定されていないため、メールは送信待ちのまま保存されています',
    );
    // "Restart" with a server: the three go out; another restart sends nothing again.
    expect(await t.sender().runOnce()).toMatchObject({ sent: 3 });
    expect(await t.sender().runOnce()).toMatchObject({ sent: 0 });
    expect(
      t.catcher
        .list()
        .map((m) => m.envelopeTo[0])
        .sort(),
    ).toEqual(['p1@example.jp', 'p2@example.jp', 'p3@example.jp']);
  });

  it('never resends a message whose sender died between handing it over and recording it', async () => {
    t = await mailSetup();
    await oneReceipt(t);
    // The first process hands the message to the server and then never records it (it "dies").
    const real = smtpTransport(t.catcher.url);
    let delivered!: () => void;
    const handedOver = new Promise<void>((resolve) => {
      delivered = resolve;
    });
    const dying: MailTransport = {
      send: async (mail) => {
        await real.send(mail);
        delivered();
        return new Promise<string>(() => {}); // never returns: the process is gone
      },
    };
    void t.sender({ transport: dying }).runOnce();
    await handedOver;
    expect(t.catcher.list()).toHaveLength(1);
    expect((await outbox(t))[0]).toMatchObject({ status: 'sending' });

    // The restarted process does not pick it up again …
    const restarted = t.sender();
    expect(await restarted.runOnce()).toMatchObject({ sent: 0 });
    // … and once a send could no longer be running, says it was interrupted: for an admin to decide.
    minutes(t, 16);
    expect(await restarted.runOnce()).toMatchObject({ sent: 0, interrupted: 1 });
    expect((await outbox(t))[0]).toMatchObject({ status: 'failed', failure: 'interrupted' });
    expect(t.catcher.list()).toHaveLength(1);
  });

  it('queues one message per cause, however often the cause is seen', async () => {
    t = await mailSetup();
    const mail = {
      kind: 'receipt' as const,
      recipient: 'a@example.jp',
      lang: 'ja' as const,
      payload: { commentId: 1 },
    };
    expect(await queueMails(t.db, [{ ...mail, dedupeKey: 'receipt:1' }], t.clock.now())).toBe(1);
    expect(await queueMails(t.db, [{ ...mail, dedupeKey: 'receipt:1' }], t.clock.now())).toBe(0);
    expect(await outbox(t)).toHaveLength(1);
  });
});

describe('failures, classified', () => {
  it('retries a failure before the content went out, never one after it', () => {
    expect(classifySendFailure({ message: 'ECONNREFUSED', dataSent: false }).outcome).toBe('retry');
    expect(classifySendFailure({ message: 'Connection closed', dataSent: true })).toMatchObject({
      outcome: 'failed',
      failure: 'uncertain',
    });
    expect(
      classifySendFailure({ message: '535 auth', responseCode: 535, command: 'AUTH PLAIN', dataSent: false })
        .outcome,
    ).toBe('retry');
  });
});

describe('staff mails', () => {
  it('tells the department once when the period ends, with the count and a link to review', async () => {
    t = await mailSetup();
    const staff = await loginAs(t, 'staff');
    const id = await seedConsultation(t.db, { submit_email: 'kyodo@city.example.jp', created_by: staff.id });
    for (const n of [1, 2]) await seedComment(t.db, id, { body: `意見${n}` });
    const sender = t.sender();
    await sender.runOnce();
    expect(t.catcher.list()).toHaveLength(0);
    t.clock.set('2026-12-02T00:00:00.000Z');
    await sender.runOnce();
    await sender.runOnce();
    const mails = t.catcher.list();
    expect(mails.map((m) => m.envelopeTo[0]).sort()).toEqual(['kyodo@city.example.jp', 'staff@example.jp']);
    expect(mails[0]!.subject).toContain('募集期間が終了しました：協働のまちづくり指針（案）');
    expect(mails[0]!.text).toContain('受け付けた意見: 2件');
    expect(mails[0]!.text).toContain(`/staff/consultations/${id}/review`);
  });

  it('sends the department a daily digest during the period when comments came, once a day', async () => {
    t = await mailSetup();
    const id = await seedConsultation(t.db, { submit_email: 'kyodo@city.example.jp' });
    await seedComment(t.db, id, { body: '前日の意見', receivedAt: '2026-11-23T05:00:00.000Z' });
    await seedComment(t.db, id, { body: '前日の意見2', receivedAt: '2026-11-23T20:00:00.000Z' });
    await seedComment(t.db, id, { body: '古い意見', receivedAt: '2026-11-10T05:00:00.000Z' });
    // 09:00 in Tokyo on the 24th is 00:00 UTC: the digest covers the 24 hours before it.
    t.clock.set('2026-11-23T23:59:00.000Z');
    const sender = t.sender({ digestHour: 9 });
    await sender.runOnce();
    expect(t.catcher.list()).toHaveLength(0);
    t.clock.set('2026-11-24T00:30:00.000Z');
    await sender.runOnce();
    await sender.runOnce();
    const [digest, ...rest] = t.catcher.list();
    expect(rest).toHaveLength(0);
    expect(digest!.subject).toContain('新しい意見 2件');
    expect(digest!.text).toContain('これまでの合計: 3件');
    expect(digest!.text).not.toContain('前日の意見');
    const off = t.sender({ digestHour: null });
    t.clock.set('2026-11-25T00:30:00.000Z');
    await off.runOnce();
    expect(t.catcher.list()).toHaveLength(1);
  });
});

describe('configuration', () => {
  it('needs a From address with an SMTP server, and refuses a malformed one', () => {
    expect(() => loadConfig({ KOE_SMTP_URL: 'smtp://mail.example.jp:587' })).toThrow(/KOE_MAIL_FROM/);
    expect(() => loadConfig({ KOE_SMTP_URL: 'smtp://h:25', KOE_MAIL_FROM: 'a@b.jp\r\nBcc: c@d.jp' })).toThrow(
      /KOE_MAIL_FROM/,
    );
    expect(() => loadConfig({ KOE_SMTP_URL: 'http://mail.example.jp' })).toThrow(/KOE_SMTP_URL/);
    expect(loadConfig({ KOE_MAIL_DIGEST_HOUR: 'off' }).mailDigestHour).toBeNull();
    expect(loadConfig({}).mailDigestHour).toBe(9);
  });
});
