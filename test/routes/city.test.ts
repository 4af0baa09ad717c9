import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { writeCitySettingsJson } from '../../src/data/city.ts';
import { makeTestApp, seedConsultation, TestClient, visibleText } from '../helpers.ts';
import { loginAs } from '../helpers-auth.ts';
import { publishResultNow, seedComment } from './review-fixtures.ts';

type T = Awaited<ReturnType<typeof makeTestApp>>;

const AFTER_CLOSE = '2026-12-05T03:00:00.000Z';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]);

const OKAYAMA = {
  city_name_ja: '岡山市',
  city_name_en: 'Okayama City',
  site_url: 'https://www.city.okayama.example/',
  privacy_url: 'https://www.city.okayama.example/privacy',
  accessibility_url: 'https://www.city.okayama.example/accessibility',
  contact_url: 'https://www.city.okayama.example/contact',
  notice_ja: 'ご意見は岡山市の施策の検討に使います。個人情報は公表しません。',
  notice_en: 'Okayama City uses your comments to decide. Personal details are never published.',
  default_period_days: '30',
  default_max_comment_length: '4000',
};

/** An admin (signed in on `t.client`) saves the city settings through the settings page. */
async function saveSettings(t: T, fields: Record<string, string> = OKAYAMA) {
  await t.client.get('/staff/admin/settings');
  return t.client.post('/staff/admin/settings', fields);
}

function uploadLogo(t: T, name: string, bytes: Uint8Array) {
  const form = new FormData();
  form.append('_csrf', t.client.lastCsrf);
  form.append('logo', new Blob([new Uint8Array(bytes)]), name);
  return t.client.request('/staff/admin/settings/logo', { method: 'POST', body: form });
}

describe('the city settings page', () => {
  it('saves the city’s name, links and notice, audited, and every page and the feed show them', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'admin');
    const { res } = await saveSettings(t);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/staff/admin/settings?done=saved');

    const visitor = new TestClient(t.app);
    const { html } = await visitor.get('/');
    expect(html).toContain('<title>意見募集の一覧 | 岡山市 意見募集（パブリックコメント）</title>');
    const footer = html.slice(html.indexOf('<footer'));
    expect(visibleText(footer)).toContain(OKAYAMA.notice_ja);
    for (const [href, label] of [
      [OKAYAMA.site_url, '岡山市ホームページ'],
      [OKAYAMA.privacy_url, 'プライバシーポリシー'],
      [OKAYAMA.accessibility_url, 'ウェブアクセシビリティ方針'],
      [OKAYAMA.contact_url, 'お問い合わせ'],
    ]) {
      expect(footer).toContain(`<a href="${href}">${label}</a>`);
    }
    const en = await visitor.get('/?lang=en');
    expect(en.html).toContain('Okayama City public comment');
    expect(visibleText(en.html)).toContain(OKAYAMA.notice_en);
    const feed = await (await visitor.request('/feed.atom')).text();
    expect(feed).toContain('<title>岡山市 意見募集（パブリックコメント）</title>');
    expect(feed).toContain('<author><name>岡山市</name></author>');

    const entry = await t.db
      .selectFrom('audit_log')
      .select(['action', 'target_kind', 'before_json', 'after_json'])
      .where('action', '=', 'city.update')
      .executeTakeFirstOrThrow();
    expect(entry.target_kind).toBe('city');
    expect(JSON.parse(entry.before_json!)).toMatchObject({ city_name_ja: '', site_url: '' });
    expect(JSON.parse(entry.after_json!)).toMatchObject({
      city_name_ja: '岡山市',
      site_url: OKAYAMA.site_url,
    });
    // Saving the same again is no change and no entry.
    expect((await saveSettings(t)).res.headers.get('location')).toBe('/staff/admin/settings?done=unchanged');
    expect(
      await t.db.selectFrom('audit_log').select('id').where('action', '=', 'city.update').execute(),
    ).toHaveLength(1);
    const log = visibleText((await t.client.get('/staff/admin/audit?action=city')).html);
    expect(log).toContain('市の設定の変更');
  });

  it('refuses a link that is not a web address, a period under 30 days and an empty name, keeping the input', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'admin');
    const { res, html } = await saveSettings(t, {
      ...OKAYAMA,
      city_name_ja: ' ',
      privacy_url: 'javascript:alert(1)',
      default_period_days: '20',
      default_max_comment_length: '50',
    });
    expect(res.status).toBe(422);
    const text = visibleText(html);
    expect(text).toContain('市の名前を入力してください');
    expect(text).toContain('https:// または http:// で始まるアドレスを入力してください。');
    expect(text).toContain('30から365までの日数を入力してください');
    expect(text).toContain('100から100000までの数を入力してください。');
    expect(html).toContain('value="javascript:alert(1)"');
    expect(await t.db.selectFrom('settings').select('key').where('key', '=', 'city').execute()).toEqual([]);
    expect(visibleText((await new TestClient(t.app).get('/')).html)).not.toContain('javascript:');
  });

  it('is for administrators only', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'staff');
    expect((await t.client.get('/staff/admin/settings')).res.status).toBe(403);
    expect((await t.client.post('/staff/admin/settings', OKAYAMA)).res.status).toBe(403);
  });

  it('uses the default period and length limit for a new consultation', async () => {
    const t = await makeTestApp({ now: '2026-11-24T03:00:00.000Z' });
    await loginAs(t, 'admin');
    await saveSettings(t, { ...OKAYAMA, default_period_days: '45', default_max_comment_length: '2000' });
    const staff = new TestClient(t.app);
    await loginAs({ client: staff, db: t.db }, 'staff');
    const { html } = await staff.get('/staff/consultations/new');
    expect(html).toMatch(/name="max_comment_length" value="2000"/);
    // Opens tomorrow (Tokyo), closes at the end of the 45th day, both counted.
    expect(html).toContain('name="opens_at" value="2026-11-25T00:00"');
    expect(html).toContain('name="closes_at" value="2027-01-08T23:59"');
  });
});

