/**
 * Load benchmark (issue #12): Koe's public pages and a citizen's whole submission, each against
 * a bare baseline measured in the same run — Hono serving the same bytes, and the same four
 * requests of the comment flow on bare Hono with one fsynced insert — then overload at four times
 * what Koe served, and a check that every acknowledged receipt is in the database.
 *
 *   npm run bench:load                       # 10 s per target
 *   BENCH_SECONDS=5 npm run bench:load       # shorter
 *   BENCH_JSON=out.json npm run bench:load   # also write the figures as JSON to a file
 *   BENCH_PG=0 npm run bench:load            # without the PostgreSQL rows
 *
 * The servers run as child processes (Koe is `src/server.tsx --demo` on a temporary database,
 * seeded with the demo's five consultations); on a machine with two or more cores they are
 * pinned with `taskset` to CPU 0 and this process — the load generator — to CPU 1, so the two
 * do not take turns on one core. Targets only 127.0.0.1.
 *
 * Then, where PostgreSQL is installed, the rows of bench-processes.ts: real server processes on
 * one SQLite file and on a temporary PostgreSQL server with 1, 2 and 4 app processes, the page
 * and the full comment flow, lost receipts counted.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import type { BarePages } from './bare-server.ts';
import {
  type Ack,
  closedLoop,
  cookiesSet,
  type FlowStats,
  hiddenFields,
  openLoop,
  percentile,
} from './flow.ts';
import { findPostgres } from '../pg/server.ts';
import { benchProcesses } from './bench-processes.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const CITIZENS = Number(process.env.BENCH_CITIZENS ?? 32);
/** While working on one part: `BENCH_ONLY=pages` or `BENCH_ONLY=flow` (the report is partial). */
const ONLY = process.env.BENCH_ONLY;
const ROOT = resolve(import.meta.dirname, '../..');

/** Pinning, where the machine allows it: servers on CPU 0, the load generator on CPU 1. */
const PIN = availableParallelism() >= 2 && hasTaskset();
function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Running {
  proc: ChildProcess;
  url: string;
}

/** Starts a node process (pinned to CPU 0) and waits for `ready` to match its output. */
function start(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<Running & { m: RegExpMatchArray }> {
  const node = [process.execPath, '--import', 'tsx', ...args];
  const [cmd, ...rest] = PIN ? ['taskset', '-c', '0', ...node] : node;
  const proc = spawn(cmd!, rest, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`did not start:\n${out}`)), 120_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(ready);
      if (m) {
        clearTimeout(timer);
        proc.stdout?.resume();
        proc.stderr?.resume();
        done({ proc, url: '', m });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', (code) => fail(new Error(`exited ${code}:\n${out}`)));
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
}

function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    proc.once('exit', () => done());
    proc.kill('SIGTERM');
  });
}

/** Resident and peak memory of a process, in MB, from /proc (undefined elsewhere). */
function memoryOf(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))?.[1] ?? 0);
    return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used, from /proc (0 where there is none). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

interface Measure {
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU time per request (or per submission), in ms: steadier than rates on a shared machine. */
  cpuMs: number;
}

async function cannon(url: string, pid: number): Promise<Measure> {
  const cpu = cpuSeconds(pid);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  const done = r.requests.total;
  return {
    rate: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
    cpuMs: Number((((cpuSeconds(pid) - cpu) * 1000) / Math.max(1, done)).toFixed(3)),
  };
}

async function flow(run: () => Promise<FlowStats>, pid: number): Promise<[FlowStats, Measure]> {
  const cpu = cpuSeconds(pid);
  const s = await run();
  return [
    s,
    {
      rate: Math.round(s.completed / s.seconds),
      p50: Math.round(percentile(s.latencies, 50)),
      p99: Math.round(percentile(s.latencies, 99)),
      errors: s.failures.length,
      cpuMs: Number((((cpuSeconds(pid) - cpu) * 1000) / Math.max(1, s.completed)).toFixed(3)),
    },
  ];
}

interface Row {
  target: string;
  unit: 'req/s' | 'flows/s';
  koe: Measure;
  bare: Measure;
  ratio: number;
  goal: number;
}

const fmt = (m: Measure) =>
  `${m.rate.toLocaleString('en')} (p50 ${m.p50} ms, p99 ${m.p99} ms; server CPU ${m.cpuMs} ms each)`;

const CORES = availableParallelism();

