/**
 * Splits a draft (Markdown or plain text, as staff paste it from a word processor) into
 * numbered sections by its headings. Pure: text in, sections out.
 *
 * Heading styles recognised, one per line:
 * - Markdown `#` … `######` (outside fenced code blocks);
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
 */

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

type Style =
  | 'md1'
  | 'md2'
  | 'md3'
  | 'md4'
  | 'md5'
  | 'md6'
  | 'chapter'
  | 'section'
  | 'num'
  | 'paren'
  | 'kana'
  | 'parenkana';

const STYLE_ORDER: readonly Style[] = [
  'md1',
  'md2',
  'md3',
  'md4',
  'md5',
  'md6',
  'chapter',
  'section',
  'num',
  'paren',
  'kana',
  'parenkana',
];

interface HeadingLine {
  style: Style;
  number: string;
  heading: string;
}

const KANJI_DIGITS = '〇一二三四五六七八九十百千';
const SPACE = '[ \\t\\u3000]';
const CHAPTER = new RegExp(`^第([0-9０-９]+|[${KANJI_DIGITS}]+)(章|節)(?:${SPACE}+(.*))?$`);
const NUM = new RegExp(`^([0-9０-９]{1,3})(?:[.．](?![0-9０-９])${SPACE}*|${SPACE}+)(\\S.*)$`);
const PAREN = new RegExp(`^[(（]([0-9０-９]{1,3})[)）]${SPACE}*(\\S.*)$`);
const KANA = new RegExp(`^([ア-ン])${SPACE}+(\\S.*)$`);
const PARENKANA = new RegExp(`^[(（]([ア-ン])[)）]${SPACE}*(\\S.*)$`);
const MD = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const FENCE = /^[ \t]{0,3}(```|~~~)/;

/** Full-width digits and brackets to half-width, as they are shown in section numbers. */
function halfWidth(s: string): string {
  return s.replace(/[０-９（）]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
}

function isSentence(text: string): boolean {
  return /[。．]$/.test(text.trim());
}

/** A 第N章 / 第N節 prefix inside a Markdown heading's text, split off as the number. */
function splitChapterPrefix(text: string): { number: string; heading: string } {
  const m = CHAPTER.exec(text);
  if (!m) return { number: '', heading: text };
  return { number: `第${halfWidth(m[1] ?? '')}${m[2] ?? ''}`, heading: (m[3] ?? '').trim() };
}

function parseHeading(line: string, markdownMode: boolean): HeadingLine | null {
  const md = MD.exec(line);
  if (md) {
    const depth = (md[1] ?? '#').length;
    const text = (md[2] ?? '').trim();
    if (!text) return null;
    const { number, heading } = splitChapterPrefix(text);
    return { style: `md${depth}` as Style, number, heading };
  }
  const trimmed = line.replace(/^[ \t\u3000]+/, '').replace(/[ \t\u3000]+$/, '');
  const ch = CHAPTER.exec(trimmed);
  if (ch) {
    return {
      style: ch[2] === '章' ? 'chapter' : 'section',
      number: `第${halfWidth(ch[1] ?? '')}${ch[2] ?? ''}`,
      heading: (ch[3] ?? '').trim(),
    };
  }
  // Markdown uses `1.` for lists and `(1)` inside paragraphs: only `#` headings count there.
  if (markdownMode) return null;
  // Indented lines belong to the body (continuations, quoted text).
  if (/^[ \t]/.test(line)) return null;
  const patterns: [RegExp, Style, (n: string) => string][] = [
    [PARENKANA, 'parenkana', (n) => `(${n})`],
    [PAREN, 'paren', (n) => `(${halfWidth(n)})`],
    [NUM, 'num', (n) => halfWidth(n)],
    [KANA, 'kana', (n) => n],
  ];
  for (const [re, style, num] of patterns) {
    const m = re.exec(trimmed);
    if (m) {
      const heading = (m[2] ?? '').trim();
      if (!heading || isSentence(heading)) return null;
      return { style, number: num(m[1] ?? ''), heading };
    }
  }
  return null;
}

function trimBlankLines(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && (lines[start] ?? '').trim() === '') start++;
  while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
  return lines
    .slice(start, end)
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n');
}

/** Splits a draft into sections; never returns an empty list for non-blank text. */
export function splitDraft(text: string): SplitSection[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');

  // First pass: is this a Markdown document (any `#` heading outside code fences)?
  let inFence = false;
  let markdownMode = false;
  for (const line of lines) {
    if (FENCE.test(line)) inFence = !inFence;
    else if (!inFence && MD.test(line)) {
      markdownMode = true;
      break;
    }
  }

  const found: { head: HeadingLine | null; body: string[] }[] = [{ head: null, body: [] }];
  inFence = false;
  for (const line of lines) {
    if (FENCE.test(line)) inFence = !inFence;
    const head = inFence ? null : parseHeading(line, markdownMode);
    if (head) found.push({ head, body: [] });
    else found[found.length - 1]?.body.push(line);
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

/** Decodes an uploaded draft: UTF-8 when it is valid UTF-8, otherwise Shift_JIS; null if neither. */
export function decodeDraftFile(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    try {
      return new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
}
