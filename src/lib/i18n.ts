import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export type Lang = 'ja' | 'en';

/** Picks the string for the reader's language. Every UI string is written as a ja/en pair. */
export function t(lang: Lang, ja: string, en: string): string {
  return lang === 'en' ? en : ja;
}

const LANG_COOKIE = 'koe_lang';

/**
 * `?lang=` wins and is remembered in a cookie; then the cookie; then Accept-Language.
 * Japanese is the default for anything else.
 */
export function detectLang(c: Context): Lang {
  const asked = c.req.query('lang');
  if (asked === 'ja' || asked === 'en') {
    if (getCookie(c, LANG_COOKIE) !== asked) {
      setCookie(c, LANG_COOKIE, asked, { path: '/', sameSite: 'Lax', maxAge: 60 * 60 * 24 * 365 });
    }
    return asked;
  }
  const remembered = getCookie(c, LANG_COOKIE);
  if (remembered === 'ja' || remembered === 'en') return remembered;
  return preferredFromHeader(c.req.header('accept-language'));
}

export function preferredFromHeader(header: string | undefined): Lang {
  if (!header) return 'ja';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('ja')) return 'ja';
    if (tag.startsWith('en')) return 'en';
  }
  return 'ja';
}
