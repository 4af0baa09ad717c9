import { describe, expect, it } from 'vitest';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';
import { loginAs } from '../helpers-auth.ts';
import { sectionIdsOf, seedComment } from './review-fixtures.ts';

describe('section names in the review and the result', () => {
  it('names every section by its full label: review pages, the result table (該当箇所) and the receipt', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    const [, s2] = (await sectionIdsOf(t.db, id)) as number[];
    const a = await seedComment(t.db, id, { body: '対等な立場とは何か。', sectionIds: [s2 as number] });
    await loginAs(t, 'staff');
    const base = `/staff/consultations/${id}/review`;
    const full = '第1章 1 協働の原則';

    let page = await t.client.get(base);
    // The comment list, the section filter and the group form's check boxes.
    expect(visibleText(page.html).split(full).length - 1).toBeGreaterThanOrEqual(3);
    page = await t.client.get(`${base}/comments/${a.id}`);
    expect(visibleText(page.html)).toContain(`該当箇所 ${full}`);

    let r = await t.client.post(`${base}/groups`, {
      summary: '原則について',
      response: '原案のとおりとします。',
      outcome: 'not_revised',
      section_ids: [String(s2)],
    });
    expect(r.res.status).toBe(303);
    const g = await t.db.selectFrom('comment_groups').select('id').executeTakeFirstOrThrow();
    r = await t.client.post(`${base}/assign`, { comment_ids: [String(a.id)], group_id: String(g.id) });
    expect(r.res.status).toBe(303);
    page = await t.client.get(base);
    expect(page.html).toMatch(new RegExp(`<td>${full}</td>`));

    t.clock.set('2026-12-05T03:00:00.000Z');
    await loginAs(t, 'staff');
    r = await t.client.post(`${base}/publish`, {});
    expect(r.res.status).toBe(303);
    const pub = await t.client.get(`/consultations/${id}`);
    expect(visibleText(pub.html)).toContain(`該当箇所 ${full} 意見の概要 原則について`);
    const receipt = await t.client.get(`/receipts/${a.receiptCode}`);
    expect(visibleText(receipt.html)).toContain(`該当箇所 ${full}`);
  });
});
