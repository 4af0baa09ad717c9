import MarkdownIt from 'markdown-it';

/**
 * The text of one line of a draft's Markdown as a reader sees it on the page: no `#`, `**`,
 * `>` or link syntax; a bullet becomes 「・」 and a numbered item keeps its number. Used where
 * differences are shown on the text people read rather than on its source.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

const HEADING = /^\s{0,3}#{1,6}(?:\s+|$)/;
const QUOTE = /^\s{0,3}>\s?/;
const BULLET = /^(\s*)[-*+]\s+/;
const NUMBERED = /^(\s*)(\d{1,9})[.)]\s+/;
const RULE = /^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const FENCE = /^\s{0,3}(```|~~~)/;

export function markdownLineText(line: string): string {
  let s = line.replace(/\r?\n$/, '');
  if (RULE.test(s) || TABLE_RULE.test(s) || FENCE.test(s)) return '';
  while (QUOTE.test(s)) s = s.replace(QUOTE, '');
  s = s.replace(HEADING, '');
  s = s.replace(BULLET, '$1・').replace(NUMBERED, '$1$2. ');
  const tokens = md.parseInline(s, {})[0]?.children ?? [];
  let out = '';
  for (const t of tokens) {
    if (t.type === 'text' || t.type === 'code_inline' || t.type === 'image') out += t.content;
    else if (t.type === 'softbreak' || t.type === 'hardbreak') out += '\n';
  }
  return out.trim();
}
