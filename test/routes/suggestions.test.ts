/**
 * Adopting the analysis's suggested groups one at a time (issue #10): each suggestion lists its
 * comments and the 該当箇所 most of them named; staff rename, merge, drop or adopt it with plain
 * forms, and an adopted group carries that section.
 */
import { describe, expect, it } from 'vitest';
import { loginAs } from '../helpers-auth.ts';
import { addAnonymousComment, makeTestApp, sectionIdsOf, seedConsultation, visibleText } from '../helpers.ts';

type App = Awaited<ReturnType<typeof makeTestApp>>;

const LIBRARY = [
  '図書館の開館時間を平日も夜まで延ばしてほしい。仕事帰りに本を借りたい。',
  '図書館の開館時間を休日は朝早くからにしてほしい。',
  '図書館の開館時間が短く、仕事のある人は使えません。',
  '図書館の蔵書をもっと増やしてほしい。特に子ども向けの本が少ない。',
];
const BUS = [
  'バスの本数が少なく、通院に不便です。路線バスを増便してください。',
  'バスの本数を朝と夕方だけでも増やしてほしい。',
  'コミュニティバスの路線を郊外の団地まで延ばしてほしい。',
  'バスの路線図が見づらい。大きな文字で案内してください。',
];

async function setup() {
  const t = await makeTestApp({ now: '2026-11-24T03:00:00.000Z' });
  const id = await seedConsultation(t.db);
  const [s1, , s3] = await sectionIdsOf(t.db, id);
  // Library comments name 第1章; most bus comments name 第1章 2, one names nothing.
  for (const body of LIBRARY) await add(t, id, body, [s1 as number]);
  for (const [i, body] of BUS.entries()) await add(t, id, body, i === 3 ? [] : [s3 as number]);
  await loginAs(t, 'staff');
  return { t, id, base: `/staff/consultations/${id}/review/suggestions`, s1: s1 as number, s3: s3 as number };
}

const add = (t: App, consultationId: number, body: string, sectionIds: number[]) =>
  addAnonymousComment(t.db, consultationId, body, { sectionIds });

/** The suggestion cards of a page: id, heading, and the visible text of each. */
function cards(html: string) {
  return [
    ...html.matchAll(
      /<li class="card suggestion" id="s-([^"]+)">([\s\S]*?)<\/li>\s*(?=<li class="card suggestion"|<\/ol>)/g,
    ),
  ].map((m) => ({ id: m[1] ?? '', text: visibleText(m[2] ?? '') }));
}

const versionOf = (html: string) => html.match(/name="version" value="(\d+)"/)?.[1] ?? '';

