/**
 * Hostile text stored through every form that takes text — markup, script, Markdown links to
 * javascript:, spreadsheet formulas — then shown back wherever the app shows it: every page as
 * every role (staff inbox, comment pages, review, receipts, council summary and print, the
 * result after publishing), the CSV downloads in UTF-8 and Shift_JIS, the Atom feed and the
 * documents. Nothing of it may run: no script, event handler, javascript: URL or embedded frame
 * that the app did not put there itself, and no CSV cell that Excel would run as a formula.
 */
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv.ts';
import { visibleText } from '../helpers.ts';
import { attack, csrfOf, type Findings, newFindings } from './attack.ts';
import { type Discovery, discover, keyOf } from './discover.ts';
import { formsOf, linksOf, type PageForm } from './html.ts';
import { type Measure, newMeasure, printSlowest } from './measure.ts';
import { baseline, encode, type Pairs, type Value, withValue } from './payloads.ts';
import { fill, realFills, routeFor } from './routes.ts';
import { buildWorld, type Live, openWorld, WHO, type Who, type World, worldNow } from './world.ts';

/** Markup that must stay text, each carrying a marker `Kn` so its echo can be found. */
const payload = (n: number) =>
  [
    `<script>alert("K${n}")</script>`,
    `"><img src=x onerror=alert("K${n}")>`,
    `'><svg/onload=alert(1)>`,
    `[K${n}a](javascript:alert(1)) [K${n}b](JaVaScRiPt:alert(1)) [K${n}c](java&#x73;cript:alert(1))`,
    `[K${n}d](&#106;avascript:alert(1)) [K${n}e](data:text/html;base64,PHNjcmlwdD4=) ![K${n}f](javascript:alert(1))`,
    `<a href="javascript:alert(1)">K${n}g</a> <iframe src="//evil.example"></iframe>`,
  ].join(' ');
/** Short enough for a one-line field of 40 characters. */
const short = (n: number) => `<script>K${n}</script>`;
/** Text Excel would run, were it not neutralised. */
const FORMULA = '=HYPERLINK("http://evil.example","K")';

const TEXT_KINDS = new Set(['text', 'textarea', 'search']);

let world: World;
let discovery: Discovery;
let live: Live;
const measure: Measure = newMeasure();
const stored: string[] = [];
let marker = 0;

/** Hostile files for the upload fields, by what the field accepts. */
function hostileFile(accept: string): File {
  const enc = (s: string) => new TextEncoder().encode(s);
  if (accept.includes('.csv')) {
    const rows = [
      '受付日,提出方法,意見,氏名',
      `2026-11-18,郵送,"${payload(++marker).replaceAll('"', '""')}","<b>K${marker}</b>"`,
      `2026-11-18,FAX,"${FORMULA.replaceAll('"', '""')}",@SUM(1)`,
    ];
    return new File([enc(`${rows.join('\r\n')}\r\n`)], `<img src=x onerror=alert(1)>.csv`, {
      type: 'text/csv',
    });
  }
  if (accept.includes('.md') && !accept.includes('.pdf')) {
    const text = `# 第1章 ${short(++marker)}\n\n${payload(marker)}\n\n## 1 ${FORMULA}\n\n<script>alert(1)</script>\n`;
    return new File([enc(text)], 'an<script>.md', { type: 'text/markdown' });
  }
  return new File(
    [enc('%PDF-1.4\n<script>alert(1)</script>\n%%EOF\n')],
    `"><img src=x onerror=alert(1)>.pdf`,
    {
      type: 'application/pdf',
    },
  );
}

/** The form filled as a person would, with hostile text in every text field and hostile files. */
function hostilePairs(form: PageForm, token: string, make: (n: number) => string): Pairs {
  let pairs: Pairs = withValue(baseline(form), '_csrf', token);
  for (const f of form.fields) {
    if (f.trap) continue;
    if (TEXT_KINDS.has(f.kind)) pairs = withValue(pairs, f.name, make(++marker));
    if (f.kind === 'file') pairs = withValue(pairs, f.name, hostileFile(f.accept) as Value);
  }
  return pairs;
}

/**
 * Whether posting to `action` leaves the signed-in roles signed in: not signing out, not
 * changing one's own password, and account changes only on the world's extra account.
 */
