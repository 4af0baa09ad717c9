/**
 * Previews (issue #14): staff see the public page exactly as citizens will — the same view,
 * marked プレビュー, never indexed or cached — before publishing the consultation, and before
 * publishing its result.
 */
import { describe, expect, it } from 'vitest';
import { publish } from '../../src/usecases/publishing.ts';
import { loginAs } from '../helpers-auth.ts';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';
import { sectionIdsOf, seedComment } from './review-fixtures.ts';

const NOW = '2026-11-24T03:00:00.000Z';
const AFTER_CLOSE = '2026-12-05T03:00:00.000Z';

/** The public page's own content (the article), without what changes from request to request. */
function article(html: string): string {
  const m = /<article class="consultation">[\s\S]*<\/article>/.exec(html);
  return (m?.[0] ?? '').replace(/name="_csrf" value="[^"]*"/g, '');
}

async function draftConsultation(overrides: Parameters<typeof seedConsultation>[1] = {}) {
  const t = await makeTestApp({ now: NOW });
  const id = await seedConsultation(t.db, {
    status: 'draft',
    published_at: null,
    opens_at: '2026-11-24T00:00:00.000Z',
    closes_at: '2026-12-24T14:59:59.999Z',
    ...overrides,
  });
  const staff = await loginAs(t, 'staff');
  return { ...t, id, staff };
}

function expectPreviewHeaders(res: Response) {
  expect(res.headers.get('x-robots-tag')).toContain('noindex');
  expect(res.headers.get('cache-control')).toBe('no-store');
}

describe('the preview of a consultation before it is published', () => {
  it('shows the public page, marked プレビュー, not indexed and not cached, while the public sees nothing', async () => {
    const t = await draftConsultation();
    const { res, html } = await t.client.get(`/staff/consultations/${t.id}/preview`);
    expect(res.status).toBe(200);
    expectPreviewHeaders(res);
    const text = visibleText(html);
    expect(text).toContain('プレビュー 公表したとき、市民にはこのように表示されます。まだ公開されていません');
    expect(html).toContain('<title>プレビュー：協働のまちづくり指針（案）');
    // The page citizens will read: the overview, the draft, and the way to comment.
    expect(text).toContain('市民と市が協力してまちづくりを進めるための指針案です。');
    expect(text).toContain('第1章 指針の目的');
    expect(text).toContain('この案に意見を書く');
    expect(html).toContain(`href="/staff/consultations/${t.id}/publish"`);

    const anonymous = await t.app.request(`http://localhost/consultations/${t.id}`);
    expect(anonymous.status).toBe(404);
  });

  it('is the very page citizens get once the consultation is published', async () => {
    const t = await draftConsultation();
    const preview = article((await t.client.get(`/staff/consultations/${t.id}/preview`)).html);
    expect(preview).toContain('第1章');
    const done = await publish(t.db, t.id, { id: t.staff.id, label: t.staff.email }, new Date(NOW));
    expect(done.published).toBe(true);
    const publicPage = await t.app.request(`http://localhost/consultations/${t.id}`);
    expect(publicPage.status).toBe(200);
    expect(article(await publicPage.text())).toBe(preview);
  });

  it('shows a consultation that opens later as it will be announced', async () => {
    const t = await draftConsultation({
      opens_at: '2026-12-01T00:00:00.000Z',
      closes_at: '2027-01-05T14:59:59.999Z',
    });
    const { html } = await t.client.get(`/staff/consultations/${t.id}/preview`);
    const text = visibleText(html);
    expect(text).toContain('意見の受付は募集期間の初日から始まります。');
    expect(text).not.toContain('この案に意見を書く');
  });

  it('is marked Preview in English', async () => {
    const t = await draftConsultation();
    const { html } = await t.client.get(`/staff/consultations/${t.id}/preview?lang=en`);
    expect(visibleText(html)).toContain(
      'Preview This is how citizens will see the page once it is published.',
    );
  });

  it('is linked from the consultation’s staff page and from the publishing confirmation', async () => {
    const t = await draftConsultation();
    const href = `href="/staff/consultations/${t.id}/preview"`;
    expect((await t.client.get(`/staff/consultations/${t.id}`)).html).toContain(href);
    expect((await t.client.get(`/staff/consultations/${t.id}/publish`)).html).toContain(href);
  });

  it('is for staff only', async () => {
    const t = await draftConsultation();
    const fresh = await t.app.request(`http://localhost/staff/consultations/${t.id}/preview`);
    expect(fresh.status).toBe(303);
    expect(fresh.headers.get('location')).toMatch(/^\/login/);
    await loginAs(t, 'council', 'council@example.jp');
    const council = await t.client.get(`/staff/consultations/${t.id}/preview`);
    expect(council.res.status).toBe(403);
  });
});

