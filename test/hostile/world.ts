/**
 * The seeded world the hostile suite attacks: the demo's five consultations (open, scheduled,
 * closed in review, result published, withdrawn) with their comments, groups and accounts, plus
 * what the demo lacks — a draft, related documents, an import batch, the city's logo, an unused
 * department, a failed mail, a dropped suggestion — made through the app itself where it can be. It is built once per test file and kept as a database image; `openWorld` gives a fresh
 * app on a copy of it in a few milliseconds, so one route's accepted attacks never change what
 * the next route sees.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { analyse } from '../../src/analysis/index.ts';
import { type AnalysisSpawn, createAnalysisRunner } from '../../src/analysis-runner/index.ts';
import { createApp } from '../../src/app.tsx';
import { loadConfig } from '../../src/config.ts';
import { findLogoMeta } from '../../src/data/city.ts';
import { setUserDepartments } from '../../src/data/departments.ts';
import { insertOutbox, markFailed } from '../../src/data/outbox.ts';
import { migrateToLatest } from '../../src/data/sqlite.ts';
import { logoUrl } from '../../src/http/city.ts';
import { DEMO_ACCOUNTS, seedDemo } from '../../src/demo/seed.ts';
import { fixedClock } from '../../src/lib/time.ts';
import { setupTokenIfNoAdmin } from '../../src/startup.ts';
import { TEST_SECRET, TestClient, visibleText } from '../helpers.ts';
import { TEST_PASSWORD } from '../helpers-auth.ts';
import { formsOf } from './html.ts';
import { baseline, encode, withValue } from './payloads.ts';

export const WHO = ['anonymous', 'council', 'staff', 'admin'] as const;
export type Who = (typeof WHO)[number];

/** The demo's consultations by phase, and the draft the world adds. */
export type Phase = 'open' | 'scheduled' | 'closed' | 'result' | 'withdrawn' | 'draft';

/** Real ids of one consultation's records (undefined when it has none of a kind). */
export interface ConsultationIds {
  id: number;
  phase: Phase;
  sections: number[];
  documents: number[];
  groups: number[];
  comments: number[];
  batches: number[];
  receiptCodes: string[];
}

export interface World {
  image: Buffer;
  now: string;
  env: Record<string, string>;
  /** The cookies (session, CSRF) of each role's signed-in browser. */
  cookies: Record<Who, [string, string][]>;
  consultations: ConsultationIds[];
  users: number[];
  auditIds: number[];
  setupToken: string;
  /** The city logo's file name under /city/ (its address names its hash). */
  logoFile: string;
}

export const NOW = '2026-11-24T03:00:00.000Z';
const ENV = {
  // Thousands of requests come from one address: the limits are tested at their defaults elsewhere.
  KOE_RATE_LIMIT_PER_MINUTE: '100000',
  KOE_DEMO_PASSWORD: TEST_PASSWORD,
};

/** The analysis in this thread: the council pages are attacked, not the worker's start-up. */
const inThread: AnalysisSpawn = async (items, options) => JSON.stringify(analyse(items, options));

/** A fresh app on `sqlite`, as makeTestApp builds one. */
function appOn(sqlite: SQLite.Database, env: Record<string, string>, now: string) {
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const clock = fixedClock(now);
  const config = loadConfig(env);
  const analysis = createAnalysisRunner({ db, clock, spawn: inThread });
  const app = createApp({ db, config, secret: TEST_SECRET, clock, analysis });
  return { app, db, sqlite, clock, config, analysis };
}

export type Live = ReturnType<typeof appOn> & {
  clients: Record<Who, TestClient>;
  client: (who: Who) => TestClient;
};

/** A fresh app on a copy of the world's database, with a signed-in browser for each role. */
export function openWorld(world: World): Live {
  const live = appOn(new SQLite(world.image), world.env, world.now);
  const client = (who: Who) => {
    const c = new TestClient(live.app);
    for (const [k, v] of world.cookies[who]) c.cookies.set(k, v);
    c.lastCsrf = c.cookies.get('koe_csrf') ?? '';
    return c;
  };
  const clients = Object.fromEntries(WHO.map((w) => [w, client(w)])) as Record<Who, TestClient>;
  return { ...live, clients, client };
}

