/**
 * Text a person typed, made safe to keep and cheap to measure. Everything here is linear in the
 * input: nothing segments or parses what a client sent (Intl.Segmenter by grapheme is quadratic
 * on long runs, see stack-notes).
 */

// C0/C1 controls except tab and line breaks, zero-width characters, the byte-order mark, word
// joiner, and the bidirectional overrides and isolates that can make text read differently
// from what is stored.
const INVISIBLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u061C]/g;

/** Removes control and invisible characters and unifies line breaks; NFC so か+゛ is one が. */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE, '').replace(/\r\n?/g, '\n').normalize('NFC');
}

/** `cleanText`, then trimmed; all whitespace runs in one line become one space. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim();
}

const MARKS = /\p{M}/gu;

/**
 * Counts characters as a reader does, in linear time: code points, not counting combining
 * marks (a dakuten or a variation selector belongs to the character before it). Text that went
 * through `cleanText` has no zero-width joiners left to count.
 */
export function characterCount(text: string): number {
  const withoutMarks = text.replace(MARKS, '');
  let n = withoutMarks.length;
  for (let i = 0; i < withoutMarks.length; i++) {
    const code = withoutMarks.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) n--;
  }
  return n;
}

// A code unit that characterCount counts: neither a combining mark nor the first half of a pair.
const COUNTED = /[^\p{M}\uD800-\uDBFF]/u;

/**
 * Whether `characterCount(text)` is at most `max`, without counting when it need not: a text of
 * at most `max` code units has at most `max` characters.
 */
export function withinCharacters(text: string, max: number): boolean {
  return text.length <= max || characterCount(text) <= max;
}

/** `characterCount(text) === 0`, found by looking for the first character instead of counting. */
export function hasNoCharacters(text: string): boolean {
  return !COUNTED.test(text);
}

/** True when the text has something a person can see. */
export function hasVisibleText(text: string): boolean {
  return /[^\s\p{M}]/u.test(cleanText(text));
}
