/** Small formatters shared by views and routes (views may import lib; routes never import views' helpers). */
import { type Lang, t } from './i18n.ts';

/** A file size as people read it: 532バイト, 12.3 KB, 4.0 MB. */
export function formatBytes(n: number, lang: Lang): string {
  if (n < 1024) return t(lang, `${n}バイト`, `${n} bytes`);
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** A receipt code as people read and write it: 7KXMR9QP4HTW → 7KXM-R9QP-4HTW. */
export function formatReceiptCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

const graphemes = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/**
 * A short one-line preview (a group's summary in a list, a suggested summary), cut at a grapheme
 * boundary. Only the head of a long text is looked at, so it costs the same for any length.
 */
export function previewText(text: string, max = 60): string {
  const head = text.length > max * 8 ? text.slice(0, max * 8).replace(/[\uD800-\uDBFF]$/, '') : text;
  const flat = head.replace(/\s+/g, ' ').trim();
  const parts = Array.from(graphemes.segment(flat), (s) => s.segment);
  if (parts.length <= max && head === text) return flat;
  return `${parts.slice(0, max).join('')}…`;
}
