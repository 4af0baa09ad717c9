/**
 * Every htmx branch of the comment flow: a step asked for by htmx as part of the page gets only
 * #comment-flow; a boosted or body-targeted request (HX-Request-Type: full) and a plain browser
 * get the whole page; a successful send ends in HX-Location for htmx and a 303 without it.
 */
import { describe, expect, it } from 'vitest';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';

const PARTIAL = { 'hx-request': 'true', 'hx-request-type': 'partial' };
const FULL = { 'hx-request': 'true', 'hx-request-type': 'full' };

const fields = {
  submitter_kind: 'individual',
  name: '倉敷 花子',
  postal_code: '710-8565',
  address: '倉敷市中央1丁目',
  category: 'resident',
  body: 'htmxで送る意見です。',
};

async function setup(overrides = {}) {
  const t = await makeTestApp({ now: '2026-11-24T03:00:00.000Z' });
  const id = await seedConsultation(t.db, overrides);
  await t.client.get(`/consultations/${id}/comment`);
  return { ...t, id, base: `/consultations/${id}/comment` };
}

/** Only the step itself: no layout around it. */
function expectFragment(html: string) {
  expect(html).toMatch(/^<div id="comment-flow"[ >]/);
  expect(html).not.toContain('<html');
}

function expectWholePage(html: string) {
  expect(html.startsWith('<!DOCTYPE html><html')).toBe(true);
  expect(html).toMatch(/<div id="comment-flow"[ >]/);
}

async function confirmKey(t: Awaited<ReturnType<typeof setup>>) {
  const confirm = await t.client.post(`${t.base}/confirm`, fields);
  return confirm.html.match(/name="submission_key" value="([^"]+)"/)?.[1] ?? '';
}

describe('the comment flow with htmx', () => {
  it('answers the form step as a fragment, or as a page for a full or plain request', async () => {
    const t = await setup();
    const partial = await t.client.get(t.base, PARTIAL);
    expect(partial.res.status).toBe(200);
    expectFragment(partial.html);
    expect(visibleText(partial.html)).toContain('意見の入力');
    expectWholePage((await t.client.get(t.base, FULL)).html);
    expectWholePage((await t.client.get(t.base)).html);
  });

  it('answers the confirmation step as a fragment, or as a page for a full or plain request', async () => {
    const t = await setup();
    const partial = await t.client.post(`${t.base}/confirm`, fields, { headers: PARTIAL });
    expect(partial.res.status).toBe(200);
    expectFragment(partial.html);
    expect(visibleText(partial.html)).toContain('入力内容の確認');
    expectWholePage((await t.client.post(`${t.base}/confirm`, fields, { headers: FULL })).html);
    expectWholePage((await t.client.post(`${t.base}/confirm`, fields)).html);
  });

  it('answers a form with errors with 422 and the form, as a fragment or a page', async () => {
    const t = await setup();
    const partial = await t.client.post(`${t.base}/confirm`, { ...fields, body: '' }, { headers: PARTIAL });
    expect(partial.res.status).toBe(422);
    expectFragment(partial.html);
    expect(visibleText(partial.html)).toContain('意見を入力してください。');
    const plain = await t.client.post(`${t.base}/confirm`, { ...fields, body: '' });
    expect(plain.res.status).toBe(422);
    expectWholePage(plain.html);
  });

  it('answers "go back and edit" with the filled form, as a fragment or a page', async () => {
    const t = await setup();
    const partial = await t.client.post(`${t.base}/edit`, fields, { headers: PARTIAL });
    expect(partial.res.status).toBe(200);
    expectFragment(partial.html);
    expect(partial.html).toContain('htmxで送る意見です。');
    expectWholePage((await t.client.post(`${t.base}/edit`, fields)).html);
  });

  it('ends a send with HX-Location for htmx (no redirect to follow) and 303 otherwise', async () => {
    const t = await setup();
    const sent = await t.client.post(
      `${t.base}/submit`,
      { ...fields, submission_key: await confirmKey(t) },
      { headers: PARTIAL },
    );
    expect(sent.res.status).toBe(204);
    expect(sent.res.headers.get('location')).toBeNull();
    const done = sent.res.headers.get('hx-location') ?? '';
    expect(done).toMatch(new RegExp(`^${t.base}/done/[0-9A-Z]{12}$`));
    // htmx then loads that address into the body, as a full request.
    const page = await t.client.get(done, FULL);
    expectWholePage(page.html);
    expect(visibleText(page.html)).toContain('送信が完了しました');

    const plain = await t.client.post(`${t.base}/submit`, { ...fields, submission_key: await confirmKey(t) });
    expect(plain.res.status).toBe(303);
    expect(plain.res.headers.get('hx-location')).toBeNull();
    expect(plain.res.headers.get('location')).toMatch(new RegExp(`^${t.base}/done/[0-9A-Z]{12}$`));
  });

  it('answers the receipt step as a fragment, or as a page', async () => {
    const t = await setup();
    const sent = await t.client.post(`${t.base}/submit`, { ...fields, submission_key: await confirmKey(t) });
    const done = sent.res.headers.get('location')!;
    const partial = await t.client.get(done, PARTIAL);
    expectFragment(partial.html);
    expect(visibleText(partial.html)).toContain('受付番号');
    expectWholePage((await t.client.get(done)).html);
  });

  it('answers outside the period with 409 and the refusal, as a fragment or a page', async () => {
    const t = await setup();
    t.clock.set('2026-12-01T15:00:00.000Z');
    const partial = await t.client.post(`${t.base}/confirm`, fields, { headers: PARTIAL });
    expect(partial.res.status).toBe(409);
    expectFragment(partial.html);
    expect(visibleText(partial.html)).toContain('htmxで送る意見です。');
    const plain = await t.client.post(`${t.base}/confirm`, fields);
    expect(plain.res.status).toBe(409);
    expectWholePage(plain.html);
  });
});