const DRAFT_TEXT = '# 第1章 目的\n\nこの案の目的です。\n\n# 第2章 内容\n\n## 1 方針\n\n方針の本文です。\n';

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`world: ${what} is missing`);
  return value;
}

async function expectStatus(res: Response, statuses: number[], what: string) {
  if (!statuses.includes(res.status)) {
    throw new Error(`world: ${what} answered ${res.status}: ${visibleText(await res.text()).slice(0, 400)}`);
  }
}

/**
 * Sends the form of `page` that posts to `action` as a person would (see `baseline`), with
 * `values` typed over it. Expects a redirect unless told otherwise.
 */
export async function submit(
  client: TestClient,
  page: string,
  action: string,
  values: Record<string, string | string[]>,
  expect: number[] = [303],
): Promise<Response> {
  const { res, html } = await client.get(page);
  await expectStatus(new Response(html, { status: res.status }), [200], `GET ${page}`);
  return submitFrom(client, page, html, action, values, expect);
}

/** As `submit`, with the page's HTML already read. */
export async function submitFrom(
  client: TestClient,
  page: string,
  html: string,
  action: string,
  values: Record<string, string | string[]>,
  expect: number[] = [303],
): Promise<Response> {
  const form = formsOf(html, page).find((f) => f.method === 'post' && f.action === action);
  if (!form) throw new Error(`world: no form for ${action} on ${page}`);
  let pairs = baseline(form);
  for (const [k, v] of Object.entries(values)) pairs = withValue(pairs, k, v);
  const { body, contentType } = encode(pairs, form.multipart);
  const res = await client.request(action, {
    method: 'POST',
    body,
    headers: contentType ? { 'content-type': contentType } : {},
  });
  await expectStatus(res.clone(), expect, `POST ${action}`);
  return res;
}

