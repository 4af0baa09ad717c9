/**
 * The HTML that mammoth makes of a Word file, as blocks of a draft: Word headings (見出し 1–6),
 * paragraphs (with their plain text, so that numbered headings typed in the text can be found),
 * and lists and tables written as Markdown. Which paragraphs are headings is decided by the
 * domain (src/domain/draft-import.ts), which then writes the text the splitter reads.
 *
 * mammoth writes a small, well-formed set of tags (p, h1–h6, strong, em, s, sup, sub, a, br,
 * img, ul, ol, li, table, thead, tbody, tr, th, td), escaping &, <, > and ". The reader below is
 * linear in the HTML: one pass of one regular expression that cannot backtrack over a run.
 * Emphasis is not carried over: CommonMark's rules for `**` around Japanese punctuation would
 * leave stray asterisks in the text (「**重要**」です), and a draft's meaning does not rest on it.
 */

export type DocBlock =
  /** A paragraph in a Word heading style; `level` 1–6 as the style says. */
  | { kind: 'heading'; level: number; text: string }
  /** `text`: plain, on one line; `markdown`: the same as Markdown (escaped, line breaks kept). */
  | { kind: 'paragraph'; text: string; markdown: string }
  /** A list or a table, already written as Markdown. */
  | { kind: 'markdown'; markdown: string };

interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Node[];
}
type Node = Element | string;

const TOKEN = /<(\/?)([a-z][a-z0-9]*)((?:\s+[a-z-]+="[^"]*")*)\s*(\/?)>|([^<]+)|</g;
const ATTR = /([a-z-]+)="([^"]*)"/g;
const VOID = new Set(['br', 'img', 'hr']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };
function decode(s: string): string {
  return s.includes('&') ? s.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, e: string) => ENTITIES[e] ?? _) : s;
}

/** A tree of the HTML; a stray closing tag is ignored, an unclosed one closed at the end. */
function parse(html: string): Element {
  const root: Element = { tag: 'root', attrs: {}, children: [] };
  const stack: Element[] = [root];
  for (const m of html.matchAll(TOKEN)) {
    const top = stack[stack.length - 1] ?? root;
    if (m[5] !== undefined || m[2] === undefined) {
      top.children.push(decode(m[5] ?? '<'));
      continue;
    }
    const tag = m[2];
    if (m[1]) {
      const at = stack.findLastIndex((e) => e.tag === tag);
      if (at > 0) stack.length = at;
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(ATTR)) attrs[a[1] ?? ''] = decode(a[2] ?? '');
    const el: Element = { tag, attrs, children: [] };
    top.children.push(el);
    if (!m[4] && !VOID.has(tag)) stack.push(el);
  }
  return root;
}

/** Characters that would change the meaning of Markdown text, escaped with a backslash. */
const INLINE_SPECIAL = /[\\`*_[\]<>|~]|&(?=#?[a-zA-Z0-9]+;)/g;
/** At the start of a line: a heading, a quote, a list item or a setext underline. */
const LINE_START = /^(#|>|[-+=](?=\s|$)|\d{1,9}(?=[.)]))/;

const ANY_SPECIAL = /[\\`*_[\]<>|~&]/;

function escapeText(s: string): string {
  // Most Japanese text has none of them: testing first saves most of the work.
  return ANY_SPECIAL.test(s) ? s.replace(INLINE_SPECIAL, (ch) => `\\${ch}`) : s;
}

/** Runs of white space as one space (an ideographic space is kept), trimmed. */
function oneLine(s: string): string {
  return (
    /\s\s|[\t\n\r\f\v]/.test(s) ? s.replace(/\s+/g, (ws) => (ws.includes('\u3000') ? ws : ' ')) : s
  ).trim();
}

/** Spaces and tabs removed from the end: a loop, since `/[ \t]+$/` is quadratic on a long run. */
function trimEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end === line.length ? line : line.slice(0, end);
}

function escapeLineStart(line: string): string {
  // ASCII spaces at the start would make an indented code block; an ideographic space is kept.
  let start = 0;
  while (line[start] === ' ' || line[start] === '\t') start++;
  const rest = line.slice(start);
  const m = LINE_START.exec(rest);
  if (!m) return rest;
  return /^\d/.test(m[0]) ? `${m[0]}\\${rest.slice(m[0].length)}` : `\\${rest}`;
}

/** Links kept in the text: the web and mail; anchors inside the file (footnotes) are not. */
const LINK = /^(https?:\/\/|mailto:)/i;

