/**
 * How the suite judges an answer: never a server error; a refused request leaves the database
 * as it was (every INSERT, UPDATE and DELETE is counted by temporary triggers); a refusal that
 * renders a page says why in the person's language. (Sizes are judged in attack.ts.)
 */
import type SQLite from 'better-sqlite3';
import { visibleText } from '../helpers.ts';
import { startTags } from './html.ts';

export type Lang = 'ja' | 'en';

/**
 * Tables the app fills while reading, derived from what is stored: the identity keys of comment
 * texts (filled when the review lists comments), the cached analysis and the lease of the one
 * process computing it (`analysis_jobs`, taken and given back around each run). A page that
 * re-renders a refused form may fill them; that is not storing the request. Full-text index
 * tables follow `comments` and are left out too.
 */
const DERIVED = /^(comment_identity|analysis_cache|analysis_versions|analysis_jobs)$|_fts/;

/** Writes to each table since the watch began, counted by temporary triggers. */
export type Snapshot = Map<string, number>;

const watched = new WeakSet<SQLite.Database>();

/**
 * Counts every INSERT, UPDATE and DELETE on the stored tables (not DERIVED ones) from now on, in
 * a temporary table of this connection, through temporary triggers: an UPDATE is seen as well
 * as a new row, and the app's own database is not changed.
 */
export function watchWrites(sqlite: SQLite.Database): void {
  if (watched.has(sqlite)) return;
  watched.add(sqlite);
  const tables = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .pluck()
    .all() as string[];
  sqlite.exec('create temp table koe_writes (tbl text primary key, n integer not null)');
  for (const t of tables.filter((n) => !DERIVED.test(n))) {
    for (const op of ['insert', 'update', 'delete']) {
      sqlite.exec(
        `create temp trigger "koe_watch_${t}_${op}" after ${op} on main."${t}" begin
           insert into koe_writes values ('${t}', 1) on conflict(tbl) do update set n = n + 1;
         end`,
      );
    }
  }
}

/** The writes counted so far (see watchWrites). */
export function snapshot(sqlite: SQLite.Database): Snapshot {
  watchWrites(sqlite);
  const rows = sqlite.prepare('select tbl, n from temp.koe_writes').all() as { tbl: string; n: number }[];
  return new Map(rows.map((r) => [r.tbl, r.n]));
}

/** What was written between two snapshots, e.g. ["comments ×1"]; [] when nothing. */
export function storedBetween(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const [name, n] of after) {
    const was = before.get(name) ?? 0;
    if (n !== was) out.push(`${name} ×${n - was}`);
  }
  return out.sort();
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

/**
 * The text of a page's messages about the request: the error page, field errors, error
 * summaries and alerts. (Only these: the page around them quotes the consultation, which is in
 * Japanese whatever the reader's language.)
 */
export function messagesOf(html: string): string[] {
  const out: string[] = [];
  const tags = startTags(html);
  for (const t of tags) {
    const cls = ` ${t.attrs.class ?? ''} `;
    const isMessage =
      / (error-page|field-error|error-summary|notice-warning) /.test(cls) || t.attrs.role === 'alert';
    if (!isMessage) continue;
    // The element's text up to its end tag (these elements do not nest their own kind).
    const rest = html.slice(t.at);
    const end = rest.search(new RegExp(`</${t.tag}>`, 'i'));
    out.push(visibleText(rest.slice(0, end < 0 ? 2000 : end)));
  }
  return out.filter((s) => s !== '');
}

/**
 * What is wrong with a refusal's page for a reader of `lang`, or undefined. A page that is not
 * HTML (a JSON error, an empty 401 for htmx, a redirect) is judged elsewhere.
 */
export function languageProblem(
  html: string,
  contentType: string,
  lang: Lang,
  echoed: string[] = [],
): string | undefined {
  if (!contentType.includes('text/html') || html.trim() === '') return undefined;
  const messages = messagesOf(html);
  if (messages.length === 0) return 'no message on the refusal page';
  // What the person typed may be shown back inside a message; it is not the message's language.
  // Names quoted from the data (a column 「受付日」, a heading "本文") are not the message's language.
  const strip = (s: string) =>
    echoed
      .reduce((acc, e) => (e ? acc.split(e).join(' ') : acc), s)
      .replace(/"[^"]*"|「[^」]*」|“[^”]*”/g, ' ');
  const text = messages.map(strip).join(' / ');
  if (lang === 'en' && JAPANESE.test(text)) return `Japanese in an English refusal: ${text.slice(0, 200)}`;
  if (lang === 'ja' && !JAPANESE.test(text))
    return `no Japanese in a Japanese refusal: ${text.slice(0, 200)}`;
  const htmlLang = /<html lang="(ja|en)"/.exec(html)?.[1];
  if (htmlLang && htmlLang !== lang) return `<html lang="${htmlLang}"> for a ${lang} reader`;
  return undefined;
}

/** Headers asking for `lang` the way a browser does. */
export function langHeaders(lang: Lang): Record<string, string> {
  return { 'accept-language': lang === 'en' ? 'en-GB,en;q=0.9' : 'ja,en-US;q=0.7,en;q=0.3' };
}
