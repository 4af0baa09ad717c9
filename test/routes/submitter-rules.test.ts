/**
 * What the comment form still lacked (issue #14): 郵便番号 with the address, an explicit consent
 * to the use of personal data where the consultation asks for it, and the kinds of submitter and
 * 区分 that the city's 要綱 accepts, set per consultation by staff.
 */
import { describe, expect, it } from 'vitest';
import { loginAs } from '../helpers-auth.ts';
import { ensureDepartment, makeTestApp, seedConsultation, visibleText } from '../helpers.ts';

const person = {
  submitter_kind: 'individual',
  name: '倉敷 花子',
  postal_code: '710-8565',
  address: '倉敷市西中新田640',
  category: 'resident',
  body: '市民の声を聴く仕組みを充実させてください。',
};

async function setup(overrides = {}) {
  const t = await makeTestApp({ now: '2026-11-24T03:00:00.000Z' });
  const id = await seedConsultation(t.db, overrides);
  return { ...t, id, base: `/consultations/${id}/comment` };
}

type T = Awaited<ReturnType<typeof setup>>;

/** Confirms and sends a comment as the form does, the confirmation's hidden fields carried on. */
async function send(t: T, fields: Record<string, string>) {
  const confirm = await t.client.post(`${t.base}/confirm`, fields);
  expect(confirm.res.status, visibleText(confirm.html).slice(0, 400)).toBe(200);
  const hidden = Object.fromEntries(
    [...confirm.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)]
      .filter((m) => m[1] !== '_csrf')
      .map((m) => [m[1] ?? '', (m[2] ?? '').replace(/&amp;/g, '&')]),
  );
  const submit = await t.client.post(`${t.base}/submit`, hidden);
  expect(submit.res.status).toBe(303);
  const stored = await t.db
    .selectFrom('comments')
    .selectAll()
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return { confirm, stored };
}

describe('郵便番号 with the address', () => {
  it('is required with the address, checked and stored as 710-8565, and shown to staff only', async () => {
    const t = await setup({ require_address: 1 });
    const form = await t.client.get(t.base);
    expect(form.html).toContain('autocomplete="postal-code"');
    expect(visibleText(form.html)).toContain('郵便番号 必須');

    const missing = await t.client.post(`${t.base}/confirm`, { ...person, postal_code: '' });
    expect(missing.res.status).toBe(422);
    expect(visibleText(missing.html)).toContain('郵便番号を入力してください。');
    expect(missing.html).toContain('id="f-postal_code-error"');
    const wrong = await t.client.post(`${t.base}/confirm`, { ...person, postal_code: '71-85' });
    expect(wrong.res.status).toBe(422);
    expect(visibleText(wrong.html)).toContain('郵便番号は7桁の数字で入力してください（例：710-8565）。');

    const { confirm, stored } = await send(t, { ...person, postal_code: '〒７１０８５６５' });
    expect(visibleText(confirm.html)).toContain('郵便番号 710-8565');
    expect(stored.postal_code).toBe('710-8565');

    const receipt = await t.client.get(`/receipts/${stored.receipt_code}`);
    expect(visibleText(receipt.html)).not.toContain('710-8565');
    await loginAs(t, 'staff');
    const staffPage = await t.client.get(`/staff/consultations/${t.id}/comments/${stored.id}`);
    expect(visibleText(staffPage.html)).toContain('郵便番号 710-8565');
  });

  it('is optional when the consultation does not require the address, and not asked of anonymous submitters', async () => {
    const t = await setup({ require_address: 0, allow_anonymous: 1 });
    expect(visibleText((await t.client.get(t.base)).html)).toContain('郵便番号 任意');
    const { stored } = await send(t, { ...person, postal_code: '', address: '' });
    expect(stored.postal_code).toBe('');
    const anonymous = await send(t, {
      submitter_kind: 'anonymous',
      body: '匿名の意見です。',
      postal_code: '710-8565',
    });
    expect(anonymous.stored.postal_code).toBe('');
  });
});

