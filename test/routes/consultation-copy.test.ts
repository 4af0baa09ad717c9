/**
 * Starting from a previous consultation (issue #14): its overview, who may comment, the ways to
 * send a comment and the notice on personal data come into a new draft; its period, draft,
 * documents and comments do not.
 */
import { describe, expect, it } from 'vitest';
import { loginAs } from '../helpers-auth.ts';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';
import { seedComment } from './review-fixtures.ts';

async function withEarlier() {
  const t = await makeTestApp({ now: '2026-11-24T03:00:00.000Z' });
  const earlier = await seedConsultation(t.db, {
    title: '公園の利活用に関する方針（案）',
    summary: '公園をもっと使いやすくするための方針です。',
    purpose: '市民が公園を活用できるようにするため。',
    department: '公園緑地課',
    contact: '公園緑地課 電話 086-426-0000',
    legal_basis: '倉敷市パブリックコメント手続要綱',
    eligibility: '市内に住所を有する方、通勤・通学する方',
    submit_postal_address: '〒710-8565 倉敷市西中新田640',
    submit_fax: '086-426-0001',
    submit_email: 'koen@city.example.jp',
    submit_counter: '本庁舎6階 公園緑地課',
    require_name: 1,
    require_address: 0,
    allow_anonymous: 1,
    allow_organisation: 0,
    categories: 'resident worker',
    require_consent: 1,
    consent_notice: '個人情報は、意見の確認にのみ使います。',
    max_comment_length: 2000,
    short_period_reason: '年度内に決定する必要があるため',
  });
  await seedComment(t.db, earlier, { body: '公園にベンチを増やしてほしい。', name: '倉敷花子' });
  // A member of the earlier consultation's department: only they (and admins) may copy it.
  const staff = await loginAs(t, 'staff', undefined, ['公園緑地課']);
  return { ...t, earlier, staff };
}

