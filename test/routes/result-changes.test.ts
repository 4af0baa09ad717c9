import { describe, expect, it } from 'vitest';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';
import { loginAs } from '../helpers-auth.ts';
import { sectionIdsOf, seedComment } from './review-fixtures.ts';

const DRAFT = '市は、**わかりやすい情報**を公開します。\n\n- 説明会を開きます。\n- 資料を配ります。';
const FINAL =
  '市は、**わかりやすい情報**を公開します。\n\n- 説明会を年2回開きます。\n- 資料を配ります。\n\n動画でも配信します。';

/** A published result whose final text revises a Markdown section and leaves another alone. */
async function published() {
  const t = await makeTestApp();
  const id = await seedConsultation(t.db, {}, [
    { level: 1, number: '第1章', heading: '情報の公開', body_md: DRAFT },
    { level: 1, number: '第2章', heading: '評価', body_md: '毎年度、**評価**します。' },
  ]);
  const [s1] = (await sectionIdsOf(t.db, id)) as number[];
  const a = await seedComment(t.db, id, {
    body: '動画でも見られるようにしてほしい。',
    sectionIds: [s1 as number],
  });
  await loginAs(t, 'staff');
  const base = `/staff/consultations/${id}/review`;
  let r = await t.client.post(`${base}/final/sections/${s1}`, { heading: '情報の公開', body: FINAL });
  expect(r.res.status).toBe(303);
  r = await t.client.post(`${base}/groups`, {
    summary: '動画での配信を求める意見',
    response: 'ご意見を踏まえ、動画でも配信します。',
    outcome: 'revised',
    revision_note: '第1章に動画での配信を加えました。',
    section_ids: [String(s1)],
  });
  expect(r.res.status).toBe(303);
  const g = await t.db.selectFrom('comment_groups').select('id').executeTakeFirstOrThrow();
  r = await t.client.post(`${base}/assign`, { comment_ids: [String(a.id)], group_id: String(g.id) });
  expect(r.res.status).toBe(303);
  t.clock.set('2026-12-05T03:00:00.000Z');
  await loginAs(t, 'staff');
  r = await t.client.post(`${base}/publish`, {});
  expect(r.res.status).toBe(303);
  return { ...t, id };
}

/** The part of the public page from 案からの修正内容 up to the downloads. */
function changesPart(html: string): string {
  const from = html.indexOf('案からの修正内容');
  const to = html.indexOf('データのダウンロード', from);
  return html.slice(from, to);
}

describe('the differences from the draft on the public result', () => {
  it('shows them on the text as people read it, each change in the paragraph it belongs to', async () => {
    const t = await published();
    const { html } = await t.client.get(`/consultations/${t.id}`);
    const part = changesPart(html);
    const text = visibleText(part);
    // No Markdown marks: the reader sees 「わかりやすい情報」, and list items as items.
    expect(text).toContain('市は、わかりやすい情報を公開します。');
    expect(part).not.toContain('**');
    expect(part).not.toMatch(/(^|[>\n])- /);
    // The added sentence is a paragraph of its own, marked where it is.
    const paragraphs = [...part.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => visibleText(m[1] ?? ''));
    const added = paragraphs.find((p) => p.includes('動画でも配信します。'));
    expect(added).toBe('［追加］ 動画でも配信します。');
    const revised = paragraphs.find((p) => p.includes('説明会を'));
    expect(revised).toBe('・説明会を ［追加］ 年2回 開きます。');
    expect(paragraphs).toContain('・資料を配ります。');
  });

  it('offers a 新旧対照表 of the changed sections only: 修正前 beside 修正後', async () => {
    const t = await published();
    const { html } = await t.client.get(`/consultations/${t.id}`);
    const table = html.match(/<table class="comparison-table[\s\S]*?<\/table>/)?.[0] ?? '';
    expect(visibleText(table)).toContain('新旧対照表');
    expect(table).toMatch(/<th scope="col">修正前（案）<\/th>\s*<th scope="col">修正後<\/th>/);
    const rows = [...table.matchAll(/<tr>\s*<td>([\s\S]*?)<\/td>\s*<td>([\s\S]*?)<\/td>\s*<\/tr>/g)];
    expect(rows).toHaveLength(1);
    const [, before, after] = rows[0] as RegExpMatchArray;
    expect(visibleText(before ?? '')).not.toContain('年2回');
    expect(visibleText(before ?? '')).not.toContain('動画');
    expect(visibleText(after ?? '')).toContain('［追加］ 年2回');
    expect(visibleText(after ?? '')).toContain('［追加］ 動画でも配信します。');
    expect(visibleText(table)).not.toContain('評価');
  });
});