describe('consent to the use of personal data', () => {
  it('asks for a tick where the consultation requires it, with its own notice, and records it', async () => {
    const t = await setup({
      require_consent: 1,
      consent_notice: '個人情報は、倉敷市個人情報保護方針に従い、意見の確認にのみ使います。',
    });
    const form = await t.client.get(t.base);
    const text = visibleText(form.html);
    expect(text).toContain(
      '個人情報の取扱い 個人情報は、倉敷市個人情報保護方針に従い、意見の確認にのみ使います。',
    );
    expect(text).toContain('上記の個人情報の取扱いに同意します 必須');
    expect(form.html).toMatch(/<input type="checkbox" id="f-consent" name="consent" value="1" required/);

    const refused = await t.client.post(`${t.base}/confirm`, person);
    expect(refused.res.status).toBe(422);
    expect(visibleText(refused.html)).toContain(
      '個人情報の取扱いをお読みいただき、同意いただける場合はチェックを入れてください。',
    );
    expect(refused.html).toContain('aria-invalid="true" aria-describedby="consent-notice f-consent-error"');

    const { confirm, stored } = await send(t, { ...person, consent: '1' });
    expect(visibleText(confirm.html)).toContain('個人情報の取扱いへの同意：同意する');
    expect(stored.consented).toBe(1);
  });

  it('shows the standard notice when the consultation has none of its own, in English too', async () => {
    const t = await setup({ require_consent: 1 });
    const { html } = await t.client.get(`${t.base}?lang=en`);
    expect(visibleText(html)).toContain(
      'How your personal data is used The name, address, postal code and contact details you give are used only to contact you',
    );
    expect(visibleText(html)).toContain('I agree to this use of my personal data Required');
  });

  it('asks nothing where the consultation does not require it', async () => {
    const t = await setup();
    const { html } = await t.client.get(t.base);
    expect(html).not.toContain('name="consent"');
    const { stored } = await send(t, person);
    expect(stored.consented).toBe(0);
  });
});

describe('kinds of submitter and 区分 from the 要綱', () => {
  it('offers only the kinds the consultation accepts, and refuses another', async () => {
    const t = await setup({ allow_individual: 0, allow_organisation: 1, allow_anonymous: 0 });
    const { html } = await t.client.get(t.base);
    expect(html).toContain('id="kind-organisation" name="submitter_kind" value="organisation" checked');
    expect(html).not.toContain('id="kind-individual"');
    expect(html).not.toContain('id="kind-anonymous"');
    expect(html).not.toContain('id="f-name"');
    const refused = await t.client.post(`${t.base}/confirm`, person);
    expect(refused.res.status).toBe(422);
    expect(visibleText(refused.html)).toContain(
      'この案件では、この種類の提出者からの意見は受け付けていません。提出者の種類を一覧から選んでください。',
    );
    const { stored } = await send(t, {
      submitter_kind: 'organisation',
      organisation_name: 'NPO法人くらしき',
      representative: '代表 太郎',
      postal_code: '710-0055',
      address: '倉敷市阿知',
      category: 'business',
      body: '団体として意見します。',
    });
    expect(stored).toMatchObject({ submitter_kind: 'organisation', postal_code: '710-0055' });
  });

  it('takes comments from anonymous submitters only, when that is all it accepts', async () => {
    const t = await setup({ allow_individual: 0, allow_organisation: 0, allow_anonymous: 1 });
    const { html } = await t.client.get(t.base);
    expect(html).toContain('id="kind-anonymous" name="submitter_kind" value="anonymous" checked');
    expect(html).not.toContain('id="f-address"');
    // Without a kind sent, the one kind offered is taken.
    const { stored } = await send(t, { body: '匿名での意見です。', category: 'resident' });
    expect(stored.submitter_kind).toBe('anonymous');
  });

  it('offers only the 区分 of the consultation, and none when it asks for none', async () => {
    const t = await setup({ categories: 'resident business' });
    const { html } = await t.client.get(t.base);
    const options = [...html.matchAll(/<option value="([a-z_]+)"/g)].map((m) => m[1]);
    expect(options).toEqual(['resident', 'business']);
    const refused = await t.client.post(`${t.base}/confirm`, { ...person, category: 'student' });
    expect(refused.res.status).toBe(422);
    expect(visibleText(refused.html)).toContain('区分は一覧から選んでください。');

    const none = await setup({ categories: '', require_category: 1 });
    const page = await none.client.get(none.base);
    expect(page.html).not.toContain('name="category"');
    const { confirm, stored } = await send(none, { ...person, category: '' });
    expect(visibleText(confirm.html)).not.toContain('区分');
    expect(stored.category).toBeNull();
  });
});