describe('the logo', () => {
  it('is checked like a document, stored, served under an address that changes with it, and cached for good', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'admin');
    await t.client.get('/staff/admin/settings');
    const fake = await uploadLogo(t, 'logo.png', new TextEncoder().encode('<svg onload="alert(1)"/>'));
    expect(fake.status).toBe(422);
    expect(visibleText(await fake.text())).toContain('PNG、JPEG、GIF、WebP のいずれかの画像を選んでください');
    const svg = await uploadLogo(t, 'logo.svg', new TextEncoder().encode('<svg/>'));
    expect(svg.status).toBe(422);

    const saved = await uploadLogo(t, 'logo.png', PNG);
    expect(saved.status).toBe(303);
    const visitor = new TestClient(t.app);
    const home = await visitor.get('/');
    const src = home.html.match(/<img class="city-logo" src="([^"]+)"/)?.[1] ?? '';
    expect(src).toMatch(/^\/city\/logo-[0-9a-f]{16}\.png$/);
    const logo = await visitor.request(src);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(logo.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(logo.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await logo.arrayBuffer())).toEqual(PNG);

    // A new logo has a new address; the old one is gone.
    await uploadLogo(t, 'logo.png', new Uint8Array([...PNG, 9]));
    const next = (await visitor.get('/')).html.match(/<img class="city-logo" src="([^"]+)"/)?.[1];
    expect(next).not.toBe(src);
    expect((await visitor.request(src)).status).toBe(404);
    expect((await visitor.request('/city/logo-0000000000000000.png')).status).toBe(404);

    await t.client.get('/staff/admin/settings');
    expect((await t.client.post('/staff/admin/settings/logo/delete')).res.status).toBe(303);
    expect((await visitor.get('/')).html).not.toContain('class="city-logo"');
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'city.%')
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['city.logo', 'city.logo', 'city.logo_remove']);
  });
});

