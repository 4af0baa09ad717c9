import { t } from '../../../src/lib/i18n.ts';
import type { PageCtx } from '../../context.ts';
import {
  Csrf,
  ErrorSummary,
  Field,
  type FieldErrors,
  fieldAttrs,
  fieldId,
  Notice,
  TextArea,
  TextField,
} from '../../partials/forms.tsx';

/** The settings form as typed (numbers too, so a failed form keeps them). */
export type CitySettingsForm = {
  city_name_ja: string;
  city_name_en: string;
  site_url: string;
  privacy_url: string;
  accessibility_url: string;
  contact_url: string;
  notice_ja: string;
  notice_en: string;
  default_period_days: string;
  default_max_comment_length: string;
};

export function settingsLabels(lang: PageCtx['lang']): Record<keyof CitySettingsForm | 'logo', string> {
  return {
    city_name_ja: t(lang, '市の名前', 'City name (Japanese)'),
    city_name_en: t(lang, '市の名前（英語）', 'City name (English)'),
    site_url: t(lang, '市のホームページ', 'City website'),
    privacy_url: t(lang, 'プライバシーポリシー', 'Privacy policy'),
    accessibility_url: t(lang, 'ウェブアクセシビリティ方針', 'Web accessibility policy'),
    contact_url: t(lang, 'お問い合わせ', 'Contact page'),
    notice_ja: t(lang, '意見の取扱いについてのお知らせ', 'How comments are used (Japanese)'),
    notice_en: t(lang, '意見の取扱いについてのお知らせ（英語）', 'How comments are used (English)'),
    default_period_days: t(lang, '募集期間の既定の日数', 'Default period (days)'),
    default_max_comment_length: t(lang, '意見の最大文字数の既定値', 'Default comment length limit'),
    logo: t(lang, 'ロゴ画像', 'Logo image'),
  };
}

/** The links every page's footer shows, in the order it shows them. */
const URL_FIELDS = ['site_url', 'privacy_url', 'accessibility_url', 'contact_url'] as const;

const done: Record<string, readonly [string, string]> = {
  saved: ['市の設定を保存しました。', 'The city settings were saved.'],
  unchanged: ['変更はありませんでした。', 'Nothing was changed.'],
  logo: ['ロゴを登録しました。', 'The logo was saved.'],
  logo_removed: ['ロゴを削除しました。', 'The logo was removed.'],
};

export interface CitySettingsPageProps {
  ctx: PageCtx;
  values: CitySettingsForm;
  /** The current logo's address, or null. */
  logoUrl: string | null;
  notice?: string;
  errors?: FieldErrors;
  logoErrors?: FieldErrors;
}

