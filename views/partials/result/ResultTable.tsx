import type { ResultGroup } from '../../../src/data/results.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';
import { outcomeLabel } from '../../../src/lib/labels.ts';

export function sectionsLabel(g: Pick<ResultGroup, 'sections'>, lang: Lang): string {
  if (g.sections.length === 0) return t(lang, '全般', 'General');
  return g.sections.map((s) => (s.number ? `${s.number} ${s.heading}` : s.heading)).join('、');
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

/** The published table: No. / 該当箇所 / 意見の概要 / 件数 / 市の考え方 / 修正. */
export function ResultTable({
  groups,
  lang,
  caption,
}: {
  groups: ResultGroup[];
  lang: Lang;
  caption?: string;
}) {
  if (groups.length === 0) {
    return <p>{t(lang, '整理した意見はありません。', 'No comments were grouped.')}</p>;
  }
  return (
    <div class="table-scroll">
      <table class="result-table">
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">{t(lang, '該当箇所', 'Section')}</th>
            <th scope="col">{t(lang, '意見の概要', 'Summary of comments')}</th>
            <th scope="col">{t(lang, '件数', 'Comments')}</th>
            <th scope="col">{t(lang, '市の考え方', "The city's response")}</th>
            <th scope="col">{t(lang, '修正', 'Revision')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr id={`group-${g.no}`}>
              <th scope="row">{g.no}</th>
              <td>{sectionsLabel(g, lang)}</td>
              <td>
                <Paragraphs text={g.summary} />
              </td>
              <td class="num">{t(lang, `${g.commentCount}件`, String(g.commentCount))}</td>
              <td>
                <Paragraphs text={g.response} />
              </td>
              <td>
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
