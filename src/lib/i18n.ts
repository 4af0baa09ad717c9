import type { Context } from 'hono';
import { generateCookie, getCookie } from 'hono/cookie';

export type Lang = 'ja' | 'en';

/** Picks the string for the reader's language. Every UI string is written as a ja/en pair. */
export function t(lang: Lang, ja: string, en: string): string {
  return lang === 'en' ? en : ja;
}

export const LANG_COOKIE = 'koe_lang';

/**
 * `?lang=` wins and is remembered in a cookie (`remember`: the cookie says otherwise); then the
 * cookie; then Accept-Language. Japanese is the default for anything else.
 */
export function chooseLang(
  asked: string | undefined,
  remembered: string | undefined,
  acceptLanguage: string | undefined,
): { lang: Lang; remember: boolean } {
  if (asked === 'ja' || asked === 'en') return { lang: asked, remember: remembered !== asked };
  if (remembered === 'ja' || remembered === 'en') return { lang: remembered, remember: false };
  return { lang: preferredFromHeader(acceptLanguage), remember: false };
}

/** The Set-Cookie header that remembers a language asked for with `?lang=`. */
export function langCookie(lang: Lang): string {
  return generateCookie(LANG_COOKIE, lang, { path: '/', sameSite: 'Lax', maxAge: 60 * 60 * 24 * 365 });
}

/** The reader's language (see chooseLang), remembering one asked for. */
export function detectLang(c: Context): Lang {
  const { lang, remember } = chooseLang(
    c.req.query('lang'),
    getCookie(c, LANG_COOKIE),
    c.req.header('accept-language'),
  );
  if (remember) c.header('Set-Cookie', langCookie(lang), { append: true });
  return lang;
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
