/**
 * Every GET route of the app, found in its router, as each role: with the world's real ids
 * (who may see what), with another consultation's ids, with hostile path parameters, and with
 * hostile query strings on the parameters its pages use. Never a 500; a refusal that renders a
 * page says why in the reader's language; no answer grows far beyond its request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attack, report, type Findings, newFindings } from './attack.ts';
import { type Discovery, discover, keyOf } from './discover.ts';
import type { Lang } from './judge.ts';
import { type Measure, newMeasure, printSlowest } from './measure.ts';
import { HOSTILE_TEXT } from './payloads.ts';
import { fill, HOSTILE_PARAMS, realFills } from './routes.ts';
import { buildWorld, type Live, openWorld, WHO, type Who, type World } from './world.ts';

let world: World;
let discovery: Discovery;
let live: Live;
const measure: Measure = newMeasure();

beforeAll(async () => {
  world = await buildWorld();
  live = openWorld(world);
  discovery = await discover(world, measure, live);
}, 120_000);

const gets = () => discovery.routes.filter((r) => r.method === 'GET');

/** Who may open a path, as the product brief says: staff pages for staff and admin, etc. */
function mayOpen(who: Who, path: string): boolean {
  if (/^\/staff\/admin(\/|$)/.test(path)) return who === 'admin';
  if (/^\/staff(\/|$)/.test(path)) return who === 'staff' || who === 'admin';
  if (/^\/(council|account)(\/|$)/.test(path)) return who !== 'anonymous';
  return true;
}

/** The hostile texts that mean something in an address (the rest are about stored text). */
const QUERY_TEXT = [
  'script',
  'attrBreak',
  'javascriptUrl',
  'sqlQuote',
  'sqlUnion',
  'nulControl',
  'bidi',
  'zeroWidthOnly',
  'crlfInjection',
  'loneSurrogate',
  'combining',
  'longLine',
  'numbers',
  'bigNumber',
  'notANumber',
  'pathy',
];

/** The string with each lone surrogate replaced by U+FFFD, as a browser sends it. */
const wellFormed = (s: string) =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

let turn = 0;
const nextLang = (): Lang => (turn++ % 2 === 0 ? 'en' : 'ja');

const get = (who: Who, url: string, label: string, findings: Findings) =>
  attack(live, { who, method: 'GET', url, label, lang: nextLang() }, findings, measure);

afterAll(() => printSlowest(measure, 'hostile addresses'));

