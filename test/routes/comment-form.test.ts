/**
 * How the comment form presents itself: sections grouped by chapter with their full labels
 * (#9.8), and required markers that follow who is commenting (#9.9).
 */
import { describe, expect, it } from 'vitest';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';

const person = {
  submitter_kind: 'individual',
  name: '倉敷 花子',
  postal_code: '710-8565',
  address: '倉敷市中央1丁目',
  category: 'resident',
};

// Two chapters, each with subsections numbered from 1: only the full label tells them apart.
const sections = [
  { level: 1, number: '第1章', heading: '総則', body_md: '総則の本文' },
  { level: 2, number: '1', heading: '目的', body_md: '目的の本文' },
  { level: 2, number: '2', heading: '定義', body_md: '定義の本文' },
  { level: 1, number: '第2章', heading: '協働の進め方', body_md: '進め方の本文' },
  { level: 2, number: '1', heading: '情報の共有', body_md: '共有の本文' },
];

async function setup(overrides = {}) {
  const t = await makeTestApp({ now: '2026-11-24T03:00:00.000Z' });
  const id = await seedConsultation(t.db, overrides, sections);
  const ids = (await t.db.selectFrom('sections').select('id').orderBy('position').execute()).map((r) => r.id);
  return { ...t, id, ids, base: `/consultations/${id}/comment` };
}

describe('choosing sections (#9.8)', () => {
  it('groups the checkboxes by chapter, each labelled with its full label', async () => {
    const t = await setup();
    const { html } = await t.client.get(t.base);
    const [ch1, s11, s12, ch2, s21] = t.ids;
    const label = (id: number | undefined) =>
      html.match(new RegExp(`<label for="sec-${id}">([^<]*)</label>`))?.[1];
    expect(label(ch1)).toBe('第1章 総則');
    expect(label(s11)).toBe('第1章 1 目的');
    expect(label(s21)).toBe('第2章 1 情報の共有');
    // A chapter's subsections sit in a list inside the chapter's own item.
    const between = (a: number | undefined, b: number | undefined) =>
      html.slice(html.indexOf(`id="sec-${a}"`), html.indexOf(`id="sec-${b}"`));
    expect(between(ch1, s11)).toMatch(/<ul class="section-children"/);
    expect(between(ch1, s12)).not.toContain('</li></ul></li>');
    expect(between(s12, ch2)).toContain('</ul></li>');
  });

  it('names the chosen sections in full on the confirmation, the receipt and the receipt page', async () => {
    const t = await setup();
    const [, s11, , , s21] = t.ids;
    const fields = { ...person, body: '二つの章の1について', sections: [String(s11), String(s21)] };
    const confirm = await t.client.post(`${t.base}/confirm`, fields);
    expect(visibleText(confirm.html)).toContain('第1章 1 目的 第2章 1 情報の共有');
    const key = confirm.html.match(/name="submission_key" value="([^"]+)"/)?.[1] ?? '';
    const sent = await t.client.post(`${t.base}/submit`, { ...fields, submission_key: key });
    const done = await t.client.get(sent.res.headers.get('location')!);
    expect(visibleText(done.html)).toContain('該当箇所 第1章 1 目的、第2章 1 情報の共有');
    const code = sent.res.headers.get('location')!.split('/').pop();
    const receipt = await t.client.get(`/receipts/${code}`);
    expect(visibleText(receipt.html)).toContain('該当箇所 第1章 1 目的、第2章 1 情報の共有');
  });
});

describe('required markers (#9.9)', () => {
  /** The text of a field's label, e.g. 「氏名 個人は必須」. */
  const labelText = (html: string, name: string) =>
    visibleText(html.match(new RegExp(`<label for="f-${name}">([\\s\\S]*?)</label>`))?.[1] ?? '');

  it('says which kind of submitter each field is required for, without JavaScript', async () => {
    const t = await setup({ require_name: 1, require_address: 1, require_category: 1, allow_anonymous: 0 });
    const { html } = await t.client.get(t.base);
    expect(labelText(html, 'name')).toBe('氏名 個人は必須');
    expect(labelText(html, 'organisation_name')).toBe('団体・事業者の名称 団体・事業者は必須');
    expect(labelText(html, 'representative')).toBe('代表者の氏名 団体・事業者は必須');
    expect(labelText(html, 'address')).toBe('住所 必須');
    expect(labelText(html, 'category')).toBe('区分 必須');
    expect(labelText(html, 'email')).toBe('メールアドレス 任意');
  });

  it('says "unless anonymous" where an anonymous comment needs nothing, and 任意 where nobody must', async () => {
    const t = await setup({ require_name: 0, require_address: 1, require_category: 1, allow_anonymous: 1 });
    const { html } = await t.client.get(`${t.base}?lang=en`);
    expect(labelText(html, 'name')).toBe('Name Optional');
    expect(labelText(html, 'organisation_name')).toBe('Organisation name Required for organisations');
    expect(labelText(html, 'representative')).toBe('Representative Optional');
    expect(labelText(html, 'address')).toBe('Address Required unless anonymous');
    expect(labelText(html, 'category')).toBe('Relation to the city Required unless anonymous');
  });

  it('marks each field with the kinds it is for and is required for, so the page can follow the choice', async () => {
    const t = await setup({ require_name: 1, require_address: 1, allow_anonymous: 1 });
    const { html } = await t.client.get(t.base);
    const wrapper = (name: string) =>
      html.match(
        new RegExp(
          `<div class="kind-field" data-kinds="([^"]*)">\\s*<div class="field">\\s*<label for="f-${name}">`,
        ),
      )?.[1];
    expect(wrapper('name')).toBe('individual');
    expect(wrapper('organisation_name')).toBe('organisation');
    expect(wrapper('address')).toBe('individual organisation');
    expect(wrapper('email')).toBe('individual organisation');
    expect(html).toMatch(
      /<label for="f-name">氏名<span class="req" data-required-for="individual" data-required="必須" data-optional="任意">個人は必須<\/span>/,
    );
  });
});
