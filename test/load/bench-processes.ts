/**
 * The rows of `npm run bench:load` that compare engines and process counts: Koe as real server
 * processes (`npm run koe -- serve --workers N`) on one SQLite file, and on one PostgreSQL
 * server with 1, 2 and 4 app processes, each under the same load generator in the same run:
 *
 * - the draft page (GET /consultations/:id);
 * - the full comment flow a browser without JavaScript goes through: the form, 確認 (confirm),
 *   送信 (submit, 303 with the receipt code), the done page. A flow is counted when its submit
 *   answered 303; every receipt code handed out is then looked up in the database ("lost" must
 *   be 0) and checked to be unique.
 *
 * The PostgreSQL server is a temporary one with its defaults (fsync on, synchronous_commit on):
 * every acknowledged comment is on disk, as on SQLite with synchronous=FULL. Clients come from
 * distinct addresses (X-Forwarded-For through KOE_TRUST_PROXY), as a city's visitors do, so the
 * per-address rate limit is not one hot row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { migrateToLatest } from '../../src/data/migrate.ts';
import { openDatabase, type Store } from '../../src/data/store.ts';
import { hiddenFields, killHard, startServerWith } from '../durability/harness.ts';
import { seedConsultation } from '../helpers.ts';
import { startTemporaryServer } from '../pg/server.ts';
import { cookiesSet } from './flow.ts';

export interface Row {
  target: string;
  'req/s': number;
  'flows/s'?: number;
  'p50 ms': number;
  'p99 ms': number;
  errors: number;
  lost?: number;
  twice?: number;
}

const DAY = 86_400_000;

async function seeded(target: string): Promise<{ store: Store; id: number }> {
  const store = openDatabase(target);
  await migrateToLatest(store.db);
  const id = await seedConsultation(store.db, {
    opens_at: new Date(Date.now() - DAY).toISOString(),
    closes_at: new Date(Date.now() + 30 * DAY).toISOString(),
  });
  return { store, id };
}

/** Runs the page and the flow against Koe served by `workers` processes on `database`. */
async function measure(
  label: string,
  database: Record<string, string>,
  store: Store,
  id: number,
  workers: number,
  opts: { seconds: number; connections: number },
): Promise<Row[]> {
  const env = {
    ...database,
    KOE_RATE_LIMIT_PER_MINUTE: '100000',
    KOE_TRUST_PROXY: '1',
    KOE_PUBLIC_URL: 'http://127.0.0.1',
    KOE_SECRET: 'bench-secret-bench-secret-bench-secret!',
  };
  const server = await startServerWith(env, ['src/cli/main.ts', 'serve', '--workers', String(workers)]);
  try {
    const base = server.baseUrl;
    const formPath = `/consultations/${id}/comment`;
    const form = await fetch(`${base}${formPath}`);
    const cookie = cookiesSet(form);
    const token = (await form.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
    let clients = 0;
    const address = (context: Record<string, unknown>) => {
      context.ip ??= `10.${(++clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`;
      return context.ip as string;
    };
    const headers = (context: Record<string, unknown>, extra: Record<string, string> = {}) => ({
      cookie,
      'x-forwarded-for': address(context),
      ...extra,
    });

    const page = await autocannon({
      url: `${base}/consultations/${id}`,
      connections: opts.connections,
      duration: opts.seconds,
      requests: [
        {
          setupRequest: (req, context) => ({ ...req, headers: headers(context as Record<string, unknown>) }),
        },
      ],
    });

    const codes: string[] = [];
    let n = 0;
    const posted = { 'content-type': 'application/x-www-form-urlencoded' };
    const flow = await autocannon({
      url: base,
      connections: opts.connections,
      duration: opts.seconds,
      requests: [
        {
          method: 'GET',
          path: formPath,
          setupRequest: (req, context) => ({ ...req, headers: headers(context as Record<string, unknown>) }),
        },
        {
          method: 'POST',
          path: `${formPath}/confirm`,
          setupRequest: (req, context) => ({
            ...req,
            headers: headers(context as Record<string, unknown>, posted),
            body: new URLSearchParams({
              _csrf: token,
              submitter_kind: 'individual',
              name: '負荷 試験',
              postal_code: '710-8565',
              address: '倉敷市',
              category: 'resident',
              body: `負荷試験の意見です。協働の原則について意見を述べます。番号${++n}`,
            }).toString(),
          }),
          onResponse: (status, body, context) => {
            // Anything but the confirmation page (counted as an error) starts the flow again.
            (context as Record<string, unknown>).fields =
              status === 200 ? hiddenFields(body, `${formPath}/submit`) : undefined;
          },
        },
        {
          method: 'POST',
          path: `${formPath}/submit`,
          setupRequest: (req, context) => {
            const fields = (context as Record<string, unknown>).fields as [string, string][] | undefined;
            if (!fields) return undefined as unknown as typeof req; // start the flow again
            return {
              ...req,
              headers: headers(context as Record<string, unknown>, posted),
              body: new URLSearchParams(fields).toString(),
            };
          },
          onResponse: (status, _body, context, responseHeaders) => {
            const c = context as Record<string, unknown>;
            c.fields = undefined;
            const location = String((responseHeaders as Record<string, string>).location ?? '');
            const code = location.match(/\/comment\/done\/([0-9A-Z]{12})$/)?.[1];
            if (status === 303 && code) {
              codes.push(code);
              c.done = location;
            }
          },
        },
        {
          method: 'GET',
          setupRequest: (req, context) => {
            const done = (context as Record<string, unknown>).done as string | undefined;
            if (!done) return undefined as unknown as typeof req;
            return { ...req, path: done, headers: headers(context as Record<string, unknown>) };
          },
        },
      ],
    });
    const found = new Set<string>();
    for (let i = 0; i < codes.length; i += 1000) {
      const rows = await store.db
        .selectFrom('comments')
        .select('receipt_code')
        .where('receipt_code', 'in', codes.slice(i, i + 1000))
        .execute();
      for (const r of rows) found.add(r.receipt_code);
    }
    const unique = new Set(codes);
    const target = `${label}, ${workers} process${workers > 1 ? 'es' : ''}`;
    return [
      {
        target: `${target}: GET /consultations/:id`,
        'req/s': Math.round(page.requests.average),
        'p50 ms': page.latency.p50,
        'p99 ms': page.latency.p99,
        errors: page.errors + page.timeouts + page.non2xx,
      },
      {
        target: `${target}: comment flow (form, confirm, submit, done)`,
        'req/s': Math.round(flow.requests.average),
        'flows/s': Math.round((codes.length / opts.seconds) * 10) / 10,
        'p50 ms': flow.latency.p50,
        'p99 ms': flow.latency.p99,
        errors: flow.errors + flow.timeouts + flow.non2xx - flow['3xx'],
        lost: [...unique].filter((c) => !found.has(c)).length,
        twice: codes.length - unique.size,
      },
    ];
  } finally {
    await killHard(server.proc);
  }
}

/** SQLite (one process) and PostgreSQL (1, 2, 4 processes), same run, same load generator. */
export async function benchProcesses(opts: { seconds: number; connections: number }): Promise<Row[]> {
  const rows: Row[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'koe-bench-processes-'));
  const postgres = await startTemporaryServer({});
  try {
    const file = join(dir, 'koe.sqlite3');
    const sqlite = await seeded(file);
    for (const row of await measure('SQLite', { KOE_DB: file }, sqlite.store, sqlite.id, 1, opts)) {
      console.log(JSON.stringify(row));
      rows.push(row);
    }
    await sqlite.store.close();
    for (const workers of [1, 2, 4]) {
      // A fresh database for each, so that each run starts from the same state.
      const name = `koe_bench_${workers}`;
      const admin = openDatabase(postgres.url);
      await sql.raw(`CREATE DATABASE ${name}`).execute(admin.db);
      await admin.close();
      const url = postgres.url.replace(/\/postgres$/, `/${name}`);
      const pg = await seeded(url);
      for (const row of await measure(
        'PostgreSQL',
        { KOE_DATABASE_URL: url },
        pg.store,
        pg.id,
        workers,
        opts,
      )) {
        console.log(JSON.stringify(row));
        rows.push(row);
      }
      await pg.store.close();
    }
  } finally {
    postgres.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
