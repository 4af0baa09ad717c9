import type { Consultation } from '../../../db/schema.ts';
import type { Phase } from '../../../src/domain/lifecycle.ts';
import { t } from '../../../src/lib/i18n.ts';
import type { PageCtx } from '../../context.ts';
import { Period, PhaseBadge } from '../../partials/period.tsx';

/** One consultation in the staff list. */
export interface StaffListItem
  extends Pick<Consultation, 'id' | 'title' | 'department' | 'status' | 'opens_at' | 'closes_at'> {
  phase: Phase;
  /** Comments received, whatever their state. */
  comment_count: number;
}

export interface StaffHomeProps {
  ctx: PageCtx;
  items: StaffListItem[];
}

/** The staff home: every consultation, whatever its status, with its phase and comment count. */
export function StaffHome({ ctx, items }: StaffHomeProps) {
  const { lang } = ctx;
  return (
    <>
      <h1>{t(lang, '職員トップ：意見募集の管理', 'Staff: consultations')}</h1>
      <div class="actions">
        <a class="button" href="/staff/consultations/new">
          {t(lang, '新しい意見募集を作成', 'New consultation')}
        </a>
      </div>
      {items.length === 0 ? (
        <p class="empty">{t(lang, '意見募集はまだありません。', 'There are no consultations yet.')}</p>
      ) : (
        <div class="table-scroll">
          <table class="staff-table">
            <caption>
              {t(lang, `意見募集の一覧（${items.length}件）`, `Consultations (${items.length})`)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, '件名', 'Title')}</th>
                <th scope="col">{t(lang, '状態', 'Status')}</th>
                <th scope="col">{t(lang, '担当課', 'Department')}</th>
                <th scope="col">{t(lang, '募集期間', 'Period')}</th>
                <th scope="col">{t(lang, '意見数', 'Comments')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr>
                  <th scope="row">
                    <a href={`/staff/consultations/${c.id}`}>{c.title}</a>
                  </th>
                  <td>
                    <PhaseBadge phase={c.phase} lang={lang} c={c} now={ctx.now} />
                  </td>
                  <td>{c.department}</td>
                  <td class="period">
                    <Period c={c} lang={lang} />
                  </td>
                  <td>
                    {c.status === 'draft' ? (
                      t(lang, '—', '—')
                    ) : (
                      <a href={`/staff/consultations/${c.id}/comments`}>
                        {t(lang, `${c.comment_count}件`, String(c.comment_count))}
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
