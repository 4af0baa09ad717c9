import { describe, expect, it } from 'vitest';
import type { Category, Channel } from '../../db/schema.ts';
import { analyse } from '../../src/analysis/index.ts';
import { heldSpawn } from '../held-spawn.ts';
import { type AnalysisRunnerOptions, createAnalysisRunner } from '../../src/analysis-runner/index.ts';
import { createApp } from '../../src/app.tsx';
import { receiveComment } from '../../src/usecases/intake.ts';
import { hideComment } from '../../src/usecases/moderation.ts';
import { createTestUser, loginAs } from '../helpers-auth.ts';
import {
  loggedDb,
  makeTestApp,
  sectionIdsOf,
  seedConsultation,
  TEST_SECRET,
  TestClient,
  visibleText,
} from '../helpers.ts';

const PERSON = {
  name: '倉敷一郎ZZQ',
  address: '岡山県倉敷市西中新田999番地ZZQ',
  email: 'zzq-person@example.jp',
  phone: '090-9999-0123',
  representative: '代表者ZZQ',
};

const TEMPLATE = '公園の遊具の安全点検を毎月実施してください。子どもが安心して遊べる公園にしてほしいです。';
const ADDITIONS = [
  'うちの近所の滑り台は錆びています。',
  'ブランコの鎖も心配です。',
  '砂場の衛生管理もお願いします。',
];
const IDENTICAL = '市役所の窓口の受付時間を夜八時まで延長してください。';
const HIDDEN_TEXT = '隠すべき不適切な文面QQH';

const VARIED = [
  '図書館の開館時間を平日も夜まで延ばしてほしい。仕事帰りに本を借りたい。',
  '図書館の蔵書をもっと増やしてほしい。特に子ども向けの本が少ない。',
  '図書館の自習スペースが足りません。学生が使える席を増やしてください。',
  '図書館の駐車場が狭く、休日は停められない。',
  '図書館で電子書籍の貸し出しを始めてほしい。',
  'バスの本数が少なく、通院に不便です。路線バスを増便してください。',
  'バス停に屋根とベンチを設置してほしい。高齢者には待つのがつらい。',
  'コミュニティバスの路線を郊外の団地まで延ばしてほしい。',
  'バスの時刻表が見づらい。大きな文字で案内してください。',
  '市民と市の協働には、情報の公開が欠かせません。会議の議事録を早く公開してほしい。',
  '協働の原則にある対等な立場という言葉の意味を具体的に示してください。',
  'ボランティア団体への支援を増やし、協働のまちづくりを進めてほしい。',
  'NPOと市の協働事業の評価を公表してください。',
];

interface Seeded {
  t: Awaited<ReturnType<typeof makeTestApp>>;
  id: number;
  sectionIds: number[];
}

async function addComment(
  s: Seeded,
  body: string,
  opts: {
    channel?: Channel;
    category?: Category | null;
    day?: number;
    sections?: number[];
    person?: boolean;
  } = {},
) {
  const receivedAt = new Date(Date.UTC(2026, 10, 10 + (opts.day ?? 0), 1, 0, 0));
  const outcome = await receiveComment(
    s.t.db,
    TEST_SECRET,
    {
      consultationId: s.id,
      channel: opts.channel ?? 'web',
      receivedAt,
      draft: {
        sectionIds: opts.sections ?? [],
        body,
        submitterKind: opts.person ? 'individual' : 'anonymous',
        name: opts.person ? PERSON.name : '',
        address: opts.person ? PERSON.address : '',
        organisationName: '',
        representative: opts.person ? PERSON.representative : '',
        category: opts.category === undefined ? 'resident' : opts.category,
        email: opts.person ? PERSON.email : '',
        phone: opts.person ? PERSON.phone : '',
      },
    },
    receivedAt,
  );
  if (!outcome.ok) throw new Error(`The fixture comment was refused: ${outcome.refusal}`);
  return outcome.comment;
}

