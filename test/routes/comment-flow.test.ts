import { describe, expect, it } from 'vitest';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';

const person = {
  submitter_kind: 'individual',
  name: '倉敷 花子',
  postal_code: '710-8565',
  address: '倉敷市中央1丁目',
  category: 'resident',
  email: '',
  phone: '',
};

async function setup(overrides = {}) {
  const t = await makeTestApp({ now: '2026-11-24T03:00:00.000Z' });
  const id = await seedConsultation(t.db, overrides);
  const sections = await t.db.selectFrom('sections').select(['id', 'heading']).orderBy('position').execute();
  return { ...t, id, sections };
}

async function confirmAndSubmit(
  t: Awaited<ReturnType<typeof setup>>,
  fields: Record<string, string | string[]>,
) {
  const confirm = await t.client.post(`/consultations/${t.id}/comment/confirm`, fields);
  expect(confirm.res.status).toBe(200);
  const key = confirm.html.match(/name="submission_key" value="([^"]+)"/)?.[1];
  expect(key).toBeTruthy();
  const submit = await t.client.post(`/consultations/${t.id}/comment/submit`, {
    ...fields,
    submission_key: key!,
  });
  return { confirm, submit, key: key! };
}

describe('the consultation page', () => {
  it('shows the overview, ways to submit, a table of contents and numbered sections with anchors', async () => {
    const t = await setup({
      submit_postal_address: '〒710-0000 倉敷市本町1-1 市民協働推進課',
      submit_fax: '086-000-0001',
      submit_email: 'kyodo@example.jp',
      submit_counter: '市役所本庁舎3階 市民協働推進課',
    });
    const { res, html } = await t.client.get(`/consultations/${t.id}`);
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('協働のまちづくり指針（案）');
    expect(text).toContain('意見募集中（残り8日）');
    expect(text).toContain('市民協働推進課');
    expect(text).toContain('令和8年（2026年）11月1日（日） から 令和8年（2026年）12月1日（火） まで');
    for (const way of ['Webフォーム', '郵送', 'FAX', '電子メール', '持参']) expect(text).toContain(way);
    expect(text).toContain('〒710-0000 倉敷市本町1-1');
    expect(text).toContain('目次');
    const first = t.sections[0]!;
    expect(html).toContain(`id="section-${first.id}"`);
    expect(html).toContain(`href="#section-${first.id}"`);
    expect(html).toContain(`/consultations/${t.id}/comment?section=${first.id}`);
    expect(text).toContain('第1章 指針の目的');
  });

  it('does not exist for the public while it is a draft', async () => {
    const t = await setup({ status: 'draft' });
    const { res, html } = await t.client.get(`/consultations/${t.id}`);
    expect(res.status).toBe(404);
    expect(visibleText(html)).toContain('この意見募集は見つかりません');
  });
});

