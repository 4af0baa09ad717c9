import { t } from '../../../src/lib/i18n.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf, ErrorSummary, type FieldErrors } from '../../partials/forms.tsx';
import { InputField } from './fields.tsx';

export interface LoginForm {
  email: string;
  next: string;
}

/** The sign-in form. `message` is a form-level error (wrong password, too many attempts). */
export function LoginPage({
  ctx,
  form,
  errors = {},
  message,
}: {
  ctx: PageCtx;
  form: LoginForm;
  errors?: FieldErrors;
  message?: string;
}) {
  const { lang } = ctx;
  return (
    <section class="auth-page">
      <h1>{t(lang, '職員・審議会委員のログイン', 'Sign in for staff and council members')}</h1>
      <p>
        {t(
          lang,
          '市民の皆さんが意見を送るのにログインは必要ありません。',
          'Citizens do not need to sign in to send a comment.',
        )}
      </p>
      {message ? (
        <div class="error-summary" role="alert" id="error-summary" tabindex={-1}>
          <p>{message}</p>
        </div>
      ) : (
        <ErrorSummary
          title={t(lang, '入力内容を確認してください', 'Please check the form')}
          errors={errors}
          labels={{ email: t(lang, 'メールアドレス', 'Email'), password: t(lang, 'パスワード', 'Password') }}
        />
      )}
      <form method="post" action="/login" class="auth-form">
        <Csrf token={ctx.csrfToken} />
        <input type="hidden" name="next" value={form.next} />
        <InputField
          lang={lang}
          name="email"
          type="email"
          label={t(lang, 'メールアドレス', 'Email')}
          value={form.email}
          errors={errors}
          autocomplete="username"
        />
        <InputField
          lang={lang}
          name="password"
          type="password"
          label={t(lang, 'パスワード', 'Password')}
          errors={errors}
          autocomplete="current-password"
        />
        <div class="actions">
          <button type="submit">{t(lang, 'ログイン', 'Sign in')}</button>
        </div>
      </form>
      <p class="hint">
        {t(
          lang,
          'パスワードを忘れた場合は、システム管理者に再設定を依頼してください。',
          'If you forgot your password, ask the system administrator to reset it.',
        )}
      </p>
    </section>
  );
}
