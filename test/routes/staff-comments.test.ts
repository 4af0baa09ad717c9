import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { receiveComment } from '../../src/usecases/intake.ts';
import { listDraftSections } from '../../src/data/consultations.ts';
import type { CommentDraft } from '../../src/domain/comment-intake.ts';
import { kyodoShishin } from '../../src/demo/content/kyodo.ts';
import { loginAs } from '../helpers-auth.ts';
import { makeTestApp, seedConsultation, TEST_SECRET, visibleText } from '../helpers.ts';

type T = Awaited<ReturnType<typeof makeTestApp>>;

const draft = (body: string, extra: Partial<CommentDraft> = {}): CommentDraft => ({
  sectionIds: [],
  body,
  submitterKind: 'individual',
  name: '倉敷太郎',
  address: '倉敷市西中新田640',
  organisationName: '',
  representative: '',
  category: 'resident',
  email: '',
  phone: '',
  ...extra,
});

async function setup(now?: string) {
  const t = await makeTestApp(now ? { now } : {});
  const id = await seedConsultation(t.db);
  const staff = await loginAs(t, 'staff');
  return { ...t, id, staff };
}

async function addComment(
  t: T,
  id: number,
  body: string,
  receivedAt: string,
  extra: Partial<CommentDraft> = {},
) {
  const outcome = await receiveComment(
    t.db,
    TEST_SECRET,
    { consultationId: id, draft: draft(body, extra), channel: 'web', receivedAt: new Date(receivedAt) },
    new Date(receivedAt),
  );
  if (!outcome.ok) throw new Error(`The fixture comment was refused: ${outcome.refusal}`);
  return outcome.comment;
}

async function auditActions(t: T) {
  const rows = await t.db.selectFrom('audit_log').select(['action', 'after_json', 'before_json']).execute();
  return rows;
}

/** Posts a multipart form with a file, as a browser does for the upload step. */
async function upload(t: T, path: string, bytes: Uint8Array, filename = 'comments.csv') {
  const form = new FormData();
  form.append('_csrf', t.client.lastCsrf);
  form.append('file', new File([new Uint8Array(bytes)], filename, { type: 'text/csv' }));
  const res = await t.client.request(path, { method: 'POST', body: form });
  const html = await res.text();
  const m = html.match(/name="_csrf" value="([^"]+)"/);
  if (m?.[1]) t.client.lastCsrf = m[1];
  return { res, html };
}

const hidden = (html: string, name: string) =>
  html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1]?.replace(/&amp;/g, '&') ?? '';