async function closedWithComments() {
  const t = await makeTestApp({ now: AFTER_CLOSE });
  const id = await seedConsultation(t.db);
  const [, s2] = (await sectionIdsOf(t.db, id)) as number[];
  const a = await seedComment(t.db, id, { body: '公園をもっと増やしてほしい。', sectionIds: [s2 as number] });
  const b = await seedComment(t.db, id, { body: '情報公開を進めてほしい。', name: '倉敷花子' });
  const late = await seedComment(t.db, id, { body: 'まだ整理していない意見。' });
  await loginAs(t, 'staff');
  const base = `/staff/consultations/${id}/review`;
  await t.client.get(base);
  await t.client.post(`${base}/groups`, {
    summary: '公園と情報公開について',
    response: '原案のとおりとします。',
    outcome: 'not_revised',
  });
  const group = await t.db.selectFrom('comment_groups').select('id').executeTakeFirstOrThrow();
  await t.client.post(`${base}/assign`, {
    comment_ids: [String(a.id), String(b.id)],
    group_id: String(group.id),
  });
  return { ...t, id, base, late };
}

describe('the preview of the result before it is published', () => {
  it('shows the public page with the result, says what still stands in the way, and publishes nothing', async () => {
    const t = await closedWithComments();
    const { res, html } = await t.client.get(`${t.base}/publish/preview`);
    expect(res.status).toBe(200);
    expectPreviewHeaders(res);
    const text = visibleText(html);
    expect(text).toContain('プレビュー 結果を公表すると、公開ページはこのようになります。');
    expect(text).toContain('意見募集の結果');
    expect(text).toContain('公園と情報公開について');
    expect(text).toContain('原案のとおりとします。');
    // One comment is still unaccounted for: no way to publish from here.
    expect(text).toContain('まだ公表できない理由があります。');
    expect(text).not.toContain('この内容で結果を公表する');
    // Personal data never shows, in a preview either.
    expect(text).not.toContain('倉敷花子');
    const stored = await t.db
      .selectFrom('consultations')
      .select('result_published_at')
      .executeTakeFirstOrThrow();
    expect(stored.result_published_at).toBeNull();
    const publicPage = await t.app.request(`http://localhost/consultations/${t.id}`);
    expect(visibleText(await publicPage.text())).not.toContain('意見募集の結果');
  });

  it('previews the note typed on the publishing page, and publishes exactly what it showed', async () => {
    const t = await closedWithComments();
    await t.client.post(`${t.base}/comments/${t.late.id}/exclude`, { reason: '案と関係のない内容のため' });
    const page = await t.client.get(`${t.base}/publish`);
    expect(page.html).toContain(`formaction="${t.base}/publish/preview"`);
    const { res, html } = await t.client.post(`${t.base}/publish/preview`, {
      result_note: '寄せられた意見をもとに、指針を決定しました。',
      policy_dropped: '',
    });
    expect(res.status).toBe(200);
    expectPreviewHeaders(res);
    const text = visibleText(html);
    expect(text).toContain('寄せられた意見をもとに、指針を決定しました。');
    expect(text).toContain('この内容で結果を公表する');
    const preview = article(html);

    // The form on the preview publishes with the same note.
    const form =
      /<form method="post" action="([^"]*\/publish)" class="inline-form">[\s\S]*?name="result_note" value="([^"]*)"/.exec(
        html,
      );
    expect(form?.[1]).toBe(`${t.base}/publish`);
    const published = await t.client.post(form?.[1] ?? '', { result_note: form?.[2] ?? '' });
    expect(published.res.status).toBe(303);
    const publicPage = await t.app.request(`http://localhost/consultations/${t.id}`);
    expect(article(await publicPage.text())).toBe(preview);
  });

  it('answers 409 to a preview posted after the result is published', async () => {
    const t = await closedWithComments();
    await t.client.post(`${t.base}/comments/${t.late.id}/exclude`, { reason: '重複のため' });
    expect((await t.client.post(`${t.base}/publish`, { result_note: '' })).res.status).toBe(303);
    const again = await t.client.post(`${t.base}/publish/preview`, { result_note: '' });
    expect(again.res.status).toBe(409);
  });
});