/** Builds the world (a few seconds: the demo, three sign-ins, and the additions). */
export async function buildWorld(): Promise<World> {
  const live = appOn(new SQLite(':memory:'), ENV, NOW);
  const { db, sqlite } = live;
  await migrateToLatest(db);
  // A setup link made while no administrator existed: it must be refused once one does.
  const setupToken = must(await setupTokenIfNoAdmin(db, live.clock.now()), 'setup token');
  await seedDemo(
    { db, config: live.config, secret: TEST_SECRET, demo: true, baseUrl: 'http://localhost' },
    live.clock.now(),
  );

  // The staff account works for every department: refusals by department are the matrix tests'
  // (test/routes/departments), not a wrong refusal here.
  const staffEmail = must(
    DEMO_ACCOUNTS.find((a) => a.role === 'staff'),
    'demo staff',
  ).email;
  const staffId = (
    await db.selectFrom('users').select('id').where('email', '=', staffEmail).executeTakeFirstOrThrow()
  ).id;
  const departmentIds = (await db.selectFrom('departments').select('id').execute()).map((r) => r.id);
  await setUserDepartments(db, staffId, departmentIds);

  const clients: Record<Who, TestClient> = {
    anonymous: new TestClient(live.app),
    council: new TestClient(live.app),
    staff: new TestClient(live.app),
    admin: new TestClient(live.app),
  };
  await clients.anonymous.get('/');
  for (const who of ['council', 'staff', 'admin'] as const) {
    const email = must(
      DEMO_ACCOUNTS.find((a) => a.role === who),
      `demo ${who}`,
    ).email;
    const { res } = await clients[who].post('/login', { email, password: TEST_PASSWORD });
    await expectStatus(res, [303], `sign-in of ${who}`);
  }
  const staff = clients.staff;

  // A draft consultation with sections.
  const created = await submit(staff, '/staff/consultations/new', '/staff/consultations', {
    title: '下書きの案（敵対的入力の検査用）',
    summary: '検査のための下書きです。',
    department: '情報政策課',
    opens_at: '2026-12-01T09:00',
    closes_at: '2027-01-31T23:59',
  });
  const draftId = Number(
    must(created.headers.get('location')?.match(/consultations\/(\d+)/)?.[1], 'draft id'),
  );
  const draftPage = `/staff/consultations/${draftId}/draft`;
  const split = await submit(staff, draftPage, `${draftPage}/preview`, { text: DRAFT_TEXT }, [200]);
  await submitFrom(staff, draftPage, await split.text(), `${draftPage}/confirm`, {});
  const byPhase = await phases(db, draftId);

  // Related documents on the open consultation and the draft.
  for (const id of [byPhase.open, draftId]) {
    await submit(staff, `/staff/consultations/${id}/documents/new`, `/staff/consultations/${id}/documents`, {
      title: '参考資料',
    });
  }

  // On the closed consultation: an import batch, two identical paper comments (offered as one
  // group), a hidden comment and an excluded one (their pages offer to undo it).
  const closed = `/staff/consultations/${byPhase.closed}`;
  const preview = await submit(
    staff,
    `${closed}/comments/import`,
    `${closed}/comments/import/preview`,
    {},
    [200],
  );
  await submitFrom(staff, `${closed}/comments/import`, await preview.text(), `${closed}/comments/import`, {});
  for (let i = 0; i < 2; i++) {
    await submit(staff, `${closed}/comments/new`, `${closed}/comments/new`, {
      channel: 'post',
      received_date: '2026-11-10',
      body: 'レジ袋の有料化を進めてください。',
      submitter_kind: 'anonymous',
    });
  }
  const [first, second] = await db
    .selectFrom('comments')
    .select('id')
    .where('consultation_id', '=', byPhase.closed)
    .orderBy('id')
    .limit(2)
    .execute();
  const hideId = must(first, 'a comment to hide').id;
  await submit(staff, `${closed}/comments/${hideId}`, `${closed}/comments/${hideId}/hide`, {});
  const excludeId = must(second, 'a comment to exclude').id;
  await submit(
    staff,
    `${closed}/review/comments/${excludeId}`,
    `${closed}/review/comments/${excludeId}/exclude`,
    {},
  );

  // A disabled account (its page offers to enable it).
  const admin = clients.admin;
  // The temporary password is shown once on the answer (201), which links to the account's page.
  const made = await submit(
    admin,
    '/staff/admin/users/new',
    '/staff/admin/users',
    { email: 'disabled@example.jp', role: 'staff' },
    [201],
  );
  const userPath = must(
    (await made.text()).match(/href="(\/staff\/admin\/users\/\d+)"/)?.[1],
    'new user page',
  );
  await submit(admin, userPath, `${userPath}/disable`, {});

  // The city's logo (a real PNG: see plausibleFile), served under its hash, and offered for removal.
  await submit(admin, '/staff/admin/settings', '/staff/admin/settings/logo', {});
  const logoFile = logoUrl(must(await findLogoMeta(db), 'logo')).replace(/^\/city\//, '');

  // A department nothing uses (its page offers to delete it).
  await submit(admin, '/staff/admin/departments', '/staff/admin/departments', { name: '敵対的入力検査課' });

  // A message the sender gave up on (the mail page offers to retry it).
  await insertOutbox(
    db,
    [
      {
        kind: 'receipt',
        recipient: 'undeliverable@example.jp',
        lang: 'ja',
        payloadJson: '{}',
        dedupeKey: 'hostile-world-failed',
        messageId: '<hostile-world-failed@example.jp>',
        notBefore: live.clock.now(),
      },
    ],
    live.clock.now(),
  );
  const failed = must(
    await db
      .selectFrom('outbox')
      .select('id')
      .where('dedupe_key', '=', 'hostile-world-failed')
      .executeTakeFirst(),
    'failed mail',
  );
  await markFailed(db, failed.id, 'rejected', '550 5.1.1 No such user');

  // The council pages read the analysis: computed now, so the image holds it.
  for (const id of Object.values(byPhase)) await live.analysis.get(id, { wait: true });

  // One suggestion dropped on the closed consultation (its list offers to restore it).
  const suggestionsPage = `${closed}/review/suggestions`;
  const { html: listed } = await staff.get(suggestionsPage);
  const drop = must(
    formsOf(listed, suggestionsPage).find((f) => f.method === 'post' && f.action.endsWith('/drop')),
    'a suggestion to drop',
  );
  await submitFrom(staff, suggestionsPage, listed, drop.action, {});

  const consultations: ConsultationIds[] = [];
  for (const [phase, id] of Object.entries(byPhase) as [Phase, number][]) {
    consultations.push(await idsOf(db, id, phase));
  }
  const users = (await db.selectFrom('users').select('id').orderBy('id').execute()).map((r) => r.id);
  const auditIds = (await db.selectFrom('audit_log').select('id').orderBy('id').limit(3).execute()).map(
    (r) => r.id,
  );
  const cookies = Object.fromEntries(WHO.map((w) => [w, [...clients[w].cookies]])) as World['cookies'];
  return {
    image: sqlite.serialize(),
    now: NOW,
    env: ENV,
    cookies,
    consultations,
    users,
    auditIds,
    setupToken,
    logoFile,
  };
}

/** The demo's consultations by phase (by their status and dates at NOW), and the draft. */
async function phases(db: Kysely<Database>, draftId: number): Promise<Record<Phase, number>> {
  const rows = await db
    .selectFrom('consultations')
    .select(['id', 'status', 'opens_at', 'closes_at', 'result_published_at'])
    .execute();
  const at = NOW;
  const published = (r: (typeof rows)[number]) => r.status === 'published' && r.result_published_at === null;
  const find = (what: string, ok: (r: (typeof rows)[number]) => boolean) =>
    must(
      rows.find((r) => r.id !== draftId && ok(r)),
      what,
    ).id;
  return {
    open: find('open', (r) => published(r) && (r.opens_at ?? '') <= at && (r.closes_at ?? '') > at),
    scheduled: find('scheduled', (r) => published(r) && (r.opens_at ?? '') > at),
    closed: find('closed', (r) => published(r) && (r.closes_at ?? '') <= at),
    result: find('result', (r) => r.result_published_at !== null),
    withdrawn: find('withdrawn', (r) => r.status === 'withdrawn'),
    draft: draftId,
  };
}

/** The records of one consultation, oldest first, or newest first (`newest`). */
async function idsOf(
  db: Kysely<Database>,
  id: number,
  phase: Phase,
  newest = false,
): Promise<ConsultationIds> {
  const order = newest ? 'desc' : 'asc';
  const ids = async (table: 'sections' | 'documents' | 'comment_groups' | 'import_batches') =>
    (
      await db.selectFrom(table).select('id').where('consultation_id', '=', id).orderBy('id', order).execute()
    ).map((r) => r.id);
  const comments = await db
    .selectFrom('comments')
    .select(['id', 'receipt_code'])
    .where('consultation_id', '=', id)
    .orderBy('id', order)
    .execute();
  return {
    id,
    phase,
    sections: await ids('sections'),
    documents: await ids('documents'),
    groups: await ids('comment_groups'),
    comments: comments.map((r) => r.id),
    batches: await ids('import_batches'),
    receiptCodes: comments.map((r) => r.receipt_code),
  };
}

/**
 * The world as it stands in `live` after the suite changed it: every consultation (new ones
 * too, counted as drafts) with its newest records first, so pages of what the suite added are
 * the ones visited.
 */
export async function worldNow(world: World, live: Live): Promise<World> {
  const rows = await live.db.selectFrom('consultations').select('id').orderBy('id').execute();
  const consultations: ConsultationIds[] = [];
  for (const { id } of rows) {
    const phase = world.consultations.find((c) => c.id === id)?.phase ?? 'draft';
    consultations.push(await idsOf(live.db, id, phase, true));
  }
  const users = (await live.db.selectFrom('users').select('id').orderBy('id').execute()).map((r) => r.id);
  return { ...world, consultations, users };
}
