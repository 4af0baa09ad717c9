import { describe, expect, it } from 'vitest';
import { listDraftSections } from '../../src/data/consultations.ts';
import { editSection, removeSection } from '../../src/usecases/draft.ts';
import { publish } from '../../src/usecases/publishing.ts';
import { loginAs } from '../helpers-auth.ts';
import { ensureDepartment, makeTestApp, seedConsultation, type TestClient, visibleText } from '../helpers.ts';

type T = Awaited<ReturnType<typeof makeTestApp>>;

const DRAFT = [
  '倉敷市協働のまちづくり指針（案）',
  '',
  '第1章 指針の目的',
  'この指針は、市民と市の協働を進めるためのものです。',
  '1 協働の原則',
  '(1) 対等の原則',
  '市民と市は対等な立場で協働します。',
  '第２章　推進体制',
  '市は推進会議を置きます。',
].join('\n');

const VALID = {
  title: '協働のまちづくり指針（案）',
  summary: '協働の指針案です。',
  // 市民協働推進課, the test staff's department: the first department made (see staffApp).
  department_id: '1',
  contact: '電話 086-000-0000',
  max_comment_length: '4000',
  require_name: '1',
  require_address: '1',
  opens_at: '2026-12-01T00:00',
  closes_at: '2026-12-31T23:59',
  short_period_reason: '',
};

async function staffApp(opts: Parameters<typeof makeTestApp>[0] = {}) {
  const t = await makeTestApp(opts);
  await loginAs(t, 'staff');
  expect(await ensureDepartment(t.db)).toBe(Number(VALID.department_id));
  return t;
}

async function createDraft(client: TestClient, fields: Record<string, string> = {}): Promise<number> {
  await client.get('/staff/consultations/new');
  const { res } = await client.post('/staff/consultations', { ...VALID, ...fields });
  expect(res.status).toBe(303);
  const m = /\/staff\/consultations\/(\d+)/.exec(res.headers.get('location') ?? '');
  return Number(m?.[1]);
}

async function importDraft(client: TestClient, id: number, text = DRAFT) {
  await client.get(`/staff/consultations/${id}/draft`);
  const { res } = await client.post(`/staff/consultations/${id}/draft/confirm`, { text, mode: 'append' });
  expect(res.status).toBe(303);
}

function multipart(
  client: TestClient,
  fields: Record<string, string>,
  file?: { name: string; bytes: Uint8Array },
) {
  const form = new FormData();
  form.append('_csrf', client.lastCsrf || client.cookies.get('koe_csrf') || '');
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  return form;
}

async function upload(client: TestClient, id: number, title: string, name: string, bytes: Uint8Array) {
  await client.get(`/staff/consultations/${id}/documents/new`);
  const res = await client.request(`/staff/consultations/${id}/documents`, {
    method: 'POST',
    body: multipart(client, { title }, { name, bytes }),
  });
  const html = res.status === 303 ? '' : await res.text();
  return { res, html };
}

async function auditActions(t: T): Promise<string[]> {
  const rows = await t.db.selectFrom('audit_log').select('action').orderBy('id').execute();
  return rows.map((r) => r.action);
}

