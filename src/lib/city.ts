/**
 * The city's own name, links and defaults (issue #14), as an administrator sets them on
 * /staff/admin/settings. Nothing in Koe names a city except through these settings: the layout,
 * the feed and every page read them from `c.var.city` (src/http/city.ts keeps them per process).
 */
/** The pages a city must link to from every page (its site, privacy, accessibility, contact). */
export interface CityLinks {
  site: string;
  privacy: string;
  accessibility: string;
  contact: string;
}

export interface CitySettings {
  /** 倉敷市; '' until set (pages then name no city). */
  nameJa: string;
  /** Kurashiki City. */
  nameEn: string;
  links: CityLinks;
  /** How comments are used, in the footer of every page. */
  noticeJa: string;
  noticeEn: string;
  /** A new consultation's period, in Tokyo calendar days with both ends counted. */
  defaultPeriodDays: number;
  /** A new consultation's length limit for a comment, in characters. */
  defaultMaxCommentLength: number;
}

/** The settings as pages use them: with the logo's address and the version of the settings. */
export interface City extends CitySettings {
  /** `/city/logo-<hash>.<ext>` (changes with the file, so it may be cached for ever), or null. */
  logoUrl: string | null;
  /** Raised by every change in this process: a page cache keys on it. */
  version: number;
}

export const CITY_LIMITS = {
  name: 50,
  url: 500,
  notice: 1000,
  // Not below the 30 days of 行政手続法 39条3項 (MIN_PERIOD_DAYS in src/domain/lifecycle.ts).
  periodDays: { min: 30, max: 365 },
  maxCommentLength: { min: 100, max: 100_000 },
  logoBytes: 512 * 1024,
} as const;

export const DEFAULT_CITY: CitySettings = {
  nameJa: '',
  nameEn: '',
  links: { site: '', privacy: '', accessibility: '', contact: '' },
  noticeJa: 'いただいた意見は、案の検討に活用します。氏名・住所などの個人情報は公表しません。',
  noticeEn:
    'Comments are used to improve the draft. Names, addresses and other personal details are never published.',
  defaultPeriodDays: 30,
  defaultMaxCommentLength: 4000,
};

const str = (v: unknown, fallback: string, max: number) =>
  typeof v === 'string' && v.length <= max ? v : fallback;
const int = (v: unknown, fallback: number, range: { min: number; max: number }) =>
  typeof v === 'number' && Number.isInteger(v) && v >= range.min && v <= range.max ? v : fallback;
/** Only web addresses: a stored `javascript:` link is never put into a page. */
const url = (v: unknown) => {
  const s = str(v, '', CITY_LIMITS.url);
  return /^https?:\/\//i.test(s) ? s : '';
};

/**
 * The settings as stored (JSON in `settings` under the key `city`), with the default for every
 * value that is missing or out of range: a bad row never breaks a page.
 */
export function cityFromStored(json: string | undefined): CitySettings {
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = json ? JSON.parse(json) : {};
    if (parsed && typeof parsed === 'object') raw = parsed as Record<string, unknown>;
  } catch {
    // A damaged value falls back to the defaults.
  }
  const links = (raw.links && typeof raw.links === 'object' ? raw.links : {}) as Record<string, unknown>;
  const d = DEFAULT_CITY;
  return {
    nameJa: str(raw.nameJa, d.nameJa, CITY_LIMITS.name),
    nameEn: str(raw.nameEn, d.nameEn, CITY_LIMITS.name),
    links: {
      site: url(links.site),
      privacy: url(links.privacy),
      accessibility: url(links.accessibility),
      contact: url(links.contact),
    },
    noticeJa: str(raw.noticeJa, d.noticeJa, CITY_LIMITS.notice) || d.noticeJa,
    noticeEn: str(raw.noticeEn, d.noticeEn, CITY_LIMITS.notice) || d.noticeEn,
    defaultPeriodDays: int(raw.defaultPeriodDays, d.defaultPeriodDays, CITY_LIMITS.periodDays),
    defaultMaxCommentLength: int(
      raw.defaultMaxCommentLength,
      d.defaultMaxCommentLength,
      CITY_LIMITS.maxCommentLength,
    ),
  };
}

/** 「倉敷市 意見募集（パブリックコメント）」, or without a city while none is set. */
export function siteName(city: Pick<CitySettings, 'nameJa' | 'nameEn'>, lang: 'ja' | 'en'): string {
  if (lang === 'en') return city.nameEn ? `${city.nameEn} public comment` : 'Public comment';
  return city.nameJa ? `${city.nameJa} 意見募集（パブリックコメント）` : '意見募集（パブリックコメント）';
}

/** The city's name in the reader's language (the Japanese one when no English name is set). */
export function cityName(city: Pick<CitySettings, 'nameJa' | 'nameEn'>, lang: 'ja' | 'en'): string {
  return lang === 'en' ? city.nameEn || city.nameJa : city.nameJa;
}
