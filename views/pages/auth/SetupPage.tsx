import { t } from '../../../src/lib/i18n.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf, ErrorSummary, type FieldErrors } from '../../partials/forms.tsx';
import { InputField, NewPasswordFields } from './fields.tsx';

export interface SetupForm {
  email: string;
  display_name: string;
  city_name_ja: string;
  city_name_en: string;
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
          city_name_ja: t(lang, '市の名前', 'City name (Japanese)'),
          city_name_en: t(lang, '市の名前（英語）', 'City name (English)'),
        }}
      />
      <form method="post" action={`/setup/${encodeURIComponent(token)}`}>
        <Csrf token={ctx.csrfToken} />
        <fieldset>
          <legend>{t(lang, '市', 'The city')}</legend>
          <InputField
            lang={lang}
            name="city_name_ja"
            label={t(lang, '市の名前', 'City name (Japanese)')}
            hint={t(
              lang,
              '例：○○市。すべてのページの見出しと新着情報に表示されます。ロゴやリンクは、登録後に「市の設定」で設定できます。',
              'The city’s name as it writes it in Japanese. Every page and the feed show it. Set the logo and links later under the city settings.',
            )}
            value={form.city_name_ja}
            errors={errors}
            autocomplete="organization"
          />
          <InputField
            lang={lang}
            name="city_name_en"
            label={t(lang, '市の名前（英語）', 'City name (English)')}
            hint={t(
              lang,
              '例：Example City。英語のページに表示されます。',
              'For example: Example City. Shown on English pages.',
            )}
            value={form.city_name_en}
            errors={errors}
            required={false}
          />
        </fieldset>
        <fieldset>
          <legend>{t(lang, '最初のシステム管理者', 'The first administrator')}</legend>
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
            hint={t(lang, '例：情報政策課 山田太郎', 'For example: IT Policy Division, Taro Yamada')}
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
        </fieldset>
        <div class="actions">
          <button type="submit">{t(lang, '管理者を登録する', 'Create administrator')}</button>
        </div>
      </form>
    </section>
  );
}