/** A consultation with comments and a published result, a draft, and a receipt. */
async function publishedCity(t: T) {
  const id = await seedConsultation(t.db, { title: '協働のまちづくり指針（案）' });
  const a = await seedComment(t.db, id, { body: '公園をもっと増やしてほしい。', name: '山田' });
  const group = await t.db
    .insertInto('comment_groups')
    .values({
      consultation_id: id,
      position: 1,
      summary: '公園について',
      response: '検討します。',
      outcome: 'future_reference',
      created_at: '2026-11-30T00:00:00.000Z',
      updated_at: '2026-11-30T00:00:00.000Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.db.updateTable('comments').set({ group_id: group.id }).where('id', '=', a.id).execute();
  await publishResultNow(t.db, id, '2026-12-04T00:00:00.000Z');
  const draft = await seedConsultation(t.db, { title: '下書きの案', status: 'draft' });
  return { id, draft, receipt: a.receiptCode };
}

/** Every GET route the app answers, its parameters filled with the fixture's ids. */
function everyGetPath(t: T, f: Awaited<ReturnType<typeof publishedCity>>): string[] {
  const fill: Record<string, string> = { id: String(f.id), code: f.receipt, token: 'made-up' };
  const paths = new Set<string>();
  for (const r of t.app.routes) {
    if (r.method !== 'GET' || r.path.includes('*')) continue;
    paths.add(r.path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, (_m, name: string) => fill[name] ?? '1'));
  }
  return [
    ...paths,
    `/consultations/${f.draft}`,
    `/consultations/${f.id}/result.csv?encoding=sjis`,
    `/consultations/${f.id}/comments.csv?encoding=sjis`,
    '/no-such-page',
  ];
}

async function textOf(res: Response, path: string): Promise<string> {
  const buf = Buffer.from(await res.arrayBuffer());
  return path.includes('sjis') ? iconv.decode(buf, 'cp932') : buf.toString('utf8');
}

describe('no city but the one in the settings', () => {
  it('never says 倉敷市 on any page, feed, API answer or export when the city is 岡山市', async () => {
    const t = await makeTestApp({ now: AFTER_CLOSE });
    await loginAs(t, 'admin');
    await saveSettings(t);
    const f = await publishedCity(t);
    const visitor = new TestClient(t.app);
    const paths = everyGetPath(t, f);
    expect(paths).toEqual(expect.arrayContaining(['/', '/feed.atom', '/api/v1/consultations', '/login']));
    const problems: string[] = [];
    const answered = new Map<string, number>();
    // As a visitor, and as an administrator (who may open every signed-in page).
    for (const [who, client] of [
      ['visitor', visitor],
      ['admin', t.client],
    ] as const) {
      for (const path of paths) {
        if (path.includes('/audit.csv')) continue; // the audit log records the settings' change itself
        const res = await client.request(path);
        const text = await textOf(res, path);
        answered.set(`${who} ${path}`, res.status);
        if (text.includes('倉敷')) problems.push(`${who} ${path} (${res.status})`);
        // Every page names the city the settings name.
        const page = res.headers.get('content-type')?.startsWith('text/html') && text.includes('</html>');
        if (page && !text.includes('岡山市')) problems.push(`${who} ${path}: no 岡山市`);
      }
    }
    expect(problems).toEqual([]);
    // The walk reached the pages and files that carry the city's name, not just error pages.
    const id = f.id;
    for (const key of [
      'visitor /',
      'visitor /feed.atom',
      `visitor /consultations/${id}`,
      `visitor /consultations/${id}/result.csv?encoding=sjis`,
      `visitor /consultations/${id}/comments.csv?encoding=sjis`,
      `admin /council/consultations/${id}/print`,
      `admin /staff/consultations/${id}/review`,
      'admin /staff/admin/settings',
    ]) {
      expect([key, answered.get(key)]).toEqual([key, 200]);
    }
  });

  it('shows settings written beside this process (another app process, the command line) on the next page', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db);
    const visitor = new TestClient(t.app);
    // Rendered and kept by the page cache, and the settings kept in memory.
    for (const path of ['/', `/consultations/${id}`, '/', `/consultations/${id}`]) {
      expect(visibleText((await visitor.get(path)).html), path).not.toContain('岡山市');
    }
    // Written straight to the database, as another process would: this app is never told.
    await writeCitySettingsJson(t.db, JSON.stringify({ nameJa: '岡山市', nameEn: 'Okayama City' }));
    expect((await visitor.get('/')).html).toContain(
      '<title>意見募集の一覧 | 岡山市 意見募集（パブリックコメント）</title>',
    );
    expect(visibleText((await visitor.get(`/consultations/${id}`)).html)).toContain('岡山市');
    expect((await visitor.get('/?lang=en')).html).toContain('Okayama City public comment');
  });

  it('names no city at all on a fresh install until the settings name one', async () => {
    const t = await makeTestApp({ now: AFTER_CLOSE });
    const f = await publishedCity(t);
    const visitor = new TestClient(t.app);
    for (const path of everyGetPath(t, f)) {
      const res = await visitor.request(path);
      expect(await textOf(res, path), path).not.toMatch(/倉敷|Kurashiki/);
    }
    const { html } = await visitor.get('/');
    expect(html).toContain('<title>意見募集の一覧 | 意見募集（パブリックコメント）</title>');
  });
});
