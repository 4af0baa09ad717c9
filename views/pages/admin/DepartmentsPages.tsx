import { t } from '../../../src/lib/i18n.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf, ErrorSummary, type FieldErrors, Notice, TextField } from '../../partials/forms.tsx';

/** A department as the admin list shows it. */
export interface DepartmentItem {
  id: number;
  name: string;
  /** Accounts that work for it. */
  members: number;
  /** Consultations that belong to it. */
  consultations: number;
}

const done: Record<string, readonly [string, string]> = {
  created: ['担当課を追加しました。', 'The department was added.'],
  renamed: ['担当課の名前を変更しました。', 'The department was renamed.'],
  deleted: ['担当課を削除しました。', 'The department was deleted.'],
};

/** The list of departments (担当課) with the form that adds one. */
export function DepartmentsPage({
  ctx,
  departments,
  notice,
  name = '',
  errors = {},
}: {
  ctx: PageCtx;
  departments: DepartmentItem[];
  notice?: string;
  /** The name typed into the add form (kept after an error). */
  name?: string;
  errors?: FieldErrors;
}) {
  const { lang } = ctx;
  const message = notice ? done[notice] : undefined;
  return (
    <>
      <p>
        <a href="/staff/admin">{t(lang, 'システム管理へ戻る', 'Back to administration')}</a>
      </p>
      <h1>{t(lang, '担当課', 'Departments')}</h1>
      {message ? <Notice kind="success">{t(lang, ...message)}</Notice> : null}
      <p>
        {t(
          lang,
          '意見募集はそれぞれ1つの担当課に属し、担当課職員は所属する課の意見募集だけを編集・公表できます。職員の所属課は、アカウントのページで設定します。',
          'Each consultation belongs to one department, and staff work only on their departments’ consultations. Set an account’s departments on its page.',
        )}
      </p>
      {departments.length === 0 ? (
        <p>{t(lang, '担当課はまだありません。', 'No departments yet.')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>
              {t(lang, `担当課の一覧（${departments.length}課）`, `Departments (${departments.length})`)}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, '課の名前', 'Name')}</th>
                <th scope="col">{t(lang, '所属する職員', 'Staff')}</th>
                <th scope="col">{t(lang, '意見募集', 'Consultations')}</th>
              </tr>
            </thead>
            <tbody>
              {departments.map((d) => (
                <tr>
                  <th scope="row">
                    <a href={`/staff/admin/departments/${d.id}`}>{d.name}</a>
                  </th>
                  <td>{t(lang, `${d.members}人`, String(d.members))}</td>
                  <td>{t(lang, `${d.consultations}件`, String(d.consultations))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="add">{t(lang, '担当課の追加', 'Add a department')}</h2>
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={errors}
        labels={{ name: t(lang, '課の名前', 'Name') }}
      />
      <form method="post" action="/staff/admin/departments">
        <Csrf token={ctx.csrfToken} />
        <TextField
          lang={lang}
          name="name"
          label={t(lang, '課の名前', 'Name')}
          hint={t(
            lang,
            '例：市民協働推進課。公開ページの「担当課」に表示されます。',
            'For example: 市民協働推進課. Shown as the department on public pages.',
          )}
          value={name}
          errors={errors}
          required
          maxlength={50}
        />
        <div class="actions">
          <button type="submit">{t(lang, '追加する', 'Add')}</button>
        </div>
      </form>
    </>
  );
}

/** One department: rename it, or delete it when nothing uses it. */
export function DepartmentPage({
  ctx,
  department,
  name,
  errors = {},
}: {
  ctx: PageCtx;
  department: DepartmentItem;
  name: string;
  errors?: FieldErrors;
}) {
  const { lang } = ctx;
  const inUse = department.members > 0 || department.consultations > 0;
  return (
    <>
      <p>
        <a href="/staff/admin/departments">{t(lang, '担当課の一覧へ戻る', 'Back to the departments')}</a>
      </p>
      <h1>{department.name}</h1>
      {errors.form ? (
        <div class="error-summary" role="alert" id="error-summary" tabindex={-1}>
          <p>{errors.form}</p>
        </div>
      ) : null}
      <p>
        {t(
          lang,
          `所属する職員 ${department.members}人、意見募集 ${department.consultations}件。`,
          `${department.members} staff, ${department.consultations} consultations.`,
        )}
      </p>
      <h2 id="rename">{t(lang, '名前の変更', 'Rename')}</h2>
      <p>
        {t(
          lang,
          '組織改正などで名前が変わったときに使います。この課の意見募集の「担当課」の表示も変わります（公表済みの結果は公表時の名前のままです）。',
          'For a reorganisation: the department shown on its consultations changes too (published results keep the name they were published with).',
        )}
      </p>
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={{ name: errors.name }}
        labels={{ name: t(lang, '課の名前', 'Name') }}
      />
      <form method="post" action={`/staff/admin/departments/${department.id}`}>
        <Csrf token={ctx.csrfToken} />
        <TextField
          lang={lang}
          name="name"
          label={t(lang, '課の名前', 'Name')}
          value={name}
          errors={errors}
          required
          maxlength={50}
        />
        <div class="actions">
          <button type="submit">{t(lang, '名前を変更する', 'Rename')}</button>
        </div>
      </form>
      <h2 id="delete">{t(lang, '削除', 'Delete')}</h2>
      {inUse ? (
        <p>
          {t(
            lang,
            '所属する職員か意見募集があるため、削除できません。',
            'It has staff or consultations, so it cannot be deleted.',
          )}
        </p>
      ) : (
        <form method="post" action={`/staff/admin/departments/${department.id}/delete`}>
          <Csrf token={ctx.csrfToken} />
          <div class="actions">
            <button type="submit">{t(lang, 'この担当課を削除する', 'Delete this department')}</button>
          </div>
        </form>
      )}
    </>
  );
}
