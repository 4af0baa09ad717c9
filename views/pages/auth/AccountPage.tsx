import type { SessionUser } from '../../../src/env.ts';
import { t } from '../../../src/lib/i18n.ts';
import { roleLabel } from '../../../src/lib/labels.ts';
import { formatDateTime } from '../../../src/lib/time.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf, ErrorSummary, type FieldErrors, Notice } from '../../partials/forms.tsx';
import { InputField, NewPasswordFields } from './fields.tsx';

export interface AccountPageProps {
  ctx: PageCtx;
  user: SessionUser;
  passwordChangedAt: string | null;
  /** This sign-in, and the one before it (null when there was none). */
  lastLoginAt: string | null;
  previousLoginAt: string | null;
  /** The departments the account works for (staff). */
  departments: string[];
  /** Signed in with a temporary password: the form is the only way on. */
  mustChange: boolean;
  /** Where to go once the temporary password is replaced. */
  next: string;
  errors?: FieldErrors;
  changed?: boolean;
}

const when = (at: string | null, lang: PageCtx['lang']) =>
  at ? formatDateTime(at, lang) : t(lang, '記録なし', 'Not recorded');

/** The signed-in user's own page: who they are, their sign-ins, and the password change form. */
export function AccountPage(p: AccountPageProps) {
  const { ctx, user, errors = {} } = p;
  const { lang } = ctx;
  return (
    <section class="account-page">
      <h1>
        {p.mustChange
          ? t(lang, 'パスワードの設定', 'Choose your password')
          : t(lang, 'アカウント', 'Your account')}
      </h1>
      {p.mustChange ? (
        <Notice kind="warning">
          {t(
            lang,
            '管理者が発行した仮のパスワードでログインしています。続けるには、ご自分だけが知るパスワードを設定してください。',
            'You signed in with a temporary password from an administrator. To continue, choose a password only you know.',
          )}
        </Notice>
      ) : null}
      {p.changed ? (
        <Notice kind="success">
          {t(
            lang,
            'パスワードを変更しました。ほかの端末のログインは終了しました。',
            'Your password was changed. You were signed out everywhere else.',
          )}
        </Notice>
      ) : null}
      <dl class="meta">
        <dt>{t(lang, 'メールアドレス', 'Email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t(lang, '表示名', 'Display name')}</dt>
        <dd>{user.displayName || t(lang, '（未設定）', '(not set)')}</dd>
        <dt>{t(lang, '権限', 'Role')}</dt>
        <dd>{roleLabel(user.role, lang)}</dd>
        {user.role === 'staff' ? (
          <>
            <dt>{t(lang, '所属課', 'Departments')}</dt>
            <dd>{p.departments.length > 0 ? p.departments.join('・') : t(lang, '（未登録）', '(none)')}</dd>
          </>
        ) : null}
        <dt>{t(lang, '今回のログイン', 'This sign-in')}</dt>
        <dd>{when(p.lastLoginAt, lang)}</dd>
        <dt>{t(lang, '前回のログイン', 'Previous sign-in')}</dt>
        <dd>{when(p.previousLoginAt, lang)}</dd>
        <dt>{t(lang, 'パスワードの最終変更', 'Password last changed')}</dt>
        <dd>{when(p.passwordChangedAt, lang)}</dd>
      </dl>
      <h2 id="password">
        {p.mustChange
          ? t(lang, '新しいパスワード', 'Your new password')
          : t(lang, 'パスワードの変更', 'Change your password')}
      </h2>
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={errors}
        labels={{
          current_password: t(lang, '現在のパスワード', 'Current password'),
          password: t(lang, '新しいパスワード', 'New password'),
          password_confirm: t(lang, '新しいパスワード（確認）', 'New password again'),
        }}
      />
      <form method="post" action="/account/password">
        <Csrf token={ctx.csrfToken} />
        {p.next ? <input type="hidden" name="next" value={p.next} /> : null}
        <InputField
          lang={lang}
          name="current_password"
          type="password"
          label={
            p.mustChange
              ? t(lang, '仮のパスワード', 'Temporary password')
              : t(lang, '現在のパスワード', 'Current password')
          }
          errors={errors}
          autocomplete="current-password"
        />
        <NewPasswordFields
          lang={lang}
          label={t(lang, '新しいパスワード', 'New password')}
          confirmLabel={t(lang, '新しいパスワード（確認）', 'New password again')}
          errors={errors}
        />
        <div class="actions">
          <button type="submit">
            {p.mustChange
              ? t(lang, 'パスワードを設定して続ける', 'Set password and continue')
              : t(lang, 'パスワードを変更する', 'Change password')}
          </button>
        </div>
      </form>
    </section>
  );
}
