import type { Consultation } from '../../../db/schema.ts';
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
import { BackLink, Checkbox, DateTime } from '../../partials/staff/fields.tsx';
import { CopyFrom, type CopyFromProps } from '../../partials/staff/CopyFrom.tsx';
import { SubmitterRules } from '../../partials/staff/SubmitterRules.tsx';

/** What the form shows: strings as typed (so a failed submission keeps them), flags as booleans. */
export interface ConsultationFormValues {
  title: string;
  summary: string;
  purpose: string;
  department_id: string;
  contact: string;
  legal_basis: string;
  eligibility: string;
  submit_postal_address: string;
  submit_fax: string;
  submit_email: string;
  submit_counter: string;
  require_name: boolean;
  require_address: boolean;
  require_category: boolean;
  allow_anonymous: boolean;
  allow_individual: boolean;
  allow_organisation: boolean;
  /** The 区分 offered (category codes). */
  categories: string[];
  require_consent: boolean;
  consent_notice: string;
  /** The consultation this one was started from (a hidden field), or ''. */
  copied_from: string;
  max_comment_length: string;
  opens_at: string;
  closes_at: string;
  short_period_reason: string;
  change_note: string;
}

export function fieldLabels(lang: PageCtx['lang']): Record<keyof ConsultationFormValues, string> {
  return {
    title: t(lang, '件名', 'Title'),
    summary: t(lang, '概要', 'Summary'),
    purpose: t(lang, '目的・背景', 'Purpose and background'),
    department_id: t(lang, '担当課', 'Department'),
    contact: t(lang, '問い合わせ先', 'Contact'),
    legal_basis: t(lang, '根拠法令・計画等', 'Legal basis'),
    eligibility: t(lang, '意見を提出できる方', 'Who may comment'),
    submit_postal_address: t(lang, '郵送先', 'Postal address'),
    submit_fax: t(lang, 'FAX番号', 'Fax number'),
    submit_email: t(lang, '電子メールアドレス', 'Email address'),
    submit_counter: t(lang, '持参先（窓口）', 'Counter (in person)'),
    require_name: t(lang, '氏名を必須にする', 'Name required'),
    require_address: t(lang, '住所を必須にする', 'Address required'),
    require_category: t(lang, '区分（市内在住など）を必須にする', 'Category required'),
    allow_anonymous: t(lang, '匿名の意見を受け付ける', 'Accept anonymous comments'),
    allow_individual: t(lang, '個人の意見を受け付ける', 'Accept comments from individuals'),
    allow_organisation: t(
      lang,
      '団体・事業者の意見を受け付ける',
      'Accept comments from organisations and businesses',
    ),
    categories: t(lang, '区分の選択肢', 'Categories offered'),
    require_consent: t(
      lang,
      '個人情報の取扱いへの同意を求める（意見入力フォームにチェック欄を表示）',
      'Ask for consent to the use of personal data (a box on the comment form)',
    ),
    consent_notice: t(lang, '個人情報の取扱いの説明', 'Notice on the use of personal data'),
    copied_from: t(lang, '複製元', 'Copied from'),
    max_comment_length: t(lang, '意見の最大文字数', 'Maximum comment length'),
    opens_at: t(lang, '募集開始日時', 'Period opens'),
    closes_at: t(lang, '募集締切日時', 'Period closes'),
    short_period_reason: t(lang, '募集期間が30日未満の理由', 'Reason for a period shorter than 30 days'),
    change_note: t(lang, '締切延長の理由（記録されます）', 'Reason for extending the period (recorded)'),
  };
}

export interface ConsultationFormPageProps {
  ctx: PageCtx;
  /** Absent when creating. */
  consultation?: Consultation;
  values: ConsultationFormValues;
  /** The departments the person may choose (their own; every one for an administrator). */
  departments: { id: number; name: string }[];
  errors?: FieldErrors;
  formError?: string;
  /** A new consultation: earlier ones to start from, and the one the form was filled from. */
  copy?: CopyFromProps;
}