async function setup(analysis?: Omit<AnalysisRunnerOptions, 'db' | 'clock'>): Promise<Seeded> {
  const t = await makeTestApp({ now: '2026-11-24T03:00:00.000Z', analysis });
  const id = await seedConsultation(t.db);
  const s: Seeded = { t, id, sectionIds: await sectionIdsOf(t.db, id) };
  const [s1, s2, s3] = s.sectionIds;
  // A form letter: the template, some copies with additions.
  for (let i = 0; i < 6; i++) {
    await addComment(s, i < ADDITIONS.length ? `${TEMPLATE}${ADDITIONS[i]}` : TEMPLATE, {
      channel: 'post',
      day: 1,
      sections: [s2 as number],
      category: 'resident',
    });
  }
  // Identical copies.
  for (let i = 0; i < 4; i++) await addComment(s, IDENTICAL, { channel: 'fax', day: 2, category: 'worker' });
  // Varied comments; the first carries personal data in the submitter fields.
  for (const [i, body] of VARIED.entries()) {
    await addComment(s, body, {
      channel: i % 3 === 0 ? 'email' : 'web',
      day: i % 4,
      sections: i % 2 === 0 ? [s1 as number] : [s3 as number],
      category: i % 5 === 0 ? null : 'student',
      person: i === 0,
    });
  }
  const hidden = await addComment(s, HIDDEN_TEXT, { day: 3 });
  const admin = await createTestUser(t.db, 'admin', 'moderator@example.jp');
  await hideComment(
    t.db,
    {
      commentId: hidden.id,
      reason: 'abuse',
      note: '',
      actor: { id: admin.id, label: 'moderator@example.jp' },
    },
    new Date('2026-11-20T00:00:00.000Z'),
  );
  return s;
}

function expectNoPersonalData(text: string) {
  for (const v of Object.values(PERSON)) expect(text).not.toContain(v);
  expect(text).not.toContain(HIDDEN_TEXT);
}

