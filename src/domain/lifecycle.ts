import type { Consultation } from '../../db/schema.ts';
import { tokyoDaysBetween } from '../lib/time.ts';

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

/** 行政手続法 39条3項: thirty days or more unless a reason is stated. */
export const MIN_PERIOD_DAYS = 30;

export function periodDays(opensAt: Date, closesAt: Date): number {
  return tokyoDaysBetween(opensAt, closesAt) + 1;
}
