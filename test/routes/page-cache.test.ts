/**
 * Public pages from the page cache (issue #12): the same page for every reader who is not signed
 * in, each reader's own form token and cookie, and never a page older than what was written
 * (a correction, a withdrawal, a published result and its counts, a newly published consultation,
 * another program's write) or than the clock (a period that opens or closes, a new day).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { type KyselyPlugin, type QueryId, type RootOperationNode, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { listDraftSections } from '../../src/data/consultations.ts';
import { loginAs } from '../helpers-auth.ts';
import { makeTestApp, seedConsultation, TestClient, visibleText } from '../helpers.ts';
import { sectionIdsOf, seedComment } from './review-fixtures.ts';

/** Counts the queries the app makes that read one of `tables`. */
function tableReads(tables: string[]) {
  const watched = new WeakSet<QueryId>();
  let count = 0;
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      if (tables.some((t) => reads(args.node, t))) watched.add(args.queryId);
      return args.node;
    },
    async transformResult(args) {
      if (watched.has(args.queryId)) count++;
      return args.result;
    },
  };
  return { plugin, count: () => count };
}

const reads = (node: RootOperationNode, table: string) =>
  node.kind === 'SelectQueryNode' && JSON.stringify(node.from ?? {}).includes(`"name":"${table}"`);

