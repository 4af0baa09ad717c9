import type { Category } from '../../../db/schema.ts';
import type { Lang } from '../../../src/lib/i18n.ts';
import { t } from '../../../src/lib/i18n.ts';
import { categoryLabel } from '../../../src/lib/labels.ts';
import { formatDate } from '../../../src/lib/time.ts';

export function councilBase(id: number): string {
  return `/council/consultations/${id}`;
}

/** A comment as the council sees it: redacted text, category, sections (full labels), date. */
export interface QuotedComment {
  id: number;
  text: string;
  category: Category | null;
  sections: { label: string }[];
  receivedAt: string;
}

export function categoryText(category: Category | null, lang: Lang): string {
  return category ? categoryLabel(category, lang) : t(lang, '未回答', 'Not given');
}

/** Long comments are cut in the summary; the full text is on the group's list. */
export function excerpt(text: string, max = 400): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
}

/** One comment as the council sees it: text, category, sections, date. Never personal data. */
export function CouncilQuote({
  comment,
  lang,
  full,
}: {
  comment: QuotedComment;
  lang: Lang;
  full?: boolean;
}) {
  const sections = comment.sections.map((s) => s.label).join('、');
  return (
    <figure class="council-quote">
      <blockquote class="quote">{full ? comment.text : excerpt(comment.text)}</blockquote>
      <figcaption class="quote-meta">
        {t(lang, `意見番号 ${comment.id}`, `Comment no. ${comment.id}`)}
        {' ・ '}
        {t(lang, '区分：', 'Category: ')}
        {categoryText(comment.category, lang)}
        {' ・ '}
        {t(lang, '該当箇所：', 'Section: ')}
        {sections || t(lang, '全般', 'Whole draft')}
        {' ・ '}
        {t(lang, '受付：', 'Received: ')}
        {formatDate(comment.receivedAt, lang)}
      </figcaption>
    </figure>
  );
}

/** A theme or group in a line: the engine's label, else its first key terms. */
export function clusterTitle(
  cl: { label: string; keyTerms: string[]; unclassified: boolean },
  lang: Lang,
): string {
  if (cl.unclassified)
    return t(
      lang,
      '分類できなかった意見（短い意見など）',
      'Could not be classified (very short comments and the like)',
    );
  return cl.label || cl.keyTerms.slice(0, 4).join(t(lang, '・', ', '));
}

/** A row of the counts by section: its full label, or the draft as a whole. */
export function sectionName(s: { sectionId: number | null; label: string }, lang: Lang): string {
  if (s.sectionId === null)
    return t(lang, '全般（該当箇所の指定なし）', 'The draft as a whole (no section given)');
  return s.label;
}
