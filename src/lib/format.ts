/** Small formatters shared by views and routes (views may import lib; routes never import views' helpers). */
import { type Lang, t } from './i18n.ts';

/** A file size as people read it: 532バイト, 12.3 KB, 4.0 MB. */
export function formatBytes(n: number, lang: Lang): string {
  if (n < 1024) return t(lang, `${n}バイト`, `${n} bytes`);
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A receipt code as people read and dictate it, in groups of four: 7KXMR9QP4HTW → 7KXM-R9QP-4HTW. */
export function formatReceiptCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}