describe('sending a comment', () => {
  it('goes from the form through confirmation to a receipt code, storing one comment', async () => {
    const t = await setup();
    const section = t.sections[1]!;
    const form = await t.client.get(`/consultations/${t.id}/comment?section=${section.id}`);
    expect(form.res.status).toBe(200);
    expect(form.html).toMatch(new RegExp(`value="${section.id}" checked`));
    expect(visibleText(form.html)).toContain('意見の取扱いについて');

    const fields = { ...person, sections: [String(section.id)], body: '対等な立場という考え方に賛成です。' };
    const { confirm, submit } = await confirmAndSubmit(t, fields);
    const confirmText = visibleText(confirm.html);
    expect(confirmText).toContain('まだ送信されていません');
    expect(confirmText).toContain('対等な立場という考え方に賛成です。');
    expect(confirmText).toContain('倉敷 花子');
    expect(confirmText).toContain('1 協働の原則');

    expect(submit.res.status).toBe(303);
    const done = await t.client.get(submit.res.headers.get('location')!);
    const text = visibleText(done.html);
    expect(text).toContain('送信が完了しました');
    const code = text.match(/受付番号 ([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/)?.[1];
    expect(code).toBeTruthy();
    expect(text).toContain('控えを印刷する');

    const rows = await t.db.selectFrom('comments').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'web', name: '倉敷 花子', category: 'resident' });
    expect(rows[0]!.receipt_code).toBe(code!.replace(/-/g, ''));
    const links = await t.db.selectFrom('comment_sections').selectAll().execute();
    expect(links).toEqual([{ comment_id: rows[0]!.id, section_id: section.id }]);
  });

  it('gives the same receipt and stores one comment when the confirmed form is sent twice', async () => {
    const t = await setup();
    const fields = { ...person, body: '二度押してしまいました。' };
    const { submit, key } = await confirmAndSubmit(t, fields);
    const again = await t.client.post(`/consultations/${t.id}/comment/submit`, {
      ...fields,
      submission_key: key,
    });
    expect(again.res.status).toBe(303);
    expect(again.res.headers.get('location')).toBe(submit.res.headers.get('location'));
    const count = await t.db
      .selectFrom('comments')
      .select((e) => e.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(count?.n)).toBe(1);
  });

  it('keeps every entry and shows a message next to each invalid field, storing nothing', async () => {
    const t = await setup();
    const { res, html } = await t.client.post(`/consultations/${t.id}/comment/confirm`, {
      submitter_kind: 'individual',
      name: '',
      address: '倉敷市の住所',
      category: '',
      email: 'not-an-email',
      phone: 'abc',
      body: '',
    });
    expect(res.status).toBe(422);
    const text = visibleText(html);
    expect(text).toContain('入力内容を確認してください');
    expect(text).toContain('意見を入力してください。');
    expect(text).toContain('氏名を入力してください。');
    expect(text).toContain('区分を選んでください。');
    expect(text).toContain('メールアドレスの形式が正しくありません');
    expect(text).toContain('電話番号は数字とハイフンで入力してください');
    expect(html).toContain('value="倉敷市の住所"');
    expect(html).toContain('value="not-an-email"');
    expect(html).toMatch(/id="f-email"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-email"/);
    expect(html).toContain('aria-describedby="f-email-hint f-email-error"');
    expect(await t.db.selectFrom('comments').selectAll().execute()).toHaveLength(0);
  });

  it('refuses a comment over the length limit, saying how long it is', async () => {
    const t = await setup({ max_comment_length: 100 });
    const { res, html } = await t.client.post(`/consultations/${t.id}/comment/confirm`, {
      ...person,
      body: 'あ'.repeat(101),
    });
    expect(res.status).toBe(422);
    expect(visibleText(html)).toContain('意見は100文字以内で入力してください（現在101文字）');
  });

  it('refuses a section that is not part of this draft', async () => {
    const t = await setup();
    const { res, html } = await t.client.post(`/consultations/${t.id}/comment/confirm`, {
      ...person,
      sections: ['99999'],
      body: 'テスト',
    });
    expect(res.status).toBe(422);
    expect(visibleText(html)).toContain('該当箇所は一覧から選んでください。');
  });

  it('refuses anonymous comments unless the consultation accepts them', async () => {
    const t = await setup();
    const { res, html } = await t.client.post(`/consultations/${t.id}/comment/confirm`, {
      submitter_kind: 'anonymous',
      body: '匿名で送ります',
    });
    expect(res.status).toBe(422);
    expect(visibleText(html)).toContain('この案件では匿名の意見は受け付けていません');

    const open = await setup({ allow_anonymous: 1 });
    const fields = { submitter_kind: 'anonymous', body: '匿名で送ります', name: '書いても保存されない' };
    const { submit } = await confirmAndSubmit(open, fields);
    expect(submit.res.status).toBe(303);
    const row = await open.db.selectFrom('comments').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ submitter_kind: 'anonymous', name: '' });
  });

  it('asks an organisation for its name, representative and address', async () => {
    const t = await setup();
    const { res, html } = await t.client.post(`/consultations/${t.id}/comment/confirm`, {
      submitter_kind: 'organisation',
      category: 'business',
      body: '事業者として意見します',
    });
    expect(res.status).toBe(422);
    const text = visibleText(html);
    expect(text).toContain('団体・事業者の名称を入力してください。');
    expect(text).toContain('代表者の氏名を入力してください。');
    expect(text).toContain('所在地を入力してください。');
  });

  it('shows a script in a comment as text, never as markup', async () => {
    const t = await setup();
    const payload = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const { confirm, submit } = await confirmAndSubmit(t, { ...person, body: payload, name: '<b>太郎</b>' });
    expect(confirm.html).not.toContain('<script>alert');
    expect(confirm.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(confirm.html).not.toContain('<b>太郎</b>');
    const done = await t.client.get(submit.res.headers.get('location')!);
    expect(done.html).not.toContain('<img src=x');
    expect(visibleText(done.html)).toContain(payload);
  });

  it('rejects a form without its CSRF token and stores nothing', async () => {
    const t = await setup();
    await t.client.get(`/consultations/${t.id}/comment`);
    const res = await t.client.post(
      `/consultations/${t.id}/comment/submit`,
      { ...person, body: '偽の送信', submission_key: 'x'.repeat(24) },
      { csrf: false },
    );
    expect(res.res.status).toBe(403);
    expect(visibleText(res.html)).toContain('フォームの有効期限が切れたか');
    const forged = await t.client.post(
      `/consultations/${t.id}/comment/submit`,
      { ...person, body: '偽の送信', submission_key: 'x'.repeat(24) },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(forged.res.status).toBe(403);
    expect(await t.db.selectFrom('comments').selectAll().execute()).toHaveLength(0);
  });

  it('refuses a bot that fills the hidden honeypot field', async () => {
    const t = await setup();
    const res = await t.client.post(`/consultations/${t.id}/comment/confirm`, {
      ...person,
      body: 'spam',
      website: 'http://spam.example',
    });
    expect(res.res.status).toBe(400);
    expect(visibleText(res.html)).toContain('送信内容を受け付けられませんでした');
  });

  it('returns only the next step as a fragment for htmx', async () => {
    const t = await setup();
    await t.client.get(`/consultations/${t.id}/comment`);
    const res = await t.client.post(
      `/consultations/${t.id}/comment/confirm`,
      { ...person, body: 'htmxから' },
      { headers: { 'hx-request': 'true', 'hx-request-type': 'partial' } },
    );
    expect(res.res.status).toBe(200);
    expect(res.html.startsWith('<div id="comment-flow">')).toBe(true);
    expect(res.html).not.toContain('<html');
  });
});

describe('the comment period', () => {
  it('refuses comments before the period opens, with a clear page', async () => {
    const t = await setup({ opens_at: '2026-12-01T00:00:00.000Z', closes_at: '2027-01-05T14:59:59.999Z' });
    const { res, html } = await t.client.get(`/consultations/${t.id}/comment`);
    expect(res.status).toBe(409);
    expect(visibleText(html)).toContain('意見募集は令和8年12月1日（火）から始まります');
  });

  it('refuses a comment sent after the period closed and shows the text back so it is not lost', async () => {
    const t = await setup();
    const fields = { ...person, body: '締切直前に書いた意見' };
    const confirm = await t.client.post(`/consultations/${t.id}/comment/confirm`, fields);
    const key = confirm.html.match(/name="submission_key" value="([^"]+)"/)![1]!;
    t.clock.set('2026-12-01T15:00:00.000Z'); // 2 Dec 00:00 in Tokyo: the day after closing
    const late = await t.client.post(`/consultations/${t.id}/comment/submit`, {
      ...fields,
      submission_key: key,
    });
    expect(late.res.status).toBe(409);
    const text = visibleText(late.html);
    expect(text).toContain('令和8年12月1日（火）で終了しました');
    expect(text).toContain('締切直前に書いた意見');
    expect(await t.db.selectFrom('comments').selectAll().execute()).toHaveLength(0);
  });

  it('still accepts a comment in the last minute of the closing day in Tokyo', async () => {
    const t = await setup();
    t.clock.set('2026-12-01T14:59:00.000Z'); // 23:59 on 1 Dec in Tokyo
    const { submit } = await confirmAndSubmit(t, { ...person, body: 'ぎりぎりの意見' });
    expect(submit.res.status).toBe(303);
  });
});

