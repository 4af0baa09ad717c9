import { ROLES, type Role } from '../../../db/schema.ts';
import { type Lang, t } from '../../../src/lib/i18n.ts';
import { roleLabel } from '../../../src/lib/labels.ts';
import { formatDateTime } from '../../../src/lib/time.ts';
import type { PageCtx } from '../../context.ts';
import {
  Csrf,
  ErrorSummary,
  FieldError,
  type FieldErrors,
  invalidAttrs,
  Notice,
} from '../../partials/forms.tsx';
import { InputField } from '../auth/fields.tsx';

/** An account as the admin pages show it (never its password hash). */
export interface UserSummary {
  id: number;
  email: string;
  display_name: string;
  role: Role;
  disabled_at: string | null;
  created_at: string;
  password_changed_at: string | null;
  /** 1 while the account has a temporary password it has not replaced yet. */
  must_change_password: number;
  last_login_at: string | null;
}

export interface NewUserForm {
  email: string;
  display_name: string;
  role: string;
  /** Ticked departments, as ids in text. */
  department_ids: string[];
}

/** A department to tick. */
export interface DepartmentChoice {
  id: number;
  name: string;
}

/** The departments an account works for, as checkboxes (staff accounts use them). */
function DepartmentBoxes({
  lang,
  departments,
  checked,
  errors,
}: {
  lang: Lang;
  departments: DepartmentChoice[];
  checked: readonly string[];
  errors: FieldErrors;
}) {
  return (
    <fieldset class="field" id="f-department_ids" aria-describedby="f-department_ids-hint">
      <legend>{t(lang, '所属課', 'Departments')}</legend>
      <p class="hint" id="f-department_ids-hint">
        {t(
          lang,
          '担当課職員は、所属する課の意見募集だけを編集・公表できます（複数選べます）。審議会委員と管理者には関係ありません。',
          'Staff work only on their departments’ consultations (you may tick several). Not used for council members and administrators.',
        )}
      </p>
      <FieldError id="f-department_ids" errors={errors} name="department_ids" />
      {departments.length === 0 ? (
        <p>
          {t(lang, '担当課がまだ登録されていません：', 'No department exists yet: ')}
          <a href="/staff/admin/departments">{t(lang, '担当課を登録する', 'add departments')}</a>
        </p>
      ) : (
        departments.map((d) => (
          <div class="choice">
            <input
              type="checkbox"
              id={`f-department-${d.id}`}
              name="department_ids"
              value={String(d.id)}
              checked={checked.includes(String(d.id))}
            />
            <label for={`f-department-${d.id}`}>{d.name}</label>
          </div>
        ))
      )}
    </fieldset>
  );
}

function RoleSelect({ lang, value, errors }: { lang: Lang; value: string; errors: FieldErrors }) {
  return (
    <div class="field">
      <label for="f-role">
        {t(lang, '権限', 'Role')}
        <span class="req">{t(lang, '必須', 'Required')}</span>
      </label>
      <p class="hint" id="f-role-hint">
        {t(
          lang,
          '担当課職員：案件と意見を扱う。審議会委員：審議会資料を読むだけ。システム管理者：アカウントと操作記録も扱う。',
          'Staff: work on consultations and comments. Council member: read council summaries only. Administrator: also accounts and the audit log.',
        )}
      </p>
      <FieldError id="f-role" errors={errors} name="role" />
      <select id="f-role" name="role" required {...invalidAttrs('f-role', errors, 'role', 'f-role-hint')}>
        {ROLES.map((r) => (
          <option value={r} selected={r === value}>
            {roleLabel(r, lang)}
          </option>
        ))}
      </select>
    </div>
  );
}

const newUserLabels = (lang: Lang) => ({
  email: t(lang, 'メールアドレス', 'Email'),
  display_name: t(lang, '表示名', 'Display name'),
  role: t(lang, '権限', 'Role'),
  department_ids: t(lang, '所属課', 'Departments'),
});

