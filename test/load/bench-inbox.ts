/**
 * Inbox paging benchmark: 100,000 comments in a temporary SQLite file, then the same 100,000 in
 * a temporary PostgreSQL database (where PostgreSQL is installed), and on each the queries the
 * inbox page runs (count + one page of 50), timed through the real data functions.
 *
 *   npm run bench:inbox                      # 100,000 comments, 15 runs, both engines
 *   npm run bench:inbox -- 3000 3 postgres   # comments, runs, engines (sqlite,postgres)
 *
 * Prints the median and the slowest of N runs per case, in milliseconds: wall time, including
 * the turns the event loop gets between windows (src/data/comment-windows.ts). Both engines get
 * the same comments (one seeded generator), so each case must count the same on both: a
 * difference is printed as an error. A script, not a test: timings depend on the machine.
 * test/routes/scale.test.ts checks 200,000 comments on SQLite.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { insertConsultation } from '../../src/data/consultations.ts';
import { countInbox, type InboxCursor, type InboxFilters, listInboxPage } from '../../src/data/inbox.ts';
import { migrateToLatest } from '../../src/data/migrate.ts';
import { openDatabase, type Store } from '../../src/data/store.ts';
import { findPostgres, startTemporaryServer } from '../pg/server.ts';

const N = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 15);
const ENGINES = (process.argv[4] ?? 'sqlite,postgres').split(',');

const words = [
  '市民協働',
  '情報公開',
  '子育て支援',
  '公共交通',
  '防災計画',
  '高齢者福祉',
  '観光振興',
  '美観地区',
  '水島コンビナート',
  '再生可能エネルギー',
  '図書館',
  '学校給食',
  'バス路線',
  '駐車場',
  '公園整備',
];
const tails = [
  'に賛成です。',
  'を見直してください。',
  'について説明が足りません。',
  'をもっと進めてほしい。',
  'には反対します。',
];
const channels = ['web', 'web', 'web', 'post', 'fax', 'email', 'in_person'] as const;
const categories = [
  'resident',
  'worker',
  'student',
  'business',
  'taxpayer',
  'stakeholder',
  'other',
  null,
] as const;

// mulberry32: small, seeded, and without the correlated low bits of a plain LCG.
let state = 42;
const rand = (n: number) => {
  state = (state + 0x6d2b79f5) | 0;
  let x = Math.imul(state ^ (state >>> 15), 1 | state);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return Math.floor((((x ^ (x >>> 14)) >>> 0) / 4294967296) * n);
};

/** A consultation with three sections, another one, and N comments shared between them. */
async function seed(store: Store): Promise<{ consultationId: number; sectionIds: number[] }> {
  await migrateToLatest(store.db);
  const consultationId = await insertConsultation(
    store.db,
    {
      title: 'ベンチマーク用の案',
      status: 'published',
      opens_at: '2026-01-01T00:00:00.000Z',
      closes_at: '2026-12-31T14:59:59.999Z',
    },
    [
      { number: '第1章', heading: '目的' },
      { number: '第2章', heading: '原則' },
      { number: '第3章', heading: '公開' },
    ],
    new Date('2026-01-01T00:00:00.000Z'),
  );
  // A second consultation's comments share the table, as in real life.
  const otherId = await insertConsultation(
    store.db,
    { title: '別の案' },
    [],
    new Date('2026-01-01T00:00:00.000Z'),
  );
  const sectionIds = (
    await store.db.selectFrom('sections').select('id').where('consultation_id', '=', consultationId).execute()
  ).map((s) => s.id);

  const t0 = performance.now();
  if (store.engine === 'sqlite') store.sqlite.pragma('synchronous = OFF');
  state = 42; // the same comments on every engine
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  const span = Date.parse('2026-12-31T00:00:00.000Z') - start;
  const BATCH = 1000; // rows per INSERT: well under both engines' limits on parameters
  await store.db.transaction().execute(async (trx) => {
    for (let from = 0; from < N; from += BATCH) {
      const rows = [];
      const linked: boolean[] = [];
      const sections: number[] = [];
      for (let i = from; i < Math.min(N, from + BATCH); i++) {
        const parts = 2 + rand(4);
        let body = '';
        for (let p = 0; p < parts; p++) body += words[rand(words.length)]! + tails[rand(tails.length)]!;
        const at = new Date(start + Math.floor((i / N) * span) + rand(60_000)).toISOString();
        const cid = i % 10 === 9 ? otherId : consultationId;
        rows.push({
          consultation_id: cid,
          receipt_code: `B${String(i).padStart(11, '0')}`,
          channel: channels[rand(channels.length)]!,
          received_at: at,
          body,
          submitter_kind: 'individual' as const,
          submitter_key: `k${i}`,
          category: categories[rand(categories.length)]!,
          created_at: at,
        });
        const link = cid === consultationId && rand(3) > 0;
        linked.push(link);
        sections.push(link ? sectionIds[rand(sectionIds.length)]! : 0);
      }
      const ids = await trx.insertInto('comments').values(rows).returning('id').execute();
      const links = ids
        .map((r, k) => ({ comment_id: r.id, section_id: sections[k]! }))
        .filter((_, k) => linked[k]);
      if (links.length > 0) await trx.insertInto('comment_sections').values(links).execute();
    }
  });
  if (store.engine === 'sqlite') {
    store.sqlite.pragma('synchronous = FULL');
    store.sqlite.exec('ANALYZE');
  } else {
    await sql`ANALYZE`.execute(store.db);
  }
  console.log(
    `${store.engine}: inserted ${N.toLocaleString('en')} comments in ${Math.round(performance.now() - t0)} ms`,
  );
  return { consultationId, sectionIds };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Times every case on `store`; returns each case's count. */
async function measure(store: Store): Promise<Map<string, number>> {
  const { consultationId, sectionIds } = await seed(store);
  // The cursor of a page deep in the list (about 80% of the way down), found once, untimed.
  const deep = await store.db
    .selectFrom('comments')
    .select(['received_at', 'id'])
    .where('consultation_id', '=', consultationId)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .offset(Math.floor(N * 0.8))
    .limit(1)
    .executeTakeFirst();
  const deepCursor: InboxCursor | null = deep ? { receivedAt: deep.received_at, id: deep.id } : null;

  const cases: [string, InboxFilters, InboxCursor | null][] = [
    ['first page, no filter', {}, null],
    ['deep page (~80% down), no filter', {}, deepCursor],
    ['search 5 chars: 子育て支援', { q: '子育て支援' }, null],
    ['search 2 chars: 公園', { q: '公園' }, null],
    ['filter channel=post + category=business', { channel: 'post', category: 'business' }, null],
    [
      'filter section + date range (one month)',
      { section: sectionIds[1]!, from: '2026-06-01', to: '2026-06-30' },
      null,
    ],
    ['search rare phrase: 水島コンビナートには反対', { q: '水島コンビナートには反対' }, null],
  ];

  console.log(
    `\n${store.engine.padEnd(48)} ${'count'.padStart(8)} ${'page ms'.padStart(9)} ${'count ms'.padStart(9)} ${'max ms'.padStart(8)}`,
  );
  const counts = new Map<string, number>();
  for (const [name, filters, after] of cases) {
    const pageTimes: number[] = [];
    const countTimes: number[] = [];
    let total = 0;
    for (let r = 0; r < RUNS; r++) {
      const a = performance.now();
      await listInboxPage(store.db, consultationId, filters, after, 50);
      const b = performance.now();
      total = await countInbox(store.db, consultationId, filters);
      const c = performance.now();
      pageTimes.push(b - a);
      countTimes.push(c - b);
    }
    counts.set(name, total);
    const worst = Math.max(...pageTimes.map((p, i) => p + countTimes[i]!));
    console.log(
      `${name.padEnd(48)} ${String(total).padStart(8)} ${median(pageTimes).toFixed(2).padStart(9)} ${median(countTimes).toFixed(2).padStart(9)} ${worst.toFixed(1).padStart(8)}`,
    );
  }
  return counts;
}

const results: Map<string, number>[] = [];
if (ENGINES.includes('sqlite')) {
  const dir = mkdtempSync(join(tmpdir(), 'koe-bench-'));
  const store = openDatabase(join(dir, 'bench.sqlite3'));
  try {
    results.push(await measure(store));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
if (ENGINES.includes('postgres')) {
  if (findPostgres() === undefined) {
    console.log('\nPostgreSQL skipped: it is not installed (apt-get install -y postgresql).');
  } else {
    // Reads only are timed: the server's defaults for tests (no fsync) just make loading faster.
    const server = await startTemporaryServer();
    const store = openDatabase(server.url);
    try {
      results.push(await measure(store));
    } finally {
      await store.close();
      server.stop();
    }
  }
}
if (results.length === 2) {
  const [a, b] = results as [Map<string, number>, Map<string, number>];
  const differ = [...a].filter(([name, n]) => b.get(name) !== n);
  for (const [name, n] of differ)
    console.log(`ERROR: "${name}" counts ${n} on SQLite, ${b.get(name)} on PostgreSQL`);
  if (differ.length === 0) console.log('\nEvery case counts the same on both engines.');
  else process.exitCode = 1;
}