describe('the comment inbox', () => {
  it('lists comments with receipt code, channel, category, sections and the start of the text', async () => {
    const t = await setup();
    const [first] = await listDraftSections(t.db, t.id);
    await addComment(t, t.id, '協働の原則に賛成します。'.repeat(10), '2026-11-10T01:00:00.000Z', {
      sectionIds: [first!.id],
    });
    await addComment(t, t.id, '情報公開をもっと進めてください。', '2026-11-12T01:00:00.000Z', {
      category: null,
    });
    const { res, html } = await t.client.get(`/staff/consultations/${t.id}/comments`);
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('該当する意見：2件');
    expect(text).toContain('Webフォーム');
    expect(text).toContain('市内在住');
    expect(text).toContain('記載なし');
    expect(text).toContain('第1章');
    expect(text).toContain('案全体');
    expect(text).toContain('令和8年11月12日（木）');
    expect(text).toMatch(/協働の原則に賛成します。[^…]*…/);
    expect(text).not.toContain('倉敷太郎');
    // Newest first.
    expect(text.indexOf('情報公開をもっと')).toBeLessThan(text.indexOf('協働の原則に賛成'));
  });

  it('filters by channel, category, status and Tokyo dates', async () => {
    const t = await setup();
    await addComment(t, t.id, '十一月十日の意見', '2026-11-10T15:30:00.000Z'); // 11 Nov, 00:30 in Tokyo
    await addComment(t, t.id, '十一月十二日の意見', '2026-11-12T01:00:00.000Z', { category: 'business' });
    const base = `/staff/consultations/${t.id}/comments`;
    let text = visibleText((await t.client.get(`${base}?from=2026-11-11&to=2026-11-11`)).html);
    expect(text).toContain('該当する意見：1件');
    expect(text).toContain('十一月十日の意見');
    text = visibleText((await t.client.get(`${base}?category=business`)).html);
    expect(text).toContain('十一月十二日の意見');
    expect(text).not.toContain('十一月十日の意見');
    text = visibleText((await t.client.get(`${base}?channel=post`)).html);
    expect(text).toContain('該当する意見：0件');
    text = visibleText((await t.client.get(`${base}?status=hidden&channel=bogus&from=yesterday`)).html);
    expect(text).toContain('該当する意見：0件');
  });

  it('searches Japanese text with two characters (LIKE) and four characters (trigram index)', async () => {
    const t = await setup();
    await addComment(t, t.id, '市民協働の推進に賛成です。', '2026-11-10T01:00:00.000Z');
    await addComment(t, t.id, '情報公開を求めます。', '2026-11-11T01:00:00.000Z');
    await addComment(t, t.id, '100%の達成_は難しい"引用"', '2026-11-12T01:00:00.000Z');
    const base = `/staff/consultations/${t.id}/comments`;
    let text = visibleText((await t.client.get(`${base}?q=${encodeURIComponent('協働')}`)).html);
    expect(text).toContain('該当する意見：1件');
    expect(text).toContain('市民協働の推進');
    text = visibleText((await t.client.get(`${base}?q=${encodeURIComponent('情報公開')}`)).html);
    expect(text).toContain('該当する意見：1件');
    expect(text).toContain('情報公開を求めます');
    // Wildcards and FTS syntax are taken literally.
    text = visibleText((await t.client.get(`${base}?q=${encodeURIComponent('%')}`)).html);
    expect(text).toContain('該当する意見：1件');
    text = visibleText((await t.client.get(`${base}?q=${encodeURIComponent('"引用" OR')}`)).html);
    expect(text).toContain('該当する意見：0件');
    const { res } = await t.client.get(`${base}?q=${encodeURIComponent('"引用"')}`);
    expect(res.status).toBe(200);
  });

  it('takes a NUL or another control character in a search as nothing, never a 500', async () => {
    const t = await setup();
    await addComment(t, t.id, '情報公開を求めます。', '2026-11-11T01:00:00.000Z');
    const base = `/staff/consultations/${t.id}/comments`;
    for (const q of ['情報\u0000公開', '\u0000\u0000\u0000', '情報公開\u0007']) {
      const { res, html } = await t.client.get(`${base}?q=${encodeURIComponent(q)}`);
      expect(res.status, JSON.stringify(q)).toBe(200);
      expect(visibleText(html)).toMatch(/該当する意見：1件/);
    }
  });

  it('pages by received time with a next link, and answers htmx with the results only', async () => {
    const t = await setup();
    for (let i = 0; i < 55; i++) {
      const at = new Date(Date.parse('2026-11-02T00:00:00.000Z') + i * 3_600_000).toISOString();
      await addComment(t, t.id, `意見番号${String(i).padStart(3, '0')}`, at);
    }
    const base = `/staff/consultations/${t.id}/comments`;
    const first = await t.client.get(base);
    const text1 = visibleText(first.html);
    expect(text1).toContain('該当する意見：55件（このページに50件）');
    expect(text1).toContain('意見番号054');
    expect(text1).not.toContain('意見番号004');
    const next = first.html.match(/href="([^"]*after=[^"]*)"/)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeTruthy();
    const second = await t.client.get(next!, { 'HX-Request': 'true', 'HX-Request-Type': 'partial' });
    expect(second.html).not.toContain('<html');
    const text2 = visibleText(second.html);
    expect(text2).toContain('該当する意見：55件（このページに5件）');
    expect(text2).toContain('意見番号004');
    expect(text2).toContain('意見番号000');
    expect(text2).not.toContain('意見番号005');
  });

  it('speaks English when asked', async () => {
    const t = await setup();
    await addComment(t, t.id, '英語表示の確認', '2026-11-10T01:00:00.000Z');
    const { res, html } = await t.client.get(`/staff/consultations/${t.id}/comments?lang=en`);
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('1 matching comments');
    expect(text).toContain('Web form');
    expect(text).toContain('Lives in the city');
    expect(text).toContain('Received');
  });

  it('refuses council members and sends visitors to sign in', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    const anon = await t.client.get(`/staff/consultations/${id}/comments`);
    expect(anon.res.status).toBe(303);
    expect(anon.res.headers.get('location')).toContain('/login');
    await loginAs(t, 'council');
    const { res } = await t.client.get(`/staff/consultations/${id}/comments`);
    expect(res.status).toBe(403);
    const post = await t.client.post(`/staff/consultations/${id}/comments/new`, { body: 'x' });
    expect(post.res.status).toBe(403);
  });

  it('answers 404 for an unknown consultation or comment', async () => {
    const t = await setup();
    expect((await t.client.get('/staff/consultations/999/comments')).res.status).toBe(404);
    expect((await t.client.get(`/staff/consultations/${t.id}/comments/999`)).res.status).toBe(404);
  });
});

