/**
 * Walks the world as each role: every GET route with the world's real ids, reading from each
 * page its forms (which POST route they send to, with which fields) and its links (ids the
 * routes take, query parameters the pages read). What a page offers a role is what the suite
 * then attacks as that role.
 */
import { attack, type Findings, newFindings } from './attack.ts';
import { formsOf, linksOf, type PageForm } from './html.ts';
import { fill, realFills, type Route, routeFor, routesOf } from './routes.ts';
import { type Measure, timed } from './measure.ts';
import { setupTokenIfNoAdmin } from '../../src/startup.ts';
import { baseline, encode } from './payloads.ts';
import { type Live, openWorld, WHO, type Who, type World } from './world.ts';

export interface FoundForm {
  form: PageForm;
  who: Who;
  /** The page it was on. */
  page: string;
  /** Prepares a copy of the world in which the page shows the form (see STATES); returns the page. */
  state?: (live: Live) => Promise<string>;
}

export interface Discovery {
  routes: Route[];
  /** POST route key → the forms that send to it, by role. */
  forms: Map<string, FoundForm[]>;
  /** Route key → concrete paths seen in links and form actions. */
  learned: Map<string, Set<string>>;
  /** Path pattern key of a GET route → query parameter names its pages use in links and forms. */
  queryNames: Map<string, Set<string>>;
  /** Every GET made, with its answer. */
  visits: Visit[];
  /** What went wrong on the GETs of the walk (judged as every request of the suite is). */
  findings: Findings;
}

export interface Visit {
  who: Who;
  url: string;
  route: Route;
  status: number;
  location: string;
  /** The address names a record of another consultation than its :id. */
  foreign: boolean;
}

