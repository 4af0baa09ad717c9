/**
 * The bare baseline of the load benchmark: Hono on @hono/node-server, nothing else. It serves
 * the exact bytes Koe served for each page (captured by bench-load.ts and handed over in a JSON
 * file), and the comment flow as the same four requests with the same pages, where the 送信
 * step parses the form and makes one insert into SQLite with Koe's durability settings (WAL,
 * synchronous=FULL: one fsync per submission). No validation, CSRF, rendering or indexing: the
 * floor Koe is measured against.
 *
 *   node --import tsx test/load/bare-server.ts <pages.json> <sqlite file>
 *
 * Prints `listening <port>` once it listens on 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import SQLite from 'better-sqlite3';
import { Hono } from 'hono';

export interface BarePages {
  /** name → { type, body }: served at /page/<name>. */
  pages: Record<string, { type: string; body: string }>;
  /** The comment flow's pages as Koe served them. */
  flow: { form: string; confirm: string; done: string };
}

const [pagesFile, dbFile] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(pagesFile!, 'utf8')) as BarePages;

const raw = new SQLite(dbFile!);
raw.pragma('journal_mode = WAL');
raw.pragma('synchronous = FULL');
raw.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
const insert = raw.prepare('INSERT INTO t (body) VALUES (?)');

const app = new Hono();
app.get('/page/:name', (c) => {
  const page = spec.pages[c.req.param('name')];
  if (!page) return c.notFound();
  return c.body(page.body, 200, { 'content-type': page.type });
});
let n = 0;
app.get('/consultations/:id/comment', (c) => c.html(spec.flow.form));
app.post('/consultations/:id/comment/confirm', async (c) => {
  await c.req.parseBody();
  return c.html(spec.flow.confirm);
});
app.post('/consultations/:id/comment/submit', async (c) => {
  const body = await c.req.parseBody();
  insert.run(String(body.body ?? ''));
  const code = (++n).toString(36).toUpperCase().padStart(12, '0');
  return c.redirect(`/consultations/${c.req.param('id')}/comment/done/${code}`, 303);
});
app.get('/consultations/:id/comment/done/:code', (c) => c.html(spec.flow.done));

const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
