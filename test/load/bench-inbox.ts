/**
 * Inbox paging benchmark: 100,000 comments in a temporary SQLite file, then the queries the
 * inbox page runs (count + one page of 50), timed through the real data functions.
 *
 *   npx tsx test/load/bench-inbox.ts [comments=100000] [runs=15]
 *
 * Prints the median and the slowest of N runs per case, in milliseconds: wall time, including
 * the turns the event loop gets between windows (src/data/comment-windows.ts). A script, not a
 * test: timings depend on the machine. test/routes/scale.test.ts checks 200,000 comments.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { insertConsultation } from '../../src/data/consultations.ts';
import { countInbox, type InboxCursor, type InboxFilters, listInboxPage } from '../../src/data/inbox.ts';
import { migrateToLatest, openStore } from '../../src/data/sqlite.ts';

const N = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 15);

const dir = mkdtempSync(join(tmpdir(), 'koe-bench-'));
const store = openStore(join(dir, 'bench.sqlite3'));
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
let seed = 42;
const rand = (n: number) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return Math.floor((((x ^ (x >>> 14)) >>> 0) / 4294967296) * n);
};

const t0 = performance.now();
store.sqlite.pragma('synchronous = OFF');
const insert = store.sqlite.prepare(
  `INSERT INTO comments (consultation_id, receipt_code, channel, received_at, body, submitter_kind, submitter_key, category, created_at)
   VALUES (?, ?, ?, ?, ?, 'individual', ?, ?, ?)`,
);
const link = store.sqlite.prepare('INSERT INTO comment_sections (comment_id, section_id) VALUES (?, ?)');
const start = Date.parse('2026-01-01T00:00:00.000Z');
const span = Date.parse('2026-12-31T00:00:00.000Z') - start;
store.sqlite.transaction(() => {
  for (let i = 0; i < N; i++) {
    const parts = 2 + rand(4);
    let body = '';
    for (let p = 0; p < parts; p++) body += words[rand(words.length)]! + tails[rand(tails.length)]!;
    const at = new Date(start + Math.floor((i / N) * span) + rand(60_000)).toISOString();
    const cid = i % 10 === 9 ? otherId : consultationId;
    const info = insert.run(
      cid,
      `B${String(i).padStart(11, '0')}`,
      channels[rand(channels.length)],
      at,
      body,
      `k${i}`,
      categories[rand(categories.length)],
      at,
    );
    if (cid === consultationId && rand(3) > 0)
      link.run(info.lastInsertRowid, sectionIds[rand(sectionIds.length)]);
  }
})();
store.sqlite.pragma('synchronous = FULL');
store.sqlite.exec('ANALYZE');
console.log(
  `Inserted ${N.toLocaleString('en')} comments in ${Math.round(performance.now() - t0)} ms (${dir})`,
);

// The cursor of a page deep in the list (about 90% of the way down), found once, untimed.
const deep = await store.db
  .selectFrom('comments')
  .select(['received_at', 'id'])
  .where('consultation_id', '=', consultationId)
  .orderBy('received_at', 'desc')
  .orderBy('id', 'desc')
  .offset(Math.floor(N * 0.8))
  .limit(1)
  .executeTakeFirstOrThrow();
const deepCursor: InboxCursor = { receivedAt: deep.received_at, id: deep.id };

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  `\n${'case'.padEnd(48)} ${'count'.padStart(8)} ${'page ms'.padStart(9)} ${'count ms'.padStart(9)} ${'max ms'.padStart(8)}`,
);
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
  const worst = Math.max(...pageTimes.map((p, i) => p + countTimes[i]!));
  console.log(
    `${name.padEnd(48)} ${String(total).padStart(8)} ${median(pageTimes).toFixed(2).padStart(9)} ${median(countTimes).toFixed(2).padStart(9)} ${worst.toFixed(1).padStart(8)}`,
  );
}

await store.close();
rmSync(dir, { recursive: true, force: true });
