/**
 * The text of a draft read from a Word or PDF file, written so that the splitter
 * (draft-split.ts) finds the sections staff expect. Pure and linear: blocks or lines in, text out.
 *
 * Word: paragraphs in Word's heading styles (見出し 1, 2 …) are headings, and so is a paragraph
 * whose text is numbered the way Japanese plans number headings (第1章, 1, (1), ア — the
 * splitter's own rules decide, so both always agree). Every heading is written as a Markdown
 * heading with its number in the text (`## (1) 基本的な考え方`); its level follows the Word
 * styles used, then the numbering styles in the order 第1章 > 第1節 > 1 > (1) > ア > (ア).
 * Lists and tables come as Markdown already (src/lib/draft-file/docx-blocks.ts).
 *
 * PDF: a PDF has lines, not paragraphs. A numbered line is a heading; other lines are joined
 * into paragraphs until one ends a sentence (。 . ！ ？ ：); a page number alone on the first
 * or last line of a page is dropped. The result is a guess, and is shown as one.
 */
import type { Converted } from '../lib/draft-file/convert.ts';
import { type DocBlock, docxBlocks } from '../lib/draft-file/docx-blocks.ts';
import { DRAFT_MAX_BYTES, SECTION_HEADING_MAX } from '../lib/limits.ts';
import { characterCount, cleanText } from '../lib/text.ts';
import { NUMBERED_STYLE_ORDER, type NumberedStyle, numberedHeading } from './draft-split.ts';

/** Markdown allows six levels of heading; the splitter keeps four. */
const MAX_DEPTH = 6;

const headingText = (text: string) => text.replace(/[\r\n]+/g, ' ').trim();

/** The text of a Word draft, with its headings as Markdown headings. */
export function draftFromDocx(blocks: readonly DocBlock[]): string {
  const numbered = blocks.map((b) => (b.kind === 'paragraph' ? numberedHeading(b.text) : null));
  const wordLevels = [...new Set(blocks.flatMap((b) => (b.kind === 'heading' ? [b.level] : [])))].sort(
    (a, b) => a - b,
  );
  const styles = NUMBERED_STYLE_ORDER.filter((s) => numbered.some((n) => n?.style === s));
  const depthOfStyle = (s: NumberedStyle) => Math.min(wordLevels.length + styles.indexOf(s) + 1, MAX_DEPTH);
  const depthOfLevel = (level: number) => Math.min(wordLevels.indexOf(level) + 1, MAX_DEPTH);

  const out: string[] = [];
  blocks.forEach((b, i) => {
    const n = numbered[i];
    if (b.kind === 'heading') {
      const text = headingText(b.text);
      // A "heading" longer than a section heading may be stays a paragraph of the text.
      if (characterCount(text) <= SECTION_HEADING_MAX)
        out.push(`${'#'.repeat(depthOfLevel(b.level))} ${text}`);
      else out.push(text);
    } else if (n) out.push(`${'#'.repeat(depthOfStyle(n.style))} ${n.number} ${n.heading}`);
    else out.push(b.markdown);
  });
  return out.join('\n\n');
}

const SENTENCE_END = /[。．.！？!?：:」）)]$/;
const PAGE_NUMBER = /^[\s\-－ー—–―]*[0-9０-９]{1,4}[\s\-－ー—–―]*$|^[0-9]{1,4}\s*\/\s*[0-9]{1,4}$/;
const LATIN_END = /[A-Za-z0-9,;]$/;
const LATIN_START = /^[A-Za-z0-9(]/;

/** The text of a PDF draft: numbered lines as headings, wrapped lines joined into paragraphs. */
export function draftFromPdf(pages: readonly (readonly string[])[]): string {
  const out: string[] = [];
  let paragraph = '';
  const endParagraph = () => {
    if (paragraph) out.push(paragraph);
    paragraph = '';
  };
  for (const page of pages) {
    const lines = page.map((l) => l.trim()).filter(Boolean);
    if (lines.length > 0 && PAGE_NUMBER.test(lines[lines.length - 1] ?? '')) lines.pop();
    if (lines.length > 0 && PAGE_NUMBER.test(lines[0] ?? '')) lines.shift();
    // A numbered line as long as the page's longest is a sentence the page wrapped, not a heading.
    const full = lines.length >= 3 ? 0.9 * lines.reduce((max, l) => Math.max(max, l.length), 0) : Infinity;
    for (const line of lines) {
      if (line.length < full && numberedHeading(line)) {
        endParagraph();
        out.push(line);
        continue;
      }
      const space = LATIN_END.test(paragraph) && LATIN_START.test(line) ? ' ' : '';
      // A line starting with # would make the whole text Markdown to the splitter.
      paragraph = paragraph ? paragraph + space + line : line.replace(/^#/, '\\#');
      if (SENTENCE_END.test(line)) endParagraph();
    }
  }
  endParagraph();
  return out.join('\n\n');
}

/**
 * The draft text of a Word or PDF file as read (src/lib/draft-file/convert.ts), or why it gives
 * none that can be imported: no text at all (a scanned PDF), or more than a draft may hold.
 */
export function draftFileText(
  read: Extract<Converted, { ok: true }>,
): { ok: true; text: string } | { ok: false; problem: 'no_text' | 'too_long' } {
  const text = cleanText(
    read.kind === 'docx' ? draftFromDocx(docxBlocks(read.html)) : draftFromPdf(read.pages),
  );
  if (text.trim() === '') return { ok: false, problem: 'no_text' };
  if (text.length > DRAFT_MAX_BYTES) return { ok: false, problem: 'too_long' };
  return { ok: true, text };
}