describe('staff authoring of consultations', () => {
  it('sends a visitor who is not signed in to the login page', async () => {
    const { client } = await makeTestApp();
    const { res } = await client.get('/staff');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
  });

  it('refuses a council member (403)', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'council');
    const { res, html } = await t.client.get('/staff/consultations/new');
    expect(res.status).toBe(403);
    expect(visibleText(html)).toContain('このページを表示する権限がありません');
    const post = await t.client.post('/staff/consultations', VALID);
    expect(post.res.status).toBe(403);
    expect(await t.db.selectFrom('consultations').select('id').execute()).toHaveLength(0);
  });

  it('lists every consultation with its phase, period and comment count on the staff home', async () => {
    const t = await staffApp();
    await seedConsultation(t.db, { title: '公開中の案' });
    await seedConsultation(t.db, { title: '下書きの案', status: 'draft' });
    const { res, html } = await t.client.get('/staff');
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('新しい意見募集を作成');
    expect(text).toMatch(/公開中の案 意見募集中（残り\d+日）/);
    expect(text).toContain('下書きの案 下書き');
    expect(text).toContain('令和8年11月1日（日）');
    expect(text).toContain('0件');
  });

  it('creates a consultation from a pasted draft: preview shows the sections, confirm saves them in order', async () => {
    const t = await staffApp();
    const id = await createDraft(t.client);
    const page = await t.client.get(`/staff/consultations/${id}?notice=created`);
    expect(visibleText(page.html)).toContain('意見募集を作成しました');

    await t.client.get(`/staff/consultations/${id}/draft`);
    const preview = await t.client.post(`/staff/consultations/${id}/draft/preview`, { text: DRAFT });
    expect(preview.res.status).toBe(200);
    const text = visibleText(preview.html);
    expect(text).toContain('5 件の節に分かれました。まだ保存していません。');
    expect(text).toMatch(
      /1 1 前文 .*2 1 第1章 指針の目的 .*3 2 1 協働の原則 .*4 3 \(1\) 対等の原則 .*5 1 第2章 推進体制/,
    );
    expect(await listDraftSections(t.db, id)).toHaveLength(0);

    const confirm = await t.client.post(`/staff/consultations/${id}/draft/confirm`, {
      text: DRAFT,
      mode: 'append',
    });
    expect(confirm.res.status).toBe(303);
    expect(confirm.res.headers.get('location')).toBe(`/staff/consultations/${id}?notice=imported`);
    const saved = await listDraftSections(t.db, id);
    expect(saved.map((s) => [s.position, s.level, s.number, s.heading])).toEqual([
      [1, 1, '', '前文'],
      [2, 1, '第1章', '指針の目的'],
      [3, 2, '1', '協働の原則'],
      [4, 3, '(1)', '対等の原則'],
      [5, 1, '第2章', '推進体制'],
    ]);
    expect(saved[3]?.body_md).toBe('市民と市は対等な立場で協働します。');
    expect(await auditActions(t)).toEqual(expect.arrayContaining(['consultation.create', 'section.create']));
  });

  it('imports a Shift_JIS .txt file through the upload field', async () => {
    const t = await staffApp();
    const id = await createDraft(t.client);
    const iconv = (await import('iconv-lite')).default;
    await t.client.get(`/staff/consultations/${id}/draft`);
    const res = await t.client.request(`/staff/consultations/${id}/draft/preview`, {
      method: 'POST',
      body: multipart(
        t.client,
        { text: '', mode: 'append' },
        { name: 'draft.txt', bytes: iconv.encode(DRAFT, 'Shift_JIS') },
      ),
    });
    expect(res.status).toBe(200);
    expect(visibleText(await res.text())).toContain('第2章 推進体制');
  });

  it('asks for text when the draft is empty, with the message next to the field', async () => {
    const t = await staffApp();
    const id = await createDraft(t.client);
    await t.client.get(`/staff/consultations/${id}/draft`);
    const { res, html } = await t.client.post(`/staff/consultations/${id}/draft/preview`, { text: '   ' });
    expect(res.status).toBe(422);
    expect(html).toContain('id="f-text-error"');
    expect(visibleText(html)).toContain('案文を貼り付けるか、ファイルを選んでください。');
  });

  it('refuses a consultation without a title, keeping what was typed', async () => {
    const t = await staffApp();
    await t.client.get('/staff/consultations/new');
    const { res, html } = await t.client.post('/staff/consultations', {
      ...VALID,
      title: '',
      summary: '都市計画の案',
    });
    expect(res.status).toBe(422);
    expect(html).toMatch(/<p class="field-error" id="f-title-error">.*件名を入力してください。/);
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('都市計画の案</textarea>');
    expect(html).toContain('<option value="1" selected="">市民協働推進課</option>');
    expect(await t.db.selectFrom('consultations').select('id').execute()).toHaveLength(0);
  });

  it('refuses a period shorter than 30 days without a reason, and accepts it with one', async () => {
    const t = await staffApp();
    await t.client.get('/staff/consultations/new');
    const short = { ...VALID, opens_at: '2026-12-01T00:00', closes_at: '2026-12-20T23:59' };
    const { res, html } = await t.client.post('/staff/consultations', short);
    expect(res.status).toBe(422);
    expect(html).toMatch(/id="f-short_period_reason-error">.*募集期間が30日未満です/);
    expect(html).toContain('value="2026-12-20T23:59"');
    const ok = await t.client.post('/staff/consultations', {
      ...short,
      short_period_reason: '国の制度改正の日程に合わせるため',
    });
    expect(ok.res.status).toBe(303);
    const row = await t.db.selectFrom('consultations').selectAll().executeTakeFirstOrThrow();
    expect(row.closes_at).toBe('2026-12-20T14:59:59.999Z');
    expect(row.opens_at).toBe('2026-11-30T15:00:00.000Z');
  });

  it('refuses a closing before the opening and a comment length outside 100–100000', async () => {
    const t = await staffApp();
    await t.client.get('/staff/consultations/new');
    const { res, html } = await t.client.post('/staff/consultations', {
      ...VALID,
      closes_at: '2026-11-20T10:00',
      max_comment_length: '50',
    });
    expect(res.status).toBe(422);
    expect(visibleText(html)).toContain('100から100000までの数を入力してください。');
    const again = await t.client.post('/staff/consultations', { ...VALID, closes_at: '2026-11-20T10:00' });
    expect(visibleText(again.html)).toContain('締切日時は開始日時より後にしてください。');
  });

  it('edits, adds, reorders and deletes sections before publishing, audited', async () => {
    const t = await staffApp();
    const id = await createDraft(t.client);
    await importDraft(t.client, id);
    const [first, second] = await listDraftSections(t.db, id);
    await t.client.get(`/staff/consultations/${id}/sections/${second?.id}/edit`);
    const edit = await t.client.post(`/staff/consultations/${id}/sections/${second?.id}/edit`, {
      level: '1',
      number: '第1章',
      heading: '目的',
      body_md: '新しい本文',
    });
    expect(edit.res.status).toBe(303);
    const move = await t.client.post(`/staff/consultations/${id}/sections/${second?.id}/move`, {
      direction: 'up',
    });
    expect(move.res.status).toBe(303);
    const del = await t.client.post(`/staff/consultations/${id}/sections/${first?.id}/delete`, {
      confirm: 'yes',
    });
    expect(del.res.status).toBe(303);
    const add = await t.client.post(`/staff/consultations/${id}/sections`, {
      level: '2',
      number: '',
      heading: '附則',
      body_md: '',
    });
    expect(add.res.status).toBe(303);
    const sections = await listDraftSections(t.db, id);
    expect(sections.map((s) => s.heading)).toEqual(['目的', '協働の原則', '対等の原則', '推進体制', '附則']);
    const bad = await t.client.post(`/staff/consultations/${id}/sections`, { level: '9', heading: '' });
    expect(bad.res.status).toBe(422);
    expect(visibleText(bad.html)).toContain('見出しを入力してください。');
    expect(await auditActions(t)).toEqual(
      expect.arrayContaining(['section.update', 'section.reorder', 'section.delete', 'section.create']),
    );
  });

  it('stores a small PDF with its hash and serves it with safe headers', async () => {
    const t = await staffApp();
    const id = await createDraft(t.client);
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
    const { res } = await upload(t.client, id, '計画案（本編）', '計画案 本編.pdf', pdf);
    expect(res.status).toBe(303);
    const doc = await t.db.selectFrom('documents').selectAll().executeTakeFirstOrThrow();
    expect(doc.content_type).toBe('application/pdf');
    expect(doc.size).toBe(pdf.length);
    expect(doc.sha256).toMatch(/^[0-9a-f]{64}$/);
    const page = await t.client.get(`/staff/consultations/${id}`);
    expect(visibleText(page.html)).toContain('計画案（本編）');
    const dl = await t.client.request(`/staff/consultations/${id}/documents/${doc.id}`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
    expect(dl.headers.get('content-disposition')).toContain("filename*=UTF-8''%E8%A8%88%E7%94%BB");
    expect(dl.headers.get('content-security-policy')).toBe('sandbox');
    expect(new Uint8Array(await dl.arrayBuffer())).toEqual(pdf);
    expect(await auditActions(t)).toContain('document.upload');
  });

  it('refuses an .exe, a fake PDF and an oversize file with a clear message', async () => {
    const t = await staffApp({ env: { KOE_MAX_UPLOAD_MB: '1' } });
    const id = await createDraft(t.client);
    const exe = await upload(
      t.client,
      id,
      'プログラム',
      'setup.exe',
      new Uint8Array([0x4d, 0x5a, 0x90, 0x00]),
    );
    expect(exe.res.status).toBe(422);
    expect(visibleText(exe.html)).toContain('この種類のファイルは登録できません');
    const fake = await upload(
      t.client,
      id,
      '偽物',
      'plan.pdf',
      new TextEncoder().encode('<html>not a pdf</html>'),
    );
    expect(fake.res.status).toBe(422);
    expect(visibleText(fake.html)).toContain('ファイルの中身が拡張子と一致しません');
    expect(fake.html).toContain('value="偽物"');
    const big = new Uint8Array(1024 * 1024 + 10);
    big.set(new TextEncoder().encode('%PDF-1.4'));
    const over = await upload(t.client, id, '大きい資料', 'big.pdf', big);
    expect(over.res.status).toBe(422);
    expect(visibleText(over.html)).toContain('1ファイル 1.0 MB までです');
    expect(await t.db.selectFrom('documents').select('id').execute()).toHaveLength(0);
  });

  it('publishes after a confirmation step and the consultation appears on the public list', async () => {
    const t = await staffApp({ now: '2026-11-24T03:00:00.000Z' });
    const id = await createDraft(t.client, { opens_at: '', closes_at: '2026-12-31T23:59' });
    const blocked = await t.client.get(`/staff/consultations/${id}/publish`);
    expect(visibleText(blocked.html)).toContain('案の本文（節）が1つもありません。');
    const refused = await t.client.post(`/staff/consultations/${id}/publish`);
    expect(refused.res.status).toBe(422);

    await importDraft(t.client, id);
    const confirm = await t.client.get(`/staff/consultations/${id}/publish`);
    expect(visibleText(confirm.html)).toContain('公表して募集を開始する');
    const { res } = await t.client.post(`/staff/consultations/${id}/publish`);
    expect(res.status).toBe(303);
    const row = await t.db
      .selectFrom('consultations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('published');
    expect(row.published_at).toBe('2026-11-24T03:00:00.000Z');
    expect(row.opens_at).toBe('2026-11-24T03:00:00.000Z');
    const home = await t.client.get('/');
    expect(visibleText(home.html)).toMatch(/協働のまちづくり指針（案） 意見募集中/);
    expect(await auditActions(t)).toContain('consultation.publish');
  });

  it('schedules a consultation whose opening is in the future', async () => {
    const t = await staffApp({ now: '2026-11-24T03:00:00.000Z' });
    const id = await createDraft(t.client);
    await importDraft(t.client, id);
    await t.client.get(`/staff/consultations/${id}/publish`);
    await t.client.post(`/staff/consultations/${id}/publish`);
    const home = await t.client.get('/');
    expect(visibleText(home.html)).toMatch(/募集予定 （1件） .*協働のまちづくり指針（案） 募集予定/);
  });

  it('refuses to edit a section after publishing and records a correction instead, audited', async () => {
    const t = await staffApp();
    const id = await seedConsultation(t.db);
    const [section] = await listDraftSections(t.db, id);
    const sid = section?.id;
    const edit = await t.client.post(`/staff/consultations/${id}/sections/${sid}/edit`, {
      level: '1',
      number: '第1章',
      heading: 'こっそり変更',
      body_md: '変更',
    });
    expect(edit.res.status).toBe(409);
    expect(visibleText(edit.html)).toContain('公表済みの案文は直接編集できません');
    expect((await listDraftSections(t.db, id))[0]?.heading).toBe('指針の目的');

    const noNote = await t.client.post(`/staff/consultations/${id}/sections/${sid}/correct`, {
      heading: '指針の目的',
      body_md: 'この指針は、市民と市の協働を推進するためのものです。',
      note: '',
    });
    expect(noNote.res.status).toBe(422);
    expect(noNote.html).toContain('id="f-note-error"');

    const ok = await t.client.post(`/staff/consultations/${id}/sections/${sid}/correct`, {
      heading: '指針の目的',
      body_md: 'この指針は、市民と市の協働を推進するためのものです。',
      note: '「進める」を「推進する」に訂正しました。',
    });
    expect(ok.res.status).toBe(303);
    const correction = await t.db.selectFrom('corrections').selectAll().executeTakeFirstOrThrow();
    expect(correction.before_body_md).toBe('この指針は、市民と市の協働を進めるためのものです。');
    expect(correction.after_body_md).toBe('この指針は、市民と市の協働を推進するためのものです。');
    expect((await listDraftSections(t.db, id))[0]?.body_md).toContain('推進する');
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'correction.create')
      .executeTakeFirstOrThrow();
    expect(audit.before_json).toContain('進める');
    expect(audit.after_json).toContain('推進する');
    const page = await t.client.get(`/staff/consultations/${id}`);
    expect(visibleText(page.html)).toContain('正誤の記録');
  });

  it('keeps the title and opening after publishing and extends the closing only with a note', async () => {
    const t = await staffApp();
    const id = await seedConsultation(t.db);
    const form = await t.client.get(`/staff/consultations/${id}/edit`);
    expect(visibleText(form.html)).toContain('件名と募集開始日時は変更できません');
    const base = {
      title: '協働のまちづくり指針（案）',
      department_id: '1',
      max_comment_length: '4000',
      closes_at: '2026-12-01T23:59',
    };
    const renamed = await t.client.post(`/staff/consultations/${id}/edit`, { ...base, title: '別の件名' });
    expect(renamed.res.status).toBe(422);
    expect(visibleText(renamed.html)).toContain('公表後は件名を変更できません。');
    const shorter = await t.client.post(`/staff/consultations/${id}/edit`, {
      ...base,
      closes_at: '2026-11-30T23:59',
    });
    expect(shorter.res.status).toBe(422);
    expect(visibleText(shorter.html)).toContain('締切を延長することだけができます');
    const noNote = await t.client.post(`/staff/consultations/${id}/edit`, {
      ...base,
      closes_at: '2026-12-15T23:59',
    });
    expect(noNote.res.status).toBe(422);
    expect(noNote.html).toContain('id="f-change_note-error"');
    const ok = await t.client.post(`/staff/consultations/${id}/edit`, {
      ...base,
      closes_at: '2026-12-15T23:59',
      change_note: '説明会の追加開催に伴い延長',
    });
    expect(ok.res.status).toBe(303);
    const row = await t.db
      .selectFrom('consultations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.closes_at).toBe('2026-12-15T14:59:59.999Z');
    expect(row.opens_at).toBe('2026-11-01T00:00:00.000Z');
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'consultation.update')
      .executeTakeFirstOrThrow();
    expect(audit.after_json).toContain('説明会の追加開催に伴い延長');
    expect(audit.before_json).toContain('2026-12-01T14:59:59.999Z');
  });

  it('refuses to delete a document after publishing', async () => {
    const t = await staffApp();
    const id = await seedConsultation(t.db);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await upload(t.client, id, '位置図', 'map.png', png)).res.status).toBe(303);
    const doc = await t.db.selectFrom('documents').select('id').executeTakeFirstOrThrow();
    const { res, html } = await t.client.post(`/staff/consultations/${id}/documents/${doc.id}/delete`);
    expect(res.status).toBe(409);
    expect(visibleText(html)).toContain('公表後は資料を削除できません');
    expect(await t.db.selectFrom('documents').select('id').execute()).toHaveLength(1);
  });

  it('withdraws a published consultation with a required public reason', async () => {
    const t = await staffApp();
    const id = await seedConsultation(t.db);
    await t.client.get(`/staff/consultations/${id}/withdraw`);
    const empty = await t.client.post(`/staff/consultations/${id}/withdraw`, { reason: ' ' });
    expect(empty.res.status).toBe(422);
    expect(empty.html).toContain('id="f-reason-error"');
    const { res } = await t.client.post(`/staff/consultations/${id}/withdraw`, {
      reason: '国の方針変更により、案を見直すため中止します。',
    });
    expect(res.status).toBe(303);
    const row = await t.db
      .selectFrom('consultations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('withdrawn');
    expect(row.withdrawn_at).toBe('2026-11-24T03:00:00.000Z');
    expect(row.withdrawal_reason).toBe('国の方針変更により、案を見直すため中止します。');
    expect(await auditActions(t)).toContain('consultation.withdraw');
    const again = await t.client.post(`/staff/consultations/${id}/withdraw`, { reason: 'x' });
    expect(again.res.status).toBe(409);
  });

  it('asks before deleting a section or a document, on a confirmation page of its own', async () => {
    const t = await staffApp();
    const id = await createDraft(t.client);
    await importDraft(t.client, id);
    const base = `/staff/consultations/${id}`;
    const [, chapter] = await listDraftSections(t.db, id);
    const page = await t.client.get(base);
    expect(page.html).not.toContain(`action="${base}/sections/${chapter?.id}/delete"`);
    expect(page.html).toContain(`href="${base}/sections/${chapter?.id}/delete"`);

    const ask = await t.client.get(`${base}/sections/${chapter?.id}/delete`);
    expect(ask.res.status).toBe(200);
    expect(visibleText(ask.html)).toContain('節の削除 「第1章 指針の目的」を削除しますか？');
    expect(visibleText(ask.html)).toContain('削除すると元に戻せません。');
    expect(ask.html).toMatch(/<button type="submit" class="button-danger">削除する<\/button>/);
    const unasked = await t.client.post(`${base}/sections/${chapter?.id}/delete`);
    expect(unasked.res.status).toBe(422);
    expect(await listDraftSections(t.db, id)).toHaveLength(5);
    const yes = await t.client.post(`${base}/sections/${chapter?.id}/delete`, { confirm: 'yes' });
    expect(yes.res.status).toBe(303);
    expect(await listDraftSections(t.db, id)).toHaveLength(4);

    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await upload(t.client, id, '位置図', 'map.png', png)).res.status).toBe(303);
    const doc = await t.db.selectFrom('documents').select('id').executeTakeFirstOrThrow();
    const withDoc = await t.client.get(base);
    expect(withDoc.html).not.toContain(`action="${base}/documents/${doc.id}/delete"`);
    expect(withDoc.html).toContain(`href="${base}/documents/${doc.id}/delete"`);
    const askDoc = await t.client.get(`${base}/documents/${doc.id}/delete`);
    expect(visibleText(askDoc.html)).toContain(
      '「位置図」を削除しますか？ ファイル「map.png」も削除されます。',
    );
    expect((await t.client.post(`${base}/documents/${doc.id}/delete`)).res.status).toBe(422);
    expect(await t.db.selectFrom('documents').select('id').execute()).toHaveLength(1);
    const gone = await t.client.post(`${base}/documents/${doc.id}/delete`, { confirm: 'yes' });
    expect(gone.res.status).toBe(303);
    expect(await t.db.selectFrom('documents').select('id').execute()).toHaveLength(0);
  });

  it('answers an htmx form submission with HX-Location instead of a redirect', async () => {
    const t = await staffApp();
    await t.client.get('/staff/consultations/new');
    const { res } = await t.client.post('/staff/consultations', VALID, { headers: { 'hx-request': 'true' } });
    expect(res.status).toBe(204);
    expect(res.headers.get('hx-location')).toMatch(/^\/staff\/consultations\/\d+\?notice=created$/);
  });

  it('shows a known notice after a redirect and nothing for a made-up one', async () => {
    const t = await staffApp();
    const id = await createDraft(t.client);
    const saved = await t.client.get(`/staff/consultations/${id}?notice=saved`);
    expect(visibleText(saved.html)).toContain('保存しました。');
    const odd = await t.client.get(`/staff/consultations/${id}?notice=%E5%81%BD%E3%81%AE%E9%80%9A%E7%9F%A5`);
    expect(odd.res.status).toBe(200);
    expect(visibleText(odd.html)).not.toContain('偽の通知');
  });

  // Sizes where a quadratic split would take minutes: a regression shows as a timeout.
  it('refuses a one-line draft of a million characters with a clear message', async () => {
    const t = await staffApp();
    const id = await createDraft(t.client);
    await t.client.get(`/staff/consultations/${id}/draft`);
    const text = `${' '.repeat(1_000_000)}x`;
    const { res, html } = await t.client.post(`/staff/consultations/${id}/draft/preview`, { text });
    expect(res.status).toBe(422);
    expect(html).toContain('id="f-text-error"');
    expect(visibleText(html)).toContain(
      '「本文」の本文が長すぎます（1,000,001文字、1つの節は200,000文字まで）。見出しを加えて分けてください。',
    );
    const confirm = await t.client.post(`/staff/consultations/${id}/draft/confirm`, { text, mode: 'append' });
    expect(confirm.res.status).toBe(422);
    expect(await listDraftSections(t.db, id)).toHaveLength(0);
  });

  it('splits and saves a 5 MB draft file, and refuses a larger one', async () => {
    const t = await staffApp();
    const id = await createDraft(t.client);
    const chapters = Array.from(
      { length: 1000 },
      (_, i) => `第${i + 1}章 見出し${i + 1}\n${'あ'.repeat(1600)}\n`,
    );
    const bytes = new TextEncoder().encode(chapters.join(''));
    expect(bytes.length).toBeGreaterThan(4_800_000);
    expect(bytes.length).toBeLessThanOrEqual(5 * 1024 * 1024);
    await t.client.get(`/staff/consultations/${id}/draft`);
    const preview = await t.client.request(`/staff/consultations/${id}/draft/preview`, {
      method: 'POST',
      body: multipart(t.client, { text: '', mode: 'append' }, { name: 'plan.md', bytes }),
    });
    expect(preview.status).toBe(200);
    expect(visibleText(await preview.text())).toContain('1000 件の節に分かれました。まだ保存していません。');
    const saved = await t.client.request(`/staff/consultations/${id}/draft/confirm`, {
      method: 'POST',
      body: multipart(t.client, { text: '', mode: 'append' }, { name: 'plan.md', bytes }),
    });
    expect(saved.status).toBe(303);
    const sections = await listDraftSections(t.db, id);
    expect(sections).toHaveLength(1000);
    expect(sections[999]).toMatchObject({ number: '第1000章', heading: '見出し1000' });

    const over = new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61);
    const refused = await t.client.request(`/staff/consultations/${id}/draft/preview`, {
      method: 'POST',
      body: multipart(t.client, { text: '', mode: 'append' }, { name: 'big.txt', bytes: over }),
    });
    expect(refused.status).toBe(422);
    expect(visibleText(await refused.text())).toContain('ファイルが大きすぎます（5.0 MBまで）。');
  });
});