/** The city's own name, links, notice and defaults, and its logo (administrators only). */
export function CitySettingsPage({
  ctx,
  values,
  logoUrl,
  notice,
  errors = {},
  logoErrors = {},
}: CitySettingsPageProps) {
  const { lang } = ctx;
  const labels = settingsLabels(lang);
  const common = { lang, errors };
  const message = notice ? done[notice] : undefined;
  const urlHint = t(
    lang,
    'https:// で始まるアドレス。空欄なら表示しません。',
    'An https:// address; leave empty to show none.',
  );
  return (
    <>
      <p>
        <a href="/staff/admin">{t(lang, 'システム管理へ戻る', 'Back to administration')}</a>
      </p>
      <h1>{t(lang, '市の設定', 'City settings')}</h1>
      {message ? <Notice kind="success">{t(lang, ...message)}</Notice> : null}
      <p>
        {t(
          lang,
          'すべてのページの見出し・フッター、新着情報（Atom）に表示されます。変更は操作記録に残ります。',
          'Shown in the header and footer of every page and in the Atom feed. Changes are recorded in the audit log.',
        )}
      </p>
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={errors}
        labels={labels}
      />
      <form method="post" action="/staff/admin/settings" novalidate>
        <Csrf token={ctx.csrfToken} />
        <fieldset>
          <legend>{t(lang, '市の名前', 'The city’s name')}</legend>
          <TextField
            {...common}
            name="city_name_ja"
            label={labels.city_name_ja}
            value={values.city_name_ja}
            required
            maxlength={50}
            hint={t(lang, '例：○○市', 'As the city writes it in Japanese.')}
          />
          <TextField
            {...common}
            name="city_name_en"
            label={labels.city_name_en}
            value={values.city_name_en}
            maxlength={50}
            hint={t(lang, '例：Example City', 'For example: Example City')}
          />
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'すべてのページに表示するリンク', 'Links on every page')}</legend>
          {URL_FIELDS.map((name) => (
            <TextField
              {...common}
              name={name}
              label={labels[name]}
              value={values[name]}
              hint={urlHint}
              autocomplete="off"
            />
          ))}
        </fieldset>
        <fieldset>
          <legend>{t(lang, '意見の取扱い', 'How comments are used')}</legend>
          <TextArea
            {...common}
            name="notice_ja"
            label={labels.notice_ja}
            value={values.notice_ja}
            rows={3}
            maxlength={1000}
            hint={t(
              lang,
              'フッターに表示します。空欄なら標準の文を表示します。',
              'Shown in the footer; leave empty for the standard text.',
            )}
          />
          <TextArea
            {...common}
            name="notice_en"
            label={labels.notice_en}
            value={values.notice_en}
            rows={3}
            maxlength={1000}
          />
        </fieldset>
        <fieldset>
          <legend>{t(lang, '新しい意見募集の既定値', 'Defaults for a new consultation')}</legend>
          <TextField
            {...common}
            type="number"
            name="default_period_days"
            label={labels.default_period_days}
            value={values.default_period_days}
            required
            hint={t(
              lang,
              '30日以上（行政手続法39条3項）。作成画面の締切日時に使います。',
              'At least 30 (Administrative Procedure Act, art. 39(3)). Used for the closing date of the new form.',
            )}
          />
          <TextField
            {...common}
            type="number"
            name="default_max_comment_length"
            label={labels.default_max_comment_length}
            value={values.default_max_comment_length}
            required
            hint={t(lang, '100〜100,000文字。', '100 to 100,000 characters.')}
          />
        </fieldset>
        <div class="actions">
          <button type="submit">{t(lang, '保存する', 'Save')}</button>
        </div>
      </form>

      <h2 id="logo">{labels.logo}</h2>
      {logoUrl ? (
        <p>
          <img class="city-logo-preview" src={logoUrl} alt={t(lang, '現在のロゴ', 'The current logo')} />
        </p>
      ) : (
        <p>
          {t(
            lang,
            'ロゴは登録されていません（「声」の印を表示しています）。',
            'No logo yet (the 声 mark is shown).',
          )}
        </p>
      )}
      <ErrorSummary
        title={t(lang, 'ロゴを登録できませんでした', 'The logo was not saved')}
        errors={logoErrors}
        labels={labels}
      />
      <form method="post" action="/staff/admin/settings/logo" enctype="multipart/form-data">
        <Csrf token={ctx.csrfToken} />
        <Field
          lang={lang}
          name="logo"
          label={labels.logo}
          required
          hint={t(
            lang,
            'PNG・JPEG・GIF・WebP、512KBまで。見出しに高さ約40ピクセルで表示します。',
            'PNG, JPEG, GIF or WebP, up to 512 KB. Shown about 40 pixels high in the header.',
          )}
          errors={logoErrors}
        >
          <input
            type="file"
            id={fieldId('logo')}
            name="logo"
            accept=".png,.jpg,.jpeg,.gif,.webp"
            required
            {...fieldAttrs('logo', logoErrors, true)}
          />
        </Field>
        <div class="actions">
          <button type="submit">{t(lang, 'ロゴを登録する', 'Save the logo')}</button>
        </div>
      </form>
      {logoUrl ? (
        <form method="post" action="/staff/admin/settings/logo/delete">
          <Csrf token={ctx.csrfToken} />
          <div class="actions">
            <button type="submit" class="button-secondary">
              {t(lang, 'ロゴを削除する', 'Remove the logo')}
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}
