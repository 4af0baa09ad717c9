/**
 * Splits a draft (Markdown or plain text, as staff paste it from a word processor) into
 * numbered sections by its headings. Pure: text in, sections out.
 *
 * Heading styles recognised, one per line:
 * - Markdown `#` … `######` (outside fenced code blocks), a leading number in the heading's text
 *   (第1章, 1, (1), ア) becoming the section's number;
 * - 第1章 / 第２章 / 第一章, and 第1節 / 第一節;
 * - `1.` / `1．` / `１．` / `1 ` (digits then a full stop or a space);
 * - `(1)` / `（１）`;
 * - `ア` / `(ア)` (one katakana then a space, or in brackets).
 *
 * Decisions, because drafts are messy:
 * - In a document that uses Markdown headings, `1.` lines are Markdown ordered lists, so only
 *   `#` headings and 第N章/第N節 lines start sections there.
 * - A numbered line that ends with 「。」 is a sentence (an enumerated clause), not a heading.
 * - Levels come from the styles the document actually uses, in the fixed order
 *   # > ## > … > 章 > 節 > 1 > (1) > ア > (ア), so a draft that only uses `1` and `(1)` gets
 *   levels 1 and 2. Levels are capped at 4 (the sections table allows 1–4).
 * - Text before the first heading becomes a section headed 「前文」; a text without any
 *   heading becomes one section headed 「本文」.
 * - A "heading" longer than a section heading may be (SECTION_HEADING_MAX) is a numbered
 *   paragraph and stays in the text.
 *
 * Bounded: the work is linear in the text (every line is measured before any pattern runs, and
 * no pattern can backtrack over a long run), so a 5 MB upload or a line of a million characters
 * is split in about the time it takes to read it. `splitProblem` then refuses a result that could
 * not be saved and edited as sections.
 */

import {
  SECTION_BODY_MAX,
  SECTION_HEADING_MAX,
  SECTION_NUMBER_MAX,
  DRAFT_MAX_SECTIONS,
} from '../lib/limits.ts';
import { characterCount } from '../lib/text.ts';

export interface SplitSection {
  level: number;
  /** The number as written, with full-width digits and brackets made half-width: 第1章, 1, (1), ア. */
  number: string;
  heading: string;
  body: string;
}

export const MAX_LEVEL = 4;
export const PREAMBLE_HEADING = '前文';
export const UNTITLED_HEADING = '本文';

/** A heading style of plain text, in the order that gives levels (第1章 above 1 above (1) …). */
export type NumberedStyle = 'chapter' | 'section' | 'num' | 'paren' | 'kana' | 'parenkana';
export const NUMBERED_STYLE_ORDER: readonly NumberedStyle[] = [
  'chapter',
  'section',
  'num',
  'paren',
  'kana',
  'parenkana',
];

type Style = 'md1' | 'md2' | 'md3' | 'md4' | 'md5' | 'md6' | NumberedStyle;

const STYLE_ORDER: readonly Style[] = ['md1', 'md2', 'md3', 'md4', 'md5', 'md6', ...NUMBERED_STYLE_ORDER];

interface HeadingLine {
  style: Style;
  number: string;
  heading: string;
}

