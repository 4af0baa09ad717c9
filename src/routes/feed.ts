import { Hono } from 'hono';
import { listFeedConsultations } from '../data/feed.ts';
import { type FeedEvent, type FeedEventKind, feedEvents } from '../domain/feed.ts';
import type { AppEnv } from '../env.ts';
import { linkCacheControl, publicOrigin } from '../http/public-url.ts';
import { siteName } from '../lib/city.ts';
import { formatDate } from '../lib/time.ts';

/**
 * GET /feed.atom: announcements of consultations (予告), calls for comments as each period
 * opens, withdrawals and published results, newest first.
 */
export const feedRoutes = new Hono<AppEnv>();

export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Each kind's title mark and the fragment of its entry id (kept from before 予告 existed). */
const KINDS: Record<FeedEventKind, { mark: string; id: string }> = {
  announced: { mark: '予告', id: 'announced' },
  opened: { mark: '意見募集', id: 'published' },
  withdrawn: { mark: '中止', id: 'withdrawn' },
  result: { mark: '結果公表', id: 'result' },
};

function summaryOf({ kind, consultation: c }: FeedEvent): string {
  if (kind === 'result') return `「${c.title}」の意見募集の結果を公表しました。`;
  if (kind === 'announced' && c.opens_at && c.closes_at) {
    return `意見募集を${formatDate(c.opens_at, 'ja')}から${formatDate(c.closes_at, 'ja')}まで行います。${c.summary}`;
  }
  return c.summary;
}

feedRoutes.get('/feed.atom', async (c) => {
  const { origin } = publicOrigin(c);
  const events = feedEvents(await listFeedConsultations(c.var.db), c.var.clock.now());
  const updated = events[0]?.at ?? '2000-01-01T00:00:00.000Z';
  const entries = events.map((e) => {
    const page = `${origin}/consultations/${e.consultation.id}`;
    const link = e.kind === 'result' ? `${page}#result-heading` : page;
    const title = `【${KINDS[e.kind].mark}】${e.consultation.title}`;
    const summary = summaryOf(e);
    return [
      '  <entry>',
      `    <id>${xmlEscape(`${page}#${KINDS[e.kind].id}`)}</id>`,
      `    <title>${xmlEscape(title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(link)}"/>`,
      `    <updated>${xmlEscape(e.at)}</updated>`,
      `    <published>${xmlEscape(e.at)}</published>`,
      e.consultation.department
        ? `    <author><name>${xmlEscape(e.consultation.department)}</name></author>`
        : '',
      `    <summary type="text">${xmlEscape(summary)}</summary>`,
      '  </entry>',
    ]
      .filter(Boolean)
      .join('\n');
  });
  const xml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ja">',
    `  <id>${xmlEscape(`${origin}/feed.atom`)}</id>`,
    `  <title>${xmlEscape(siteName(c.var.city, 'ja'))}</title>`,
    '  <subtitle>新しい意見募集と結果の公表 / New consultations and published results</subtitle>',
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(`${origin}/feed.atom`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(`${origin}/`)}"/>`,
    `  <updated>${xmlEscape(updated)}</updated>`,
    // Atom needs an author for the feed; without a city name set, the site's name stands in.
    `  <author><name>${xmlEscape(c.var.city.nameJa || siteName(c.var.city, 'ja'))}</name></author>`,
    '  <generator>Koe</generator>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
  return c.body(xml, 200, {
    'Content-Type': 'application/atom+xml; charset=utf-8',
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': linkCacheControl(c, 300),
  });
});
