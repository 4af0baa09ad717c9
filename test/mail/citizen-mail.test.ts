import { afterEach, describe, expect, it } from 'vitest';
import type { CaughtMail } from '../../src/demo/mail-catcher.ts';
import { writeCitySettingsJson } from '../../src/data/city.ts';
import { formatReceiptCode } from '../../src/lib/format.ts';
import { enterPaperComment } from '../../src/usecases/intake.ts';
import { queueMails } from '../../src/usecases/mail.ts';
import { seedConsultation, TEST_SECRET, visibleText } from '../helpers.ts';
import { publishResultNow, sectionIdsOf } from '../routes/review-fixtures.ts';
import { BASE, type MailTest, mailSetup, person, sendWebComment } from './harness.ts';

let t: MailTest | undefined;
afterEach(async () => {
  await t?.catcher.close();
  t = undefined;
});

/** Everything a reader of the mail could see: headers, text and HTML. */
const everything = (m: CaughtMail) => `${JSON.stringify(m.headers)}\n${m.subject}\n${m.text}\n${m.html}`;

const PRIVATE = [
  '倉敷 花子',
  '710-0856',
  '倉敷市中央1丁目2-3',
  '086-426-3030',
  '公園のベンチを増やしてほしい',
];

describe('the receipt by mail', () => {
  it('names the consultation, 受付番号, time and sections with a link, and nothing personal (ja)', async () => {
    t = await mailSetup();
    // Another city than the demo's: the mail says the name its settings give, none written in code.
    await writeCitySettingsJson(t.db, JSON.stringify({ nameJa: '岡山市', nameEn: 'Okayama City' }));
    const id = await seedConsultation(t.db);
    const [, second] = await sectionIdsOf(t.db, id);
    const code = await sendWebComment(t, id, {
      ...person,
      email: 'hanako@example.jp',
      sections: [String(second)],
      body: '公園のベンチを増やしてほしいです。',
      notify_result: 'on',
    });
    expect(t.catcher.list()).toHaveLength(0); // nothing is sent on the request's path
    const report = await t.sender().runOnce();
    expect(report.sent).toBe(1);
    const [mail] = t.catcher.list();
    expect(mail!.envelopeTo).toEqual(['hanako@example.jp']);
    expect(mail!.subject).toBe(
      `【岡山市 意見募集（パブリックコメント）】意見を受け付けました（受付番号 ${formatReceiptCode(code)}）`,
    );
    expect(mail!.text).toContain('案件: 協働のまちづくり指針（案）');
    expect(mail!.text).toContain(`受付番号: ${formatReceiptCode(code)}`);
    expect(mail!.text).toContain('受付日時: 令和8年11月24日（火） 12:00');
    expect(mail!.text).toContain('該当箇所: 第1章 1 協働の原則');
    expect(mail!.text).toContain(`${BASE}/receipts/${code}`);
    expect(mail!.text).toContain('結果を公表したときは、このアドレスにお知らせします');
    expect(mail!.html).toContain(`<a href="${BASE}/receipts/${code}">`);
    for (const secret of PRIVATE) expect(everything(mail!)).not.toContain(secret);
    expect(everything(mail!)).not.toContain('倉敷');
    // The link works and shows the comment.
    const receipt = await t.client.get(`/receipts/${code}`);
    expect(receipt.res.status).toBe(200);
  });

  it('is in English for a comment written on the English pages', async () => {
    t = await mailSetup();
    const id = await seedConsultation(t.db);
    await t.client.get('/?lang=en');
    const code = await sendWebComment(t, id, {
      ...person,
      email: 'hanako@example.jp',
      body: '公園のベンチを増やしてほしいです。',
    });
    await t.sender().runOnce();
    const [mail] = t.catcher.list();
    expect(mail!.subject).toBe(
      `【Public comment】Your comment was received (receipt ${formatReceiptCode(code)})`,
    );
    expect(mail!.text).toContain(`Receipt code: ${formatReceiptCode(code)}`);
    expect(mail!.text).toContain('Received: Tue, 24 Nov 2026 12:00');
    expect(mail!.text).toContain('Part of the draft: The whole draft');
    expect(mail!.text).not.toContain('受付番号');
    for (const secret of PRIVATE) expect(everything(mail!)).not.toContain(secret);
  });

  it('is not sent without an address, and the form says the receipt will be mailed', async () => {
    t = await mailSetup();
    const id = await seedConsultation(t.db);
    const form = await t.client.get(`/consultations/${id}/comment`);
    expect(visibleText(form.html)).toContain('受付番号をメールでお送りします');
    expect(form.html).toMatch(/name="notify_result" value="on" checked/);
    await sendWebComment(t, id, { ...person, email: '', body: '意見です。', notify_result: 'on' });
    expect((await t.sender().runOnce()).sent).toBe(0);
    expect(t.catcher.list()).toHaveLength(0);
  });

  it('goes to a paper comment’s address too, in Japanese', async () => {
    t = await mailSetup();
    const id = await seedConsultation(t.db);
    const now = t.clock.now();
    const draft = {
      sectionIds: [],
      body: '郵送の意見です。',
      submitterKind: 'individual' as const,
      name: '郵送 太郎',
      address: '倉敷市',
      organisationName: '',
      representative: '',
      category: null,
      email: 'yuso@example.jp',
      phone: '',
    };
    const input = {
      consultationId: id,
      draft,
      channel: 'post' as const,
      receivedAt: now,
      actor: { id: null, label: 'staff' },
    };
    await enterPaperComment(t.db, TEST_SECRET, input, now);
    await t.sender().runOnce();
    const [mail] = t.catcher.list();
    expect(mail!.envelopeTo).toEqual(['yuso@example.jp']);
    expect(mail!.text).toContain('受付番号');
    expect(everything(mail!)).not.toContain('郵送 太郎');
  });
});

