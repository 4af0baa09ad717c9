/**
 * The durability tests drive the real server as a child process (`node --import tsx
 * src/server.tsx`, what `npm start` runs) over HTTP, the way a browser without JavaScript does,
 * and then look at the database file itself. Nothing here reaches into the server process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { migrateToLatest, openStore } from '../../src/data/sqlite.ts';
import { seedConsultation } from '../helpers.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Generous: a cold `tsx` start on a loaded two-core CI machine can take several seconds. */
const START_TIMEOUT_MS = 60_000;

const children = new Set<ChildProcess>();

/**
 * Spawns a command in its own process group (npm and tsx start children of their own), kept
 * on a list so that afterAll can end whatever is still running, even after a failed test.
 */
export function spawnTracked(command: string, args: string[], env: Record<string, string>): ChildProcess {
  const proc = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(proc);
  proc.once('exit', () => children.delete(proc));
  return proc;
}

/** Kills every child this file started that is still alive (for afterAll). */
export async function killAllChildren(): Promise<void> {
  await Promise.all([...children].map((p) => killHard(p)));
}

/** SIGKILL to the child's whole process group, then wait until the child is really gone. */
export async function killHard(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise<void>((done) => proc.once('exit', () => done()));
  try {
    process.kill(-proc.pid!, 'SIGKILL');
  } catch {
    proc.kill('SIGKILL'); // the group is already gone; the child is on its way out
  }
  await gone;
}

/** A temporary directory under the OS temp dir, removed by the returned function. */
export function tempDir(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A migrated database file with one consultation open now (by the system clock, which the
 * server uses): opened a day ago, closing in thirty days. Returns its id.
 */
export async function seedOpenConsultation(file: string): Promise<number> {
  const store = openStore(file);
  try {
    await migrateToLatest(store.db);
    const day = 24 * 60 * 60 * 1000;
    const now = Date.now();
    return await seedConsultation(store.db, {
      title: '耐久試験のための案',
      published_at: new Date(now - 2 * day).toISOString(),
      opens_at: new Date(now - day).toISOString(),
      closes_at: new Date(now + 30 * day).toISOString(),
    });
  } finally {
    await store.close();
  }
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

export interface RunningServer {
  proc: ChildProcess;
  baseUrl: string;
}

/**
 * Starts the server on `file` and resolves once it prints "is running". A port taken between
 * probing and listening (other processes share the machine) is retried on another port.
 */
export async function startServer(file: string): Promise<RunningServer> {
  return startServerWith({ KOE_DB: file });
}

/**
 * Starts `npm start`'s server (or, with `args`, the CLI's command: e.g. `serve --workers 2`) with
 * `env` choosing the database (KOE_DB or KOE_DATABASE_URL); resolves once it prints "is running".
 */
export async function startServerWith(
  env: Record<string, string>,
  args: string[] = ['src/server.tsx'],
): Promise<RunningServer & { output: () => string }> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await startOn(env, port, args);
    } catch (err) {
      lastError = err;
      if (!String(err).includes('EADDRINUSE')) break;
    }
  }
  throw lastError;
}

function startOn(
  env: Record<string, string>,
  port: number,
  args: string[],
): Promise<RunningServer & { output: () => string }> {
  const proc = spawnTracked(process.execPath, ['--import', 'tsx', ...args], {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    // Every client here is 127.0.0.1; the public POST limit would otherwise stop the load.
    KOE_RATE_LIMIT_PER_MINUTE: '100000',
    KOE_LOG_REQUESTS: 'false',
  });
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => {
      void killHard(proc);
      fail(new Error(`The server did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('is running')) {
        clearTimeout(timer);
        proc.off('exit', onExit);
        // Keep draining the pipes so the child never blocks on a full one (and keep what it says).
        proc.stdout?.resume();
        proc.stderr?.resume();
        done({ proc, baseUrl: `http://127.0.0.1:${port}`, output: () => output });
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      fail(new Error(`The server exited (${code ?? signal}) before it was running:\n${output}`));
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    proc.once('exit', onExit);
  });
}

/** The fields a person fills in; `body` is made unique per submission so it can be traced. */
export function commentFields(body: string): Record<string, string> {
  return {
    body,
    submitter_kind: 'individual',
    name: '耐久 試験',
    postal_code: '700-8544',
    address: '岡山市北区大供1丁目',
    category: 'resident',
    email: '',
    phone: '',
  };
}

/**
 * A comment text nobody else sends, with characters that HTML escaping and the trigram index
 * must carry through unchanged.
 */
export function uniqueText(tag: string): string {
  return `耐久試験 ${tag} ${randomBytes(6).toString('hex')}：「ごみ」の<分別> & "減量" を 'もっと' 進めてください。`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };
const unescapeHtml = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ENTITIES[e]!);

