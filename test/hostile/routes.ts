/**
 * The routes under attack, read from the app's own router (`app.routes`), so a route added
 * later is attacked without anyone editing a list. Path parameters are filled with real ids of
 * the world, with ids of another consultation, and with hostile values.
 */
import type { ConsultationIds, World } from './world.ts';

export interface Route {
  method: 'GET' | 'POST';
  /** Hono's pattern, e.g. /staff/consultations/:id/sections/:sid/edit */
  path: string;
  params: string[];
  /** Matches a concrete path of this route. */
  matcher: RegExp;
}

const PARAM = /:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g;

/** Every GET and POST route of the app (middleware-only `ALL` entries and wildcards left out). */
export function routesOf(app: { routes: { method: string; path: string }[] }): Route[] {
  const seen = new Set<string>();
  const out: Route[] = [];
  for (const r of app.routes) {
    if ((r.method !== 'GET' && r.method !== 'POST') || r.path.includes('*')) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const params = [...r.path.matchAll(PARAM)].map((m) => m[1] ?? '');
    const source = r.path
      .split(PARAM)
      .reduce<string[]>((acc, part, i) => {
        // split() with two groups yields: text, name, constraint, text, …
        const kind = i % 3;
        if (kind === 0) acc.push(part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        else if (kind === 2) acc.push(part ? `(${part.slice(1, -1)})` : '([^/]+)');
        return acc;
      }, [])
      .join('');
    out.push({ method: r.method, path: r.path, params, matcher: new RegExp(`^${source}/?$`) });
  }
  return out;
}

/** The route whose pattern matches a concrete path (the most specific: fewest parameters). */
export function routeFor(routes: Route[], method: 'GET' | 'POST', path: string): Route | undefined {
  return routes
    .filter((r) => r.method === method && r.matcher.test(path))
    .sort((a, b) => a.params.length - b.params.length)[0];
}

/** A path with each parameter replaced. */
export function fill(route: Route, values: Record<string, string>): string {
  return route.path.replace(PARAM, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new Error(`no value for :${name} in ${route.path}`);
    return v;
  });
}

/** Whether a pattern's :id names a consultation (and its other parameters records of it). */
const inConsultation = (path: string) => /consultations\/:id\b/.test(path);

/**
 * Real values for the parameters of a route, one set per consultation of the world (for routes
 * under /consultations/:id), taking each record from that consultation. A kind of record the
 * consultation lacks is taken from another one: the route must then refuse it, never show it.
 * `learned` holds values read from the links of the world's pages (cluster ids, …).
 */
export function realFills(
  route: Route,
  world: World,
  learned: Map<string, Set<string>>,
): { values: Record<string, string>; consultation?: ConsultationIds; foreign: boolean }[] {
  const fromLinks = learned.get(`${route.method} ${route.path}`);
  const any = <K extends keyof ConsultationIds>(key: K) =>
    world.consultations.flatMap((c) => c[key] as unknown[]).map(String);
  if (!inConsultation(route.path)) {
    const values: Record<string, string> = {};
    for (const p of route.params) {
      const v = paramValue(route.path, p, undefined, world);
      if (v !== undefined) values[p] = v;
    }
    const fills = route.params.every((p) => p in values) ? [{ values, foreign: false }] : [];
    for (const path of fromLinks ?? []) fills.push({ values: valuesFrom(route, path), foreign: false });
    return fills.slice(0, 4);
  }
  const fills: { values: Record<string, string>; consultation?: ConsultationIds; foreign: boolean }[] = [];
  for (const c of world.consultations) {
    const values: Record<string, string> = { id: String(c.id) };
    let foreign = false;
    for (const p of route.params.filter((p) => p !== 'id')) {
      const own = paramValue(route.path, p, c, world);
      const learnedHere = [...(fromLinks ?? [])]
        .map((path) => valuesFrom(route, path))
        .find((v) => v.id === String(c.id))?.[p];
      const value = own ?? learnedHere;
      if (value !== undefined) {
        values[p] = value;
        continue;
      }
      const other = otherConsultationValue(p, any);
      if (other === undefined) break;
      values[p] = other;
      foreign = true;
    }
    if (route.params.every((p) => p in values)) fills.push({ values, consultation: c, foreign });
  }
  return fills;
}

function otherConsultationValue(
  param: string,
  any: (key: 'sections' | 'documents' | 'groups' | 'comments' | 'batches' | 'receiptCodes') => string[],
): string | undefined {
  const kind = KINDS[param];
  return kind ? any(kind)[0] : undefined;
}

/** Which kind of record each parameter name holds, inside a consultation. */
const KINDS: Record<string, 'sections' | 'documents' | 'groups' | 'comments' | 'batches' | 'receiptCodes'> = {
  sid: 'sections',
  docId: 'documents',
  gid: 'groups',
  cid: 'comments',
  commentId: 'comments',
  batchId: 'batches',
  code: 'receiptCodes',
};

function paramValue(
  path: string,
  param: string,
  c: ConsultationIds | undefined,
  world: World,
): string | undefined {
  if (c) {
    const kind = KINDS[param];
    const v = kind ? c[kind][0] : undefined;
    return v === undefined ? undefined : String(v);
  }
  if (param === 'code') return world.consultations.flatMap((x) => x.receiptCodes)[0];
  if (param === 'token') return world.setupToken;
  if (param === 'file' && path.startsWith('/city/')) return world.logoFile;
  if (param === 'id' && path.startsWith('/staff/admin/users')) return String(world.users.at(-1));
  if (param === 'id' && path.startsWith('/staff/admin/audit')) return String(world.auditIds[0]);
  return undefined;
}

/** The parameter values of a concrete path of `route`. */
export function valuesFrom(route: Route, path: string): Record<string, string> {
  const m = route.matcher.exec(path);
  const out: Record<string, string> = {};
  route.params.forEach((p, i) => {
    out[p] = m?.[i + 1] ?? '';
  });
  return out;
}

/** Hostile path parameters, as they appear in an address (already percent-encoded where needed). */
export const HOSTILE_PARAMS: readonly string[] = [
  '0',
  '-1',
  '99999999999',
  '1e3',
  '0x10',
  '1;DROP%20TABLE%20comments',
  "1'%20OR%20'1'='1",
  '%00',
  '1%00',
  '..%2f..%2fetc%2fpasswd',
  '%2e%2e',
  '%E3%81%82',
  '%ff%fe',
  '%',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '%E2%80%AE1',
  '9'.repeat(4000),
];
