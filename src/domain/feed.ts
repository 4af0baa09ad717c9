/**
 * What the Atom feed announces, and when: a consultation published ahead of its period is
 * announced as 予告; the call for comments (意見募集) comes when the period opens, never before,
 * and never for one withdrawn before it opened; then its withdrawal (中止) or its result.
 */
import type { Consultation } from '../../db/schema.ts';

export type FeedConsultation = Pick<
  Consultation,
  | 'id'
  | 'title'
  | 'summary'
  | 'department'
  | 'published_at'
  | 'opens_at'
  | 'closes_at'
  | 'result_published_at'
  | 'withdrawn_at'
>;

export type FeedEventKind = 'announced' | 'opened' | 'withdrawn' | 'result';

export interface FeedEvent {
  kind: FeedEventKind;
  at: string;
  consultation: FeedConsultation;
}

/** The events of the given consultations that have happened by `now`, newest first. */
export function feedEvents(rows: readonly FeedConsultation[], now: Date, limit = 50): FeedEvent[] {
  const t = now.toISOString();
  const events: FeedEvent[] = [];
  for (const c of rows) {
    const add = (kind: FeedEventKind, at: string | null) => {
      if (at && at <= t) events.push({ kind, at, consultation: c });
    };
    if (c.published_at && c.opens_at && c.published_at < c.opens_at) add('announced', c.published_at);
    const opened = c.published_at && c.opens_at && !(c.withdrawn_at && c.withdrawn_at <= c.opens_at);
    // Published after the period had begun: the call for comments is the publication itself.
    if (opened) add('opened', c.published_at! > c.opens_at! ? c.published_at : c.opens_at);
    add('withdrawn', c.withdrawn_at);
    add('result', c.result_published_at);
  }
  return events.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
}
