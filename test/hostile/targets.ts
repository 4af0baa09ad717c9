/**
 * What the POST attacks aim at: for each POST route, the forms the world's pages offered (one
 * or two, on different consultations), the role they were offered to, and a way to open a
 * fresh copy of the world in the state where the form is shown.
 */
import { type Discovery, type FoundForm, keyOf } from './discover.ts';
import { formsOf, type PageForm } from './html.ts';
import type { Route } from './routes.ts';
import { type Live, openWorld, type Who, type World } from './world.ts';

export interface Target {
  route: Route;
  found: FoundForm;
  /** The roles some page offered this route's form to. */
  offeredTo: Set<Who>;
  /** Opens a fresh copy of the world ready for this form; gives the form as it is there. */
  open: () => Promise<{ live: Live; form: PageForm }>;
}

/**
 * The targets of every POST route: up to `perRoute` forms with different actions, preferring
 * staff over admin (staff is the role most forms are for) and then the order pages were read.
 */
export function targetsOf(world: World, d: Discovery, perRoute = 2): Target[] {
  const out: Target[] = [];
  for (const route of d.routes.filter((r) => r.method === 'POST')) {
    const found = d.forms.get(keyOf(route)) ?? [];
    const offeredTo = new Set(found.map((f) => f.who));
    const order: Who[] = ['staff', 'anonymous', 'council', 'admin'];
    const sorted = [...found].sort((a, b) => order.indexOf(a.who) - order.indexOf(b.who));
    const actions = new Set<string>();
    for (const f of sorted) {
      if (actions.has(f.form.action) || actions.size >= perRoute) continue;
      actions.add(f.form.action);
      out.push({ route, found: f, offeredTo, open: () => openFor(world, f) });
    }
  }
  return out;
}

async function openFor(world: World, f: FoundForm): Promise<{ live: Live; form: PageForm }> {
  const live = openWorld(world);
  if (!f.state) return { live, form: f.form };
  const page = await f.state(live);
  const { html } = await live.clients[f.who].get(page);
  const form = formsOf(html, page).find(
    (x) => x.method === 'post' && x.fields.length === f.form.fields.length,
  );
  if (!form) throw new Error(`no form on ${page} in its prepared state`);
  return { live, form };
}
