import type { SessionUser } from '../../../src/env.ts';
import { t } from '../../../src/lib/i18n.ts';
import { roleLabel } from '../../../src/lib/labels.ts';
import { formatDateTime } from '../../../src/lib/time.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf, ErrorSummary, type FieldErrors, Notice } from '../../partials/forms.tsx';
import { InputField, NewPasswordFields } from './fields.tsx';

/** The signed-in user's own page: who they are, and the password change form. */
export function AccountPage({
  ctx,
  user,
  passwordChangedAt,
  errors = {},
  changed = false,
}: {
  ctx: PageCtx;
  user: SessionUser;
  passwordChangedAt: string | null;
  errors?: FieldErrors;
  changed?: boolean;
}) {
  const { lang } = ctx;
  return (
    <section class="account-page">
      <h1>{t(lang, 'アカウント', 'Your account')}</h1>
      {changed ? (
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
        <dt>{t(lang, 'パスワードの最終変更', 'Password last changed')}</dt>
        <dd>
          {passwordChangedAt ? formatDateTime(passwordChangedAt, lang) : t(lang, '記録なし', 'Not recorded')}
        </dd>
      </dl>
      <h2 id="password">{t(lang, 'パスワードの変更', 'Change your password')}</h2>
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
        <InputField
          lang={lang}
          name="current_password"
          type="password"
          label={t(lang, '現在のパスワード', 'Current password')}
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
          <button type="submit">{t(lang, 'パスワードを変更する', 'Change password')}</button>
        </div>
      </form>
    </section>
  );
}
