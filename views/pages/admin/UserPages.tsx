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
import { InputField, NewPasswordFields, passwordHint } from '../auth/fields.tsx';

/** An account as the admin pages show it (never its password hash). */
export interface UserSummary {
  id: number;
  email: string;
  display_name: string;
  role: Role;
  disabled_at: string | null;
  created_at: string;
  password_changed_at: string | null;
}

export interface NewUserForm {
  email: string;
  display_name: string;
  role: string;
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
  password: t(lang, '初期パスワード', 'Initial password'),
  password_confirm: t(lang, '初期パスワード（確認）', 'Initial password again'),
});

export function NewUserPage({
  ctx,
  form,
  errors = {},
}: {
  ctx: PageCtx;
  form: NewUserForm;
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
            '例：市民協働推進課 倉敷花子',
            'For example: Civic Collaboration Division, Hanako Kurashiki',
          )}
          value={form.display_name}
          errors={errors}
          autocomplete="off"
        />
        <RoleSelect lang={lang} value={form.role} errors={errors} />
        <NewPasswordFields
          lang={lang}
          label={labels.password}
          confirmLabel={labels.password_confirm}
          hint={`${passwordHint(lang)} ${t(lang, '本人に安全な方法で伝え、最初のログイン後に変更してもらってください。', 'Hand it over safely and ask them to change it after the first sign-in.')}`}
          errors={errors}
        />
        <div class="actions">
          <button type="submit">{t(lang, '作成する', 'Create account')}</button>
        </div>
      </form>
    </>
  );
}

export type UserForm = 'role' | 'status' | 'password';

const doneMessages: Record<string, readonly [string, string]> = {
  created: ['アカウントを作成しました。', 'The account was created.'],
  role: ['権限を変更しました。', 'The role was changed.'],
  disabled: [
    'アカウントを停止しました。ログイン中のセッションも終了しました。',
    'The account was disabled and its sessions ended.',
  ],
  enabled: ['アカウントを再開しました。', 'The account was enabled again.'],
  password: [
    'パスワードを再設定しました。ログイン中のセッションは終了しました。',
    'The password was reset and the account’s sessions ended.',
  ],
};

/** One account with the admin's actions: role, disable/enable, password reset. */
export function UserPage({
  ctx,
  user,
  done,
  errors = {},
  failedForm,
  role,
}: {
  ctx: PageCtx;
  user: UserSummary;
  done?: string;
  errors?: FieldErrors;
  failedForm?: UserForm;
  role?: string;
}) {
  const { lang } = ctx;
  const self = ctx.user?.id === user.id;
  const message = done ? doneMessages[done] : undefined;
  const formErrors = (form: UserForm) => (failedForm === form ? errors : {});
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
        <dt>{t(lang, '状態', 'Status')}</dt>
        <dd>
          {user.disabled_at
            ? `${t(lang, '停止中', 'Disabled')}（${formatDateTime(user.disabled_at, lang)}〜）`
            : t(lang, '有効', 'Active')}
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
            <RoleSelect lang={lang} value={role ?? user.role} errors={formErrors('role')} />
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
          <ErrorSummary
            title={t(lang, '入力内容を確認してください', 'Please check the form')}
            errors={formErrors('password')}
            labels={{
              password: t(lang, '新しいパスワード', 'New password'),
              password_confirm: t(lang, '新しいパスワード（確認）', 'New password again'),
            }}
          />
          <form method="post" action={`/staff/admin/users/${user.id}/password`}>
            <Csrf token={ctx.csrfToken} />
            <NewPasswordFields
              lang={lang}
              label={t(lang, '新しいパスワード', 'New password')}
              confirmLabel={t(lang, '新しいパスワード（確認）', 'New password again')}
              errors={formErrors('password')}
            />
            <div class="actions">
              <button type="submit">{t(lang, 'パスワードを再設定する', 'Reset password')}</button>
            </div>
          </form>
        </>
      )}
    </>
  );
}
