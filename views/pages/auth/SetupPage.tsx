import { t } from '../../../src/lib/i18n.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf, ErrorSummary, type FieldErrors } from '../../partials/forms.tsx';
import { InputField, NewPasswordFields } from './fields.tsx';

export interface SetupForm {
  email: string;
  display_name: string;
}

/** The one-time form that creates the first administrator. */
export function SetupPage({
  ctx,
  token,
  form,
  errors = {},
}: {
  ctx: PageCtx;
  token: string;
  form: SetupForm;
  errors?: FieldErrors;
}) {
  const { lang } = ctx;
  return (
    <section class="auth-page">
      <h1>{t(lang, '最初のシステム管理者の登録', 'Create the first administrator')}</h1>
      <p>
        {t(
          lang,
          'このリンクは1回だけ使えます。登録すると、このアカウントでログインした状態になります。ほかの職員のアカウントは、登録後に管理画面から作成できます。',
          'This link works once. After you register you are signed in with this account; create the other accounts from the admin pages.',
        )}
      </p>
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={errors}
        labels={{
          email: t(lang, 'メールアドレス', 'Email'),
          display_name: t(lang, '表示名', 'Display name'),
          password: t(lang, 'パスワード', 'Password'),
          password_confirm: t(lang, 'パスワード（確認）', 'Password again'),
        }}
      />
      <form method="post" action={`/setup/${encodeURIComponent(token)}`}>
        <Csrf token={ctx.csrfToken} />
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
          name="display_name"
          label={t(lang, '表示名', 'Display name')}
          hint={t(lang, '例：情報政策課 倉敷太郎', 'For example: IT Policy Division, Taro Kurashiki')}
          value={form.display_name}
          errors={errors}
          autocomplete="name"
        />
        <NewPasswordFields
          lang={lang}
          label={t(lang, 'パスワード', 'Password')}
          confirmLabel={t(lang, 'パスワード（確認）', 'Password again')}
          errors={errors}
        />
        <div class="actions">
          <button type="submit">{t(lang, '管理者を登録する', 'Create administrator')}</button>
        </div>
      </form>
    </section>
  );
}