describe('staff use cases decide against what is stored, in their transaction', () => {
  const DRAFT_ROW = { status: 'draft', published_at: null, closes_at: '2027-01-31T14:59:59.999Z' } as const;

  it('refuses to change a section of a draft that was published after the page was read', async () => {
    const t = await staffApp();
    const id = await seedConsultation(t.db, DRAFT_ROW);
    const [section] = await listDraftSections(t.db, id);
    const actor = { id: null, label: 'test' };
    const now = new Date('2026-11-24T03:00:00.000Z');
    expect((await publish(t.db, id, actor, now)).published).toBe(true);
    const fields = { level: 1, number: '第1章', heading: '変更', body_md: '変更' };
    expect(await editSection(t.db, id, section?.id ?? 0, fields, actor, now)).toEqual({
      ok: false,
      problem: 'frozen',
    });
    expect(await removeSection(t.db, id, section?.id ?? 0, actor, now)).toEqual({
      ok: false,
      problem: 'frozen',
    });
    expect((await listDraftSections(t.db, id))[0]?.heading).toBe('指針の目的');
  });

  it('publishes only what the plan allows: a second publish is refused', async () => {
    const t = await staffApp();
    const id = await seedConsultation(t.db, DRAFT_ROW);
    const actor = { id: null, label: 'test' };
    const now = new Date('2026-11-24T03:00:00.000Z');
    expect((await publish(t.db, id, actor, now)).published).toBe(true);
    const again = await publish(t.db, id, actor, now);
    expect(again.published).toBe(false);
    expect(again.published ? [] : again.plan?.problems).toContain('not_draft');
  });
});
