/**
 * Load benchmark: Koe's busiest public pages and the comment path, against bare baselines
 * measured in the same run on the same machine (only ratios between them mean anything when
 * the load generator shares the 2 cores with the server).
 *
 *   npm run bench:load            # 10 s per target, 50 connections
 *   BENCH_SECONDS=5 npm run bench:load
 *
 * Targets only 127.0.0.1. Uses a temporary SQLite file with the production pragmas
 * (WAL, synchronous=FULL), so every acknowledged comment is fsynced as in production.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import { Hono } from 'hono';
import { createApp } from '../../src/app.tsx';
import { loadConfig } from '../../src/config.ts';
import { migrateToLatest, openStore } from '../../src/data/sqlite.ts';
import { seedConsultation } from '../helpers.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

type Server = ReturnType<typeof serve>;
function listen(
  fetch: (req: Request) => Response | Promise<Response>,
): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}` });
    });
  });
}

async function run(name: string, opts: autocannon.Options) {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...opts });
  const row = {
    target: name,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    '2xx/3xx': result['2xx'] + result['3xx'],
    'non-2xx/3xx': result.non2xx - result['3xx'],
    errors: result.errors + result.timeouts,
  };
  console.log(JSON.stringify(row));
  return row;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'koe-bench-'));
  const rows = [];
  try {
    // Bare baselines: Hono rendering a fixed HTML page, and Hono taking a form POST into one
    // better-sqlite3 insert with the same durability settings.
    const bare = new Hono();
    const html = `<!DOCTYPE html><html lang="ja"><body><h1>${'意見募集'.repeat(50)}</h1></body></html>`;
    bare.get('/', (c) => c.html(html));
    const raw = new SQLite(join(dir, 'bare.sqlite3'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = raw.prepare('INSERT INTO t (body) VALUES (?)');
    bare.post('/post', async (c) => {
      const body = await c.req.parseBody();
      insert.run(String(body.body ?? ''));
      return c.redirect('/', 303);
    });
    const b = await listen(bare.fetch);

    const store = openStore(join(dir, 'koe.sqlite3'));
    await migrateToLatest(store.db);
    const config = loadConfig({ KOE_RATE_LIMIT_PER_MINUTE: '100000' });
    const app = createApp({ db: store.db, config, secret: 'bench-secret-bench-secret-bench-secret!' });
    const id = await seedConsultation(store.db, {
      opens_at: new Date(Date.now() - 86400_000).toISOString(),
      closes_at: new Date(Date.now() + 30 * 86400_000).toISOString(),
    });
    const k = await listen(app.fetch);

    // A CSRF cookie and token, as a browser would have after loading the form.
    const form = await fetch(`${k.url}/consultations/${id}/comment`);
    const cookie = form.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const token = (await form.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
    let n = 0;
    const commentBody = () =>
      new URLSearchParams({
        _csrf: token,
        submitter_kind: 'individual',
        name: '負荷 試験',
        postal_code: '710-8565',
        address: '倉敷市',
        category: 'resident',
        body: `負荷試験の意見です。協働の原則について意見を述べます。番号${n}`,
        submission_key: `bench-${process.pid}-${++n}-${'x'.repeat(16)}`,
      }).toString();

    rows.push(await run('bare Hono: GET fixed HTML', { url: `${b.url}/` }));
    rows.push(await run('Koe: GET / (list)', { url: `${k.url}/` }));
    rows.push(await run('Koe: GET /consultations/:id', { url: `${k.url}/consultations/${id}` }));
    rows.push(
      await run('bare Hono: POST form + 1 insert (FULL)', {
        url: `${b.url}/post`,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'body=hello',
      }),
    );
    rows.push(
      await run('Koe: POST comment submit (validate + insert + 303)', {
        url: `${k.url}/consultations/${id}/comment/submit`,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        requests: [{ setupRequest: (req) => ({ ...req, body: commentBody() }) }],
      }),
    );
    const stored = await store.db
      .selectFrom('comments')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    console.log(`\nComments stored by the submit run: ${stored.n}`);
    console.table(rows);
    for (const s of [b.server, k.server]) {
      (s as import('node:http').Server).closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
    raw.close();
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
