/**
 * Expected failures, thrown as HTTPExceptions with a message in the reader's language; the one
 * `app.onError` renders them as a page (or a fragment for htmx).
 */
import { HTTPException } from 'hono/http-exception';
import { type Lang, t } from '../lib/i18n.ts';

export const notFound = (lang: Lang) =>
  new HTTPException(404, { message: t(lang, 'ページが見つかりません。', 'Page not found.') });

/** 409: the action does not fit the state the record is in; the message says why. */
export const conflict = (lang: Lang, ja: string, en: string) =>
  new HTTPException(409, { message: t(lang, ja, en) });