/** A link's address inside Markdown's `( )`: brackets and spaces percent-encoded. */
const linkTarget = (href: string) =>
  href.replace(/[()<>\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** The text of inline content: `markdown` keeps links and line breaks, `plain` one line. */
function inline(nodes: readonly Node[], out: { plain: string[]; markdown: string[] }) {
  for (const node of nodes) {
    if (typeof node === 'string') {
      out.plain.push(node);
      out.markdown.push(escapeText(node));
    } else if (node.tag === 'br') {
      out.plain.push(' ');
      out.markdown.push('\\\n');
    } else if (node.tag === 'img') {
      // Counted by the reader; no text.
    } else if (node.tag === 'a') {
      const href = node.attrs.href ?? '';
      const inner = { plain: [] as string[], markdown: [] as string[] };
      inline(node.children, inner);
      const text = inner.plain.join('');
      // A footnote's way back (↑) is not text.
      if (href.startsWith('#') && text.trim() === '↑') continue;
      out.plain.push(text);
      out.markdown.push(
        LINK.test(href) ? `[${inner.markdown.join('')}](${linkTarget(href)})` : inner.markdown.join(''),
      );
    } else if (node.tag === 'ul' || node.tag === 'ol' || node.tag === 'table') {
      // Handled by the block readers.
    } else if (node.tag === 'p') {
      // A paragraph inside a list item: the item's text goes on.
      out.plain.push(' ');
      out.markdown.push(' ');
      inline(node.children, out);
    } else inline(node.children, out);
  }
}

function inlineOf(nodes: readonly Node[]): { plain: string; markdown: string } {
  const out = { plain: [] as string[], markdown: [] as string[] };
  inline(nodes, out);
  const markdown = out.markdown.join('');
  return {
    plain: oneLine(out.plain.join('')),
    markdown: (markdown.includes('\n')
      ? markdown
          .split('\n')
          .map((line) => escapeLineStart(trimEnd(line)))
          .join('\n')
      : escapeLineStart(trimEnd(markdown))
    ).trim(),
  };
}

const isElement = (n: Node): n is Element => typeof n !== 'string';

/** A list as Markdown: `- ` or `1) ` (never `1.`, which the splitter would read as a heading). */
function list(el: Element, indent: string): string[] {
  const lines: string[] = [];
  let n = 0;
  for (const li of el.children.filter(isElement)) {
    if (li.tag !== 'li') continue;
    n++;
    const marker = el.tag === 'ol' ? `${n}) ` : '- ';
    const pad = indent + ' '.repeat(marker.length);
    const { markdown } = inlineOf(li.children);
    const [first = '', ...rest] = markdown.split('\n');
    lines.push(`${indent}${marker}${first}`, ...rest.map((l) => pad + l));
    for (const child of li.children.filter(isElement)) {
      if (child.tag === 'ul' || child.tag === 'ol') lines.push(...list(child, pad));
    }
  }
  return lines;
}

/** The text of a table cell, on one line: its paragraphs joined by a space. */
function cellText(cell: Element): string {
  const words: string[] = [];
  const walk = (nodes: readonly Node[]) => {
    for (const n of nodes) {
      if (typeof n === 'string') words.push(n);
      else if (n.tag === 'p' || n.tag === 'li' || n.tag === 'br' || n.tag === 'tr') {
        words.push(' ');
        walk(n.children);
      } else walk(n.children);
    }
  };
  walk(cell.children);
  return escapeText(oneLine(words.join('')));
}

const span = (el: Element, name: string) => Math.min(Math.max(Number(el.attrs[name] ?? 1) || 1, 1), 100);

/** A table as a Markdown pipe table; merged cells leave empty cells where they reach. */
function table(el: Element): string[] {
  const rows: Element[] = [];
  const collect = (e: Element) => {
    for (const c of e.children.filter(isElement)) {
      if (c.tag === 'tr') rows.push(c);
      else if (c.tag === 'thead' || c.tag === 'tbody' || c.tag === 'tfoot') collect(c);
    }
  };
  collect(el);
  if (rows.length === 0) return [];
  /** Columns still covered by a cell merged from a row above: column → rows left. */
  const below = new Map<number, number>();
  const grid = rows.map((tr) => {
    const cells: string[] = [];
    let col = 0;
    const skipCovered = () => {
      while ((below.get(col) ?? 0) > 0) {
        below.set(col, (below.get(col) ?? 1) - 1);
        cells.push('');
        col++;
      }
    };
    for (const td of tr.children.filter(isElement)) {
      if (td.tag !== 'td' && td.tag !== 'th') continue;
      skipCovered();
      const across = span(td, 'colspan');
      const down = span(td, 'rowspan');
      for (let k = 0; k < across; k++) {
        cells.push(k === 0 ? cellText(td) : '');
        if (down > 1) below.set(col, down - 1);
        col++;
      }
    }
    skipCovered();
    return cells;
  });
  const width = Math.max(1, ...grid.map((r) => r.length));
  const line = (cells: string[]) =>
    `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  const [head = [], ...body] = grid;
  return [line(head), `|${' --- |'.repeat(width)}`, ...body.map(line)];
}

/** The blocks of mammoth's HTML, in order. */
export function docxBlocks(html: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  const read = (nodes: readonly Node[]) => {
    for (const node of nodes) {
      if (!isElement(node)) {
        const text = node.trim();
        if (text) blocks.push({ kind: 'paragraph', text, markdown: escapeLineStart(escapeText(text)) });
        continue;
      }
      const heading = /^h([1-6])$/.exec(node.tag);
      if (heading) {
        const { plain } = inlineOf(node.children);
        if (plain) blocks.push({ kind: 'heading', level: Number(heading[1]), text: plain });
      } else if (node.tag === 'p') {
        const { plain, markdown } = inlineOf(node.children);
        if (plain) blocks.push({ kind: 'paragraph', text: plain, markdown });
      } else if (node.tag === 'ul' || node.tag === 'ol') {
        blocks.push({ kind: 'markdown', markdown: list(node, '').join('\n') });
      } else if (node.tag === 'table') {
        const lines = table(node);
        if (lines.length > 0) blocks.push({ kind: 'markdown', markdown: lines.join('\n') });
      } else read(node.children);
    }
  };
  read(parse(html).children);
  return blocks;
}