function keepsSessions(action: string): boolean {
  if (/^\/(logout|account\/password)$/.test(action)) return false;
  const user = /^\/staff\/admin\/users\/(\d+)\//.exec(action)?.[1];
  return user === undefined || Number(user) === world.users.at(-1);
}

/** Order of the routes: changes first, then publishing, then what deletes, ends or signs out. */
function rank(path: string): number {
  if (/\/(delete|withdraw|disable|enable|role|password|logout)$|^\/setup|\/merge$/.test(path)) return 3;
  if (/\/publish$/.test(path)) return 2;
  return 1;
}

async function post(who: Who, action: string, pairs: Pairs, multipart: boolean, findings: Findings) {
  const { body, contentType } = encode(pairs, multipart);
  return attack(
    live,
    { who, url: action, label: 'hostile text to keep', body, contentType, lang: 'ja' },
    findings,
    measure,
  );
}

/**
 * Sends a form with hostile text; a refused one is sent again with shorter text (a field's
 * limit), and a form its answer offers (confirm → send, preview → import) is sent as well.
 */
async function keep(who: Who, form: PageForm, findings: Findings): Promise<boolean> {
  for (const make of [payload, short]) {
    const o = await post(
      who,
      form.action,
      hostilePairs(form, csrfOf(live, who), make),
      form.multipart,
      findings,
    );
    if (o.status === 200 && o.contentType.includes('text/html')) {
      // The form of the next step (not the header's sign-out, not "edit again").
      const next = formsOf(o.html, form.action).find(
        (f) => f.method === 'post' && f.action !== form.action && !/\/(edit|logout)$/.test(f.action),
      );
      if (next) {
        const { body, contentType } = encode(
          withValue(baseline(next), '_csrf', csrfOf(live, who)),
          next.multipart,
        );
        const sent = await attack(
          live,
          { who, url: next.action, label: 'the form its answer offers', body, contentType, lang: 'ja' },
          findings,
          measure,
        );
        if (sent.stored.length > 0) stored.push(`${next.action} (after ${form.action})`);
      }
    }
    if (o.stored.length > 0) {
      stored.push(form.action);
      return true;
    }
    if (o.status < 400) return false;
  }
  return false;
}

/** The form on `page` that posts to an action matching `action`. */
async function formOn(who: Who, page: string, action: RegExp): Promise<PageForm | undefined> {
  const o = await attack(
    live,
    { who, method: 'GET', url: page, label: 'a form to fill', lang: 'ja' },
    newFindings(),
    measure,
  );
  return formsOf(o.html, page).find((f) => f.method === 'post' && action.test(f.action));
}

/**
 * Publishes the result of the closed consultation with hostile groups: every group given a
 * hostile summary and response (outcome 修正なし), every comment placed, a hostile note.
 */
async function publishClosedResult(findings: Findings) {
  const closed = world.consultations.find((c) => c.phase === 'closed');
  if (!closed) throw new Error('no closed consultation');
  const base = `/staff/consultations/${closed.id}/review`;
  const groups = live.sqlite
    .prepare('select id from comment_groups where consultation_id = ?')
    .pluck()
    .all(closed.id) as number[];
  for (const gid of groups) {
    const form = await formOn('staff', `${base}/groups/${gid}`, new RegExp(`/groups/${gid}$`));
    if (!form) continue;
    const pairs = withValue(hostilePairs(form, csrfOf(live, 'staff'), payload), 'outcome', 'not_revised');
    await post('staff', form.action, pairs, form.multipart, findings);
  }
  for (let round = 0; round < 20; round++) {
    const form = await formOn('staff', base, /\/assign$/);
    const ids = form?.fields.filter((f) => f.name === 'comment_ids').map((f) => f.value) ?? [];
    if (!form || ids.length === 0) break;
    const group =
      form.fields
        .find((f) => f.name === 'group_id')
        ?.options.filter((o) => o !== '')
        .at(-1) ?? '';
    let pairs = withValue(baseline(form), 'comment_ids', ids);
    pairs = withValue(withValue(pairs, 'group_id', group), '_csrf', csrfOf(live, 'staff'));
    await post('staff', form.action, pairs, form.multipart, findings);
  }
  const form = await formOn('staff', `${base}/publish`, /\/review\/publish$/);
  if (!form) {
    const page = await live.clients.staff.get(`${base}/publish`);
    throw new Error(`no form to publish the result: ${visibleText(page.html).slice(0, 1500)}`);
  }
  const o = await post(
    'staff',
    form.action,
    hostilePairs(form, csrfOf(live, 'staff'), payload),
    form.multipart,
    findings,
  );
  if (o.status !== 303)
    throw new Error(`publishing the hostile result answered ${o.status}: ${o.html.slice(0, 500)}`);
  stored.push(form.action);
}