describe('entering a paper comment', () => {
  it('stores a letter without a name and shows the receipt code to send back', async () => {
    const t = await setup('2026-12-05T03:00:00.000Z'); // after the period closed
    const base = `/staff/consultations/${t.id}/comments`;
    const form = await t.client.get(`${base}/new`);
    expect(visibleText(form.html)).toContain('空欄のままで構いません');
    const key = hidden(form.html, 'submission_key');
    const fields = {
      submission_key: key,
      channel: 'post',
      received_date: '2026-12-01',
      body: '郵送で届いた意見です。',
      submitter_kind: 'anonymous',
    };
    const { res } = await t.client.post(`${base}/new`, fields);
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/\/comments\/\d+\?entered=1$/);
    const page = await t.client.get(location);
    const text = visibleText(page.html);
    expect(text).toMatch(/受付番号： [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
    expect(text).toContain('郵送');
    expect(text).toContain('staff テスト');
    expect(page.html).toMatch(/href="\/receipts\/[0-9A-Z]{12}"/);
    // A double submit does not make a second comment or a second audit entry.
    await t.client.post(`${base}/new`, fields);
    const comments = await t.db.selectFrom('comments').selectAll().execute();
    expect(comments).toHaveLength(1);
    expect(comments[0]?.channel).toBe('post');
    expect(comments[0]?.entered_by).toBe(t.staff.id);
    expect(comments[0]?.received_at).toBe('2026-12-01T03:00:00.000Z');
    const audit = await auditActions(t);
    expect(audit.filter((a) => a.action === 'comment.enter')).toHaveLength(1);
  });

  it('refuses a date outside the period and keeps what was typed', async () => {
    const t = await setup('2026-12-05T03:00:00.000Z');
    const base = `/staff/consultations/${t.id}/comments`;
    await t.client.get(`${base}/new`);
    const { res, html } = await t.client.post(`${base}/new`, {
      channel: 'fax',
      received_date: '2026-12-03',
      body: '期限後に届いた意見',
      name: '山田花子',
    });
    expect(res.status).toBe(422);
    const text = visibleText(html);
    expect(text).toContain('募集期間');
    expect(html).toContain('期限後に届いた意見');
    expect(html).toContain('value="山田花子"');
    expect(await t.db.selectFrom('comments').selectAll().execute()).toHaveLength(0);
  });

  it('keeps the sections ticked, and answers htmx with HX-Location instead of a redirect', async () => {
    const t = await setup();
    const base = `/staff/consultations/${t.id}/comments`;
    const [, second] = await listDraftSections(t.db, t.id);
    const form = await t.client.get(`${base}/new`);
    const { res } = await t.client.post(
      `${base}/new`,
      {
        submission_key: hidden(form.html, 'submission_key'),
        channel: 'email',
        received_date: '2026-11-20',
        body: 'メールで届いた意見',
        sections: String(second!.id),
        name: '山田花子',
      },
      { headers: { 'HX-Request': 'true', 'HX-Request-Type': 'partial' } },
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('HX-Location')).toMatch(/\/comments\/\d+\?entered=1$/);
    const stored = await t.db.selectFrom('comment_sections').selectAll().execute();
    expect(stored.map((s) => s.section_id)).toEqual([second!.id]);
  });

  it('refuses a section that is not in this draft, keeping what was typed', async () => {
    const t = await setup();
    const base = `/staff/consultations/${t.id}/comments`;
    await t.client.get(`${base}/new`);
    const { res, html } = await t.client.post(`${base}/new`, {
      channel: 'post',
      received_date: '2026-11-20',
      body: '箇所が違う意見',
      sections: '99999',
    });
    expect(res.status).toBe(422);
    expect(visibleText(html)).toContain('該当箇所は一覧から選んでください');
    expect(html).toContain('箇所が違う意見');
  });

  it('refuses a paper comment over 100,000 characters with a message', async () => {
    const t = await setup();
    const base = `/staff/consultations/${t.id}/comments`;
    await t.client.get(`${base}/new`);
    const { res, html } = await t.client.post(`${base}/new`, {
      channel: 'post',
      received_date: '2026-11-20',
      body: 'a'.repeat(1_000_000),
    });
    expect(res.status).toBe(422);
    expect(visibleText(html)).toContain('100,000文字以内で入力してください');
  }, 30_000);

  it('asks for the text and the channel', async () => {
    const t = await setup();
    const base = `/staff/consultations/${t.id}/comments`;
    await t.client.get(`${base}/new`);
    const { res, html } = await t.client.post(`${base}/new`, {
      channel: 'pigeon',
      received_date: '2026-11-20',
      body: '',
    });
    expect(res.status).toBe(422);
    const text = visibleText(html);
    expect(text).toContain('意見を入力してください');
    expect(text).toContain('提出方法を選んでください');
  });
});

describe('after the result is published', () => {
  async function published() {
    const t = await setup('2026-12-05T03:00:00.000Z');
    await addComment(t, t.id, '公表前の意見', '2026-11-10T01:00:00.000Z');
    await t.db
      .updateTable('consultations')
      .set({ result_published_at: '2026-12-04T00:00:00.000Z' })
      .where('id', '=', t.id)
      .execute();
    return { ...t, base: `/staff/consultations/${t.id}/comments` };
  }
  const count = async (t: T) => (await t.db.selectFrom('comments').select('id').execute()).length;

  it('refuses a late paper comment with a message, and says so before the form is filled', async () => {
    const t = await published();
    const form = await t.client.get(`${t.base}/new`);
    expect(visibleText(form.html)).toContain('結果を公表したため、意見の受付を終了しています');
    expect(form.html).not.toContain('name="body"');
    const { res, html } = await t.client.post(`${t.base}/new`, {
      channel: 'post',
      received_date: '2026-11-30',
      body: '消印は期間内だが結果公表後に届いた意見',
    });
    expect(res.status).toBe(409);
    expect(visibleText(html)).toContain('結果を公表したため、意見の受付を終了しています');
    expect(await count(t)).toBe(1);
    const en = await t.client.post(`${t.base}/new?lang=en`, {
      channel: 'post',
      received_date: '2026-11-30',
      body: 'late',
    });
    expect(visibleText(en.html)).toContain('The result of this consultation has been published');
  });

  it('refuses a CSV import at the preview and at the confirm step', async () => {
    const t = await published();
    const csv = new TextEncoder().encode('受付日,提出方法,意見\r\n2026/11/30,郵送,遅れて届いた意見\r\n');
    await t.client.get(`${t.base}/import`);
    const page = await t.client.get(`${t.base}/import`);
    expect(visibleText(page.html)).toContain('結果を公表したため、意見の受付を終了しています');
    expect(page.html).not.toContain('name="file"');
    const preview = await upload(t, `${t.base}/import/preview`, csv);
    expect(preview.res.status).toBe(409);
    expect(visibleText(preview.html)).toContain('結果を公表したため、意見の受付を終了しています');
    const confirm = await t.client.post(`${t.base}/import`, {
      filename: 'late.csv',
      payload: Buffer.from(csv).toString('base64'),
    });
    expect(confirm.res.status).toBe(409);
    expect(await count(t)).toBe(1);
  });

  it('refuses every channel in the intake use case, the web form included', async () => {
    const t = await published();
    const { receiveComment } = await import('../../src/usecases/intake.ts');
    const outcome = await receiveComment(
      t.db,
      TEST_SECRET,
      {
        consultationId: t.id,
        draft: draft('ウェブから遅れて'),
        channel: 'web',
        receivedAt: new Date('2026-11-30T00:00:00Z'),
      },
      new Date('2026-11-30T00:00:00Z'),
    );
    expect(outcome).toEqual({ ok: false, refusal: 'result_published' });
    expect(await count(t)).toBe(1);
  });
});

describe('importing a CSV', () => {
  const good =
    '受付日,提出方法,該当箇所,意見,氏名,住所,区分\r\n' +
    '2026/11/20,郵送,第1章,"目的に賛成です。\r\n特に協働の部分。",山田太郎,倉敷市西中新田640,市内在住\r\n' +
    '2026/11/21,FAX,"1,2",原則と公開について,,,\r\n';

  it('previews each row and refuses a file with a bad row, naming the row and field', async () => {
    const t = await setup();
    const base = `/staff/consultations/${t.id}/comments`;
    await t.client.get(`${base}/import`);
    const bad = `${good}2026/12/20,伝書鳩,第9章,,,,\r\n`;
    const { res, html } = await upload(t, `${base}/import/preview`, new TextEncoder().encode(bad));
    expect(res.status).toBe(422);
    const text = visibleText(html);
    expect(text).toContain('このファイルは取り込めません');
    expect(text).toContain('4行目 提出方法');
    expect(text).toContain('伝書鳩');
    expect(text).toContain('4行目 該当箇所');
    expect(text).toContain('4行目 意見');
    expect(html).not.toContain('name="payload"');
    expect(await t.db.selectFrom('comments').selectAll().execute()).toHaveLength(0);
  });

  it('imports a good file all at once, and the same file again changes nothing', async () => {
    const t = await setup();
    const base = `/staff/consultations/${t.id}/comments`;
    await t.client.get(`${base}/import`);
    const preview = await upload(t, `${base}/import/preview`, new TextEncoder().encode(`\uFEFF${good}`));
    expect(preview.res.status).toBe(200);
    const ptext = visibleText(preview.html);
    expect(ptext).toContain('2件を取り込む');
    expect(ptext).toContain('第1章 指針の目的');
    const confirm = { filename: hidden(preview.html, 'filename'), payload: hidden(preview.html, 'payload') };
    const done = await t.client.post(`${base}/import`, confirm);
    expect(done.res.status).toBe(303);
    const result = await t.client.get(done.res.headers.get('location') ?? '');
    expect(visibleText(result.html)).toContain('2件の意見を取り込みました');
    const comments = await t.db.selectFrom('comments').selectAll().orderBy('id').execute();
    expect(comments.map((c) => c.channel)).toEqual(['post', 'fax']);
    expect(comments[0]?.body).toBe('目的に賛成です。\n特に協働の部分。');

    const again = await t.client.post(`${base}/import`, confirm);
    expect(again.res.status).toBe(409);
    expect(visibleText(again.html)).toContain('取り込み済みです');
    expect(await t.db.selectFrom('comments').selectAll().execute()).toHaveLength(2);

    // An overlapping file adds only its new row.
    const overlap = `${good}2026/11/22,持参,,新しい行です,,,\r\n`;
    const p2 = await upload(t, `${base}/import/preview`, new TextEncoder().encode(overlap), 'more.csv');
    expect(visibleText(p2.html)).toContain('取り込み済み（スキップ）');
    expect(visibleText(p2.html)).toContain('1件を取り込む');
    const d2 = await t.client.post(`${base}/import`, {
      filename: hidden(p2.html, 'filename'),
      payload: hidden(p2.html, 'payload'),
    });
    expect(d2.res.status).toBe(303);
    expect(await t.db.selectFrom('comments').selectAll().execute()).toHaveLength(3);
    const audit = (await auditActions(t)).filter((a) => a.action === 'comment.import');
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({ rowCount: 2, created: 2 });
    expect(JSON.parse(audit[1]?.after_json ?? '{}')).toMatchObject({ rowCount: 3, created: 1, skipped: 2 });
  });

  it('imports a Shift_JIS file as Excel saves it', async () => {
    const t = await setup();
    const base = `/staff/consultations/${t.id}/comments`;
    await t.client.get(`${base}/import`);
    const bytes = iconv.encode(
      '受付日,提出方法,意見,区分\r\n2026/11/20,持参,窓口で受け付けた意見です,市内在勤\r\n',
      'Shift_JIS',
    );
    const preview = await upload(t, `${base}/import/preview`, bytes, 'sjis.csv');
    expect(preview.res.status).toBe(200);
    expect(visibleText(preview.html)).toContain('窓口で受け付けた意見です');
    const done = await t.client.post(`${base}/import`, {
      filename: hidden(preview.html, 'filename'),
      payload: hidden(preview.html, 'payload'),
    });
    expect(done.res.status).toBe(303);
    const [row] = await t.db.selectFrom('comments').selectAll().execute();
    expect(row?.body).toBe('窓口で受け付けた意見です');
    expect(row?.category).toBe('worker');
    expect(row?.channel).toBe('in_person');
  });

  it('refuses an over-long cell by its length before reading it (a 1,000,000-character cell)', async () => {
    const t = await setup();
    const base = `/staff/consultations/${t.id}/comments`;
    await t.client.get(`${base}/import`);
    const huge = `受付日,提出方法,意見\r\n2026/11/20,郵送,${'a'.repeat(1_000_000)}\r\n2026/11/21,FAX,短い意見\r\n`;
    const { res, html } = await upload(t, `${base}/import/preview`, new TextEncoder().encode(huge));
    expect(res.status).toBe(422);
    const text = visibleText(html);
    expect(text).toContain('2行目 意見: 100,000文字以内で入力してください');
    expect(html.length).toBeLessThan(200_000);
    expect(html).not.toContain('name="payload"');
  }, 30_000);

  it('stores a row repeated in the same file once', async () => {
    const t = await setup();
    const base = `/staff/consultations/${t.id}/comments`;
    await t.client.get(`${base}/import`);
    const twice = `受付日,提出方法,意見\r\n${'2026/11/20,郵送,同じはがき\r\n'.repeat(3)}2026/11/20,郵送,別のはがき\r\n`;
    const preview = await upload(t, `${base}/import/preview`, new TextEncoder().encode(twice));
    expect(visibleText(preview.html)).toContain('2件を取り込む');
    const done = await t.client.post(`${base}/import`, {
      filename: hidden(preview.html, 'filename'),
      payload: hidden(preview.html, 'payload'),
    });
    expect(done.res.status).toBe(303);
    const bodies = (await t.db.selectFrom('comments').select('body').execute()).map((c) => c.body).sort();
    expect(bodies).toEqual(['別のはがき', '同じはがき']);
    const result = await t.client.get(done.res.headers.get('location') ?? '');
    expect(visibleText(result.html)).toContain('2件の意見を取り込みました');
  });

  it('refuses a file with too many rows or too many bytes, saying how to split it', async () => {
    const t = await setup();
    const base = `/staff/consultations/${t.id}/comments`;
    await t.client.get(`${base}/import`);
    const many = `受付日,提出方法,意見\r\n${'2026/11/20,郵送,同じ意見\r\n'.repeat(5001)}`;
    const rows = await upload(t, `${base}/import/preview`, new TextEncoder().encode(many));
    expect(rows.res.status).toBe(422);
    expect(visibleText(rows.html)).toContain('一度に取り込めるのは5,000行までです');
    const big = `受付日,提出方法,意見\r\n2026/11/20,郵送,"${'あ'.repeat(2_000_000)}"\r\n`;
    const bytes = await upload(t, `${base}/import/preview`, new TextEncoder().encode(big));
    expect(bytes.res.status).toBe(422);
    expect(visibleText(bytes.html)).toContain('CSVファイルは5.0 MBまでです');
    expect(await t.db.selectFrom('comments').selectAll().execute()).toHaveLength(0);
  }, 30_000);

  it('can be run from the command line', async () => {
    const { importCsvFile } = await import('../../src/cli/commands/import.ts');
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    const lines: string[] = [];
    const bytes = new TextEncoder().encode(good);
    const now = new Date('2026-11-24T03:00:00.000Z');
    expect(await importCsvFile(t.db, TEST_SECRET, id, 'c.csv', bytes, now, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain('2');
    expect(await t.db.selectFrom('comments').selectAll().execute()).toHaveLength(2);
    expect(await importCsvFile(t.db, TEST_SECRET, id, 'c.csv', bytes, now, (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toContain('already imported');
    const bad = new TextEncoder().encode('受付日,提出方法,意見\n2026/11/20,鳩,x\n');
    expect(await importCsvFile(t.db, TEST_SECRET, id, 'b.csv', bad, now, (l) => lines.push(l))).toBe(1);
    expect(lines.join('\n')).toContain('Row 2');
    expect(await t.db.selectFrom('comments').selectAll().execute()).toHaveLength(2);
  });
});

describe('naming sections unambiguously (subsections restart at 1 in each chapter)', () => {
  /** The 協働 draft: four sections are numbered 「2」. */
  async function kyodo() {
    const t = await makeTestApp();
    const id = await seedConsultation(
      t.db,
      {},
      kyodoShishin.sections
        .filter((s) => !s.addedInFinal)
        .map(({ level, number, heading }) => ({ level, number, heading })),
    );
    await loginAs(t, 'staff');
    const sections = await listDraftSections(t.db, id);
    const byLabel = (chapter: string, number: string) => {
      const at = sections.findIndex((s) => s.number === chapter);
      return sections.slice(at + 1).find((s) => s.number === number)!;
    };
    return { ...t, id, sections, byLabel, base: `/staff/consultations/${id}/comments` };
  }

  const csv = (sections: string) =>
    new TextEncoder().encode(`受付日,提出方法,該当箇所,意見\r\n2026/11/20,郵送,"${sections}",意見です\r\n`);

  it('refuses a bare number that fits several sections, naming the candidates', async () => {
    const t = await kyodo();
    await t.client.get(`${t.base}/import`);
    const { res, html } = await upload(t, `${t.base}/import/preview`, csv('2'));
    expect(res.status).toBe(422);
    const text = visibleText(html);
    expect(text).toContain('該当箇所「2」に当たる箇所が案に4つあります');
    expect(text).toContain('第5章 2 市民の声を聴く仕組みの充実');
    expect(text).toContain('第1章 2 協働が求められる背景');
    expect(html).not.toContain('name="payload"');
  });

  it('reads 「第5章 2」, 「5-2」 and the full label as the one section they name', async () => {
    const t = await kyodo();
    const target = t.byLabel('第5章', '2');
    await t.client.get(`${t.base}/import`);
    for (const ref of [
      '第5章 2',
      '5-2',
      '第5章 2 市民の声を聴く仕組みの充実',
      '市民の声を聴く仕組みの充実',
    ]) {
      const { res, html } = await upload(t, `${t.base}/import/preview`, csv(ref));
      expect(res.status, ref).toBe(200);
      expect(visibleText(html)).toContain('第5章 2 市民の声を聴く仕組みの充実');
    }
    const preview = await upload(t, `${t.base}/import/preview`, csv('第5章 2、第1章'));
    const done = await t.client.post(`${t.base}/import`, {
      filename: hidden(preview.html, 'filename'),
      payload: hidden(preview.html, 'payload'),
    });
    expect(done.res.status).toBe(303);
    const links = await t.db.selectFrom('comment_sections').select('section_id').execute();
    expect(links.map((l) => l.section_id).sort()).toEqual(
      [target.id, t.sections.find((s) => s.number === '第1章')!.id].sort(),
    );
  });

  it('gives examples from this draft that name one section each', async () => {
    const t = await kyodo();
    const { html } = await t.client.get(`${t.base}/import`);
    const text = visibleText(html);
    expect(text).toContain('「第1章 1」');
    expect(text).toContain('「1-1」');
    expect(text).not.toContain('1,2');
  });

  it("names a comment's sections in full in the inbox and on its page", async () => {
    const t = await kyodo();
    const target = t.byLabel('第5章', '2');
    const other = t.byLabel('第3章', '2');
    const { id } = await addComment(t, t.id, '声を聴く仕組みについて', '2026-11-10T01:00:00.000Z', {
      sectionIds: [target.id, other.id],
    });
    const list = visibleText((await t.client.get(t.base)).html);
    expect(list).toContain('第3章 2 市民の役割、第5章 2 市民の声を聴く仕組みの充実');
    const page = visibleText((await t.client.get(`${t.base}/${id}`)).html);
    expect(page).toContain('第3章 2 市民の役割、第5章 2 市民の声を聴く仕組みの充実');
  });

  it('names sections with their chapter in the paper form and the inbox filter', async () => {
    const t = await kyodo();
    const target = t.byLabel('第5章', '2');
    const form = await t.client.get(`${t.base}/new`);
    expect(visibleText(form.html)).toContain('第5章 2 市民の声を聴く仕組みの充実');
    expect(visibleText(form.html)).toContain('第1章 2 協働が求められる背景');
    const inboxPage = await t.client.get(t.base);
    expect(inboxPage.html).toMatch(
      new RegExp(`<option value="${target.id}"[^>]*>第5章 2 市民の声を聴く仕組みの充実</option>`),
    );
  });
});

describe('moderation', () => {
  it('hides a comment with a reason, keeps the original, records it, and can show it again', async () => {
    const t = await setup();
    const { id: commentId } = await addComment(
      t,
      t.id,
      '宣伝です。http://spam.example',
      '2026-11-10T01:00:00.000Z',
    );
    const base = `/staff/consultations/${t.id}/comments/${commentId}`;
    await t.client.get(base);
    const refused = await t.client.post(`${base}/hide`, { reason: 'because', note: '' });
    expect(refused.res.status).toBe(422);
    expect(visibleText(refused.html)).toContain('理由を選んでください');
    const { res } = await t.client.post(
      `${base}/hide`,
      { reason: 'spam', note: '広告の投稿' },
      { headers: { 'HX-Request': 'true', 'HX-Request-Type': 'partial' } },
    );
    expect(res.status).toBe(204);
    expect(res.headers.get('HX-Location')).toBe(base);
    const page = visibleText((await t.client.get(base)).html);
    expect(page).toContain('非表示にしています。理由：スパム（広告の投稿）');
    expect(page).toContain('宣伝です。');
    expect(page).toContain('広告の投稿');
    const row = await t.db
      .selectFrom('comments')
      .selectAll()
      .where('id', '=', commentId)
      .executeTakeFirstOrThrow();
    expect(row.hidden_reason).toBe('spam');
    expect(row.body).toBe('宣伝です。http://spam.example');
    const list = visibleText(
      (await t.client.get(`/staff/consultations/${t.id}/comments?status=hidden`)).html,
    );
    expect(list).toContain('該当する意見：1件');

    await t.client.get(base);
    expect((await t.client.post(`${base}/unhide`, { note: '誤り' })).res.status).toBe(303);
    const tooLong = await t.client.post(`${base}/hide`, { reason: 'spam', note: 'あ'.repeat(1001) });
    expect(tooLong.res.status).toBe(422);
    expect(visibleText(tooLong.html)).toContain('メモは1000文字以内にしてください');
    const events = await t.db.selectFrom('moderation_events').select(['action', 'reason']).execute();
    expect(events).toEqual([
      { action: 'hide', reason: 'spam' },
      { action: 'unhide', reason: 'spam' },
    ]);
    const audit = await auditActions(t);
    const hide = audit.find((a) => a.action === 'comment.hide');
    expect(JSON.parse(hide?.before_json ?? '{}')).toMatchObject({ hidden_at: null });
    expect(JSON.parse(hide?.after_json ?? '{}')).toMatchObject({
      hidden_reason: 'spam',
      hidden_note: '広告の投稿',
    });
    expect(audit.some((a) => a.action === 'comment.unhide')).toBe(true);
  });

  it('suggests the name the submitter gave wherever the text repeats it', async () => {
    const t = await setup();
    const { id: commentId } = await addComment(
      t,
      t.id,
      '以前から山田一郎として活動してきました。',
      '2026-11-10T01:00:00.000Z',
      { name: '山田 一郎' },
    );
    const form = await t.client.get(`/staff/consultations/${t.id}/comments/${commentId}/redact`);
    expect(form.html).toContain('<mark>山田一郎</mark>');
    expect(form.html).toContain('name="span" value="4:8:name" checked');
  });

  it('suggests a phone number for redaction and publishes the redacted text', async () => {
    const t = await setup();
    const { id: commentId } = await addComment(
      t,
      t.id,
      '詳しくは086-426-3030までお電話ください。田中より',
      '2026-11-10T01:00:00.000Z',
    );
    const base = `/staff/consultations/${t.id}/comments/${commentId}`;
    const form = await t.client.get(`${base}/redact`);
    expect(form.res.status).toBe(200);
    const text = visibleText(form.html);
    expect(text).toContain('電話番号');
    const value = form.html.match(/name="span" value="([^"]+)" checked/)?.[1];
    expect(value).toBe('4:16:phone');

    const missing = await t.client.post(`${base}/redact`, { span: value!, add_text: '鈴木' });
    expect(missing.res.status).toBe(422);
    expect(visibleText(missing.html)).toContain('原文にありません');

    const { res } = await t.client.post(`${base}/redact`, { span: value!, add_text: '田中' });
    expect(res.status).toBe(303);
    const row = await t.db
      .selectFrom('comments')
      .selectAll()
      .where('id', '=', commentId)
      .executeTakeFirstOrThrow();
    expect(row.body_redacted).toBe(
      '詳しくは［電話番号のため削除］までお電話ください。［個人情報のため削除］より',
    );
    expect(row.body).toContain('086-426-3030');
    const spans = await t.db
      .selectFrom('redactions')
      .select(['start', 'end', 'kind'])
      .orderBy('start')
      .execute();
    expect(spans).toEqual([
      { start: 4, end: 16, kind: 'phone' },
      { start: 26, end: 28, kind: 'manual' },
    ]);
    const list = visibleText((await t.client.get(`/staff/consultations/${t.id}/comments`)).html);
    expect(list).toContain('一部削除して公開');
    expect(list).not.toContain('086-426-3030');
    const audit = (await auditActions(t)).find((a) => a.action === 'comment.redact');
    expect(JSON.parse(audit?.before_json ?? '{}')).toMatchObject({ body_redacted: null });
    expect(JSON.parse(audit?.after_json ?? '{}').body_redacted).toContain('［電話番号のため削除］');
    const events = await t.db.selectFrom('moderation_events').select('action').execute();
    expect(events.map((e) => e.action)).toEqual(['redact']);
  });
});
