import type { Lang } from './i18n.ts';

/** All calendar logic happens in Japan time, whatever the server's zone. */
export const TIME_ZONE = 'Asia/Tokyo';
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock fixed at (or movable to) a given instant, for tests and the demo. */
export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(d) {
      current = new Date(d);
    },
  };
}

const eraDate = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', {
  era: 'long',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  timeZone: TIME_ZONE,
});
const weekdayJa = new Intl.DateTimeFormat('ja-JP', { weekday: 'short', timeZone: TIME_ZONE });
const timeJa = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', timeZone: TIME_ZONE });
const dateEn = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: TIME_ZONE,
});
const timeEn = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
});

/** 令和8年11月23日（月） in Japanese; "Mon, 23 Nov 2026" in English. */
export function formatDate(value: Date | string, lang: Lang, opts: { western?: boolean } = {}): string {
  const d = new Date(value);
  if (lang === 'en') return dateEn.format(d);
  const era = eraDate.format(d);
  const western = opts.western ? `（${tokyoParts(d).year}年）` : '';
  const withWestern = opts.western ? era.replace(/^(\D+\d+年)/, `$1${western}`) : era;
  return `${withWestern}（${weekdayJa.format(d)}）`;
}

/** Date and time of day, e.g. 令和8年11月23日（月） 14:05. */
export function formatDateTime(value: Date | string, lang: Lang): string {
  const d = new Date(value);
  return `${formatDate(d, lang)} ${lang === 'en' ? timeEn.format(d) : timeJa.format(d)}`;
}

export interface TokyoParts {
  year: number;
  month: number;
  day: number;
}

export function tokyoParts(d: Date): TokyoParts {
  const shifted = new Date(d.getTime() + JST_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

/** `YYYY-MM-DD` of the Tokyo calendar day containing `d`. */
export function tokyoDateString(d: Date | string): string {
  const p = tokyoParts(new Date(d));
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The instant a Tokyo calendar day (`YYYY-MM-DD`) begins. */
export function startOfTokyoDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) - JST_OFFSET_MS);
}

/** The last millisecond of a Tokyo calendar day: comment periods close at the end of the day. */
export function endOfTokyoDay(date: string): Date {
  return new Date(startOfTokyoDay(date).getTime() + 24 * 60 * 60 * 1000 - 1);
}

/** Whole Tokyo calendar days from `from` to `to` (0 when on the same day). */
export function tokyoDaysBetween(from: Date, to: Date): number {
  const a = startOfTokyoDay(tokyoDateString(from)).getTime();
  const b = startOfTokyoDay(tokyoDateString(to)).getTime();
  return Math.round((b - a) / (24 * 60 * 60 * 1000));
}

/** A `datetime-local` input value (Tokyo time) for an instant, and back. */
export function toTokyoLocalInput(value: Date | string): string {
  const d = new Date(new Date(value).getTime() + JST_OFFSET_MS);
  return d.toISOString().slice(0, 16);
}

export function fromTokyoLocalInput(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const d = new Date(`${value}:00.000Z`);
  return Number.isNaN(d.getTime()) ? null : new Date(d.getTime() - JST_OFFSET_MS);
}
