/** Counting the days of a comment period, as the public pages show them. */
import { tokyoDaysBetween } from './time.ts';

/** Calendar days left in the period, counting today (Asia/Tokyo): 1 on the last day. */
export function daysLeft(c: { closes_at: string | null }, now: Date): number {
  if (!c.closes_at) return 0;
  return Math.max(0, tokyoDaysBetween(now, new Date(c.closes_at)) + 1);
}