/** The name/value pairs of every hidden input inside the form posting to `action`. */
export function hiddenFields(html: string, action: string): [string, string][] {
  const form = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].find((m) =>
    m[1]!.includes(`action="${action}"`),
  );
  if (!form) throw new Error(`No form posting to ${action}`);
  const out: [string, string][] = [];
  for (const [tag] of form[2]!.matchAll(/<input\b[^>]*>/g)) {
    const attr = (name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
    const name = attr('name');
    if (attr('type') === 'hidden' && name) out.push([name, unescapeHtml(attr('value') ?? '')]);
  }
  return out;
}

/** Thrown for an answer the flow does not expect: a bug, never a consequence of the kill. */
export class UnexpectedAnswer extends Error {}

/**
 * One citizen without JavaScript: keeps the CSRF cookie, reads the form, confirms, and sends
 * the confirmation page's own hidden fields back.
 */
export class Citizen {
  private cookie = '';
  constructor(public baseUrl: string) {}

  /** The same browser (its cookie) talking to another server of the same city. */
  at(baseUrl: string): Citizen {
    const other = new Citizen(baseUrl);
    other.cookie = this.cookie;
    return other;
  }

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const res = await fetch(`${this.baseUrl}${path}`, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      if (pair.startsWith('koe_csrf=')) this.cookie = pair;
    }
    return res;
  }

  async page(path: string, init: RequestInit = {}, expected = 200): Promise<string> {
    const res = await this.fetch(path, init);
    const html = await res.text();
    if (res.status !== expected) {
      throw new UnexpectedAnswer(`${init.method ?? 'GET'} ${path}: ${res.status}\n${html.slice(0, 500)}`);
    }
    return html;
  }

  static form(pairs: Iterable<[string, string]>): RequestInit {
    return {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([...pairs]).toString(),
    };
  }

  /** Form page and confirmation page: returns the fields the "send" button posts. */
  async confirm(consultationId: number, body: string): Promise<[string, string][]> {
    const base = `/consultations/${consultationId}/comment`;
    const formPage = await this.page(base);
    const csrf = hiddenFields(formPage, `${base}/confirm`).find(([k]) => k === '_csrf');
    if (!csrf) throw new UnexpectedAnswer('The comment form has no CSRF field');
    const confirmPage = await this.page(
      `${base}/confirm`,
      Citizen.form([csrf, ...Object.entries(commentFields(body))]),
    );
    return hiddenFields(confirmPage, `${base}/submit`);
  }

  /**
   * Presses "send": the acknowledgement is the 303 to the done page, whose URL carries the
   * receipt code. Returns the code.
   */
  async send(consultationId: number, fields: [string, string][]): Promise<string> {
    const path = `/consultations/${consultationId}/comment/submit`;
    const res = await this.fetch(path, Citizen.form(fields));
    await res.body?.cancel();
    const done = res.headers.get('location') ?? '';
    const code = done.match(/\/comment\/done\/([0-9A-Z]{12})$/)?.[1];
    if (res.status !== 303 || !code) throw new UnexpectedAnswer(`POST ${path}: ${res.status} → ${done}`);
    return code;
  }
}

/** The checks a restored or restarted database must pass; throws naming the one that failed. */
export function checkDatabase(file: string): Map<string, string> {
  const sqlite = new SQLite(file);
  try {
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`PRAGMA integrity_check: ${String(integrity)}`);
    const orphans = sqlite.pragma('foreign_key_check') as unknown[];
    if (orphans.length > 0) throw new Error(`PRAGMA foreign_key_check: ${JSON.stringify(orphans)}`);
    // rank = 1 also compares the index with the comments table it is built from.
    sqlite.prepare(`INSERT INTO comments_fts(comments_fts, rank) VALUES ('integrity-check', 1)`).run();
    const rows = sqlite.prepare('SELECT receipt_code, body FROM comments').all() as {
      receipt_code: string;
      body: string;
    }[];
    return new Map(rows.map((r) => [r.receipt_code, r.body]));
  } finally {
    sqlite.close();
  }
}
