import { type KyselyPlugin, type QueryId, TableNode } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';
import { loginAs } from '../helpers-auth.ts';
import { sectionIdsOf, seedComment } from './review-fixtures.ts';

const AFTER_CLOSE = '2026-12-05T03:00:00.000Z';

async function setup() {
  const t = await makeTestApp();
  const id = await seedConsultation(t.db);
  const [s1, s2, s3] = await sectionIdsOf(t.db, id);
  const c1 = await seedComment(t.db, id, {
    body: '公園をもっと増やしてほしい。',
    sectionIds: [s2 as number],
    name: '甲',
  });
  const c2 = await seedComment(t.db, id, {
    body: '公園を もっと 増やしてほしい！',
    sectionIds: [s2 as number],
    name: '乙',
  });
  const c3 = await seedComment(t.db, id, {
    body: '情報公開の手段を増やしてください。',
    sectionIds: [s3 as number],
  });
  const c4 = await seedComment(t.db, id, { body: '駅前の放置自転車を何とかしてほしい。', channel: 'post' });
  const c5 = await seedComment(t.db, id, {
    body: '指針の目的をもっと具体的に。',
    sectionIds: [s1 as number],
  });
  return { ...t, id, comments: [c1, c2, c3, c4, c5], sections: [s1, s2, s3] as number[] };
}

/** The hidden fields of the first form posting to `…/review/<action>` on a page. */
function hiddenFields(html: string, action: string): Record<string, string> {
  const form =
    html.match(new RegExp(`<form[^>]*action="[^"]*/review/${action}"[\\s\\S]*?</form>`))?.[0] ?? '';
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    if (m[1] !== '_csrf') out[m[1] as string] = m[2] as string;
  }
  return out;
}

async function groupIds(t: Awaited<ReturnType<typeof setup>>) {
  const rows = await t.db
    .selectFrom('comment_groups')
    .select('id')
    .where('consultation_id', '=', t.id)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.id);
}