async function main() {
  if (PIN) execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
  const load = { start: loadavg().map((x) => Number(x.toFixed(2))), end: [] as number[] };
  const dir = mkdtempSync(join(tmpdir(), 'koe-bench-'));
  const acks: Ack[] = [];
  const procs: ChildProcess[] = [];
  try {
    const koeDb = join(dir, 'koe.sqlite3');
    const port = await freePort();
    const koe = await start(
      ['src/server.tsx', '--demo'],
      {
        KOE_DEMO_DB: koeDb,
        KOE_DEMO_PASSWORD: 'bench-password-123',
        PORT: String(port),
        HOST: '127.0.0.1',
        // Every client here is 127.0.0.1; the per-address limit would stop the load at once.
        KOE_RATE_LIMIT_PER_MINUTE: '100000',
      },
      /is running/,
    );
    procs.push(koe.proc);
    const koeUrl = `http://127.0.0.1:${port}`;
    const list = (await (await fetch(`${koeUrl}/api/v1/consultations?per_page=100`)).json()) as {
      data: { id: number; phase: string }[];
    };
    const idOf = (phase: string) => list.data.find((c) => c.phase === phase)!.id;
    const open = idOf('open');
    const result = idOf('result_published');
    const pagePaths: Record<string, string> = {
      home: '/',
      consultation: `/consultations/${open}`,
      result: `/consultations/${result}`,
      api: '/api/v1/consultations',
    };

    // The bare server serves the same bytes Koe served.
    const spec: BarePages = { pages: {}, flow: { form: '', confirm: '', done: '' } };
    for (const [name, path] of Object.entries(pagePaths)) {
      const res = await fetch(`${koeUrl}${path}`);
      spec.pages[name] = { type: res.headers.get('content-type') ?? 'text/html', body: await res.text() };
    }
    spec.flow = await captureFlow(koeUrl, open);
    const pagesFile = join(dir, 'pages.json');
    writeFileSync(pagesFile, JSON.stringify(spec));
    const bare = await start(
      ['test/load/bare-server.ts', pagesFile, join(dir, 'bare.sqlite3')],
      {},
      /listening (\d+)/,
    );
    procs.push(bare.proc);
    const bareUrl = `http://127.0.0.1:${bare.m[1]}`;

    const rows: Row[] = [];
    const labels: Record<string, string> = {
      home: 'GET / (the list)',
      consultation: 'GET /consultations/:id (open draft)',
      result: 'GET /consultations/:id (published result)',
      api: 'GET /api/v1/consultations',
    };
    for (const [name, path] of Object.entries(ONLY === 'flow' ? {} : pagePaths)) {
      const b = await cannon(`${bareUrl}/page/${name}`, bare.proc.pid!);
      const k = await cannon(`${koeUrl}${path}`, koe.proc.pid!);
      rows.push(row(`${labels[name]} (${kb(spec.pages[name]!.body)} KB)`, 'req/s', k, b, 0.6));
    }

    if (ONLY === 'pages') {
      report(rows, undefined, { acknowledged: 0, lost: 0, flowFailures: [] }, load);
      return;
    }
    const [, bareFlow] = await flow(
      () => closedLoop({ baseUrl: bareUrl, consultationId: open }, CITIZENS, SECONDS),
      bare.proc.pid!,
    );
    const [koeStats, koeFlow] = await flow(
      () => closedLoop({ baseUrl: koeUrl, consultationId: open }, CITIZENS, SECONDS),
      koe.proc.pid!,
    );
    acks.push(...koeStats.acks);
    rows.push(
      row(
        `whole submission, ${CITIZENS} citizens (form → 確認 → 送信 → 完了)`,
        'flows/s',
        koeFlow,
        bareFlow,
        0.15,
      ),
    );

    // Overload: submissions arriving at four times the rate Koe just served.
    const capacity = Math.max(1, koeStats.completed / koeStats.seconds);
    let peakRss = 0;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, memoryOf(koe.proc.pid!)?.rss ?? 0);
    }, 200);
    const over = await openLoop({ baseUrl: koeUrl, consultationId: open }, 4 * capacity, SECONDS);
    clearInterval(sampler);
    acks.push(...over.acks);

    await stop(koe.proc);
    await stop(bare.proc);
    const lost = lostReceipts(koeDb, acks);
    load.end = loadavg().map((x) => Number(x.toFixed(2)));

    const overload = {
      offered: Math.round(4 * capacity),
      completed: Math.round(over.completed / over.seconds),
      p50: Math.round(percentile(over.latencies, 50)),
      p99: Math.round(percentile(over.latencies, 99)),
      shed: over.shed,
      shedP99: Math.round(percentile(over.shedLatencies, 99)),
      generatorLateP99: Math.round(percentile(over.startDelays, 99)),
      badShed: over.badShed,
      failures: over.failures.length,
      peakRssMb: peakRss,
    };
    report(
      rows,
      overload,
      { acknowledged: acks.length, lost, flowFailures: [...koeStats.failures, ...over.failures] },
      load,
    );
    if (process.env.BENCH_JSON) {
      writeFileSync(
        process.env.BENCH_JSON,
        JSON.stringify({ rows, overload, lost, acknowledged: acks.length, load }, null, 2),
      );
    }
  } finally {
    for (const p of procs) await stop(p);
    rmSync(dir, { recursive: true, force: true });
  }
  if (process.env.BENCH_PG === '0') return;
  if (findPostgres() === undefined) {
    console.log('\nPostgreSQL rows skipped: PostgreSQL is not installed (apt-get install -y postgresql).');
    return;
  }
  console.log('\nServer processes: SQLite (1) and PostgreSQL (1, 2, 4), same load generator:');
  console.table(await benchProcesses({ seconds: SECONDS, connections: CONNECTIONS }));
}