export function ConsultationFormPage({
  ctx,
  consultation,
  values,
  departments,
  errors = {},
  formError,
  copy,
}: ConsultationFormPageProps) {
  const { lang } = ctx;
  const labels = fieldLabels(lang);
  const published = consultation !== undefined && consultation.status !== 'draft';
  const action = consultation ? `/staff/consultations/${consultation.id}/edit` : '/staff/consultations';
  const common = { lang, errors };
  return (
    <>
      {consultation ? (
        <BackLink href={`/staff/consultations/${consultation.id}`} label={consultation.title} />
      ) : (
        <BackLink href="/staff" label={t(lang, '職員トップ', 'Staff home')} />
      )}
      <h1>
        {consultation
          ? t(lang, '基本情報の編集', 'Edit the consultation')
          : t(lang, '新しい意見募集を作成', 'New consultation')}
      </h1>
      {published ? (
        <Notice kind="warning">
          {t(
            lang,
            '公表済みのため、件名と募集開始日時は変更できません。締切は延長のみ可能で、延長の理由が記録されます。',
            'This consultation is published: its title and opening cannot change. The closing can only be extended, and the reason is recorded.',
          )}
        </Notice>
      ) : null}
      {formError ? <Notice kind="warning">{formError}</Notice> : null}
      {copy ? <CopyFrom {...copy} /> : null}
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={errors}
        labels={labels}
      />
      <form method="post" action={action} novalidate>
        <Csrf token={ctx.csrfToken} />
        {values.copied_from ? <input type="hidden" name="copied_from" value={values.copied_from} /> : null}
        <fieldset>
          <legend>{t(lang, '案件', 'The consultation')}</legend>
          {published ? (
            <div class="field">
              <p>
                <strong>{labels.title}</strong>: {values.title}
              </p>
              <input type="hidden" name="title" value={values.title} />
            </div>
          ) : (
            <TextField
              {...common}
              name="title"
              label={labels.title}
              value={values.title}
              required
              maxlength={200}
            />
          )}
          <TextArea
            {...common}
            name="summary"
            label={labels.summary}
            value={values.summary}
            rows={3}
            hint={t(lang, '一覧に表示される短い説明です。', 'A short description shown in the list.')}
          />
          <TextArea {...common} name="purpose" label={labels.purpose} value={values.purpose} />
          <Field
            {...common}
            name="department_id"
            label={labels.department_id}
            required
            hint={t(
              lang,
              '担当課の職員だけが、この意見募集を編集・公表できます。課の名前は公開ページに表示されます。',
              'Only staff of this department can edit and publish it. Its name is shown on the public page.',
            )}
          >
            <select
              id={fieldId('department_id')}
              name="department_id"
              required
              {...fieldAttrs('department_id', errors, true)}
            >
              <option value="">{t(lang, '選んでください', 'Choose')}</option>
              {departments.map((d) => (
                <option value={String(d.id)} selected={String(d.id) === values.department_id}>
                  {d.name}
                </option>
              ))}
            </select>
          </Field>
          <TextArea {...common} name="contact" label={labels.contact} value={values.contact} rows={2} />
          <TextArea
            {...common}
            name="legal_basis"
            label={labels.legal_basis}
            value={values.legal_basis}
            rows={2}
          />
        </fieldset>

        <fieldset>
          <legend>{t(lang, '募集期間', 'Comment period')}</legend>
          <p class="hint">
            {t(
              lang,
              '日本時間で入力します。締切を 23:59 にすると、その日の終わりまで受け付けます。30日未満の期間には理由が必要です（理由は公表されます）。',
              'Enter Japan time. A closing at 23:59 accepts comments until the end of that day. A period shorter than 30 days needs a reason, which is published.',
            )}
          </p>
          {published ? (
            <div class="field">
              <p>
                <strong>{labels.opens_at}</strong>:{' '}
                {consultation?.opens_at ? <DateTime at={consultation.opens_at} lang={lang} /> : ''}
              </p>
            </div>
          ) : (
            <TextField
              {...common}
              type="datetime-local"
              name="opens_at"
              label={labels.opens_at}
              value={values.opens_at}
              hint={t(
                lang,
                '空欄のまま公表すると、公表した時点から募集を始めます。',
                'Leave empty to open when you publish.',
              )}
            />
          )}
          <TextField
            {...common}
            type="datetime-local"
            name="closes_at"
            label={labels.closes_at}
            value={values.closes_at}
          />
          <TextArea
            {...common}
            name="short_period_reason"
            label={labels.short_period_reason}
            value={values.short_period_reason}
            rows={2}
          />
          {published ? (
            <TextArea
              {...common}
              name="change_note"
              label={labels.change_note}
              value={values.change_note}
              rows={2}
              hint={t(lang, '締切を延長する場合のみ必要です。', 'Needed only when you extend the closing.')}
            />
          ) : null}
        </fieldset>

        <fieldset>
          <legend>{t(lang, '提出できる方・提出方法', 'Who may comment and how')}</legend>
          <TextArea
            {...common}
            name="eligibility"
            label={labels.eligibility}
            value={values.eligibility}
            rows={3}
          />
          <TextArea
            {...common}
            name="submit_postal_address"
            label={labels.submit_postal_address}
            value={values.submit_postal_address}
            rows={2}
          />
          <TextField
            {...common}
            type="tel"
            name="submit_fax"
            label={labels.submit_fax}
            value={values.submit_fax}
          />
          <TextField
            {...common}
            type="email"
            name="submit_email"
            label={labels.submit_email}
            value={values.submit_email}
          />
          <TextArea
            {...common}
            name="submit_counter"
            label={labels.submit_counter}
            value={values.submit_counter}
            rows={2}
          />
        </fieldset>

        <SubmitterRules lang={lang} labels={labels} values={values} errors={errors} />

        <fieldset>
          <legend>{t(lang, '提出者の記入事項', 'What submitters must give')}</legend>
          <Checkbox name="require_name" label={labels.require_name} checked={values.require_name} />
          <Checkbox name="require_address" label={labels.require_address} checked={values.require_address} />
          <Checkbox
            name="require_category"
            label={labels.require_category}
            checked={values.require_category}
          />
          <TextField
            {...common}
            type="number"
            name="max_comment_length"
            label={labels.max_comment_length}
            value={values.max_comment_length}
            required
            hint={t(
              lang,
              '100〜100000文字。標準は4000文字です。',
              '100 to 100,000 characters; 4,000 by default.',
            )}
            extra={{ min: 100, max: 100000, inputmode: 'numeric' }}
          />
        </fieldset>

        <div class="actions">
          <button type="submit">
            {consultation ? t(lang, '保存する', 'Save') : t(lang, '作成する', 'Create')}
          </button>
          <a href={consultation ? `/staff/consultations/${consultation.id}` : '/staff'}>
            {t(lang, 'キャンセル', 'Cancel')}
          </a>
        </div>
      </form>
    </>
  );
}