describe('the review workspace', () => {
  it('refuses anyone who is not signed in as staff', async () => {
    const t = await setup();
    const anon = await t.client.get(`/staff/consultations/${t.id}/review`);
    expect(anon.res.status).toBe(303);
    expect(anon.res.headers.get('location')).toContain('/login');
    await loginAs(t, 'council');
    const council = await t.client.get(`/staff/consultations/${t.id}/review`);
    expect(council.res.status).toBe(403);
  });

  it('takes comments from received to a published result, refusing while one is left out', async () => {
    const t = await setup();
    await loginAs(t, 'staff');
    const base = `/staff/consultations/${t.id}/review`;
    const [, , c3, c4, c5] = t.comments.map((c) => c.id) as number[];

    let page = await t.client.get(base);
    expect(page.res.status).toBe(200);
    let text = visibleText(page.html);
    expect(text).toContain('0 / 5 件 処理済み');
    expect(page.html).toMatch(/<progress[^>]*max="5"[^>]*value="0"/);
    expect(text).toContain('この2件を1つのグループにする');

    // Identical texts (after normalisation) become one group with one click.
    const suggestion = hiddenFields(page.html, 'identical');
    let r = await t.client.post(`${base}/identical`, suggestion);
    expect(r.res.status).toBe(303);
    page = await t.client.get(r.res.headers.get('location') ?? base);
    text = visibleText(page.html);
    expect(text).toContain('2 / 5 件 処理済み');
    expect(text).toContain('同一内容の意見を1つのグループにまとめました。');
    expect(text).not.toContain('この2件を1つのグループにする');

    // A group without a summary is refused, the input is kept, and nothing is stored.
    r = await t.client.post(`${base}/groups`, { summary: '', response: '下書きの考え方' });
    expect(r.res.status).toBe(422);
    expect(visibleText(r.html)).toContain('意見の概要を入力してください。');
    expect(r.html).toContain('下書きの考え方');
    expect(await groupIds(t)).toHaveLength(1);

    r = await t.client.post(`${base}/groups`, {
      summary: '情報公開・指針の目的について',
      section_ids: [String(t.sections[0]), String(t.sections[2])],
    });
    expect(r.res.status).toBe(303);
    const [g1, g2] = (await groupIds(t)) as number[];

    // Assigning needs a target group.
    r = await t.client.post(`${base}/assign`, { comment_ids: [String(c3)] });
    expect(r.res.status).toBe(422);
    expect(visibleText(r.html)).toContain('移動先のグループを選んでください。');

    r = await t.client.post(`${base}/assign`, { comment_ids: [String(c3)], group_id: String(g2) });
    expect(r.res.status).toBe(303);

    // Excluding needs a reason.
    r = await t.client.post(`${base}/comments/${c4}/exclude`, { reason: '' });
    expect(r.res.status).toBe(422);
    r = await t.client.post(`${base}/comments/${c4}/exclude`, { reason: '案と関係のない意見' });
    expect(r.res.status).toBe(303);

    page = await t.client.get(`${base}?ungrouped=1`);
    text = visibleText(page.html);
    expect(text).toContain('4 / 5 件 処理済み');
    expect(text).toContain('指針の目的をもっと具体的に。');
    expect(text).not.toContain('情報公開の手段を増やしてください。');

    // Not before the period closes.
    r = await t.client.post(`${base}/publish`, {});
    expect(r.res.status).toBe(422);
    expect(visibleText(r.html)).toContain('意見募集期間が終わっていない');

    t.clock.set(AFTER_CLOSE);
    await loginAs(t, 'staff'); // the session has expired meanwhile
    r = await t.client.post(`${base}/publish`, {});
    expect(r.res.status).toBe(422);
    text = visibleText(r.html);
    expect(text).toContain('未処理の意見が1件あります');
    expect(r.html).toContain(`href="${base}?ungrouped=1#comments"`);
    expect(text).toContain('グループ No.1 に未入力の項目があります：市の考え方、修正の有無');

    r = await t.client.post(`${base}/comments/${c5}/group`, { group_id: String(g2) });
    expect(r.res.status).toBe(303);
    for (const [g, outcome] of [
      [g1, 'future_reference'],
      [g2, 'revised'],
    ] as const) {
      const current = await t.db
        .selectFrom('comment_groups')
        .selectAll()
        .where('id', '=', g as number)
        .executeTakeFirstOrThrow();
      r = await t.client.post(`${base}/groups/${g}`, {
        summary: current.summary,
        response: '市の考え方です。',
        outcome,
        revision_note: outcome === 'revised' ? '目的を具体的に書き直しました。' : '',
      });
      expect(r.res.status).toBe(303);
    }
    // 修正あり needs the change in the final text itself.
    r = await t.client.post(`${base}/publish`, { result_note: '多くのご意見をありがとうございました。' });
    expect(r.res.status).toBe(422);
    expect(visibleText(r.html)).toContain(
      'グループ No.2 は「修正あり」ですが、該当箇所の最終案に修正がありません。',
    );
    r = await t.client.post(`${base}/final/sections/${t.sections[0]}`, {
      heading: '指針の目的',
      body: 'この指針は、市民と市の協働を具体的に進めるためのものです。',
    });
    expect(r.res.status).toBe(303);
    r = await t.client.post(`${base}/publish`, { result_note: '多くのご意見をありがとうございました。' });
    expect(r.res.status).toBe(303);
    const c = await t.db
      .selectFrom('consultations')
      .selectAll()
      .where('id', '=', t.id)
      .executeTakeFirstOrThrow();
    expect(c.result_published_at).toBe(AFTER_CLOSE);
    expect(c.result_note).toBe('多くのご意見をありがとうございました。');

    // Frozen afterwards.
    r = await t.client.post(`${base}/groups`, { summary: '後から追加' });
    expect(r.res.status).toBe(409);
    expect(visibleText(r.html)).toContain('結果を公表済みのため');

    const actions = (await t.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
    for (const a of ['group.create', 'comment.group', 'comment.exclude', 'group.update', 'result.publish']) {
      expect(actions).toContain(a);
    }
    const publish = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'result.publish')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(publish.before_json ?? '{}')).toMatchObject({ result_published_at: null });
  });

  it('splits selected comments into a new group and merges two groups', async () => {
    const t = await setup();
    await loginAs(t, 'staff');
    const base = `/staff/consultations/${t.id}/review`;
    const ids = t.comments.map((c) => String(c.id));
    await t.client.post(`${base}/groups`, { summary: 'まとめ', section_ids: [String(t.sections[1])] });
    const [g1] = (await groupIds(t)) as number[];
    let r = await t.client.post(`${base}/assign`, { comment_ids: ids.slice(0, 3), group_id: String(g1) });
    expect(r.res.status).toBe(303);

    r = await t.client.post(`${base}/groups/${g1}/members`, {
      op: 'split',
      comment_ids: [ids[2] as string],
      split_summary: '情報公開',
    });
    expect(r.res.status).toBe(303);
    const [, g2] = (await groupIds(t)) as number[];
    expect(r.res.headers.get('location')).toBe(`${base}/groups/${g2}?notice=split`);
    let page = await t.client.get(`${base}/groups/${g2}`);
    expect(visibleText(page.html)).toContain('このグループの意見（1件）');
    expect(page.html).toContain('情報公開の手段を増やしてください。');
    // The new group keeps the original's sections.
    const gs = await t.db
      .selectFrom('group_sections')
      .selectAll()
      .where('group_id', '=', g2 as number)
      .execute();
    expect(gs.map((x) => x.section_id)).toEqual([t.sections[1]]);

    r = await t.client.post(`${base}/groups/${g2}/merge`, { into: String(g1) });
    expect(r.res.status).toBe(303);
    expect(await groupIds(t)).toEqual([g1]);
    page = await t.client.get(`${base}/groups/${g1}`);
    expect(visibleText(page.html)).toContain('このグループの意見（3件）');

    r = await t.client.post(`${base}/groups/${g1}/members`, {
      op: 'remove',
      comment_ids: [ids[0] as string],
    });
    expect(r.res.status).toBe(303);
    page = await t.client.get(base);
    expect(visibleText(page.html)).toContain('2 / 5 件 処理済み');

    const actions = (await t.db.selectFrom('audit_log').select('action').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['group.split', 'group.merge', 'comment.ungroup']));
  });

  it('asks before deleting a group, on its own page that works without JavaScript', async () => {
    const t = await setup();
    await loginAs(t, 'staff');
    const base = `/staff/consultations/${t.id}/review`;
    await t.client.post(`${base}/groups`, { summary: '残すグループ' });
    await t.client.post(`${base}/groups`, { summary: '消すグループ' });
    const [, g2] = (await groupIds(t)) as number[];
    await t.client.post(`${base}/assign`, {
      comment_ids: [String(t.comments[0]?.id), String(t.comments[1]?.id)],
      group_id: String(g2),
    });
    const page = await t.client.get(`${base}/groups/${g2}`);
    // No button on the group's page deletes at once; the way there is a link, away from 統合する.
    expect(page.html).not.toMatch(/<form[^>]*action="[^"]*\/delete"/);
    const merge = page.html.slice(page.html.indexOf('id="merge-heading"'));
    const mergeSection = merge.slice(0, merge.indexOf('</section>'));
    expect(mergeSection).toContain('統合する');
    expect(mergeSection).not.toContain('削除');
    expect(page.html).toMatch(
      new RegExp(`<a href="${base}/groups/${g2}/delete" class="button button-danger">`),
    );

    const confirm = await t.client.get(`${base}/groups/${g2}/delete`);
    expect(confirm.res.status).toBe(200);
    const text = visibleText(confirm.html);
    expect(text).toContain('グループ No.2 を削除しますか');
    expect(text).toContain('このグループの意見2件は、どのグループにも属さない未処理の意見に戻ります。');
    expect(confirm.html).toMatch(
      /<form method="post" action="[^"]*\/delete"[\s\S]*class="button button-danger"/,
    );
    expect(confirm.html).toContain(`href="${base}/groups/${g2}"`);
    expect(await groupIds(t)).toHaveLength(2);

    const r = await t.client.post(`${base}/groups/${g2}/delete`);
    expect(r.res.status).toBe(303);
    expect(await groupIds(t)).toHaveLength(1);
    const after = await t.client.get(r.res.headers.get('location') ?? base);
    expect(visibleText(after.html)).toContain('グループを削除しました。意見は未整理に戻りました。');
  });

  it('answers htmx in place: HX-Location after a change, the workspace with 422 when refused', async () => {
    const t = await setup();
    await loginAs(t, 'staff');
    const base = `/staff/consultations/${t.id}/review`;
    await t.client.get(base);
    const htmx = { 'hx-request': 'true', 'hx-request-type': 'partial' };
    let r = await t.client.post(`${base}/groups`, { summary: '公園', ungrouped: '1' }, { headers: htmx });
    expect(r.res.status).toBe(204);
    expect(r.res.headers.get('hx-location')).toBe(`${base}?ungrouped=1&notice=group_created`);
    const [g] = (await groupIds(t)) as number[];
    r = await t.client.post(`${base}/assign`, { group_id: String(g), ungrouped: '1' }, { headers: htmx });
    expect(r.res.status).toBe(422);
    expect(r.html).toContain('id="workspace"');
    expect(visibleText(r.html)).toContain('意見を1件以上選んでください。');
    // The filter survives the refusal: the list is still the unprocessed comments only.
    expect(r.html).toMatch(/<input type="checkbox" name="ungrouped" value="1" checked/);
    r = await t.client.post(
      `${base}/assign`,
      { comment_ids: [String(t.comments[0]?.id)], group_id: String(g) },
      { headers: htmx },
    );
    expect(r.res.status).toBe(204);
    expect(r.res.headers.get('hx-location')).toBe(`${base}?notice=assigned%3A1`);
  });

  it('filters the comment list by section and text', async () => {
    const t = await setup();
    await loginAs(t, 'staff');
    const base = `/staff/consultations/${t.id}/review`;
    let page = await t.client.get(`${base}?section=${t.sections[1]}`);
    let text = visibleText(page.html);
    expect(text).toContain('2件を表示しています。');
    page = await t.client.get(`${base}?q=${encodeURIComponent('自転車')}`);
    text = visibleText(page.html);
    expect(text).toContain('1件を表示しています。');
    expect(text).toContain('駅前の放置自転車');
  });

  it('edits the final text and shows the differences from the draft', async () => {
    const t = await setup();
    await loginAs(t, 'staff');
    const base = `/staff/consultations/${t.id}/review`;
    const [s1, s2, s3] = t.sections as [number, number, number];
    let r = await t.client.post(`${base}/final/sections/${s3}`, {
      heading: '情報の公開',
      body: '市は、わかりやすい情報を速やかに積極的に公開します。',
    });
    expect(r.res.status).toBe(303);
    r = await t.client.post(`${base}/final/sections/${s2}`, {
      heading: '協働の原則',
      body: 'x',
      removed: '1',
    });
    expect(r.res.status).toBe(303);
    // A section of the final text has a length limit, like a section of the draft.
    r = await t.client.post(`${base}/final/sections/${s3}`, {
      heading: '情報の公開',
      body: 'あ'.repeat(200_001),
    });
    expect(r.res.status).toBe(422);
    expect(visibleText(r.html)).toContain('200,000文字以内で入力してください');
    r = await t.client.post(`${base}/final/sections`, { number: '3', heading: '', body: '' });
    expect(r.res.status).toBe(422);
    expect(visibleText(r.html)).toContain('見出しを入力してください。');
    r = await t.client.post(`${base}/final/sections`, {
      number: '3',
      heading: '評価と見直し',
      body: '毎年度評価します。',
    });
    expect(r.res.status).toBe(303);
    const page = await t.client.get(`${base}/final`);
    const text = visibleText(page.html);
    expect(page.html).toContain(
      '<ins class="diff-ins"><span class="diff-label">［追加］</span>速やかに</ins>',
    );
    expect(text).toContain('削除された項目');
    expect(text).toContain('追加された項目');
    expect(text).toContain('評価と見直し');
    expect(s1).toBeGreaterThan(0);
  });

  it('shows one comment by reading that comment only, however many the consultation has', async () => {
    // Counts the rows the app reads from the comments table.
    let rowsRead = 0;
    const fromComments = new WeakSet<QueryId>();
    const counter: KyselyPlugin = {
      transformQuery(args) {
        const froms = args.node.kind === 'SelectQueryNode' ? (args.node.from?.froms ?? []) : [];
        if (froms.some((f) => TableNode.is(f) && f.table.identifier.name === 'comments')) {
          fromComments.add(args.queryId);
        }
        return args.node;
      },
      async transformResult(args) {
        if (fromComments.has(args.queryId)) rowsRead += args.result.rows.length;
        return args.result;
      },
    };
    const t = await makeTestApp({ plugins: [counter] });
    const id = await seedConsultation(t.db);
    await t.db
      .insertInto('comments')
      .values(
        Array.from({ length: 600 }, (_, i) => ({
          consultation_id: id,
          receipt_code: `MANY-${i}`,
          channel: 'web' as const,
          received_at: '2026-11-10T01:00:00.000Z',
          body: `意見その${i}`,
          submitter_kind: 'anonymous' as const,
          submitter_key: `k${i}`,
          created_at: '2026-11-10T01:00:00.000Z',
        })),
      )
      .execute();
    await loginAs(t, 'staff');
    const last = await t.db
      .selectFrom('comments')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    rowsRead = 0;
    const page = await t.client.get(`/staff/consultations/${id}/review/comments/${last.id}`);
    expect(page.res.status).toBe(200);
    expect(visibleText(page.html)).toContain('意見その599');
    expect(rowsRead).toBeLessThanOrEqual(2);
  });
});
