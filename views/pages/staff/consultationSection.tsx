import { raw } from 'hono/html';
import type { Consultation, Section } from '../../../db/schema.ts';
import { t } from '../../../src/lib/i18n.ts';
import { renderMarkdown } from '../../../src/lib/markdown.ts';
import type { PageCtx } from '../../context.ts';
import {
  Csrf,
  ErrorSummary,
  FieldError,
  type FieldErrors,
  invalidAttrs,
  Notice,
  TextArea,
  TextField,
} from '../../partials/forms.tsx';
import { BackLink } from '../../partials/staff/fields.tsx';

export interface SectionFormValues {
  level: string;
  number: string;
  heading: string;
  body_md: string;
}

export interface CorrectionFormValues {
  heading: string;
  body_md: string;
  note: string;
}

export interface SectionFormPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  section?: Section;
  values: SectionFormValues;
  errors?: FieldErrors;
}

/** Add or edit one section of a draft that is not yet published. */
export function SectionFormPage({
  ctx,
  consultation: c,
  section,
  values,
  errors = {},
}: SectionFormPageProps) {
  const { lang } = ctx;
  const base = `/staff/consultations/${c.id}`;
  const labels = {
    level: t(lang, '階層', 'Level'),
    number: t(lang, '番号', 'Number'),
    heading: t(lang, '見出し', 'Heading'),
    body_md: t(lang, '本文', 'Text'),
  };
  return (
    <>
      <BackLink href={base} label={c.title} />
      <h1>{section ? t(lang, '節の編集', 'Edit a section') : t(lang, '節の追加', 'Add a section')}</h1>
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={errors}
        labels={labels}
      />
      <form
        method="post"
        action={section ? `${base}/sections/${section.id}/edit` : `${base}/sections`}
        novalidate
      >
        <Csrf token={ctx.csrfToken} />
        <div class="field">
          <label for="f-level">{labels.level}</label>
          <p class="hint" id="f-level-hint">
            {t(lang, '1 が最上位（章など）です。', '1 is the top level (a chapter, for example).')}
          </p>
          <FieldError id="f-level" errors={errors} name="level" />
          <select id="f-level" name="level" {...invalidAttrs('f-level', errors, 'level', 'f-level-hint')}>
            {['1', '2', '3', '4'].map((v) => (
              <option value={v} selected={values.level === v}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <TextField
          lang={lang}
          errors={errors}
          name="number"
          label={labels.number}
          value={values.number}
          maxlength={40}
          hint={t(lang, '例：第1章、1、(1)、ア', 'For example 第1章, 1, (1), ア')}
        />
        <TextField
          lang={lang}
          errors={errors}
          name="heading"
          label={labels.heading}
          value={values.heading}
          maxlength={300}
          required
        />
        <TextArea
          lang={lang}
          errors={errors}
          name="body_md"
          label={labels.body_md}
          value={values.body_md}
          rows={14}
          hint={t(lang, 'Markdown が使えます（HTML は使えません）。', 'Markdown is allowed (HTML is not).')}
        />
        <div class="actions">
          <button type="submit">{t(lang, '保存する', 'Save')}</button>
          <a href={base}>{t(lang, 'キャンセル', 'Cancel')}</a>
        </div>
      </form>
    </>
  );
}

export interface CorrectionFormPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  section: Section;
  values: CorrectionFormValues;
  errors?: FieldErrors;
  /** Shown when someone tried to edit the published text directly. */
  refused?: boolean;
}

/** A correction (正誤) to a published section: new text plus a public note. */
export function CorrectionFormPage({
  ctx,
  consultation: c,
  section,
  values,
  errors = {},
  refused,
}: CorrectionFormPageProps) {
  const { lang } = ctx;
  const base = `/staff/consultations/${c.id}`;
  const labels = {
    heading: t(lang, '訂正後の見出し', 'Corrected heading'),
    body_md: t(lang, '訂正後の本文', 'Corrected text'),
    note: t(lang, '訂正の内容（公表されます）', 'What was corrected (published)'),
  };
  return (
    <>
      <BackLink href={base} label={c.title} />
      <h1>{t(lang, '正誤（公表後の訂正）', 'Correction after publishing')}</h1>
      {refused ? (
        <Notice kind="warning">
          {t(
            lang,
            '公表済みの案文は直接編集できません。訂正する場合は、このフォームで訂正内容を記入してください。訂正は記録され、公開ページに表示されます。',
            'A published draft cannot be edited directly. To fix it, fill in this correction form; the correction is recorded and shown on the public page.',
          )}
        </Notice>
      ) : (
        <p>
          {t(
            lang,
            '訂正は「正誤」として記録され、公開ページに表示されます。',
            'The correction is recorded and shown on the public page.',
          )}
        </p>
      )}
      <section aria-labelledby="h-current">
        <h2 id="h-current">{t(lang, '現在の内容', 'Current text')}</h2>
        <h3>
          {section.number ? <span class="section-number">{section.number}</span> : null}
          {section.heading}
        </h3>
        <div class="section-body">{raw(renderMarkdown(section.body_md))}</div>
      </section>
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={errors}
        labels={labels}
      />
      <form method="post" action={`${base}/sections/${section.id}/correct`} novalidate>
        <Csrf token={ctx.csrfToken} />
        <TextField
          lang={lang}
          errors={errors}
          name="heading"
          label={labels.heading}
          value={values.heading}
          required
          maxlength={300}
        />
        <TextArea
          lang={lang}
          errors={errors}
          name="body_md"
          label={labels.body_md}
          value={values.body_md}
          rows={14}
        />
        <TextArea
          lang={lang}
          errors={errors}
          name="note"
          label={labels.note}
          value={values.note}
          rows={3}
          required
          hint={t(
            lang,
            '例：「第2章の数値に誤りがあったため訂正しました」',
            'For example: "Corrected a figure in chapter 2."',
          )}
        />
        <div class="actions">
          <button type="submit">{t(lang, '訂正を記録する', 'Record the correction')}</button>
          <a href={base}>{t(lang, 'キャンセル', 'Cancel')}</a>
        </div>
      </form>
    </>
  );
}