describe('staff set the 要綱’s rules per consultation', () => {
  let VALID: Record<string, string> = {};

  async function staff() {
    const t = await makeTestApp({ now: '2026-11-24T03:00:00.000Z' });
    await loginAs(t, 'staff', undefined, ['子育て支援課']);
    VALID = { ...FORM, department_id: String(await ensureDepartment(t.db, '子育て支援課')) };
    await t.client.get('/staff/consultations/new');
    return t;
  }
  const FORM = {
    title: '子育て支援拠点の配置方針（案）',
    max_comment_length: '4000',
    opens_at: '2026-12-01T00:00',
    closes_at: '2026-12-31T23:59',
  };

  it('stores the kinds, the 区分 and the consent the form sets, and shows them when editing', async () => {
    const t = await staff();
    const form = await t.client.get('/staff/consultations/new');
    expect(visibleText(form.html)).toContain('意見を受け付ける提出者（要綱による）');
    expect(form.html).toContain('id="f-categories-resident" name="categories" value="resident" checked');
    const { res } = await t.client.post('/staff/consultations', {
      ...VALID,
      submitter_rules: '1',
      allow_organisation: '1',
      categories: ['resident', 'taxpayer'],
      require_consent: '1',
      consent_notice: '意見の確認にのみ使います。',
    });
    expect(res.status).toBe(303);
    const c = await t.db.selectFrom('consultations').selectAll().executeTakeFirstOrThrow();
    expect(c).toMatchObject({
      allow_individual: 0,
      allow_organisation: 1,
      allow_anonymous: 0,
      categories: 'resident taxpayer',
      require_consent: 1,
      consent_notice: '意見の確認にのみ使います。',
    });
    const edit = await t.client.get(`/staff/consultations/${c.id}/edit`);
    expect(edit.html).toContain('id="f-categories-taxpayer" name="categories" value="taxpayer" checked');
    expect(edit.html).toMatch(/id="f-categories-student" name="categories" value="student"\s*\/?>/);
    expect(edit.html).toMatch(/id="f-allow_individual" name="allow_individual" value="1"\s*\/?>/);
  });

  it('refuses a consultation that accepts nobody, or requires a 区分 it does not offer', async () => {
    const t = await staff();
    const { res, html } = await t.client.post('/staff/consultations', {
      ...VALID,
      submitter_rules: '1',
      require_category: '1',
    });
    expect(res.status).toBe(422);
    const text = visibleText(html);
    expect(text).toContain('受け付ける提出者の種類を1つ以上選んでください。');
    expect(text).toContain('区分を必須にする場合は、選択肢を1つ以上選んでください。');
    expect(html).toContain('id="f-allow_individual-error"');
    expect(await t.db.selectFrom('consultations').select('id').execute()).toHaveLength(0);
  });

  it('keeps the defaults for a post that never showed these fields', async () => {
    const t = await staff();
    const { res } = await t.client.post('/staff/consultations', VALID);
    expect(res.status).toBe(303);
    const c = await t.db.selectFrom('consultations').selectAll().executeTakeFirstOrThrow();
    expect(c).toMatchObject({
      allow_individual: 1,
      allow_organisation: 1,
      categories: 'resident worker student business taxpayer stakeholder other',
    });
  });
});