describe('hostile addresses', () => {
  it('shows every page to the roles it is for, refuses the others, and shows no record through another consultation', () => {
    // The walk of discover() made these requests: every GET route, as every role, with the ids
    // of every consultation of the world.
    expect(gets().length).toBeGreaterThan(50);
    const findings = discovery.findings;
    for (const route of gets()) {
      if (!discovery.visits.some((v) => v.route === route)) {
        findings.problems.push(`no ids for ${keyOf(route)}: teach test/hostile/routes.ts`);
      }
    }
    for (const { who, url, route, status, location, foreign } of discovery.visits) {
      const where = `${who} GET ${url} → ${status} ${location}`;
      if (!mayOpen(who, route.path)) {
        const home = /^\/(staff|staff\/admin|council)$/.test(route.path) && status === 303;
        const ok = who === 'anonymous' ? location.startsWith('/login?next=') : status === 403 || home;
        if (!ok) findings.problems.push(`not refused: ${where}`);
      } else if (status === 401 || status === 403 || location.startsWith('/login')) {
        findings.problems.push(`refused: ${where}`);
      } else if (foreign && status < 300) {
        findings.problems.push(`shown through another consultation: ${where}`);
      }
    }
    report(findings);
    expect(findings.problems).toEqual([]);
  });

  it('answers hostile path parameters with a refusal, never a server error', async () => {
    const findings = newFindings();
    for (const route of gets().filter((r) => r.params.length > 0)) {
      const [real] = realFills(route, world, discovery.learned);
      if (!real) continue;
      for (const param of route.params) {
        for (const hostile of HOSTILE_PARAMS) {
          const url = fill(route, { ...real.values, [param]: hostile });
          for (const who of ['admin', 'anonymous'] as const)
            await get(who, url, `:${param}=${hostile.slice(0, 20)}`, findings);
        }
      }
    }
    report(findings);
    expect(findings.problems).toEqual([]);
  }, 600_000);

  it('answers hostile query strings on every page without a server error', async () => {
    const findings = newFindings();
    const common = [
      'page',
      'per_page',
      'q',
      'lang',
      'next',
      'encoding',
      'section',
      'after',
      'code',
      'notice',
    ];
    // Values that each parameter takes in turn: one request gives every parameter a different
    // one, and the next request shifts them, so every value reaches every page in a few requests.
    const mixed: [string, string][] = [
      // (A lone surrogate cannot be percent-encoded: it travels as U+FFFD, as a browser sends it.)
      ...QUERY_TEXT.map((k): [string, string] => [k, HOSTILE_TEXT[k] ?? '']).map(
        ([k, v]): [string, string] => [k, encodeURIComponent(wellFormed(v.slice(0, 3000)))],
      ),
      ['NUL', '%00'],
      ['float', '1.5e308'],
      ['negative', '-99999999999999999999'],
      ['date-ish', '2026-02-31T25:61:61Z'],
    ];
    // Values sent alone in every parameter: each can spoil the reading of the whole query.
    const alone: [string, string][] = [
      ['huge', 'x'.repeat(20_000)],
      ['bad percent', '%'],
      ['half a character', '%E3%81'],
      ['not UTF-8', '%FF%FE%C0%AF'],
      ['array', '1&$name=2&$name[]=3'],
    ];
    let shift = 0;
    for (const route of gets()) {
      const [real] = realFills(route, world, discovery.learned);
      if (!real) continue;
      const names = [...new Set([...(discovery.queryNames.get(keyOf(route)) ?? []), ...common])];
      const who: Who = WHO.find((w) => w !== 'anonymous' && mayOpen(w, route.path)) ?? 'anonymous';
      const path = fill(route, real.values);
      const param = (n: string, value: string) =>
        `${encodeURIComponent(n)}=${value.replaceAll('$name', encodeURIComponent(n))}`;
      // A different start on each route, so each parameter meets each value across the routes.
      shift++;
      for (let r = 0; r * names.length < mixed.length; r++) {
        const pairs = names.map((n, i): [string, [string, string]] => [
          n,
          mixed[(i + r * names.length + shift) % mixed.length] ?? ['', ''],
        ]);
        const url = `${path}?${pairs.map(([n, [, v]]) => param(n, v)).join('&')}`;
        await get(
          who,
          url,
          `${pairs.map(([, [k]]) => k).join(', ')} in ${names.length} parameters`,
          findings,
        );
      }
      for (const [label, value] of alone) {
        const query = names.map((n) => param(n, value));
        await get(who, `${path}?${query.join('&')}`, `${label} in ${names.length} parameters`, findings);
      }
      // One parameter 1,000 times, and 1,000 parameters.
      await get(
        who,
        `${path}?${Array(1000).fill(`${names[0]}=1`).join('&')}`,
        'repeated 1,000 times',
        findings,
      );
      await get(
        who,
        `${path}?${Array.from({ length: 1000 }, (_, i) => `p${i}=1`).join('&')}`,
        '1,000 parameters',
        findings,
      );
    }
    report(findings);
    expect(findings.problems).toEqual([]);
  }, 600_000);

  it('answers other methods on every route without a server error', async () => {
    const findings = newFindings();
    const seen = new Set<string>();
    for (const route of discovery.routes) {
      const [real] = realFills(route, world, discovery.learned);
      if (!real || seen.has(route.path)) continue;
      seen.add(route.path);
      for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD']) {
        const url = `http://localhost${fill(route, real.values)}`;
        const res = await live.app.request(url, {
          method,
          headers: { cookie: world.cookies.admin.map(([k, v]) => `${k}=${v}`).join('; ') },
        });
        findings.count++;
        if (res.status >= 500) findings.problems.push(`server error: ${method} ${url} → ${res.status}`);
      }
    }
    report(findings);
    expect(findings.problems).toEqual([]);
  }, 600_000);
});
