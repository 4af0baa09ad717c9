import type { Consultation } from '../../../db/schema.ts';
import type { Phase } from '../../../src/domain/lifecycle.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';
import type { PageCtx } from '../../context.ts';
import { Notice } from '../../partials/forms.tsx';
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
  /** The names of the person's departments, or 'all' for an administrator. */
  departments: string[] | 'all';
  /** False while the person has no department to give a new consultation. */
  canCreate: boolean;
}

/** Whose consultations the list shows, or what is missing before there can be any. */
function DepartmentsNote({
  lang,
  departments,
  canCreate,
}: Omit<StaffHomeProps, 'ctx' | 'items'> & { lang: Lang }) {
  if (departments === 'all') {
    return canCreate ? (
      <p>
        {t(
          lang,
          'システム管理者として、すべての課の意見募集を表示しています。',
          'As an administrator you see every department’s consultations.',
        )}
      </p>
    ) : (
      <Notice kind="warning">
        {t(lang, '担当課がまだ登録されていません。先に', 'No department exists yet. First ')}
        <a href="/staff/admin/departments">{t(lang, '担当課を登録', 'add the departments')}</a>
        {t(lang, 'してください。', '.')}
      </Notice>
    );
  }
  if (departments.length === 0) {
    return (
      <Notice kind="warning">
        {t(
          lang,
          '所属する課が登録されていません。意見募集を扱うには、システム管理者に所属課の登録を依頼してください。',
          'Your account has no department yet. Ask an administrator to add you to your department.',
        )}
      </Notice>
    );
  }
  return (
    <p>
      {t(lang, `所属：${departments.join('・')}`, `Your departments: ${departments.join(', ')}`)}
      {t(lang, '（所属する課の意見募集だけを表示しています）', ' (only their consultations are listed)')}
    </p>
  );
}

/**
 * The staff home: the consultations of the person's departments (every one for an
 * administrator), whatever their status, with phase and comment count.
 */
export function StaffHome({ ctx, items, departments, canCreate }: StaffHomeProps) {
  const { lang } = ctx;
  return (
    <>
      <h1>{t(lang, '職員トップ：意見募集の管理', 'Staff: consultations')}</h1>
      <DepartmentsNote lang={lang} departments={departments} canCreate={canCreate} />
      {canCreate ? (
        <div class="actions">
          <a class="button" href="/staff/consultations/new">
            {t(lang, '新しい意見募集を作成', 'New consultation')}
          </a>
        </div>
      ) : null}
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