const KANJI_DIGITS = '〇一二三四五六七八九十百千';
const SPACE = '[ \\t\\u3000]';
// Anchored at the start, no nested repetition: each runs in time linear in the line.
const CHAPTER = new RegExp(`^第([0-9０-９]+|[${KANJI_DIGITS}]+)(章|節)(?:${SPACE}+(.*))?$`);
const NUM = new RegExp(`^([0-9０-９]{1,3})(?:[.．](?![0-9０-９])${SPACE}*|${SPACE}+)(\\S.*)$`);
const PAREN = new RegExp(`^[(（]([0-9０-９]{1,3})[)）]${SPACE}*(\\S.*)$`);
const KANA = new RegExp(`^([ア-ン])${SPACE}+(\\S.*)$`);
const PARENKANA = new RegExp(`^[(（]([ア-ン])[)）]${SPACE}*(\\S.*)$`);
const FENCE = /^[ \t]{0,3}(```|~~~)/;

/**
 * A line longer than this is never a heading: a heading is at most SECTION_HEADING_MAX characters
 * after a number and its markers. Checked by length before any pattern looks at the line.
 */
const HEADING_LINE_MAX = 2 * (SECTION_HEADING_MAX + SECTION_NUMBER_MAX) + 16;

const isSpace = (ch: string | undefined, ideographic: boolean) =>
  ch === ' ' || ch === '\t' || (ideographic && ch === '\u3000');

/**
 * Removes spaces and tabs (and U+3000 when `ideographic`) at both ends or only at the end.
 * A loop, not a regex: `/[ \t]+$/` retries from every space of a long run (quadratic).
 */
function trimSpaces(s: string, opts: { start?: boolean; ideographic?: boolean } = {}): string {
  const { start: fromStart = true, ideographic = false } = opts;
  let a = 0;
  let b = s.length;
  if (fromStart) while (a < b && isSpace(s[a], ideographic)) a++;
  while (b > a && isSpace(s[b - 1], ideographic)) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/**
 * A Markdown ATX heading (`#` to `######`, a space, the text, an optional closing run of `#`),
 * or null. The text may be empty: such a line still marks the document as Markdown.
 */
function markdownHeading(line: string): { depth: number; text: string } | null {
  let depth = 0;
  while (depth < line.length && line[depth] === '#') depth++;
  if (depth === 0 || depth > 6 || !isSpace(line[depth], false)) return null;
  let text = trimSpaces(line.slice(depth));
  let end = text.length;
  while (end > 0 && text[end - 1] === '#') end--;
  if (end < text.length) text = trimSpaces(text.slice(0, end), { start: false });
  return { depth, text };
}

/** Full-width digits and brackets to half-width, as they are shown in section numbers. */
function halfWidth(s: string): string {
  return s.replace(/[０-９（）]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

function isSentence(text: string): boolean {
  return text.endsWith('。') || text.endsWith('．');
}

/**
 * A number at the start of a Markdown heading's text (第1章, 1, (1), ア, (ア)), split off as the
 * section's number: `## (1) 目的` is the section (1) 目的, as a Word file converted to Markdown
 * writes its numbered headings (src/domain/draft-import.ts).
 */
function splitNumberPrefix(text: string): { number: string; heading: string } {
  const m = CHAPTER.exec(text);
  if (m) return { number: `第${halfWidth(m[1] ?? '')}${m[2] ?? ''}`, heading: (m[3] ?? '').trim() };
  const numbered = plainNumbered(text);
  if (numbered) return { number: numbered.number, heading: numbered.heading };
  return { number: '', heading: text };
}

/** A heading is short: a longer "heading" is a numbered paragraph, and stays in the text. */
function headingLine(style: Style, number: string, heading: string): HeadingLine | null {
  return characterCount(heading) > SECTION_HEADING_MAX ? null : { style, number, heading };
}

function parseHeading(line: string, markdownMode: boolean): HeadingLine | null {
  if (line.length > HEADING_LINE_MAX) return null;
  const md = markdownHeading(line);
  if (md) {
    if (!md.text) return null;
    const { number, heading } = splitNumberPrefix(md.text);
    return headingLine(`md${md.depth}` as Style, number, heading);
  }
  const trimmed = trimSpaces(line, { ideographic: true });
  const ch = CHAPTER.exec(trimmed);
  if (ch) {
    const heading = (ch[3] ?? '').trim();
    return headingLine(
      ch[2] === '章' ? 'chapter' : 'section',
      `第${halfWidth(ch[1] ?? '')}${ch[2] ?? ''}`,
      heading,
    );
  }
  // Markdown uses `1.` for lists and `(1)` inside paragraphs: only `#` headings count there.
  if (markdownMode) return null;
  // Indented lines belong to the body (continuations, quoted text).
  if (isSpace(line[0], false)) return null;
  return plainNumbered(trimmed);
}

const NUMBERED: [RegExp, Style, (n: string) => string][] = [
  [PARENKANA, 'parenkana', (n) => `(${n})`],
  [PAREN, 'paren', (n) => `(${halfWidth(n)})`],
  [NUM, 'num', (n) => halfWidth(n)],
  [KANA, 'kana', (n) => n],
];

/** `1 目的`, `(1) 目的`, `ア 目的`, `(ア) 目的` as a heading; a numbered sentence is not one. */
function plainNumbered(trimmed: string): HeadingLine | null {
  for (const [re, style, num] of NUMBERED) {
    const m = re.exec(trimmed);
    if (m) {
      const heading = (m[2] ?? '').trim();
      if (!heading || isSentence(heading)) return null;
      return headingLine(style, num(m[1] ?? ''), heading);
    }
  }
  return null;
}

/**
 * The heading a line of plain text makes as this splitter reads plain text (第1章, 1, (1), ア
 * …), or null: for a converter that must agree with the split it feeds (draft-import.ts).
 */
export function numberedHeading(
  line: string,
): { style: NumberedStyle; number: string; heading: string } | null {
  if (line.length > HEADING_LINE_MAX || markdownHeading(line)) return null;
  const h = parseHeading(line, false);
  return h ? { style: h.style as NumberedStyle, number: h.number, heading: h.heading } : null;
}

function trimBlankLines(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines
    .slice(start, end)
    .map((l) => trimSpaces(l, { start: false }))
    .join('\n');
}

/**
 * Splits a draft into sections; never returns an empty list for non-blank text. Stops reading
 * once it has found more than `maxSections` (the result then has `maxSections + 1`).
 */
export function splitDraft(text: string, maxSections: number = DRAFT_MAX_SECTIONS): SplitSection[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');

  // First pass: is this a Markdown document (any `#` heading outside code fences)?
  let inFence = false;
  let markdownMode = false;
  for (const line of lines) {
    if (FENCE.test(line)) inFence = !inFence;
    else if (!inFence && line.length <= HEADING_LINE_MAX && markdownHeading(line)) {
      markdownMode = true;
      break;
    }
  }

  const found: { head: HeadingLine | null; body: string[] }[] = [{ head: null, body: [] }];
  inFence = false;
  for (const line of lines) {
    if (FENCE.test(line)) inFence = !inFence;
    const head = inFence ? null : parseHeading(line, markdownMode);
    if (head) {
      // One more than allowed is enough to refuse it; reading on would only cost time.
      if (found.length > maxSections + 1) break;
      found.push({ head, body: [] });
    } else found[found.length - 1]?.body.push(line);
  }

  const used = STYLE_ORDER.filter((s) => found.some((f) => f.head?.style === s));
  const levelOf = (s: Style) => Math.min(used.indexOf(s) + 1, MAX_LEVEL);

  const sections: SplitSection[] = [];
  for (const f of found) {
    const body = trimBlankLines(f.body);
    if (!f.head) {
      if (body === '') continue;
      sections.push({
        level: 1,
        number: '',
        heading: found.length === 1 ? UNTITLED_HEADING : PREAMBLE_HEADING,
        body,
      });
      continue;
    }
    sections.push({ level: levelOf(f.head.style), number: f.head.number, heading: f.head.heading, body });
  }
  return sections;
}

/** Why a split draft cannot be saved as it is. */
export type SplitProblem =
  | { kind: 'too_many_sections'; max: number }
  | { kind: 'section_too_long'; heading: string; length: number; max: number };

/**
 * A draft that gives more sections than one consultation may have, or a section longer than the
 * section form accepts (it could be saved but never edited), is refused with the reason.
 */
export function splitProblem(sections: readonly SplitSection[]): SplitProblem | null {
  if (sections.length > DRAFT_MAX_SECTIONS) {
    return { kind: 'too_many_sections', max: DRAFT_MAX_SECTIONS };
  }
  for (const s of sections) {
    // Code units bound the characters from above: only a long body needs counting.
    if (s.body.length <= SECTION_BODY_MAX) continue;
    const length = characterCount(s.body);
    if (length > SECTION_BODY_MAX) {
      return {
        kind: 'section_too_long',
        heading: [s.number, s.heading].filter(Boolean).join(' '),
        length,
        max: SECTION_BODY_MAX,
      };
    }
  }
  return null;
}