const kb = (s: string) => (Buffer.byteLength(s) / 1024).toFixed(1);

function row(target: string, unit: Row['unit'], koe: Measure, bare: Measure, goal: number): Row {
  return { target, unit, koe, bare, ratio: Number((koe.rate / bare.rate).toFixed(2)), goal };
}

/** One submission through Koe by hand, keeping the three pages a browser sees. */
async function captureFlow(baseUrl: string, id: number): Promise<BarePages['flow']> {
  const base = `/consultations/${id}/comment`;
  const formRes = await fetch(`${baseUrl}${base}`);
  const cookie = cookiesSet(formRes);
  const form = await formRes.text();
  const post = (path: string, pairs: [string, string][]) =>
    fetch(`${baseUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams(pairs).toString(),
    });
  const csrf = hiddenFields(form, `${base}/confirm`);
  const confirm = await (
    await post(`${base}/confirm`, [
      ...csrf,
      ['body', '負荷試験の準備です。'],
      ['submitter_kind', 'individual'],
      ['name', '負荷 試験'],
      ['postal_code', '710-8565'],
      ['address', '倉敷市西中新田640'],
      ['category', 'resident'],
    ])
  ).text();
  const sent = await post(`${base}/submit`, hiddenFields(confirm, `${base}/submit`));
  const done = await (
    await fetch(`${baseUrl}${sent.headers.get('location')}`, { headers: { cookie } })
  ).text();
  return { form, confirm, done };
}

/** Receipts acknowledged but not in the database with the text sent. */
function lostReceipts(file: string, acks: readonly Ack[]): number {
  const sqlite = new SQLite(file, { readonly: true });
  try {
    const find = sqlite.prepare('SELECT body FROM comments WHERE receipt_code = ?').pluck();
    return acks.filter((a) => find.get(a.code) !== a.body).length;
  } finally {
    sqlite.close();
  }
}

function report(
  rows: Row[],
  overload:
    | (Record<string, unknown> & {
        offered: number;
        completed: number;
        p50: number;
        p99: number;
        shed: number;
        shedP99: number;
        generatorLateP99: number;
        peakRssMb: number;
        badShed: string[];
        failures: number;
      })
    | undefined,
  receipts: { acknowledged: number; lost: number; flowFailures: string[] },
  load: { start: number[]; end: number[] },
) {
  console.log(`\nKoe load benchmark — ${new Date().toISOString()}, ${SECONDS} s per target`);
  console.log(
    `load average at start ${load.start.join(' ')}, at end ${load.end.join(' ')}; ${CORES} cores; ${PIN ? 'servers pinned to CPU 0, load generator to CPU 1' : 'not pinned'}`,
  );
  for (const r of rows) {
    const met = r.ratio >= r.goal ? 'met' : 'NOT met';
    console.log(`\n${r.target}`);
    console.log(`  Koe   ${fmt(r.koe)} ${r.unit}${r.koe.errors ? `, ${r.koe.errors} errors` : ''}`);
    console.log(`  bare  ${fmt(r.bare)} ${r.unit}${r.bare.errors ? `, ${r.bare.errors} errors` : ''}`);
    console.log(
      `  ratio ${r.ratio.toFixed(2)} (goal ≥ ${r.goal}: ${met}); CPU ratio ${(r.bare.cpuMs / r.koe.cpuMs).toFixed(2)}`,
    );
  }
  if (overload) printOverload(overload);
  console.log(`\nreceipts acknowledged ${receipts.acknowledged}, lost ${receipts.lost}`);
  for (const f of receipts.flowFailures.filter(Boolean).slice(0, 5)) console.log(`  unexpected: ${f}`);
  console.log(
    `\nJSON ${JSON.stringify({ rows, overload, lost: receipts.lost, acknowledged: receipts.acknowledged, load })}`,
  );
}

function printOverload(overload: NonNullable<Parameters<typeof report>[1]>) {
  console.log(`\noverload: submissions offered at ${overload.offered}/s (4× what Koe served)`);
  console.log(
    `  completed ${overload.completed}/s (p50 ${overload.p50} ms, p99 ${overload.p99} ms), shed ${overload.shed} (429/503 with Retry-After; p99 ${overload.shedP99} ms to the refusal), peak RSS ${overload.peakRssMb} MB`,
  );
  console.log(
    `  load generator started submissions up to ${overload.generatorLateP99} ms late (p99)${overload.generatorLateP99 > 100 ? ': it was behind, and the latencies are partly its own' : ''}`,
  );
  if (overload.badShed.length)
    console.log(`  shed answers lacking Retry-After or ja/en: ${overload.badShed.join('; ')}`);
  if (overload.failures) console.log(`  ${overload.failures} unexpected answers`);
}

void main();