export const keyOf = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V) {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/** Crawls the world (on a copy of its database) as every role; see the file comment. */
export async function discover(
  world: World,
  measure: Measure,
  live: Live = openWorld(world),
): Promise<Discovery> {
  const routes = routesOf(live.app);
  const gets = routes.filter((r) => r.method === 'GET');
  const forms = new Map<string, FoundForm[]>();
  const learned = new Map<string, Set<string>>();
  const queryNames = new Map<string, Set<string>>();
  const visits: Discovery['visits'] = [];
  const seenForm = new Set<string>();

  const read = (who: Who, page: string, html: string) => {
    for (const form of formsOf(html, page)) {
      const method = form.method === 'post' ? 'POST' : 'GET';
      const route = routeFor(routes, method, form.action);
      if (!route) continue;
      add(learned, keyOf(route), form.action);
      if (method === 'GET') {
        for (const f of form.fields) add(queryNames, keyOf(route), f.name);
        continue;
      }
      const sig = `${who} ${form.action} ${form.fields.map((f) => f.name).join(',')}`;
      if (seenForm.has(sig)) continue;
      seenForm.add(sig);
      const list = forms.get(keyOf(route)) ?? [];
      list.push({ form, who, page });
      forms.set(keyOf(route), list);
    }
    for (const link of linksOf(html, page)) {
      const route = routeFor(routes, 'GET', link.pathname);
      if (!route) continue;
      add(learned, keyOf(route), link.pathname);
      for (const name of link.searchParams.keys()) add(queryNames, keyOf(route), name);
    }
  };

  const findings = newFindings();
  let turn = 0;
  const visit = async (who: Who, route: Route, url: string, foreign = false) => {
    const lang = turn++ % 2 === 0 ? 'en' : 'ja';
    const label = foreign ? "another consultation's record" : 'real ids';
    const o = await attack(live, { who, method: 'GET', url, label, lang }, findings, measure);
    visits.push({ who, url, route, status: o.status, location: o.location, foreign });
    if (o.contentType.includes('text/html')) read(who, url, o.html);
  };

  for (const who of WHO) {
    for (const route of gets) {
      for (const { values, foreign } of realFills(route, world, learned)) {
        await visit(who, route, fill(route, values), foreign);
      }
    }
  }
  // Routes reached only through links (ids the world does not list, such as cluster ids).
  for (const who of WHO) {
    for (const route of gets) {
      if (visits.some((v) => v.route === route && v.who === who)) continue;
      for (const url of [...(learned.get(keyOf(route)) ?? [])].slice(0, 3)) await visit(who, route, url);
    }
  }
  const found: Discovery = { routes, forms, learned, queryNames, visits, findings };
  await formsBehindLinks(found, visit);
  await formsAfterPosts(world, found, measure, read);
  await formsInStates(world, found, measure);
  return found;
}

const missingForms = (d: Discovery) =>
  d.routes.filter((r) => r.method === 'POST' && !(d.forms.get(keyOf(r))?.length ?? 0));

/**
 * A form offered only on some records' pages (undo a hide, enable a disabled account): the
 * pages of the route one level up are visited through the links seen, until the form shows.
 */
async function formsBehindLinks(d: Discovery, visit: (who: Who, r: Route, url: string) => Promise<void>) {
  for (const route of missingForms(d)) {
    const parent = route.path.replace(/\/[^/]+$/, '');
    const page = d.routes.find((r) => r.method === 'GET' && r.path === parent);
    if (!page) continue;
    for (const who of ['staff', 'admin'] as const) {
      for (const url of [...(d.learned.get(keyOf(page)) ?? [])].slice(0, 80)) {
        if (d.forms.get(keyOf(route))?.some((f) => f.who === who)) break;
        if (d.visits.some((v) => v.who === who && v.url === url)) continue;
        await visit(who, page, url);
      }
    }
  }
}

/**
 * Forms that only a POST's answer shows (the comment's confirmation offers "send" and "edit",
 * a preview offers "import"): each route's form is sent once as a person would, on a copy of
 * the world, and the forms of its answer are read; then the forms found that way, once more.
 */
async function formsAfterPosts(
  world: World,
  d: Discovery,
  measure: Measure,
  read: (who: Who, page: string, html: string) => void,
) {
  const posted = new Set<string>();
  for (let round = 0; round < 3 && missingForms(d).length > 0; round++) {
    for (const [key, list] of [...d.forms]) {
      for (const who of new Set(list.map((f) => f.who))) {
        if (posted.has(`${who} ${key}`)) continue;
        posted.add(`${who} ${key}`);
        const { form } = list.find((f) => f.who === who)!;
        const live = openWorld(world);
        const { body, contentType } = encode(baseline(form), form.multipart);
        const post = (on: Live) =>
          on.clients[who].request(form.action, {
            method: 'POST',
            body,
            headers: contentType ? { 'content-type': contentType } : {},
          });
        const { value: res } = await timed(measure, `${who} POST ${form.action} [baseline]`, () =>
          post(live),
        );
        if ((res.headers.get('content-type') ?? '').includes('text/html'))
          read(who, form.action, await res.text());
      }
    }
  }
}

/**
 * States of the world in which a page offers a form it otherwise does not. `page` prepares a
 * copy of the world and returns the page that shows the form there.
 */
export const STATES: readonly { why: string; page: (live: Live) => Promise<string> }[] = [
  {
    why: 'the form that creates the first administrator shows only while there is none',
    page: async (live) => {
      live.sqlite
        .prepare("update users set disabled_at = '2026-01-01T00:00:00.000Z' where role = 'admin'")
        .run();
      const token = await setupTokenIfNoAdmin(live.db, live.clock.now());
      if (!token) throw new Error('no setup link made');
      return `/setup/${token}`;
    },
  },
];

async function formsInStates(world: World, d: Discovery, measure: Measure) {
  for (const state of STATES) {
    if (missingForms(d).length === 0) return;
    for (const who of WHO) {
      const live = openWorld(world);
      const page = await state.page(live);
      const { value } = await timed(measure, `${who} GET ${page} [state]`, () => live.clients[who].get(page));
      for (const form of formsOf(value.html, page)) {
        const route = routeFor(d.routes, 'POST', form.action);
        if (!route || form.method !== 'post') continue;
        const list = d.forms.get(keyOf(route)) ?? [];
        list.push({ form, who, page, state: state.page });
        d.forms.set(keyOf(route), list);
      }
    }
  }
}
