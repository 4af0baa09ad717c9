import type { Outcome } from '../../../db/schema.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';
import { outcomeLabel } from '../../../src/lib/labels.ts';

/** A row of the published table. */
export interface ResultTableGroup {
  no: number;
  summary: string;
  response: string;
  outcome: Outcome | null;
  revisionNote: string;
  /** The sections the group is about, by their full labels; none: the whole draft. */
  sections: { label: string }[];
  commentCount: number;
}

/** 該当箇所 of a group: its sections' full labels, or 全般. */
export function sectionsLabel(g: Pick<ResultTableGroup, 'sections'>, lang: Lang): string {
  if (g.sections.length === 0) return t(lang, '全般', 'General');
  return g.sections.map((s) => s.label).join('、');
}

/** Paragraphs from plain text that staff typed with line breaks. */
export function Paragraphs({ text }: { text: string }) {
  const parts = text.split(/\n{2,}/).filter((p) => p.trim());
  return (
    <>
      {parts.map((p) => (
        <p class="pre-line">{p}</p>
      ))}
    </>
  );
}

/**
 * The name of a column, written into each cell for narrow screens, where every row is shown as
 * a block of labelled fields (koe.css); wide screens and print hide it and keep the table.
 */
function CellLabel({ children }: { children: string }) {
  return <span class="cell-label">{children}</span>;
}

/** The published table: No. / 該当箇所 / 意見の概要 / 件数 / 市の考え方 / 修正. */
export function ResultTable({
  groups,
  lang,
  caption,
}: {
  groups: ResultTableGroup[];
  lang: Lang;
  caption?: string;
}) {
  if (groups.length === 0) {
    return <p>{t(lang, '整理した意見はありません。', 'No comments were grouped.')}</p>;
  }
  const head = {
    section: t(lang, '該当箇所', 'Section'),
    summary: t(lang, '意見の概要', 'Summary of comments'),
    count: t(lang, '件数', 'Comments'),
    response: t(lang, '市の考え方', "The city's response"),
    outcome: t(lang, '修正', 'Revision'),
  };
  return (
    <div class="table-scroll">
      <table class="result-table stacking-table">
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">{head.section}</th>
            <th scope="col">{head.summary}</th>
            <th scope="col">{head.count}</th>
            <th scope="col">{head.response}</th>
            <th scope="col">{head.outcome}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr id={`group-${g.no}`}>
              <th scope="row">
                <CellLabel>No.</CellLabel>
                {g.no}
              </th>
              <td>
                <CellLabel>{head.section}</CellLabel>
                {sectionsLabel(g, lang)}
              </td>
              <td>
                <CellLabel>{head.summary}</CellLabel>
                <Paragraphs text={g.summary} />
              </td>
              <td class="num">
                <CellLabel>{head.count}</CellLabel>
                {t(lang, `${g.commentCount}件`, String(g.commentCount))}
              </td>
              <td>
                <CellLabel>{head.response}</CellLabel>
                <Paragraphs text={g.response} />
              </td>
              <td>
                <CellLabel>{head.outcome}</CellLabel>
                {g.outcome ? <strong>{outcomeLabel(g.outcome, lang)}</strong> : t(lang, '未設定', 'Not set')}
                {g.revisionNote ? <Paragraphs text={g.revisionNote} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
