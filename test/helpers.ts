import type SQLite from 'better-sqlite3';
import { Kysely, type KyselyPlugin, PostgresDialect, SqliteDialect } from 'kysely';
import { expect } from 'vitest';
import { loadConfig, type Config } from '../src/config.ts';
import { type AnalysisRunnerOptions, createAnalysisRunner } from '../src/analysis-runner/index.ts';
import { createApp } from '../src/app.tsx';
import { insertConsultation, type SectionInput } from '../src/data/consultations.ts';
import { migrateToLatest } from '../src/data/migrate.ts';
import { openStore } from '../src/data/sqlite.ts';
import { versionReaderOf } from '../src/data/page-versions.ts';
import type { ShedLimits } from '../src/http/load-shedding.tsx';
import type { Store } from '../src/data/store.ts';
import { fixedClock } from '../src/lib/time.ts';
import type { Database, NewConsultation } from '../db/schema.ts';
import { freshPostgresStore, testServerUrl } from './pg/databases.ts';
import { findDepartmentByName, insertDepartment } from '../src/data/departments.ts';
import { receiveComment } from '../src/usecases/intake.ts';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

/**
 * True in the PostgreSQL pass of the suite (`npm run test:pg`, KOE_TEST_DATABASE_URL set). A
 * test that reaches into SQLite itself (its file, pragmas, FTS5, raw bulk inserts) is skipped
 * there with `it.skipIf(onPostgres)` and says why; everything through the app runs on both.
 */
export const onPostgres = testServerUrl() !== undefined;

/** Databases of the PostgreSQL pass still open, by when they are to be dropped. */
const openDatabases: { scope: 'test' | 'file'; drop(): Promise<void> }[] = [];

/** Drops the PostgreSQL databases of the test (or the file) that just ended (test/pg/setup.ts). */
export async function dropTestDatabases(scope: 'test' | 'file'): Promise<void> {
  const ending = openDatabases.filter((d) => scope === 'file' || d.scope === 'test');
  openDatabases.splice(0, openDatabases.length, ...openDatabases.filter((d) => !ending.includes(d)));
  await Promise.all(ending.map((d) => d.drop()));
}

/**
 * A fresh, migrated database: `:memory:` SQLite, or in the PostgreSQL pass a database of its
 * own cloned from the migrated template (dropped when the test ends, or the file for one made
 * in `beforeAll`).
 */
export async function freshStore(): Promise<Store> {
  if (!onPostgres) {
    const store = openStore(':memory:');
    await migrateToLatest(store.db);
    return store;
  }
  const fresh = await freshPostgresStore();
  openDatabases.push({ scope: expect.getState().currentTestName ? 'test' : 'file', drop: fresh.drop });
  return fresh.store;
}

/** A migrated SQLite file, for the SQLite-only tests that read it from a second connection. */
async function sqliteFileStore(file: string): Promise<Store> {
  const store = openStore(file);
  await migrateToLatest(store.db);
  return store;
}

/**
 * The same database through a Kysely instance that reports the SQL of every query, for tests
 * that watch what the app asks of the database.
 */
export function loggedDb(store: Store, log: (sql: string) => void): Kysely<Database> {
  const dialect =
    store.engine === 'sqlite'
      ? new SqliteDialect({ database: store.sqlite })
      : new PostgresDialect({ pool: store.pool });
  return new Kysely<Database>({ dialect, log: (event) => log(event.query.sql) });
}

/** The SQLite handle of a store, for the tests that write with it directly (SQLite-only tests). */
export function sqliteOf(store: Store): SQLite.Database {
  if (store.engine !== 'sqlite')
    throw new Error('This test reaches into SQLite itself: run it on SQLite only.');
  return store.sqlite;
}

/**
 * A fresh app on a fresh database (freshStore), migrated with the real migrations. The public rate
 * limit is raised to 1,000 a minute (many tests post more than the real 20 from one address);
 * `realRateLimit: true` keeps the real default, for the tests of the limit itself. `analysis`:
 * how its analysis runner runs jobs (a fake spawn, a sync limit); by default in a real worker.
 * `plugins` see every query the app makes (tests use them to watch or to interleave work); `db`
 * stays plain. `loadLag` stands in for the event-loop lag that load shedding reads.
 */
export async function makeTestApp(
  opts: {
    now?: string;
    env?: Record<string, string>;
    realRateLimit?: boolean;
    analysis?: Omit<AnalysisRunnerOptions, 'db' | 'clock'>;
    plugins?: KyselyPlugin[];
    /** How far behind the event loop the app believes it is (load shedding); by default never. */
    loadLag?: () => number;
    /** When the app turns public requests away (load shedding); by default the real limits. */
    shedLimits?: ShedLimits;
    /** The share of public requests the app lets in (load shedding); by default all. */
    admitted?: () => number;
    /** A database file instead of memory (for tests that read it from a second connection). */
    file?: string;
  } = {},
) {
  const store = opts.file ? await sqliteFileStore(opts.file) : await freshStore();
  const clock = fixedClock(opts.now ?? '2026-11-24T03:00:00.000Z');
  const raised = opts.realRateLimit ? {} : { KOE_RATE_LIMIT_PER_MINUTE: '1000' };
  const config: Config = loadConfig({ ...raised, ...opts.env });
  const appDb = (opts.plugins ?? []).reduce((db, plugin) => db.withPlugin(plugin), store.db);
  const analysis = createAnalysisRunner({ db: appDb, clock, ...opts.analysis });
  // The server's own version reader, unless plugins must see every query the app makes.
  const pageVersions = opts.plugins ? undefined : versionReaderOf(store);
  const app = createApp({
    db: appDb,
    config,
    secret: TEST_SECRET,
    clock,
    analysis,
    loadLag: opts.loadLag,
    shedLimits: opts.shedLimits,
    admitted: opts.admitted,
    pageVersions,
  });
  return { app, db: store.db, store, clock, config, client: new TestClient(app) };
}