describe('suggested groups', () => {
  it('are listed with their comments, key terms, count and section, and adopted one at a time', async () => {
    const { t, id, base, s1 } = await setup();
    const { res, html } = await t.client.get(base);
    expect(res.status).toBe(200);
    const list = cards(html);
    expect(list.length).toBeGreaterThanOrEqual(2);
    const library = list.find((c) => c.text.includes('図書館の開館時間を平日も夜まで'));
    expect(library).toBeDefined();
    expect(library?.text).toMatch(/\d+件 ・ 該当箇所：第1章 指針の目的/);
    expect(library?.text).toContain('主な語：');
    // Its section is chosen in the form, ready to adopt.
    const sid = library?.id ?? '';
    const card = html.slice(html.indexOf(`id="s-${sid}"`));
    expect(card).toMatch(new RegExp(`<option value="${s1}" selected`));

    const adopted = await t.client.post(`${base}/${sid}/adopt`, {
      version: versionOf(html),
      summary: '図書館の開館時間の延長を求める意見',
      section_id: String(s1),
    });
    expect(adopted.res.status).toBe(303);
    const location = adopted.res.headers.get('location') ?? '';
    expect(location).toMatch(/suggestions\?adopted=\d+$/);
    const groups = await t.db
      .selectFrom('comment_groups')
      .selectAll()
      .where('consultation_id', '=', id)
      .execute();
    expect(groups.map((g) => g.summary)).toEqual(['図書館の開館時間の延長を求める意見']);
    const group = groups[0];
    const sections = await t.db
      .selectFrom('group_sections')
      .selectAll()
      .where('group_id', '=', group?.id ?? 0)
      .execute();
    expect(sections.map((s) => s.section_id)).toEqual([s1]);
    const members = await t.db
      .selectFrom('comments')
      .select('body')
      .where('group_id', '=', group?.id ?? 0)
      .execute();
    expect(members.length).toBeGreaterThan(0);
    for (const m of members) expect(m.body).toContain('図書館');
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'group.adopt_suggestion')
      .execute();
    expect(audit).toHaveLength(1);

    // The others stay, and the page says what was made.
    const after = await t.client.get(location);
    expect(visibleText(after.html)).toContain('グループ「図書館の開館時間の延長を求める意見」を作成しました');
    const left = cards(after.html);
    expect(left.map((c) => c.id)).not.toContain(sid);
    expect(left.some((c) => c.text.includes('バス'))).toBe(true);
  });

  it('can be renamed, dropped and restored, and merged into one', async () => {
    const { t, base } = await setup();
    const page = await t.client.get(base);
    const version = versionOf(page.html);
    const [a, b] = cards(page.html);
    expect(a && b).toBeTruthy();
    const first = a?.id ?? '';
    const second = b?.id ?? '';

    const renamed = await t.client.post(`${base}/${first}/rename`, { version, summary: '職員が付けた名前' });
    expect(renamed.res.status).toBe(303);
    expect(cards((await t.client.get(base)).html).find((c) => c.id === first)?.text).toContain(
      '職員が付けた名前',
    );

    await t.client.post(`${base}/${second}/drop`, { version });
    let html = (await t.client.get(base)).html;
    expect(cards(html).map((c) => c.id)).not.toContain(second);
    expect(visibleText(html)).toContain('外した提案（1件）');
    await t.client.post(`${base}/${second}/restore`, { version });
    html = (await t.client.get(base)).html;
    expect(cards(html).map((c) => c.id)).toContain(second);

    const before = cards(html);
    const merged = await t.client.post(`${base}/merge`, { version, ids: [first, second] });
    expect(merged.res.status).toBe(303);
    html = (await t.client.get(base)).html;
    const one = cards(html).find((c) => c.id === first);
    expect(cards(html)).toHaveLength(before.length - 1);
    expect(one?.text).toContain('まとめた提案：');
    const count = (text: string | undefined) => Number(text?.match(/(\d+)件 ・ 該当箇所/)?.[1] ?? 0);
    expect(count(one?.text)).toBe(count(before[0]?.text) + count(before[1]?.text));
    // Separated again.
    await t.client.post(`${base}/${second}/restore`, { version });
    expect(cards((await t.client.get(base)).html)).toHaveLength(before.length);
  });

  it('refuse a form from an older analysis, an empty summary, a published result and a council member', async () => {
    const { t, id, base } = await setup();
    const page = await t.client.get(base);
    const [a] = cards(page.html);
    const sid = a?.id ?? '';
    const empty = await t.client.post(`${base}/${sid}/adopt`, {
      version: versionOf(page.html),
      summary: '  ',
    });
    expect(empty.res.status).toBe(422);
    expect(visibleText(empty.html)).toContain('意見の概要を入力してください。');
    expect(empty.html).toMatch(/aria-invalid="true"/);

    // A new comment makes a new analysis: the page's forms are for the old one.
    await add(t, id, '公民館の予約をインターネットでできるようにしてほしい。', []);
    const stale = await t.client.post(`${base}/${sid}/adopt`, {
      version: versionOf(page.html),
      summary: '名前',
    });
    expect(stale.res.status).toBe(409);
    expect(visibleText(stale.html)).toContain('このページを表示した後に意見の状況が変わりました');
    expect(await t.db.selectFrom('comment_groups').selectAll().execute()).toHaveLength(0);

    await t.db
      .updateTable('consultations')
      .set({ result_published_at: '2026-11-23T00:00:00.000Z' })
      .where('id', '=', id)
      .execute();
    const refused = await t.client.post(`${base}/${sid}/adopt`, {
      version: versionOf(stale.html),
      summary: '名前',
    });
    expect(refused.res.status).toBe(409);
    expect(visibleText(refused.html)).toContain('結果を公表済みのため');
    expect(await t.db.selectFrom('comment_groups').selectAll().execute()).toHaveLength(0);

    await loginAs(t, 'council');
    expect((await t.client.request(base)).status).toBe(403);
  });

  it('answer htmx with HX-Location, and show one suggestion with every comment on its own page', async () => {
    const { t, base } = await setup();
    const page = await t.client.get(base);
    const [a] = cards(page.html);
    const sid = a?.id ?? '';
    const single = await t.client.get(`${base}/${sid}`);
    expect(single.res.status).toBe(200);
    expect(cards(single.html).map((c) => c.id)).toEqual([sid]);
    expect((await t.client.get(`${base}/t99.g99`)).res.status).toBe(404);
    const htmx = await t.client.post(
      `${base}/${sid}/drop`,
      { version: versionOf(page.html) },
      { headers: { 'hx-request': 'true', 'hx-request-type': 'partial' } },
    );
    expect(htmx.res.status).toBe(204);
    expect(htmx.res.headers.get('hx-location')).toBe(`${base}#dropped`);
  });
});