export function NewUserPage({
  ctx,
  form,
  departments,
  errors = {},
}: {
  ctx: PageCtx;
  form: NewUserForm;
  departments: DepartmentChoice[];
  errors?: FieldErrors;
}) {
  const { lang } = ctx;
  const labels = newUserLabels(lang);
  return (
    <>
      <p>
        <a href="/staff/admin">{t(lang, 'システム管理へ戻る', 'Back to administration')}</a>
      </p>
      <h1>{t(lang, 'アカウントの作成', 'Create an account')}</h1>
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={errors}
        labels={labels}
      />
      <form method="post" action="/staff/admin/users">
        <Csrf token={ctx.csrfToken} />
        <InputField
          lang={lang}
          name="email"
          type="email"
          label={labels.email}
          value={form.email}
          errors={errors}
          autocomplete="off"
        />
        <InputField
          lang={lang}
          name="display_name"
          label={labels.display_name}
          hint={t(
            lang,
            '例：市民協働推進課 山田花子',
            'For example: Civic Collaboration Division, Hanako Yamada',
          )}
          value={form.display_name}
          errors={errors}
          autocomplete="off"
        />
        <RoleSelect lang={lang} value={form.role} errors={errors} />
        <DepartmentBoxes
          lang={lang}
          departments={departments}
          checked={form.department_ids}
          errors={errors}
        />
        <p>
          {t(
            lang,
            '作成すると仮のパスワードを1回だけ表示します。本人は最初のログインで、自分のパスワードに変更します。',
            'Creating the account shows a temporary password once. At the first sign-in the person replaces it with their own.',
          )}
        </p>
        <div class="actions">
          <button type="submit">{t(lang, '作成する', 'Create account')}</button>
        </div>
      </form>
    </>
  );
}

export type UserForm = 'role' | 'status' | 'password' | 'departments';

const doneMessages: Record<string, readonly [string, string]> = {
  role: ['権限を変更しました。', 'The role was changed.'],
  departments: ['所属課を変更しました。', 'The departments were changed.'],
  disabled: [
    'アカウントを停止しました。ログイン中のセッションも終了しました。',
    'The account was disabled and its sessions ended.',
  ],
  enabled: ['アカウントを再開しました。', 'The account was enabled again.'],
};

export interface UserPageProps {
  ctx: PageCtx;
  user: UserSummary;
  /** The ids of the departments the account works for. */
  departmentIds: number[];
  departments: DepartmentChoice[];
  done?: string;
  errors?: FieldErrors;
  failedForm?: UserForm;
}

/** One account with the admin's actions: role, departments, disable/enable, password reset. */
export function UserPage({
  ctx,
  user,
  departmentIds,
  departments,
  done,
  errors = {},
  failedForm,
}: UserPageProps) {
  const { lang } = ctx;
  const self = ctx.user?.id === user.id;
  const message = done ? doneMessages[done] : undefined;
  const formErrors = (form: UserForm) => (failedForm === form ? errors : {});
  const names = departments.filter((d) => departmentIds.includes(d.id)).map((d) => d.name);
  return (
    <>
      <p>
        <a href="/staff/admin">{t(lang, 'システム管理へ戻る', 'Back to administration')}</a>
      </p>
      <h1>{user.email}</h1>
      {message ? <Notice kind="success">{t(lang, message[0], message[1])}</Notice> : null}
      {errors.form ? (
        <div class="error-summary" role="alert" id="error-summary" tabindex={-1}>
          <p>{errors.form}</p>
        </div>
      ) : null}
      <dl class="meta">
        <dt>{t(lang, '表示名', 'Display name')}</dt>
        <dd>{user.display_name || t(lang, '（未設定）', '(not set)')}</dd>
        <dt>{t(lang, '権限', 'Role')}</dt>
        <dd>{roleLabel(user.role, lang)}</dd>
        {user.role === 'staff' ? (
          <>
            <dt>{t(lang, '所属課', 'Departments')}</dt>
            <dd>{names.length > 0 ? names.join('・') : t(lang, '（未登録）', '(none)')}</dd>
          </>
        ) : null}
        <dt>{t(lang, '状態', 'Status')}</dt>
        <dd>
          <AccountStatus lang={lang} user={user} />
        </dd>
        <dt>{t(lang, '最終ログイン', 'Last sign-in')}</dt>
        <dd>
          {user.last_login_at ? formatDateTime(user.last_login_at, lang) : t(lang, 'まだありません', 'Never')}
        </dd>
        <dt>{t(lang, '作成日時', 'Created')}</dt>
        <dd>{formatDateTime(user.created_at, lang)}</dd>
        <dt>{t(lang, 'パスワードの最終変更', 'Password last changed')}</dt>
        <dd>
          {user.password_changed_at
            ? formatDateTime(user.password_changed_at, lang)
            : t(lang, '記録なし', 'Not recorded')}
        </dd>
      </dl>
      <p>
        <a href={`/staff/admin/audit?target_type=user&target_id=${user.id}`}>
          {t(lang, 'このアカウントに関する操作記録', 'Audit entries for this account')}
        </a>
      </p>

      {user.role === 'staff' ? (
        <>
          <h2 id="departments">{t(lang, '所属課', 'Departments')}</h2>
          <form method="post" action={`/staff/admin/users/${user.id}/departments`}>
            <Csrf token={ctx.csrfToken} />
            <DepartmentBoxes
              lang={lang}
              departments={departments}
              checked={departmentIds.map(String)}
              errors={formErrors('departments')}
            />
            <div class="actions">
              <button type="submit">{t(lang, '所属課を保存する', 'Save departments')}</button>
            </div>
          </form>
        </>
      ) : null}

      {self ? (
        <Notice>
          {t(
            lang,
            '自分自身の権限の変更や停止はできません。ほかの管理者に依頼してください。パスワードは「アカウント」ページで変更できます。',
            'You cannot change your own role or disable yourself; ask another administrator. Change your password on your account page.',
          )}
        </Notice>
      ) : (
        <>
          <h2 id="role">{t(lang, '権限の変更', 'Change role')}</h2>
          <form method="post" action={`/staff/admin/users/${user.id}/role`}>
            <Csrf token={ctx.csrfToken} />
            <RoleSelect lang={lang} value={user.role} errors={formErrors('role')} />
            <div class="actions">
              <button type="submit">{t(lang, '権限を変更する', 'Change role')}</button>
            </div>
          </form>

          <h2 id="status">
            {user.disabled_at ? t(lang, '利用の再開', 'Enable') : t(lang, '利用の停止', 'Disable')}
          </h2>
          <p>
            {user.disabled_at
              ? t(
                  lang,
                  '再開すると、このアカウントで再びログインできます。',
                  'Once enabled, the account can sign in again.',
                )
              : t(
                  lang,
                  '停止すると、すぐにログアウトされ、ログインできなくなります。記録は残ります。',
                  'A disabled account is signed out at once and cannot sign in. Its records stay.',
                )}
          </p>
          <form
            method="post"
            action={`/staff/admin/users/${user.id}/${user.disabled_at ? 'enable' : 'disable'}`}
          >
            <Csrf token={ctx.csrfToken} />
            <div class="actions">
              <button type="submit">
                {user.disabled_at
                  ? t(lang, '利用を再開する', 'Enable account')
                  : t(lang, '利用を停止する', 'Disable account')}
              </button>
            </div>
          </form>

          <h2 id="password">{t(lang, 'パスワードの再設定', 'Reset password')}</h2>
          <p>
            {t(
              lang,
              '仮のパスワードを発行し、1回だけ表示します。このアカウントのログインはすべて終了し、本人は次のログインで自分のパスワードに変更します。',
              'This makes a temporary password, shown once. The account is signed out everywhere, and at the next sign-in the person replaces it with their own.',
            )}
          </p>
          <form method="post" action={`/staff/admin/users/${user.id}/password`}>
            <Csrf token={ctx.csrfToken} />
            <div class="actions">
              <button type="submit">
                {t(lang, '仮のパスワードを発行する', 'Issue a temporary password')}
              </button>
            </div>
          </form>
        </>
      )}
    </>
  );
}