describe('receipts', () => {
  it('shows the comment and its status by receipt code, never the name or address', async () => {
    const t = await setup();
    const { submit } = await confirmAndSubmit(t, {
      ...person,
      body: '受付番号で確認したい意見',
      email: 'hanako@example.jp',
      phone: '086-111-2222',
    });
    const code = submit.res.headers.get('location')!.split('/').pop()!;
    const pretty = `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`.toLowerCase();
    const lookup = await t.client.get(`/receipts?code=${encodeURIComponent(pretty)}`);
    expect(lookup.res.status).toBe(303);
    const { res, html } = await t.client.get(lookup.res.headers.get('location')!);
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('受付番号で確認したい意見');
    expect(text).toContain('協働のまちづくり指針（案）');
    expect(text).toContain('Webフォーム');
    for (const secret of ['倉敷 花子', '倉敷市中央1丁目', 'hanako@example.jp', '086-111-2222']) {
      expect(text).not.toContain(secret);
    }
  });

  it('says plainly when a receipt code is unknown', async () => {
    const t = await setup();
    const { res, html } = await t.client.get('/receipts/ZZZZ-ZZZZ-ZZZZ');
    expect(res.status).toBe(404);
    expect(visibleText(html)).toContain('この受付番号の意見は見つかりませんでした');
    const bad = await t.client.get('/receipts?code=123');
    expect(bad.res.status).toBe(400);
    expect(visibleText(bad.html)).toContain('受付番号は英数字12文字です');
  });
});

describe('English', () => {
  it('shows the interface in English with ?lang=en and remembers the choice', async () => {
    const t = await setup();
    const first = await t.client.get(`/consultations/${t.id}?lang=en`);
    expect(first.html).toContain('<html lang="en">');
    expect(visibleText(first.html)).toContain('How to send a comment');
    const next = await t.client.get(`/consultations/${t.id}/comment`);
    expect(visibleText(next.html)).toContain('Write your comment');
    const err = await t.client.post(`/consultations/${t.id}/comment/confirm`, { ...person, body: '' });
    expect(visibleText(err.html)).toContain('Please write your comment.');
  });

  it('follows the browser’s Accept-Language when nothing was chosen', async () => {
    const t = await setup();
    const { html } = await t.client.get('/', { 'accept-language': 'en-US,en;q=0.9,ja;q=0.5' });
    expect(visibleText(html)).toContain('Open for comments');
  });
});