describe('starting a new consultation from an earlier one', () => {
  it('fills the new form with what an earlier one gives, and the period with the new one’s defaults', async () => {
    const t = await withEarlier();
    const { res, html } = await t.client.get(`/staff/consultations/new?from=${t.earlier}`);
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('「公園の利活用に関する方針（案）」をもとに入力しました');
    expect(html).toContain('value="公園の利活用に関する方針（案）"');
    expect(html).toContain('公園をもっと使いやすくするための方針です。');
    expect(html).toContain('value="koen@city.example.jp"');
    expect(html).toContain('個人情報は、意見の確認にのみ使います。');
    expect(html).toContain(`name="copied_from" value="${t.earlier}"`);
    expect(html).toMatch(/id="f-allow_organisation" name="allow_organisation" value="1"\s*\/?>/);
    expect(html).toContain('id="f-allow_anonymous" name="allow_anonymous" value="1" checked');
    expect(html).toContain('id="f-categories-worker" name="categories" value="worker" checked');
    expect(html).toMatch(/id="f-categories-student" name="categories" value="student"\s*\/?>/);
    expect(html).toContain('value="2000"');
    expect(html).not.toContain('年度内に決定する必要があるため');
    // Not the earlier period: the city's default, from tomorrow.
    expect(html).toMatch(/name="opens_at"[^>]*value="2026-11-25T00:00"/);
  });

  it('creates a draft with the copied fields, no sections, documents or comments, and records where it came from', async () => {
    const t = await withEarlier();
    const page = await t.client.get(`/staff/consultations/new?from=${t.earlier}`);
    // Post the form as the browser would send it, with a new title and period.
    const fields = formFields(page.html);
    const { res } = await t.client.post('/staff/consultations', {
      ...fields,
      title: '公園の利活用に関する方針（第2次案）',
      opens_at: '2026-12-01T00:00',
      closes_at: '2026-12-31T23:59',
    });
    expect(res.status).toBe(303);
    const id = Number(/\/staff\/consultations\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1]);
    const find = (i: number) =>
      t.db.selectFrom('consultations').selectAll().where('id', '=', i).executeTakeFirstOrThrow();
    const before = await find(t.earlier);
    const after = await find(id);
    expect(after).toMatchObject({
      status: 'draft',
      title: '公園の利活用に関する方針（第2次案）',
      summary: before.summary,
      purpose: before.purpose,
      department: '公園緑地課',
      contact: before.contact,
      legal_basis: before.legal_basis,
      eligibility: before.eligibility,
      submit_postal_address: before.submit_postal_address,
      submit_fax: '086-426-0001',
      submit_email: 'koen@city.example.jp',
      submit_counter: before.submit_counter,
      require_name: 1,
      require_address: 0,
      allow_individual: 1,
      allow_organisation: 0,
      allow_anonymous: 1,
      categories: 'resident worker',
      require_consent: 1,
      consent_notice: '個人情報は、意見の確認にのみ使います。',
      max_comment_length: 2000,
      short_period_reason: '',
      published_at: null,
    });
    const count = async (table: 'sections' | 'documents' | 'comments') =>
      (await t.db.selectFrom(table).select('id').where('consultation_id', '=', id).execute()).length;
    expect([await count('sections'), await count('documents'), await count('comments')]).toEqual([0, 0, 0]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'consultation.create')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}').copied_from).toBe(t.earlier);
  });

  it('is offered on every consultation’s staff page and as a choice on the new form', async () => {
    const t = await withEarlier();
    const staffPage = await t.client.get(`/staff/consultations/${t.earlier}`);
    expect(staffPage.html).toContain(`href="/staff/consultations/new?from=${t.earlier}"`);
    const fresh = await t.client.get('/staff/consultations/new');
    expect(fresh.html).toContain('<form method="get" action="/staff/consultations/new" class="copy-from">');
    expect(fresh.html).toContain(`<option value="${t.earlier}">公園の利活用に関する方針（案）</option>`);
    expect(visibleText(fresh.html)).not.toContain('をもとに入力しました');
  });

  it('neither offers nor copies another department’s consultation', async () => {
    const t = await makeTestApp({ now: '2026-11-24T03:00:00.000Z' });
    const other = await seedConsultation(t.db, { title: '他の課の案', department: '環境政策課' });
    await loginAs(t, 'staff');
    const { res } = await t.client.get(`/staff/consultations/new?from=${other}`);
    expect(res.status).toBe(404);
    const fresh = await t.client.get('/staff/consultations/new');
    expect(fresh.html).not.toContain('他の課の案');
  });

  it('answers 404 for a consultation that does not exist', async () => {
    const t = await withEarlier();
    for (const from of ['999', 'abc']) {
      const { res } = await t.client.get(`/staff/consultations/new?from=${from}`);
      expect(res.status, from).toBe(404);
    }
  });
});

/** The values a browser would send for the page's main form (inputs, checked boxes, textareas). */
function formFields(html: string): Record<string, string | string[]> {
  const form = /<form method="post" action="\/staff\/consultations"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  const out: Record<string, string | string[]> = {};
  const add = (name: string, value: string) => {
    const v = value
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    const prev = out[name];
    out[name] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  };
  for (const m of form.matchAll(/<input ([^>]*)>/g)) {
    const attrs = m[1] ?? '';
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    const value = /value="([^"]*)"/.exec(attrs)?.[1] ?? '';
    const type = /type="([^"]+)"/.exec(attrs)?.[1] ?? 'text';
    if (!name || name === '_csrf') continue;
    if ((type === 'checkbox' || type === 'radio') && !/\bchecked\b/.test(attrs)) continue;
    add(name, value);
  }
  for (const m of form.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const chosen = /<option[^>]*value="([^"]*)"[^>]*selected/.exec(m[2] ?? '')?.[1];
    if (chosen !== undefined) add(m[1] ?? '', chosen);
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g))
    add(m[1] ?? '', m[2] ?? '');
  return out;
}