type Fetchable = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

/**
 * A browser stand-in for app.request(): keeps cookies, and fills in the CSRF field the way a
 * form in a page would (from the hidden input of the last page it read, or the cookie).
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  lastCsrf = '';
  constructor(readonly app: Fetchable) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await this.app.request(`http://localhost${path}`, { ...init, headers });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** GET that returns the response and its HTML, remembering the page's CSRF token. */
  async get(path: string, headers: Record<string, string> = {}) {
    const res = await this.request(path, { headers });
    const html = await res.text();
    const m = html.match(/name="_csrf" value="([^"]+)"/);
    if (m?.[1]) this.lastCsrf = m[1];
    return { res, html };
  }

  /** POSTs a form (urlencoded) with the CSRF field unless `csrf: false`. */
  async post(
    path: string,
    fields: Record<string, string | string[]> = {},
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ) {
    // A token comes with a page that has a form (the list has none): the sign-in page has one.
    if (!this.lastCsrf && opts.csrf !== false) await this.get('/login');
    const body = new URLSearchParams();
    if (opts.csrf !== false) body.append('_csrf', this.lastCsrf || this.cookies.get('koe_csrf') || '');
    for (const [k, v] of Object.entries(fields)) {
      for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    }
    const res = await this.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...opts.headers },
    });
    const html = res.status >= 300 && res.status < 400 ? '' : await res.text();
    const m = html.match(/name="_csrf" value="([^"]+)"/);
    if (m?.[1]) this.lastCsrf = m[1];
    return { res, html };
  }
}

/** The department test consultations belong to, and test staff accounts work for. */
export const TEST_DEPARTMENT = '市民協働推進課';

/** The id of the department named `name`, made through the app's data function when missing. */
export async function ensureDepartment(
  db: Awaited<ReturnType<typeof makeTestApp>>['db'],
  name: string = TEST_DEPARTMENT,
): Promise<number> {
  const found = await findDepartmentByName(db, name);
  return found ? found.id : insertDepartment(db, name, new Date('2026-01-01T00:00:00.000Z'));
}

/**
 * An open consultation (period around the test clock) with three sections, belonging to the
 * department `overrides.department` (default TEST_DEPARTMENT, made when missing).
 */
export async function seedConsultation(
  db: Awaited<ReturnType<typeof makeTestApp>>['db'],
  overrides: Partial<NewConsultation> = {},
  sections: SectionInput[] = [
    {
      level: 1,
      number: '第1章',
      heading: '指針の目的',
      body_md: 'この指針は、市民と市の協働を進めるためのものです。',
    },
    { level: 2, number: '1', heading: '協働の原則', body_md: '対等な立場で、互いの特性を尊重します。' },
    { level: 2, number: '2', heading: '情報の公開', body_md: '市は、わかりやすい情報を積極的に公開します。' },
  ],
): Promise<number> {
  const department = overrides.department ?? TEST_DEPARTMENT;
  const departmentId = department ? await ensureDepartment(db, department) : null;
  return insertConsultation(
    db,
    {
      title: '協働のまちづくり指針（案）',
      summary: '市民と市が協力してまちづくりを進めるための指針案です。',
      department,
      department_id: departmentId,
      contact: '電話 086-000-0000',
      status: 'published',
      published_at: '2026-11-01T00:00:00.000Z',
      opens_at: '2026-11-01T00:00:00.000Z',
      closes_at: '2026-12-01T14:59:59.999Z',
      ...overrides,
    },
    sections,
    new Date('2026-10-30T00:00:00.000Z'),
  );
}

/** Strips tags and collapses whitespace: roughly the text a person sees. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * An anonymous web comment (区分 市内在住) received at `at`, through the intake use case;
 * returns its id.
 */
export async function addAnonymousComment(
  db: Awaited<ReturnType<typeof makeTestApp>>['db'],
  consultationId: number,
  body: string,
  opts: { sectionIds?: number[]; at?: Date } = {},
): Promise<number> {
  const at = opts.at ?? new Date('2026-11-10T01:00:00.000Z');
  const outcome = await receiveComment(
    db,
    TEST_SECRET,
    {
      consultationId,
      channel: 'web',
      receivedAt: at,
      draft: {
        sectionIds: opts.sectionIds ?? [],
        body,
        submitterKind: 'anonymous',
        name: '',
        address: '',
        organisationName: '',
        representative: '',
        category: 'resident',
        email: '',
        phone: '',
      },
    },
    at,
  );
  if (!outcome.ok) throw new Error(`The fixture comment was refused: ${outcome.refusal}`);
  return outcome.comment.id;
}

/** The ids of a consultation's sections, in the draft's order. */
export async function sectionIdsOf(
  db: Awaited<ReturnType<typeof makeTestApp>>['db'],
  consultationId: number,
) {
  const rows = await db
    .selectFrom('sections')
    .select('id')
    .where('consultation_id', '=', consultationId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.id);
}