/** Active, disabled, or waiting for its first own password. */
export function AccountStatus({ lang, user }: { lang: Lang; user: UserSummary }) {
  if (user.disabled_at)
    return <>{`${t(lang, '停止中', 'Disabled')}（${formatDateTime(user.disabled_at, lang)}〜）`}</>;
  if (user.must_change_password)
    return (
      <>
        {t(
          lang,
          '有効（仮のパスワード：次のログインで変更）',
          'Active (temporary password: to be changed at the next sign-in)',
        )}
      </>
    );
  return <>{t(lang, '有効', 'Active')}</>;
}

/**
 * The temporary password of a new account or a reset, shown this once (it is stored only as a
 * hash). The page is never cached (the admin area's rules).
 */
export function TemporaryPasswordPage({
  ctx,
  user,
  password,
  created,
}: {
  ctx: PageCtx;
  user: { id: number; email: string };
  password: string;
  /** A new account (otherwise a reset). */
  created: boolean;
}) {
  const { lang } = ctx;
  return (
    <>
      <h1>
        {created
          ? t(lang, 'アカウントを作成しました', 'The account was created')
          : t(lang, '仮のパスワードを発行しました', 'A temporary password was issued')}
      </h1>
      <Notice kind="success">
        <p>
          {t(lang, `${user.email} の仮のパスワード：`, `Temporary password for ${user.email}: `)}
          <code class="temporary-password">{password}</code>
        </p>
      </Notice>
      <ul>
        <li>
          {t(
            lang,
            'この画面を閉じると、仮のパスワードは二度と表示できません。本人に安全な方法で伝えてください（メールに書かないでください）。',
            'Once you leave this page the temporary password cannot be shown again. Hand it over safely (not by email).',
          )}
        </li>
        <li>
          {t(
            lang,
            '本人は最初のログインで、自分だけが知るパスワードに変更します。それまではほかのページを開けません。',
            'At the first sign-in the person must replace it with a password only they know; until then no other page opens.',
          )}
        </li>
      </ul>
      <p>
        <a href={`/staff/admin/users/${user.id}`}>
          {t(lang, 'アカウントのページへ', 'To the account’s page')}
        </a>
      </p>
    </>
  );
}
