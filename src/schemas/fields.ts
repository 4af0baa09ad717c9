/**
 * The building blocks of every form and query schema. A browser sends strings (a repeated field
 * arrives as an array, a file as a File); each block turns that into a typed value or an issue
 * whose message is a ja/en pair made with `m()`, shown next to its field by `src/http/validate.ts`.
 *
 * Every block checks size by code units before it cleans or counts anything, so no field a
 * client sends can make the server do more than linear work on it.
 */
import { z } from 'zod';
import { positiveInt } from '../lib/params.ts';
import { characterCount, cleanLine, cleanText, hasNoCharacters, withinCharacters } from '../lib/text.ts';

const SEP = '\u241F';

/**
 * Where every block starts: any value, or none. A browser leaves out an unticked checkbox and an
 * unused field, and zod 4 refuses a missing key ("expected nonoptional") unless its input side is
 * optional; each block then decides what "not sent" means.
 */
export const sent = () => z.unknown().optional();

/** A message in both languages, carried through zod as one string. */
export const m = (ja: string, en: string): string => `${ja}${SEP}${en}`;

/** Picks the reader's half of an `m()` message; a message without both halves is shown as is. */
export function pickMessage(message: string, lang: 'ja' | 'en'): string {
  const at = message.indexOf(SEP);
  if (at < 0) return message;
  return lang === 'en' ? message.slice(at + SEP.length) : message.slice(0, at);
}

/** The first string of a form value (a repeated field gives its first; a file gives ''). */
export function firstString(value: unknown): string {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : '';
}

/** Every string of a form value, as an array. */
export function allStrings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((x): x is string => typeof x === 'string');
}

const tooLongMessage = (max: number, now?: number) =>
  now === undefined
    ? m(
        `${max.toLocaleString('ja-JP')}文字以内で入力してください。`,
        `Please keep this within ${max.toLocaleString('en')} characters.`,
      )
    : m(
        `${max.toLocaleString('ja-JP')}文字以内で入力してください（現在${now.toLocaleString('ja-JP')}文字）。`,
        `Please keep this within ${max.toLocaleString('en')} characters (it has ${now.toLocaleString('en')}).`,
      );

export interface TextOptions {
  /** Most characters allowed, as a reader counts them. */
  max: number;
  /** One line: whitespace runs collapse to one space. Otherwise line breaks are kept. */
  line?: boolean;
  /** The message when nothing visible was typed; absent means the field may be empty. */
  required?: string;
  /** The message when it is too long; gets the limit and the count. */
  tooLong?: (max: number, now?: number) => string;
}

/**
 * Free text: control and invisible characters removed, trimmed, counted as a reader counts.
 * "Required" means visible text: a field of zero-width spaces is empty.
 */
export function text(o: TextOptions) {
  const tooLong = o.tooLong ?? tooLongMessage;
  return sent().transform((value, ctx): string => {
    const raw = firstString(value);
    // A character is rarely more than two code units; four leaves room for combining marks.
    if (raw.length > o.max * 4 + 16) {
      ctx.issues.push({ code: 'custom', message: tooLong(o.max), input: '' });
      return z.NEVER;
    }
    const v = o.line ? cleanLine(raw) : cleanText(raw).trim();
    if (o.required && hasNoCharacters(v)) {
      ctx.issues.push({ code: 'custom', message: o.required, input: '' });
      return z.NEVER;
    }
    // Counted only when longer than the limit in code units (every step of a form checks it again).
    if (!withinCharacters(v, o.max)) {
      ctx.issues.push({ code: 'custom', message: tooLong(o.max, characterCount(v)), input: '' });
      return z.NEVER;
    }
    return v;
  });
}

/** One value out of a fixed list; '' (nothing chosen) is allowed unless `required` is given. */
export function choice<const T extends readonly string[]>(values: T, message: string, required?: string) {
  return sent().transform((value, ctx): T[number] | '' => {
    const v = firstString(value).trim();
    if (v === '') {
      if (required) {
        ctx.issues.push({ code: 'custom', message: required, input: '' });
        return z.NEVER;
      }
      return '';
    }
    if (!(values as readonly string[]).includes(v)) {
      ctx.issues.push({ code: 'custom', message, input: '' });
      return z.NEVER;
    }
    return v as T[number];
  });
}

/** A checkbox: ticked when the field was sent with any value but ''. */
export const checkbox = () => sent().transform((value): boolean => firstString(value) !== '');

/** A record id (1 to 9 digits); anything else is the given message. */
export function id(message: string) {
  return sent().transform((value, ctx): number => {
    const n = positiveInt(firstString(value).trim());
    if (n === undefined) {
      ctx.issues.push({ code: 'custom', message, input: '' });
      return z.NEVER;
    }
    return n;
  });
}

/**
 * Several record ids from repeated fields (checkboxes), de-duplicated, at most `max` of them.
 * `allowed` names extra words accepted as they are (for example 'all').
 */
export function ids(o: { max: number; message: string; tooMany?: string }) {
  return sent().transform((value, ctx): number[] => {
    const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
    // Refuse a flood before looking at each value: a form never sends more than `max`.
    if (list.length > o.max * 2) {
      ctx.issues.push({ code: 'custom', message: o.tooMany ?? o.message, input: '' });
      return z.NEVER;
    }
    const out = new Set<number>();
    for (const item of list) {
      if (item === '' || item === 'all') continue;
      const n = typeof item === 'string' ? positiveInt(item.trim()) : undefined;
      if (n === undefined) {
        ctx.issues.push({ code: 'custom', message: o.message, input: '' });
        return z.NEVER;
      }
      out.add(n);
    }
    if (out.size > o.max) {
      ctx.issues.push({ code: 'custom', message: o.tooMany ?? o.message, input: '' });
      return z.NEVER;
    }
    return [...out].sort((a, b) => a - b);
  });
}

/** A whole number in a range, from a text field. */
export function int(o: { min: number; max: number; message: string; required?: boolean }) {
  return sent().transform((value, ctx): number | undefined => {
    const v = firstString(value).normalize('NFKC').trim();
    if (v === '' && !o.required) return undefined;
    const n = /^-?\d{1,12}$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < o.min || n > o.max) {
      ctx.issues.push({ code: 'custom', message: o.message, input: '' });
      return z.NEVER;
    }
    return n;
  });
}

/** The uploaded file of a form value, or undefined when none was chosen. */
export function firstFile(value: unknown): File | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v instanceof File && v.size > 0 ? v : undefined;
}
