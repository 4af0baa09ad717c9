import type { Consultation } from '../../db/schema.ts';
import { startOfTokyoDay, tokyoDateString, tokyoDaysBetween } from '../lib/time.ts';

/** Where a consultation stands, decided by the server's clock, never the browser's. */
export type Phase = 'draft' | 'scheduled' | 'open' | 'closed' | 'result_published' | 'withdrawn';

type PhaseFields = Pick<Consultation, 'status' | 'opens_at' | 'closes_at' | 'result_published_at'>;

export function phaseOf(c: PhaseFields, now: Date): Phase {
  if (c.status === 'withdrawn') return 'withdrawn';
  if (c.status === 'draft' || !c.opens_at || !c.closes_at) return 'draft';
  if (c.result_published_at) return 'result_published';
  const t = now.toISOString();
  if (t < c.opens_at) return 'scheduled';
  if (t <= c.closes_at) return 'open';
  return 'closed';
}

/**
 * The next moment a page showing `consultations` may read differently with nothing written: one of
 * them opens or closes, or a new day begins in Tokyo (pages count the days left). A page kept in
 * a cache is good until then.
 */
export function nextPhaseChange(consultations: readonly PhaseFields[], now: Date): Date {
  const t = now.getTime();
  let next = startOfTokyoDay(tokyoDateString(now)).getTime() + 24 * 60 * 60 * 1000;
  for (const c of consultations) {
    // Open from opens_at, and still open at closes_at itself (see phaseOf).
    const opens = c.opens_at ? Date.parse(c.opens_at) : Number.NaN;
    const closed = c.closes_at ? Date.parse(c.closes_at) + 1 : Number.NaN;
    if (opens > t && opens < next) next = opens;
    if (closed > t && closed < next) next = closed;
  }
  return new Date(next);
}

/** 行政手続法 39条3項: thirty days or more unless a reason is stated. */
export const MIN_PERIOD_DAYS = 30;

export function periodDays(opensAt: Date, closesAt: Date): number {
  return tokyoDaysBetween(opensAt, closesAt) + 1;
}