beforeAll(async () => {
  world = await buildWorld();
  discovery = await discover(world, measure);
  live = openWorld(world);
  const findings = newFindings();
  const posts = discovery.routes
    .filter((r) => r.method === 'POST')
    .sort((a, b) => rank(a.path) - rank(b.path));
  let published = false;
  for (const route of posts) {
    if (!published && rank(route.path) >= 2) {
      await publishClosedResult(findings);
      published = true;
    }
    // The walk below reads as every role: nothing here may end their sessions.
    const found = (discovery.forms.get(keyOf(route)) ?? []).filter(
      (f) => !f.state && keepsSessions(f.form.action),
    );
    const actions = new Set<string>();
    for (const f of found.sort((a, b) => (a.who === 'staff' ? -1 : b.who === 'staff' ? 1 : 0))) {
      if (actions.has(f.form.action) || actions.size >= 3) continue;
      actions.add(f.form.action);
      await keep(f.who, f.form, findings);
    }
  }
  if (findings.problems.length > 0) throw new Error(findings.problems.join('\n'));
  for (const who of ['council', 'staff', 'admin'] as const) {
    const res = await live.clients[who].request('/account');
    if (res.status !== 200) throw new Error(`${who} was signed out by the hostile text (${res.status})`);
  }
}, 300_000);

afterAll(() => printSlowest(measure, 'hostile text shown back'));

