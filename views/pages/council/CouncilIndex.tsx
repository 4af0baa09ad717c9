import type { Phase } from '../../../src/domain/lifecycle.ts';
import { t } from '../../../src/lib/i18n.ts';
import { formatDate } from '../../../src/lib/time.ts';
import type { PageCtx } from '../../context.ts';
import { phaseLabel } from '../../partials/period.tsx';
import { councilBase } from './shared.tsx';

export interface CouncilIndexProps {
  ctx: PageCtx;
  consultations: {
    id: number;
    title: string;
    department: string;
    phase: Phase;
    opensAt: string | null;
    closesAt: string | null;
    commentCount: number;
    submitterCount: number;
  }[];
}

/** The consultations a council may read, with their counts. */
export function CouncilIndex({ ctx, consultations: rows }: CouncilIndexProps) {
  const { lang } = ctx;
  return (
    <>
      <h1>{t(lang, '審議会資料：意見募集の集計', 'Council papers: consultation summaries')}</h1>
      <p>
        {t(
          lang,
          '各意見募集について、件数の集計、同一・類似意見の大量提出、内容による分類、担当課による意見の概要と市の考え方をまとめています。氏名・住所などの個人情報は含みません。',
          'For each consultation: counts, campaigns, grouping by content, and the department’s summaries and responses. No names, addresses or other personal details are included.',
        )}
      </p>
      {rows.length === 0 ? (
        <p class="empty">
          {t(lang, '公開された意見募集はまだありません。', 'No consultation has been published yet.')}
        </p>
      ) : (
        <div class="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, '案件', 'Consultation')}</th>
                <th scope="col">{t(lang, '状況', 'Status')}</th>
                <th scope="col">{t(lang, '募集期間', 'Period')}</th>
                <th scope="col">{t(lang, '提出者数', 'Submitters')}</th>
                <th scope="col">{t(lang, '意見数', 'Comments')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={councilBase(r.id)}>{r.title}</a>
                    {r.department ? <span class="count"> {r.department}</span> : null}
                  </th>
                  <td>{phaseLabel(r.phase, lang)}</td>
                  <td>
                    {r.opensAt ? formatDate(r.opensAt, lang) : '—'}
                    {t(lang, ' 〜 ', ' to ')}
                    {r.closesAt ? formatDate(r.closesAt, lang) : '—'}
                  </td>
                  <td class="num">{r.submitterCount}</td>
                  <td class="num">{r.commentCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