describe('public pages from the cache', () => {
  it('serves a page again without reading the draft, and answers a repeat reader 304', async () => {
    const sections = tableReads(['sections']);
    const t = await makeTestApp({ plugins: [sections.plugin] });
    const id = await seedConsultation(t.db);
    const first = await t.app.request(`/consultations/${id}`);
    const html = await first.text();
    expect(visibleText(html)).toContain('協働の原則');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const before = sections.count();

    const second = await t.app.request(`/consultations/${id}`);
    expect(await second.text()).toBe(html);
    expect(second.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(second.headers.get('cache-control')).toBe('private, no-cache');
    expect(sections.count()).toBe(before);

    const repeat = await t.app.request(`/consultations/${id}`, { headers: { 'if-none-match': etag! } });
    expect(repeat.status).toBe(304);
    expect(await repeat.text()).toBe('');
  });

  it('gives each visitor the form token of their own cookie, and each can send the form', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    const people = [new TestClient(t.app), new TestClient(t.app), new TestClient(t.app)];
    const tokens = [];
    for (const person of people) {
      const { res } = await person.get(`/consultations/${id}/comment`);
      expect(res.status).toBe(200);
      expect(person.lastCsrf).toBe(person.cookies.get('koe_csrf'));
      tokens.push(person.lastCsrf);
    }
    expect(new Set(tokens).size).toBe(3);
    for (const [i, person] of people.entries()) {
      const confirm = await person.post(`/consultations/${id}/comment/confirm`, {
        body: `キャッシュされたフォームからの意見 ${i}`,
        submitter_kind: 'individual',
        name: '倉敷 花子',
        postal_code: '710-8565',
        address: '倉敷市',
        category: 'resident',
      });
      expect(confirm.res.status).toBe(200);
      expect(visibleText(confirm.html)).toContain(`キャッシュされたフォームからの意見 ${i}`);
    }
    // A visitor who already has a token gets it back in the page, and no new cookie.
    const again = await people[0]!.request(`/consultations/${id}/comment`);
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(await again.text()).toContain(`value="${tokens[0]}"`);
  });

  it('gives no cookie with a page that has no form (the list), and one with a page that has', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    await t.app.request('/');
    await t.app.request(`/consultations/${id}/comment`);

    const list = await t.app.request('/');
    expect(list.status).toBe(200);
    expect(await list.text()).not.toContain('name="_csrf"');
    expect(list.headers.getSetCookie()).toEqual([]);
    const form = await t.app.request(`/consultations/${id}/comment`);
    expect(await form.text()).toContain('name="_csrf"');
    expect(form.headers.getSetCookie().join()).toContain('koe_csrf=');
  });

  it('answers a reader from the cache while a long write holds the database (SQLite)', async () => {
    const t = await makeTestApp();
    if (t.store.engine !== 'sqlite') return;
    const id = await seedConsultation(t.db);
    await t.app.request(`/consultations/${id}`);
    const order: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const write = t.db.transaction().execute(async (trx) => {
      await sql`UPDATE consultations SET title = title WHERE id = ${-1}`.execute(trx);
      await held;
      order.push('write ended');
    });
    // Let the transaction take the connection before the reader comes.
    await new Promise((resolve) => setTimeout(resolve, 10));
    const timer = setTimeout(release, 2000);
    const res = await t.app.request(`/consultations/${id}`);
    order.push(`reader answered ${res.status}`);
    clearTimeout(timer);
    release();
    await write;
    expect(order).toEqual(['reader answered 200', 'write ended']);
  });

  it('shows a correction and a withdrawal on the very next view', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    const page = async () => visibleText(await (await t.app.request(`/consultations/${id}`)).text());
    expect(await page()).toContain('対等な立場で');
    await loginAs(t, 'staff');
    const [, section] = await listDraftSections(t.db, id);
    const corrected = await t.client.post(`/staff/consultations/${id}/sections/${section!.id}/correct`, {
      heading: '協働の原則',
      body_md: '対等な立場で、互いの特性と役割を尊重します。',
      note: '「役割」を加えました。',
    });
    expect(corrected.res.status).toBe(303);
    expect(await page()).toContain('互いの特性と役割を尊重します');
    expect(await page()).toContain('「役割」を加えました。');

    const withdrawn = await t.client.post(`/staff/consultations/${id}/withdraw`, {
      reason: '上位計画の見直しのため、意見募集を中止します。',
    });
    expect(withdrawn.res.status).toBe(303);
    expect(await page()).toContain('上位計画の見直しのため、意見募集を中止します。');
    expect(visibleText(await (await t.app.request('/')).text())).toMatch(/中止 （1件）/);
  });

  it('shows a published result, with the comments it counts, on the very next view', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    const [section] = await sectionIdsOf(t.db, id);
    const sent = await seedComment(t.db, id, {
      body: '説明会を土日にも開いてください。',
      sectionIds: [section!],
    });
    t.clock.set('2026-12-05T03:00:00.000Z'); // the period has closed
    const closed = await t.app.request(`/consultations/${id}`);
    expect(visibleText(await closed.text())).toContain('募集終了');
    const etag = closed.headers.get('etag')!;
    expect((await t.app.request(`/consultations/${id}`, { headers: { 'if-none-match': etag } })).status).toBe(
      304,
    );
    const list = visibleText(await (await t.app.request('/')).text());
    expect(list).toContain('公表された結果はまだありません。');

    await loginAs(t, 'staff');
    const review = `/staff/consultations/${id}/review`;
    let r = await t.client.post(`${review}/groups`, {
      summary: '説明会の日程に関する意見',
      response: 'ご意見を踏まえ、土曜日にも説明会を開きます。',
      outcome: 'not_revised',
      section_ids: [String(section)],
    });
    expect(r.res.status).toBe(303);
    const group = await t.db.selectFrom('comment_groups').select('id').executeTakeFirstOrThrow();
    r = await t.client.post(`${review}/assign`, {
      comment_ids: [String(sent.id)],
      group_id: String(group.id),
    });
    expect(r.res.status).toBe(303);
    r = await t.client.post(`${review}/publish`, {});
    expect(r.res.status).toBe(303);

    // The visitor's old ETag no longer matches: the page now carries the result.
    const published = await t.app.request(`/consultations/${id}`, { headers: { 'if-none-match': etag } });
    expect(published.status).toBe(200);
    const text = visibleText(await published.text());
    expect(text).toContain('1人から1件');
    expect(text).toContain('ご意見を踏まえ、土曜日にも説明会を開きます。');
    expect(visibleText(await (await t.app.request('/')).text())).not.toContain(
      '公表された結果はまだありません。',
    );
  });

  it('lists a consultation the moment staff publish it', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db, {
      status: 'draft',
      published_at: null,
      closes_at: '2026-12-31T14:59:59.999Z',
    });
    const list = async () => visibleText(await (await t.app.request('/')).text());
    expect(await list()).not.toContain('協働のまちづくり指針（案）');
    expect((await t.app.request(`/consultations/${id}`)).status).toBe(404);
    await loginAs(t, 'staff');
    const r = await t.client.post(`/staff/consultations/${id}/publish`, {});
    expect(r.res.status).toBe(303);
    expect(await list()).toContain('協働のまちづくり指針（案）');
    expect(visibleText(await (await t.app.request(`/consultations/${id}`)).text())).toContain('協働の原則');
  });

  it('shows what another program wrote to the database (the command line, a restore)', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    expect(visibleText(await (await t.app.request('/')).text())).toContain('協働のまちづくり指針（案）');
    // Plain SQL beside the app (its use cases never see it): the database's triggers raise the version.
    await sql`UPDATE consultations SET title = ${'書き換えた題名（案）'} WHERE id = ${id}`.execute(t.db);
    expect(visibleText(await (await t.app.request('/')).text())).toContain('書き換えた題名（案）');
    const api = (await (await t.app.request('/api/v1/consultations')).json()) as {
      data: { title: string }[];
    };
    expect(api.data[0]?.title).toBe('書き換えた題名（案）');
  });

  it('shows what another connection to the file wrote, within the moment it checks for such writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koe-page-cache-'));
    try {
      const t = await makeTestApp({ file: join(dir, 'koe.sqlite3') });
      const id = await seedConsultation(t.db);
      // Twice: rendered and kept, then served from the cache.
      await t.app.request('/');
      expect(visibleText(await (await t.app.request('/')).text())).toContain('協働のまちづくり指針（案）');
      const other = new SQLite(join(dir, 'koe.sqlite3'));
      other.prepare('UPDATE consultations SET title = ? WHERE id = ?').run('別の接続が書いた題名（案）', id);
      other.close();
      // Other connections' writes are looked for every 50 ms (page-versions.ts): wait past that.
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(visibleText(await (await t.app.request('/')).text())).toContain('別の接続が書いた題名（案）');
      await t.store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('follows the clock: days left at midnight, and the period closing with nothing written', async () => {
    // Closes at the end of 1 December (Tokyo); the test clock starts on 24 November.
    const t = await makeTestApp({ now: '2026-11-24T03:00:00.000Z' });
    const id = await seedConsultation(t.db);
    const text = async (path: string) => visibleText(await (await t.app.request(path)).text());
    expect(await text('/')).toContain('（残り8日）');
    expect((await t.app.request(`/consultations/${id}/comment`)).status).toBe(200);
    t.clock.set('2026-11-24T15:00:00.000Z'); // just after midnight in Tokyo
    expect(await text('/')).toContain('（残り7日）');
    t.clock.set('2026-12-01T14:59:59.999Z'); // the last moment of the period
    expect(await text(`/consultations/${id}`)).toContain('本日締切');
    t.clock.set('2026-12-01T15:00:00.000Z');
    expect(await text(`/consultations/${id}`)).toContain('募集終了');
    expect(await text('/')).toContain('募集終了');
    expect((await t.app.request(`/consultations/${id}/comment`)).status).toBe(409);
    const api = (await (await t.app.request('/api/v1/consultations')).json()) as {
      data: { phase: string }[];
    };
    expect(api.data[0]?.phase).toBe('closed');
  });

  it('never serves a signed-in person the page made for visitors, nor keeps theirs', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    const visitor = await t.app.request(`/consultations/${id}`);
    expect(await visitor.text()).not.toContain('ログアウト');
    await loginAs(t, 'staff');
    const staff = await t.client.get(`/consultations/${id}`);
    expect(visibleText(staff.html)).toContain('ログアウト');
    expect(staff.res.headers.get('cache-control')).toBe('private, no-store');
    expect(await (await t.app.request(`/consultations/${id}`)).text()).not.toContain('ログアウト');
  });

  it('keeps each language apart and remembers one asked for', async () => {
    const t = await makeTestApp();
    await seedConsultation(t.db);
    expect(visibleText(await (await t.app.request('/')).text())).toContain('意見募集の一覧');
    const english = await t.client.get('/?lang=en');
    expect(english.res.headers.getSetCookie().some((c) => c.startsWith('koe_lang=en'))).toBe(true);
    expect(visibleText(english.html)).toContain('Consultations');
    const remembered = await t.client.get('/');
    expect(visibleText(remembered.html)).toContain('Consultations');
    const byHeader = await t.app.request('/', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    expect(visibleText(await byHeader.text())).toContain('Consultations');
    expect(visibleText(await (await t.app.request('/')).text())).toContain('意見募集の一覧');
  });
});
