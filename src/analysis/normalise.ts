/**
 * Text normalisation. Comments arrive from web forms, OCR'd faxes and hand-typed letters, so the
 * "same" text shows up with full-width digits, half-width kana, three kinds of comma and five
 * kinds of dash. Identity and similarity are only meaningful after folding those away.
 */

const KANA_BEFORE = /[\p{Script=Katakana}\p{Script=Hiragana}ー]/u;

/** Characters that are some dash or minus; after kana they were meant as the long vowel mark. */
const DASHES = /[-‐‑‒–—―−－ｰ─━]/g;

/**
 * Readable normal form: NFKC (which also folds full-width Latin/digits and half-width kana),
 * one comma/full stop per script, one kind of quote and dash, collapsed whitespace, lower-case
 * Latin. Keeps the text readable, so it is safe to display.
 */
export function normaliseText(input: string): string {
  let s = input.normalize('NFKC');
  s = s.replace(/[\r\n\t\f\v\u00a0\u2000-\u200b\u3000\ufeff]+/g, (m) => (m.includes('\n') ? '\n' : ' '));
  s = s.replace(/[，､]/g, '、').replace(/[．｡]/g, '。');
  // An ASCII comma or full stop between Japanese characters is a Japanese punctuation typed on
  // a Latin keyboard; between digits or Latin letters it is left alone ("1,000", "e.g.").
  s = s.replace(/([^\x00-\x7f]),\s?/g, '$1、').replace(/([^\x00-\x7f])\.\s?/g, '$1。');
  s = s.replace(/[“”„‟〝〞〟＂]/g, '"').replace(/[‘’‚‛′＇]/g, "'");
  s = s.replace(/『/g, '「').replace(/』/g, '」');
  s = s.replace(/[〜～∼]/g, '~');
  s = s.replace(DASHES, (m, offset: number, whole: string) => {
    const prev = offset > 0 ? whole[offset - 1] : undefined;
    return prev !== undefined && KANA_BEFORE.test(prev) ? 'ー' : m === 'ｰ' ? 'ー' : '-';
  });
  // A long-vowel mark after a non-kana (e.g. "A ー B") is a dash.
  s = s.replace(/(^|[^\p{Script=Katakana}\p{Script=Hiragana}ー])ー/gu, '$1-');
  s = s.replace(/!+/g, '!').replace(/\?+/g, '?').replace(/。+/g, '。');
  s = s
    .replace(/[ ]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{2,}/g, '\n');
  return s.trim().toLowerCase();
}

const NOT_CONTENT = /[\s\p{P}\p{S}]+/gu;

/**
 * Strict key for identity comparison: the normal form without any whitespace, punctuation or
 * symbols, so that "賛成です。" and "賛成です!!" are the same comment.
 */
export function identityKey(input: string): string {
  return normaliseText(input).replace(NOT_CONTENT, '');
}

/** Same as {@link identityKey} for text that is already normalised (hot paths). */
export function compactNormalised(normalised: string): string {
  return normalised.replace(NOT_CONTENT, '');
}

/**
 * Split normalised text into sentences (Japanese and Latin full stops, ! ?, line breaks).
 * Keeps the terminator with its sentence so that re-joining gives back the text.
 */
export function splitSentences(normalised: string): string[] {
  const out: string[] = [];
  const re = /[^。!?\n]*(?:[。!?]+|\n|$)|[^。!?\n]+/gu;
  for (const m of normalised.matchAll(re)) {
    const t = m[0].trim();
    if (t.length > 0) out.push(t);
  }
  // Latin text: also split on ". " (the normal form keeps ASCII full stops between letters).
  return out.flatMap((s) => (/[a-z]\. [a-z]/.test(s) ? s.split(/(?<=\.) (?=[a-z])/) : [s]));
}