describe('each step of the comment flow has its own address (#9.2)', () => {
  it('puts the confirmation step in the history for htmx, and only when it is shown', async () => {
    const t = await setup();
    const partial = await t.client.post(`${t.base}/confirm`, fields, { headers: PARTIAL });
    expect(partial.res.headers.get('hx-push-url')).toBe(`${t.base}/confirm`);
    const invalid = await t.client.post(`${t.base}/confirm`, { ...fields, body: '' }, { headers: PARTIAL });
    expect(invalid.res.status).toBe(422);
    expect(invalid.res.headers.get('hx-push-url')).toBeNull();
    const plain = await t.client.post(`${t.base}/confirm`, fields);
    expect(plain.res.headers.get('hx-push-url')).toBeNull();
  });

  it('puts the form back in the history when going back to edit', async () => {
    const t = await setup();
    const partial = await t.client.post(`${t.base}/edit`, fields, { headers: PARTIAL });
    expect(partial.res.headers.get('hx-push-url')).toBe(t.base);
    const plain = await t.client.post(`${t.base}/edit`, fields);
    expect(plain.res.headers.get('hx-push-url')).toBeNull();
  });

  it('answers the confirmation address itself (reload, Back, Forward) with the form to fill again', async () => {
    const t = await setup();
    for (const headers of [{}, { ...FULL, 'hx-history-restore-request': 'true' }]) {
      const { res, html } = await t.client.get(`${t.base}/confirm`, headers);
      expect(res.status).toBe(200);
      expectWholePage(html);
      const text = visibleText(html);
      expect(text).toContain('意見の入力');
      expect(text).toContain('確認画面は、再読み込みや「戻る」「進む」では表示できません。');
      expect(html).toContain(`data-draft="comment-${t.id}" data-draft-restore="true"`);
    }
  });

  it('lets the browser restore a kept draft only into a freshly loaded form', async () => {
    const t = await setup();
    expect((await t.client.get(t.base)).html).toContain('data-draft-restore="true"');
    const invalid = await t.client.post(`${t.base}/confirm`, { ...fields, body: '' });
    expect(invalid.html).toContain(`data-draft="comment-${t.id}"`);
    expect(invalid.html).not.toContain('data-draft-restore');
    const key =
      (await t.client.post(`${t.base}/confirm`, fields)).html.match(
        /name="submission_key" value="([^"]+)"/,
      )?.[1] ?? '';
    const sent = await t.client.post(`${t.base}/submit`, { ...fields, submission_key: key });
    const done = await t.client.get(sent.res.headers.get('location')!);
    expect(done.html).toContain(`data-draft-clear="comment-${t.id}"`);
  });
});