describe('hostile text shown back', () => {
  it('was kept by the forms that take text', () => {
    console.log(`hostile text kept through ${stored.length} forms:\n  ${stored.join('\n  ')}`);
    expect(stored.length).toBeGreaterThan(30);
  });

  it('never runs on any page, for any role', async () => {
    const findings = newFindings();
    const now = await worldNow(world, live);
    const gets = discovery.routes.filter((r) => r.method === 'GET');
    // Pages of the records the hostile text went into: their ids now, and the links of the pages.
    const seen = new Set<string>();
    const linked = new Map<string, Set<string>>();
    let echoes = 0;
    let pages = 0;
    const read = async (who: Who, url: string) => {
      if (seen.has(`${who} ${url}`)) return;
      seen.add(`${who} ${url}`);
      const o = await attack(
        live,
        { who, method: 'GET', url, label: 'after hostile text', lang: 'ja' },
        findings,
        measure,
      );
      if (!o.contentType.includes('text/html')) return;
      pages++;
      if (/&lt;script&gt;(alert\(&quot;)?K\d+/.test(o.html)) echoes++;
      for (const link of linksOf(o.html, url)) {
        const route = routeFor(discovery.routes, 'GET', link.pathname);
        if (!route) continue;
        const set = linked.get(keyOf(route)) ?? new Set();
        if (set.size < 6) set.add(link.pathname);
        linked.set(keyOf(route), set);
      }
    };
    for (const who of WHO) {
      for (const route of gets) {
        for (const { values } of realFills(route, now, discovery.learned))
          await read(who, fill(route, values));
      }
      for (const route of gets) for (const url of linked.get(keyOf(route)) ?? []) await read(who, url);
    }
    console.log(`${pages} pages read; ${echoes} show hostile markup as text`);
    expect(findings.problems).toEqual([]);
    // The text was really shown back: on the staff, council and public pages alike.
    expect(echoes).toBeGreaterThan(40);
  }, 600_000);

  it('never runs on the published result, the receipts and the public pages', async () => {
    const findings = newFindings();
    const closed = world.consultations.find((c) => c.phase === 'closed')!;
    const codes = live.sqlite
      .prepare('select receipt_code from comments where consultation_id = ? order by id desc limit 5')
      .pluck()
      .all(closed.id) as string[];
    const urls = ['/', `/consultations/${closed.id}`, ...codes.map((c) => `/receipts/${c}`)];
    let echoes = 0;
    for (const url of urls) {
      const o = await attack(
        live,
        { who: 'anonymous', method: 'GET', url, label: 'published', lang: 'ja' },
        findings,
        measure,
      );
      expect(o.status, url).toBe(200);
      if (/&lt;script&gt;(alert\(&quot;)?K\d+/.test(o.html)) echoes++;
    }
    expect(findings.problems).toEqual([]);
    expect(echoes).toBeGreaterThanOrEqual(2);
  });

  it('neutralises formulas in every CSV, in UTF-8 and Shift_JIS', async () => {
    const csvRoutes = discovery.routes.filter((r) => r.method === 'GET' && /\.csv$/.test(r.path));
    expect(csvRoutes.length).toBeGreaterThanOrEqual(3);
    const problems: string[] = [];
    let hostileCells = 0;
    for (const route of csvRoutes) {
      for (const { values } of realFills(route, world, discovery.learned)) {
        for (const encoding of ['', 'sjis']) {
          const url = `${fill(route, values)}${encoding ? `?encoding=${encoding}` : ''}`;
          const res = await live.app.request(`http://localhost${url}`, {
            headers: { cookie: world.cookies.admin.map(([k, v]) => `${k}=${v}`).join('; ') },
          });
          if (res.status !== 200) continue;
          const bytes = new Uint8Array(await res.arrayBuffer());
          const text =
            encoding === 'sjis' ? iconv.decode(Buffer.from(bytes), 'cp932') : new TextDecoder().decode(bytes);
          for (const row of parseCsv(text.replace(/^\uFEFF/, ''))) {
            for (const cell of row) {
              if (!/K\d|HYPERLINK|SUM\(|evil\.example|alert/.test(cell)) continue;
              hostileCells++;
              if (/^[=+\-@\t\r]/.test(cell))
                problems.push(`${url}: a cell Excel would run: ${cell.slice(0, 80)}`);
            }
          }
        }
      }
    }
    console.log(`${hostileCells} hostile cells read in ${csvRoutes.length} CSV downloads`);
    expect(problems).toEqual([]);
    expect(hostileCells).toBeGreaterThan(10);
  }, 120_000);

  it('keeps hostile titles and text as text in the Atom feed', async () => {
    const res = await live.app.request('http://localhost/feed.atom');
    const xml = await res.text();
    expect(res.status).toBe(200);
    expect(xml).toMatch(/&lt;script&gt;/);
    // No element but Atom's own: markup in a title or summary is escaped.
    const atom = new Set([
      'feed',
      'title',
      'subtitle',
      'link',
      'updated',
      'id',
      'author',
      'name',
      'uri',
      'email',
    ]);
    for (const e of [
      'entry',
      'published',
      'summary',
      'content',
      'generator',
      'category',
      'rights',
      'icon',
      'logo',
    ]) {
      atom.add(e);
    }
    const elements = [...xml.matchAll(/<([a-zA-Z][\w:-]*)/g)].map((m) => m[1] ?? '');
    expect(elements.filter((e) => !atom.has(e))).toEqual([]);
    expect(xml).not.toMatch(/<(script|img|svg|iframe|a)\b/i);
  });

  it('serves uploaded files as downloads that cannot run in the site', async () => {
    const docs = live.sqlite.prepare('select id, consultation_id from documents').all() as {
      id: number;
      consultation_id: number;
    }[];
    expect(docs.length).toBeGreaterThan(2);
    for (const d of docs) {
      for (const url of [
        `/consultations/${d.consultation_id}/documents/${d.id}`,
        `/staff/consultations/${d.consultation_id}/documents/${d.id}`,
      ]) {
        const res = await live.app.request(`http://localhost${url}`, {
          headers: { cookie: world.cookies.staff.map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        if (res.status !== 200) continue;
        expect(res.headers.get('content-security-policy'), url).toContain('sandbox');
        expect(res.headers.get('x-content-type-options'), url).toBe('nosniff');
        const disposition = res.headers.get('content-disposition') ?? '';
        expect(disposition, url).toMatch(/^(attachment|inline);/);
        // One quoted name with no quote or line break inside, and its UTF-8 form percent-encoded.
        expect(disposition, url).toMatch(
          /^(attachment|inline); filename="[^"\\\r\n]*"(; filename\*=UTF-8''[^\s;"]+)?$/,
        );
      }
    }
  });
});