describe('council pages', () => {
  it('send nobody who is not signed in anywhere but /login', async () => {
    const s = await setup();
    for (const path of [
      '/council',
      `/council/consultations/${s.id}`,
      `/council/consultations/${s.id}/summary.json`,
    ]) {
      const res = await s.t.client.request(path);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(/^\/login\?next=/);
    }
  });

  it('list the published consultations with their counts', async () => {
    const s = await setup();
    await loginAs(s.t, 'council');
    const { res, html } = await s.t.client.get('/council');
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('協働のまちづくり指針（案）');
    expect(html).toContain(`href="/council/consultations/${s.id}"`);
    expect(text).toContain('24');
  });

  it('shows a council member the counts, campaigns with additions and themes with key terms', async () => {
    const s = await setup();
    await loginAs(s.t, 'council');
    const { res, html } = await s.t.client.get(`/council/consultations/${s.id}`);
    expect(res.status).toBe(200);
    const text = visibleText(html);
    // 24 comments: 6 + 4 + 13 + 1 hidden; the anonymous ones each count as a submitter.
    expect(text).toMatch(/\d+人から24件の意見が提出されました/);
    for (const label of ['Webフォーム', '郵送', 'FAX', '電子メール']) expect(text).toContain(label);
    for (const label of ['市内在住', '市内在勤', '市内在学', '未回答']) expect(text).toContain(label);
    expect(text).toContain('第1章 指針の目的');
    expect(text).toContain('全般（該当箇所の指定なし）');
    expect(text).toContain('受付日別');
    expect(html).toContain('role="img"');
    expect(html).toContain('<title id="chart-day-title">');
    expect(html).toContain('aria-labelledby="chart-section-title chart-section-desc"');
    // Campaigns: the form letter once, with what each copy added; the identical text with its count.
    expect(text).toContain('定型文に追記した文面：6件');
    expect(text).toContain('同一の文面：4件');
    expect(text).toContain(IDENTICAL);
    for (const a of ADDITIONS) expect(text).toContain(a);
    expect(html).toContain('<details');
    // Themes with key terms and representative comments, linked to their full lists.
    expect(text).toContain('テーマ1：');
    expect(text).toContain('主な語：');
    expect(text).toContain('代表的な意見');
    expect(html).toMatch(new RegExp(`/council/consultations/${s.id}/clusters/t1"`));
    expect(text).toMatch(/図書館|バス/);
    // Hidden: counted by reason, text absent.
    expect(text).toContain('非表示とした意見 1件');
    expect(text).toContain('誹謗中傷・不適切な表現 1件');
    expectNoPersonalData(html);
    // Counts are not votes, and the page never speaks of a majority.
    expect(text).toContain('意見の件数は賛否の多数決を示すものではありません。内容に基づいて検討します。');
    const withoutStatement = text.replaceAll('意見の件数は賛否の多数決を示すものではありません。', '');
    expect(withoutStatement).not.toContain('多数');
    expect(text).not.toContain('過半数');
    expect(text).toContain('集計・分析の方法');
  });

  it('lists every comment of a theme without personal data', async () => {
    const s = await setup();
    await loginAs(s.t, 'council');
    const json = (await (await s.t.client.request(`/council/consultations/${s.id}/summary.json`)).json()) as {
      themes: { id: string; size: number; groups: { id: string; size: number }[] }[];
    };
    for (const theme of json.themes) {
      const { res, html } = await s.t.client.get(`/council/consultations/${s.id}/clusters/${theme.id}`);
      expect(res.status).toBe(200);
      expect(visibleText(html)).toContain(`${theme.size}件の意見`);
      expectNoPersonalData(html);
    }
    const missing = await s.t.client.get(`/council/consultations/${s.id}/clusters/t99`);
    expect(missing.res.status).toBe(404);
  });

  it('gives the summary as JSON and CSV without personal data', async () => {
    const s = await setup();
    await loginAs(s.t, 'council');
    const jsonRes = await s.t.client.request(`/council/consultations/${s.id}/summary.json`);
    expect(jsonRes.status).toBe(200);
    expect(jsonRes.headers.get('content-type')).toContain('application/json');
    const raw = await jsonRes.text();
    expectNoPersonalData(raw);
    const json = JSON.parse(raw);
    expect(json.counts.commentCount).toBe(24);
    expect(json.counts.hidden.count).toBe(1);
    expect(json.analysis.status).toBe('ready');
    expect(json.campaigns.length).toBeGreaterThanOrEqual(2);
    expect(json.themes.length).toBeGreaterThan(0);

    const csvRes = await s.t.client.request(`/council/consultations/${s.id}/summary.csv`);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-type')).toContain('text/csv');
    expect(csvRes.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(await csvRes.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain('\r\n');
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
    expect(csv).toContain('意見数,24');
    expect(csv).toContain('郵送,6');
    expect(csv).toContain(IDENTICAL);
    expectNoPersonalData(csv);
  });

  it('is available in English', async () => {
    const s = await setup();
    await loginAs(s.t, 'council');
    const { res, html } = await s.t.client.get(`/council/consultations/${s.id}?lang=en`);
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('The number of comments is not a vote for or against.');
    expect(text).toContain('By submitter category');
    expect(text).toContain('Form letter with additions: 6 comment(s)');
    expect(text).not.toContain('提出者数');
  });

  it('offers a print layout with the date of preparation', async () => {
    const s = await setup();
    await loginAs(s.t, 'council');
    const { res, html } = await s.t.client.get(`/council/consultations/${s.id}/print`);
    expect(res.status).toBe(200);
    expect(html).toContain('council-print');
    const text = visibleText(html);
    expect(text).toContain('資料作成日');
    expect(text).toContain('令和8年11月24日');
    expect(html).not.toContain('hx-get');
    expectNoPersonalData(html);
  });

  it('shows the staff groups marked as a draft before the result is published', async () => {
    const s = await setup();
    const at = '2026-11-20T00:00:00.000Z';
    await s.t.db
      .insertInto('comment_groups')
      .values({
        consultation_id: s.id,
        position: 1,
        summary: '図書館の開館時間の延長を求める意見',
        response: '開館時間の延長について検討します。',
        outcome: 'future_reference',
        created_at: at,
        updated_at: at,
      })
      .execute();
    await loginAs(s.t, 'council');
    const text = visibleText((await s.t.client.get(`/council/consultations/${s.id}`)).html);
    expect(text).toContain('図書館の開館時間の延長を求める意見');
    expect(text).toContain('開館時間の延長について検討します。');
    expect(text).toContain('今後の参考');
    expect(text).toContain('（案）');
  });

  it('reuses the cached analysis and recomputes it after a comment is added or hidden', async () => {
    const s = await setup();
    await loginAs(s.t, 'council');
    await s.t.client.get(`/council/consultations/${s.id}`);
    const first = await s.t.db.selectFrom('analysis_cache').selectAll().executeTakeFirstOrThrow();
    expect(first.computed_at).toBe('2026-11-24T03:00:00.000Z');

    s.t.clock.set('2026-11-24T03:10:00.000Z');
    const again = await s.t.client.get(`/council/consultations/${s.id}`);
    expect(again.res.status).toBe(200);
    const second = await s.t.db.selectFrom('analysis_cache').selectAll().executeTakeFirstOrThrow();
    expect(second.computed_at).toBe(first.computed_at);
    expect(second.input_version).toBe(first.input_version);

    const added = await addComment(s, '公民館の予約をインターネットでできるようにしてほしい。', { day: 3 });
    s.t.clock.set('2026-11-24T03:20:00.000Z');
    const third = await s.t.client.get(`/council/consultations/${s.id}`);
    expect(visibleText(third.html)).toContain('25件の意見');
    const after = await s.t.db.selectFrom('analysis_cache').selectAll().executeTakeFirstOrThrow();
    expect(after.computed_at).toBe('2026-11-24T03:20:00.000Z');
    expect(after.input_version).toBeGreaterThan(first.input_version);

    const admin = await createTestUser(s.t.db, 'admin', 'hider@example.jp');
    await hideComment(
      s.t.db,
      { commentId: added.id, reason: 'off_topic', note: '', actor: { id: admin.id, label: admin.email } },
      new Date('2026-11-24T03:25:00.000Z'),
    );
    s.t.clock.set('2026-11-24T03:30:00.000Z');
    await s.t.client.get(`/council/consultations/${s.id}`);
    const hidden = await s.t.db.selectFrom('analysis_cache').selectAll().executeTakeFirstOrThrow();
    expect(hidden.computed_at).toBe('2026-11-24T03:30:00.000Z');
    expect(hidden.input_version).toBeGreaterThan(after.input_version);
    expect(hidden.result_json).not.toContain('公民館の予約');
  });

  it("does not read the comments' texts for the analysis while nothing changed", async () => {
    const s = await setup();
    // The same database, through a Kysely that records every query.
    const queries: string[] = [];
    const db = loggedDb(s.t.store, (sql) => queries.push(sql));
    const analysis = createAnalysisRunner({ db, clock: s.t.clock });
    const app = createApp({ db, config: s.t.config, secret: TEST_SECRET, clock: s.t.clock, analysis });
    const t = { ...s.t, db, app, client: new TestClient(app) };
    await loginAs(t, 'council');
    const first = await t.client.get(`/council/consultations/${s.id}`);
    expect(visibleText(first.html)).toContain('同一・類似意見の大量提出');
    // Reading every comment's text (what the analysis is given) is a query on comments that
    // selects the text and names no ids; the representatives shown are read by id.
    const readsAllTexts = (sql: string) =>
      /from "comments"/.test(sql) && /"body_redacted"/.test(sql) && !/ in \(/.test(sql);
    expect(queries.some(readsAllTexts)).toBe(true);

    queries.length = 0;
    const again = await t.client.get(`/council/consultations/${s.id}`);
    expect(visibleText(again.html)).toContain('同一・類似意見の大量提出');
    expect(queries.filter(readsAllTexts)).toEqual([]);
    expect(queries.filter((q) => /from "analysis_versions"/.test(q))).toHaveLength(1);

    // The analysis alone, asked again: one query, the version; no comment is read at all.
    queries.length = 0;
    expect((await analysis.get(s.id)).state).toBe('ready');
    expect(queries).toEqual([expect.stringMatching(/from "analysis_versions"/)]);
  });

  it('starts one analysis for concurrent requests', async () => {
    const held = heldSpawn();
    const s = await setup({ spawn: held.spawn, syncLimit: 0 });
    await loginAs(s.t, 'council');
    const pages = await Promise.all([1, 2, 3].map(() => s.t.client.get(`/council/consultations/${s.id}`)));
    for (const p of pages) expect(p.res.status).toBe(200);
    held.release();
    const json = await s.t.client.request(`/council/consultations/${s.id}/summary.json`);
    expect(((await json.json()) as { analysis: { status: string } }).analysis.status).toBe('ready');
    expect(held.starts()).toBe(1);
  });

  it('renders the counts at once and a polling progress region while a large analysis runs', async () => {
    const held = heldSpawn();
    const s = await setup({ spawn: held.spawn, syncLimit: 0 });
    await loginAs(s.t, 'council');
    const { res, html } = await s.t.client.get(`/council/consultations/${s.id}`);
    expect(res.status).toBe(200);
    const text = visibleText(html);
    expect(text).toContain('24件の意見');
    expect(text).toMatch(/分析中… \d+%/);
    expect(html).toContain(`hx-get="/council/consultations/${s.id}/analysis"`);
    expect(html).toContain('hx-trigger="every 2s"');
    expect(html).toContain('再読み込み');
    // The poll the way htmx sends it, while the job is still held: progress, half-way through.
    const poll = () =>
      s.t.client.get(`/council/consultations/${s.id}/analysis`, {
        'hx-request': 'true',
        'hx-request-type': 'partial',
      });
    const running = await poll();
    expect(running.html).not.toContain('<html');
    expect(running.html).toContain('hx-trigger');
    expect(visibleText(running.html)).toMatch(/分析中… 73%/);
    // Once the job is done (the JSON waits for it), the next poll replaces the region.
    held.release();
    await s.t.client.request(`/council/consultations/${s.id}/summary.json`);
    const done = await poll();
    expect(done.html).not.toContain('<html');
    expect(done.html).not.toContain('hx-trigger');
    expect(visibleText(done.html)).toContain('同一・類似意見の大量提出');
    const rows = await s.t.db.selectFrom('analysis_cache').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(held.starts()).toBe(1);
  });

  it('says so when the analysis fails, and tries again on the next view', async () => {
    let fail = true;
    const s = await setup({
      spawn: async (items, options) => {
        if (fail) throw new Error('worker crashed');
        return JSON.stringify(analyse(items, options));
      },
    });
    await loginAs(s.t, 'council');
    const failed = await s.t.client.get(`/council/consultations/${s.id}`);
    expect(failed.res.status).toBe(200);
    expect(visibleText(failed.html)).toContain('24件の意見');
    expect(visibleText(failed.html)).toContain('内容の分析を完了できませんでした。 もう一度試す');
    fail = false;
    const retried = await s.t.client.get(`/council/consultations/${s.id}`);
    expect(visibleText(retried.html)).toContain('同一・類似意見の大量提出');
  });
});
