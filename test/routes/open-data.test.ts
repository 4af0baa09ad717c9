import { Validator } from '@seriousme/openapi-schema-validator';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  ApiIndex,
  Comment,
  Consultation,
  paged,
  Result,
  Section,
  single,
} from '../../src/schemas/open-data.ts';
import { makeTestApp, seedConsultation, visibleText } from '../helpers.ts';
import { publishResultNow, sectionIdsOf, seedComment } from './review-fixtures.ts';

const AFTER_CLOSE = '2026-12-05T03:00:00.000Z';

const SECRETS = {
  name: '秘密山太郎',
  address: '岡山県倉敷市秘密町9丁目',
  email: 'leak-check@example.invalid',
  phone: '086-999-1234',
  hiddenText: '非公開にした中傷文XYZZY',
  draftTitle: '未公開の下書き案QWERTY',
  redactedSpan: '電話は090-5555-0000です',
};

/** A consultation with a published result, built directly through the data layer. */
async function publishedFixture() {
  const t = await makeTestApp({ now: AFTER_CLOSE });
  const id = await seedConsultation(t.db, { title: '協働のまちづくり指針（案）' });
  const [s1, s2, s3] = (await sectionIdsOf(t.db, id)) as [number, number, number];
  const a = await seedComment(t.db, id, {
    body: '公園をもっと増やしてほしい。',
    sectionIds: [s2],
    name: SECRETS.name,
    address: SECRETS.address,
    email: SECRETS.email,
    phone: SECRETS.phone,
  });
  // The same person again, by post.
  const b = await seedComment(t.db, id, {
    body: `=SUM(1,2) 情報公開を進めて。${SECRETS.redactedSpan}`,
    sectionIds: [s3],
    name: SECRETS.name,
    address: SECRETS.address,
    channel: 'post',
  });
  const c = await seedComment(t.db, id, {
    body: '目的を明確に。',
    sectionIds: [s1],
    name: '別人',
    channel: 'fax',
  });
  const hidden = await seedComment(t.db, id, { body: SECRETS.hiddenText, name: '第三者' });
  const excluded = await seedComment(t.db, id, { body: '駅前の自転車について。', name: '四人目' });
  await t.db
    .updateTable('comments')
    .set({ body_redacted: '=SUM(1,2) 情報公開を進めて。［個人情報のため削除］' })
    .where('id', '=', b.id)
    .execute();
  await t.db
    .updateTable('comments')
    .set({ hidden_at: '2026-11-20T00:00:00.000Z', hidden_reason: 'abuse' })
    .where('id', '=', hidden.id)
    .execute();
  await t.db
    .updateTable('comments')
    .set({ excluded_reason: '案と関係のない意見' })
    .where('id', '=', excluded.id)
    .execute();
  const now = new Date('2026-11-30T00:00:00.000Z');
  const g1 = await t.db
    .insertInto('comment_groups')
    .values({
      consultation_id: id,
      position: 1,
      summary: '公園・情報公開について',
      response: '市の考え方：検討します。',
      outcome: 'revised',
      revision_note: '情報公開の項を修正しました。',
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const g2 = await t.db
    .insertInto('comment_groups')
    .values({
      consultation_id: id,
      position: 2,
      summary: '目的について',
      response: '原案のとおりとします。',
      outcome: 'not_revised',
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db.insertInto('group_sections').values({ group_id: g1.id, section_id: s3 }).execute();
  await t.db.updateTable('comments').set({ group_id: g1.id }).where('id', 'in', [a.id, b.id]).execute();
  await t.db.updateTable('comments').set({ group_id: g2.id }).where('id', '=', c.id).execute();
  await t.db
    .updateTable('sections')
    .set({ final_body_md: '市は、わかりやすい情報を速やかに積極的に公開します。' })
    .where('id', '=', s3)
    .execute();
  await publishResultNow(t.db, id, '2026-12-04T00:00:00.000Z', { note: '結果の補足です。' });
  const draftId = await seedConsultation(t.db, { title: SECRETS.draftTitle, status: 'draft' });
  return { ...t, id, draftId, ids: { a, b, c, hidden, excluded }, groups: [g1.id, g2.id] };
}

describe('open data', () => {
  it('lists public consultations as paged JSON with CORS and links', async () => {
    const t = await publishedFixture();
    await seedConsultation(t.db, { title: '二件目' });
    const res = await t.client.request('/api/v1/consultations?per_page=1');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const body = (await res.json()) as {
      data: { title: string }[];
      meta: { total: number };
      links: { next: string };
    };
    expect(body.meta.total).toBe(2);
    expect(body.data).toHaveLength(1);
    expect(body.links.next).toBe('http://localhost/api/v1/consultations?page=2&per_page=1');
    const bad = await t.client.request('/api/v1/consultations?per_page=101');
    expect(bad.status).toBe(400);
    const draft = await t.client.request(`/api/v1/consultations/${t.draftId}`);
    expect(draft.status).toBe(404);
  });

  it('serves the result and the published comments without hidden ones', async () => {
    const t = await publishedFixture();
    const result = await t.client.request(`/api/v1/consultations/${t.id}/result`);
    expect(result.status).toBe(200);
    const r = (await result.json()) as {
      data: {
        submitter_count: number;
        comment_count: number;
        groups: { no: number; comment_count: number }[];
      };
    };
    expect(r.data.submitter_count).toBe(4);
    expect(r.data.comment_count).toBe(5);
    expect(r.data.groups.map((g) => g.comment_count)).toEqual([2, 1]);
    const res = await t.client.request(`/api/v1/consultations/${t.id}/comments`);
    const body = (await res.json()) as { data: { id: number; received_date: string; text: string }[] };
    expect(body.data.map((x) => x.id)).toEqual([t.ids.a.id, t.ids.b.id, t.ids.c.id, t.ids.excluded.id]);
    expect(body.data[0]?.received_date).toBe('2026-11-10');
    expect(body.data[1]?.text).toContain('［個人情報のため削除］');
    const openapi = await t.client.request('/api/v1/openapi.json');
    const doc = (await openapi.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/consultations/{id}/comments');
  });

  it('refuses results and comments until the result is published', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    await seedComment(t.db, id, { body: 'まだ公表前の意見' });
    for (const path of [`/api/v1/consultations/${id}/result`, `/api/v1/consultations/${id}/comments`]) {
      const res = await t.client.request(path);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('まだ公表前の意見');
    }
    const csv = await t.client.request(`/consultations/${id}/comments.csv`);
    expect(csv.status).toBe(404);
  });

  it('downloads CSV for Excel: UTF-8 with BOM by default, Shift_JIS on request', async () => {
    const t = await publishedFixture();
    const res = await t.client.request(`/consultations/${t.id}/result.csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const disposition = res.headers.get('content-disposition') ?? '';
    expect(disposition).toContain(`filename="consultation-${t.id}-result.csv"`);
    expect(disposition).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).toBe('No.,該当箇所,意見の概要,件数,市の考え方,修正の有無,修正内容');
    expect(text).toContain(
      '1,第1章 2 情報の公開,公園・情報公開について,2,市の考え方：検討します。,修正あり,情報公開の項を修正しました。',
    );

    const sjis = await t.client.request(`/consultations/${t.id}/comments.csv?encoding=sjis`);
    expect(sjis.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
    const decoded = iconv.decode(Buffer.from(await sjis.arrayBuffer()), 'cp932');
    expect(decoded).toContain('公園をもっと増やしてほしい。');
    // A formula-like cell is neutralised, and a cell with a comma is quoted.
    expect(decoded).toContain(`"'=SUM(1,2) 情報公開を進めて。［個人情報のため削除］"`);
    expect(decoded).not.toContain(SECRETS.hiddenText);
  });

  it('names sections in comments.csv as people do, never by internal ids', async () => {
    const t = await publishedFixture();
    const res = await t.client.request(`/consultations/${t.id}/comments.csv`);
    const text = new TextDecoder().decode(new Uint8Array(await res.arrayBuffer()).slice(3));
    const [header, ...rows] = text.trim().split('\r\n');
    expect(header).toBe('ID,受付日,提出方法,区分,該当箇所,意見,整理番号（No.）,対象外の理由');
    expect(rows[0]).toBe(
      `${t.ids.a.id},2026-11-10,Webフォーム,市内在住,第1章 1 協働の原則,公園をもっと増やしてほしい。,1,`,
    );
    expect(rows[2]).toContain(',FAX,市内在住,第1章 指針の目的,目的を明確に。,2,');
  });

  it('publishes an Atom feed of new consultations and results, newest first', async () => {
    const t = await publishedFixture();
    const res = await t.client.request('/feed.atom');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    const titles = [...xml.matchAll(/<entry>[\s\S]*?<title>([^<]*)<\/title>/g)].map((m) => m[1]);
    expect(titles).toEqual([
      '【結果公表】協働のまちづくり指針（案）',
      '【意見募集】協働のまちづくり指針（案）',
    ]);
    expect(xml).toContain(`<id>http://localhost/consultations/${t.id}#result</id>`);
    expect(xml).toContain('<updated>2026-12-04T00:00:00.000Z</updated>');
  });

  it('never shows personal data, hidden comments, drafts or redacted text on any public route', async () => {
    const t = await publishedFixture();
    const receipt = t.ids.a.receiptCode;
    const paths = [
      '/',
      `/consultations/${t.id}`,
      `/consultations/${t.draftId}`,
      `/receipts/${receipt}`,
      '/api/v1',
      '/api/v1/consultations',
      `/api/v1/consultations/${t.id}`,
      `/api/v1/consultations/${t.id}/sections`,
      `/api/v1/consultations/${t.id}/result`,
      `/api/v1/consultations/${t.id}/comments`,
      `/api/v1/consultations/${t.draftId}`,
      `/api/v1/consultations/${t.draftId}/sections`,
      '/api/v1/openapi.json',
      '/feed.atom',
      `/consultations/${t.id}/result.csv`,
      `/consultations/${t.id}/comments.csv`,
      `/consultations/${t.id}/comments.csv?encoding=sjis`,
      `/consultations/${t.id}/result.csv?encoding=sjis`,
      `/consultations/${t.id}/result.csv?lang=en`,
    ];
    for (const path of paths) {
      const res = await t.client.request(path);
      const buf = Buffer.from(await res.arrayBuffer());
      const text = path.includes('sjis') ? iconv.decode(buf, 'cp932') : buf.toString('utf8');
      for (const [what, secret] of Object.entries(SECRETS)) {
        expect(text.includes(secret), `${path} shows ${what}`).toBe(false);
      }
    }
  });

  it('shows the published result on the public page and the outcome on the receipt page', async () => {
    const t = await publishedFixture();
    const { res, html } = await t.client.get(`/consultations/${t.id}`);
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('意見募集の結果');
    expect(text).toContain('4人から5件');
    expect(text).toContain('公園・情報公開について');
    expect(text).toContain('案と関係のない意見（1件）');
    expect(text).toContain('誹謗中傷・不適切な表現（1件）');
    expect(html).toContain('<ins class="diff-ins"><span class="diff-label">［追加］</span>速やかに</ins>');
    expect(html).toContain(`href="/consultations/${t.id}/result.csv"`);
    const receipt = await t.client.get(`/receipts/${t.ids.a.receiptCode}`);
    expect(visibleText(receipt.html)).toContain('ご意見は、結果の表の No.1 に整理しました。');
  });
});

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const t = await makeTestApp();
    const res = await t.client.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    const validator = new Validator();
    const check = await validator.validate(doc);
    expect(check.errors ?? []).toEqual([]);
    expect(check.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('describes every route the API answers, with its parameters', async () => {
    const t = await makeTestApp();
    const doc = (await (await t.client.request('/api/v1/openapi.json')).json()) as {
      paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }>;
    };
    const served = t.app.routes
      .filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1') && !r.path.endsWith('*'))
      .map((r) => r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}') || '/');
    expect(served.length).toBeGreaterThanOrEqual(7);
    expect(Object.keys(doc.paths).sort()).toEqual([...new Set(served)].sort());
    const params = (path: string) => (doc.paths[path]?.get?.parameters ?? []).map((p) => `${p.in}:${p.name}`);
    expect(params('/consultations')).toEqual(['query:page', 'query:per_page']);
    expect(params('/consultations/{id}/comments').sort()).toEqual([
      'path:id',
      'query:page',
      'query:per_page',
    ]);
  });

  it('answers exactly what it describes', async () => {
    const t = await publishedFixture();
    const get = async (path: string) => {
      const res = await t.client.request(`/api/v1${path}`);
      expect(res.status, path).toBe(200);
      return res.json();
    };
    ApiIndex.parse(await get(''));
    paged(Consultation).parse(await get('/consultations'));
    single(Consultation).parse(await get(`/consultations/${t.id}`));
    single(Section.array()).parse(await get(`/consultations/${t.id}/sections`));
    single(Result).parse(await get(`/consultations/${t.id}/result`));
    paged(Comment).parse(await get(`/consultations/${t.id}/comments?per_page=2&page=2`));
  });

  it('refuses bad paging with 400 and a made-up id with 404, as JSON errors', async () => {
    const t = await publishedFixture();
    const cases: [string, number, string][] = [
      ['/consultations?page=0', 400, 'page must be a positive integer'],
      ['/consultations?page=abc', 400, 'page must be a positive integer'],
      ['/consultations?per_page=101', 400, 'per_page must be an integer from 1 to 100'],
      ['/consultations?per_page=1.5', 400, 'per_page must be an integer from 1 to 100'],
      [`/consultations/${t.id}/comments?per_page=0`, 400, 'per_page must be an integer from 1 to 100'],
      ['/consultations/abc', 404, 'No such consultation.'],
      ['/consultations/0', 404, 'No such consultation.'],
      ['/consultations/99999', 404, 'No such consultation.'],
      ['/nowhere', 404, 'Not found.'],
    ];
    for (const [path, status, message] of cases) {
      const res = await t.client.request(`/api/v1${path}`);
      expect(res.status, path).toBe(status);
      expect(res.headers.get('content-type'), path).toBe('application/json; charset=utf-8');
      expect(res.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(await res.json(), path).toEqual({ error: { status, message } });
    }
  });
});

describe('links in the open data (#11.11)', () => {
  const paths = ['/feed.atom', '/api/v1', '/api/v1/consultations', '/api/v1/openapi.json'];

  it('never lets a shared cache keep links built from a Host header anyone can send', async () => {
    const t = await makeTestApp();
    await seedConsultation(t.db);
    for (const path of paths) {
      const res = await t.app.request(`http://evil.example${path}`);
      expect(res.status, path).toBe(200);
      const cache = res.headers.get('cache-control') ?? '';
      const body = await res.text();
      // Either the links are not the forged host's, or no shared cache may store the answer.
      if (body.includes('evil.example')) expect(cache, path).not.toMatch(/\bpublic\b/);
      expect(cache, path).toMatch(/max-age=\d+/);
    }
  });

  it('uses the configured public address for every link, and then may be cached publicly', async () => {
    const t = await makeTestApp({ env: { KOE_PUBLIC_URL: 'https://pubcom.city.example/' } });
    const id = await seedConsultation(t.db);
    for (const path of paths) {
      const res = await t.app.request(`http://evil.example${path}`);
      const body = await res.text();
      expect(body, path).not.toContain('evil.example');
      expect(body, path).toContain('https://pubcom.city.example/');
      expect(res.headers.get('cache-control'), path).toMatch(/^public, max-age=\d+$/);
    }
    const feed = await (await t.app.request('http://evil.example/feed.atom')).text();
    expect(feed).toContain(
      `<link rel="alternate" type="text/html" href="https://pubcom.city.example/consultations/${id}"/>`,
    );
  });
});

describe('the feed around the opening (#9.14)', () => {
  const entries = (xml: string) =>
    [...xml.matchAll(/<entry>[\s\S]*?<title>([^<]*)<\/title>[\s\S]*?<updated>([^<]*)<\/updated>/g)].map(
      (m) => `${m[2]} ${m[1]}`,
    );

  it('announces a scheduled consultation as 予告 and calls for comments only when it opens', async () => {
    const t = await makeTestApp({ now: '2026-11-24T03:00:00.000Z' });
    await seedConsultation(t.db, {
      title: '来月の案',
      published_at: '2026-11-20T00:00:00.000Z',
      opens_at: '2026-12-10T00:00:00.000Z',
      closes_at: '2027-01-10T14:59:59.999Z',
    });
    const before = await (await t.client.request('/feed.atom')).text();
    expect(entries(before)).toEqual(['2026-11-20T00:00:00.000Z 【予告】来月の案']);
    expect(before).toContain('令和8年12月10日（木）から');
    expect(before).not.toContain('【意見募集】');

    t.clock.set('2026-12-10T01:00:00.000Z');
    const after = await (await t.client.request('/feed.atom')).text();
    expect(entries(after)).toEqual([
      '2026-12-10T00:00:00.000Z 【意見募集】来月の案',
      '2026-11-20T00:00:00.000Z 【予告】来月の案',
    ]);
    expect(after).toContain('<updated>2026-12-10T00:00:00.000Z</updated>');
  });

  it('never calls for comments on a consultation withdrawn before it opened', async () => {
    const t = await makeTestApp({ now: '2026-12-20T03:00:00.000Z' });
    await seedConsultation(t.db, {
      title: '中止した案',
      status: 'withdrawn',
      published_at: '2026-11-20T00:00:00.000Z',
      opens_at: '2026-12-10T00:00:00.000Z',
      closes_at: '2027-01-10T14:59:59.999Z',
      withdrawn_at: '2026-12-01T00:00:00.000Z',
      withdrawal_reason: '上位計画の見直しのため',
    });
    const xml = await (await t.client.request('/feed.atom')).text();
    expect(entries(xml)).toEqual([
      '2026-12-01T00:00:00.000Z 【中止】中止した案',
      '2026-11-20T00:00:00.000Z 【予告】中止した案',
    ]);
  });
});