describe('the result mail', () => {
  it('goes once to each submitter who asked, naming all their comments, and to nobody else', async () => {
    t = await mailSetup();
    const id = await seedConsultation(t.db);
    const a1 = await sendWebComment(t, id, {
      ...person,
      email: 'asked@example.jp',
      body: '一つ目',
      notify_result: 'on',
    });
    const a2 = await sendWebComment(t, id, {
      ...person,
      email: 'Asked@Example.jp',
      body: '二つ目',
      notify_result: 'on',
    });
    await sendWebComment(t, id, {
      ...person,
      email: 'notasked@example.jp',
      body: '三つ目',
      notify_result: '',
    });
    await sendWebComment(t, id, { ...person, email: '', body: '四つ目', notify_result: 'on' });
    await t.client.get('/?lang=en');
    const e1 = await sendWebComment(t, id, {
      ...person,
      email: 'english@example.jp',
      body: 'five',
      notify_result: 'on',
    });
    await t.sender().runOnce();
    expect(
      t.catcher
        .list()
        .map((m) => m.envelopeTo[0])
        .sort(),
    ).toEqual(['Asked@Example.jp', 'asked@example.jp', 'english@example.jp', 'notasked@example.jp']);
    t.catcher.clear();

    // Everything accounted for in one group with the city's response, then published.
    const at = '2026-12-03T00:00:00.000Z';
    const group = await t.db
      .insertInto('comment_groups')
      .values({
        consultation_id: id,
        position: 1,
        summary: 'まちづくりについて',
        response: '市の考え方：参考にします。',
        outcome: 'future_reference',
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .updateTable('comments')
      .set({ group_id: group.id })
      .where('consultation_id', '=', id)
      .execute();
    t.clock.set('2026-12-05T00:00:00.000Z');
    await publishResultNow(t.db, id, '2026-12-05T00:00:00.000Z');
    const sender = t.sender();
    await sender.runOnce();
    await sender.runOnce();
    const mails = t.catcher.list();
    expect(mails.map((m) => m.envelopeTo)).toEqual(expect.arrayContaining([['english@example.jp']]));
    expect(mails).toHaveLength(2);
    const ja = mails.find((m) => m.envelopeTo[0]!.toLowerCase() === 'asked@example.jp')!;
    expect(ja.subject).toContain('結果を公表しました：協働のまちづくり指針（案）');
    expect(ja.text).toContain(`${BASE}/receipts/${a1}`);
    expect(ja.text).toContain(`${BASE}/receipts/${a2}`);
    expect(ja.text).toContain(`${BASE}/consultations/${id}`);
    const en = mails.find((m) => m.envelopeTo[0] === 'english@example.jp')!;
    expect(en.subject).toContain('Result published');
    expect(en.text).toContain(`${BASE}/receipts/${e1}`);
    // The receipt it links to shows the group and the city's response.
    const receipt = visibleText((await t.client.get(`/receipts/${a1}`)).html);
    expect(receipt).toContain('市の考え方：参考にします。');
  });
});

describe('hostile input', () => {
  it('refuses an address with a line break or a second address, and queues nothing', async () => {
    t = await mailSetup();
    const id = await seedConsultation(t.db);
    for (const email of [
      'victim@example.jp\r\nBcc: evil@example.jp',
      'victim@example.jp, evil@example.jp',
      'victim@example.jp>\r\nRCPT TO:<evil@example.jp',
      '"evil\r\n"@example.jp',
    ]) {
      const res = await t.client.post(`/consultations/${id}/comment/confirm`, {
        ...person,
        email,
        body: '意見',
      });
      expect(res.res.status).toBe(422);
      expect(visibleText(res.html)).toContain('メールアドレスの形式が正しくありません');
    }
    const queued = await queueMails(
      t.db,
      [
        {
          kind: 'receipt',
          recipient: 'a@example.jp\r\nBcc: evil@example.jp',
          lang: 'ja',
          payload: { commentId: 1 },
        },
      ],
      t.clock.now(),
    );
    expect(queued).toBe(0);
    expect((await t.db.selectFrom('outbox').selectAll().execute()).length).toBe(0);
  });

  it('sends a well-formed mail to one recipient when other fields carry CRLF and header text', async () => {
    t = await mailSetup();
    const id = await seedConsultation(t.db, {
      title: '指針（案）\r\nBcc: evil@example.jp\r\n\r\nInjected body',
      department: '課\r\nX-Evil: 1',
    });
    await sendWebComment(t, id, {
      ...person,
      name: '花子\r\nBcc: evil@example.jp',
      address: '倉敷市\r\nCc: evil@example.jp',
      email: 'hanako@example.jp',
      body: '本文\r\n.\r\nMAIL FROM:<evil@example.jp>',
    });
    await t.sender().runOnce();
    const mails = t.catcher.list();
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.envelopeTo).toEqual(['hanako@example.jp']);
    expect(Object.keys(mail!.headers)).not.toContain('bcc');
    expect(Object.keys(mail!.headers)).not.toContain('cc');
    expect(Object.keys(mail!.headers)).not.toContain('x-evil');
    expect(mail!.subject).not.toMatch(/[\r\n]/);
    expect(mail!.raw).not.toMatch(/^(Bcc|Cc|X-Evil|MAIL FROM):/im);
    expect(mail!.text).toContain('案件: 指針（案） Bcc: evil@example.jp Injected body');
    expect(t.offered()).toBe(1);
  });
});
