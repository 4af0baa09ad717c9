import type { Consultation } from '../../../db/schema.ts';
import type { DocumentItem } from '../../partials/documents/types.ts';
import { t } from '../../../src/lib/i18n.ts';
import type { PageCtx } from '../../context.ts';
import {
  Csrf,
  ErrorSummary,
  FieldError,
  type FieldErrors,
  invalidAttrs,
  TextField,
} from '../../partials/forms.tsx';
import { BackLink } from '../../partials/staff/fields.tsx';
import { formatBytes } from '../../../src/lib/format.ts';

/** Upload a related document: a title and one file. */
export function DocumentUploadPage({
  ctx,
  consultation: c,
  title,
  maxBytes,
  errors = {},
}: {
  ctx: PageCtx;
  consultation: Consultation;
  title: string;
  maxBytes: number;
  errors?: FieldErrors;
}) {
  const { lang } = ctx;
  const base = `/staff/consultations/${c.id}`;
  const labels = { title: t(lang, '資料名', 'Document title'), file: t(lang, 'ファイル', 'File') };
  return (
    <>
      <BackLink href={base} label={c.title} />
      <h1>{t(lang, '関連資料の追加', 'Add a related document')}</h1>
      {c.status !== 'draft' ? (
        <p class="hint">
          {t(
            lang,
            '公表済みのため、追加した資料は削除できません。',
            'This consultation is published: a document you add cannot be deleted.',
          )}
        </p>
      ) : null}
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={errors}
        labels={labels}
      />
      <form method="post" action={`${base}/documents`} enctype="multipart/form-data" novalidate>
        <Csrf token={ctx.csrfToken} />
        <TextField
          lang={lang}
          errors={errors}
          name="title"
          label={labels.title}
          value={title}
          required
          maxlength={200}
          hint={t(lang, '例：計画案（本編）', 'For example: Draft plan (full text)')}
        />
        <div class="field">
          <label for="f-file">
            {labels.file}
            <span class="req">{t(lang, '必須', 'Required')}</span>
          </label>
          <p class="hint" id="f-file-hint">
            {t(
              lang,
              `PDF、画像（PNG・JPEG・GIF・WebP）、Word・Excel・PowerPoint（docx・xlsx・pptx・doc・xls）、テキスト（txt・csv）。1ファイル ${formatBytes(maxBytes, lang)} まで。`,
              `PDF, images (PNG, JPEG, GIF, WebP), Word, Excel, PowerPoint (docx, xlsx, pptx, doc, xls), text (txt, csv). Up to ${formatBytes(maxBytes, lang)} per file.`,
            )}
          </p>
          <FieldError id="f-file" errors={errors} name="file" />
          <input
            type="file"
            id="f-file"
            name="file"
            accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.doc,.xls,.txt,.csv"
            {...invalidAttrs('f-file', errors, 'file', 'f-file-hint')}
          />
        </div>
        <div class="actions">
          <button type="submit">{t(lang, 'アップロードする', 'Upload')}</button>
          <a href={`${base}#documents`}>{t(lang, 'キャンセル', 'Cancel')}</a>
        </div>
      </form>
    </>
  );
}

/** Rename a document (its file stays). */
export function DocumentRenamePage({
  ctx,
  consultation: c,
  document: d,
  title,
  errors = {},
}: {
  ctx: PageCtx;
  consultation: Consultation;
  document: DocumentItem;
  title: string;
  errors?: FieldErrors;
}) {
  const { lang } = ctx;
  const base = `/staff/consultations/${c.id}`;
  return (
    <>
      <BackLink href={`${base}#documents`} label={c.title} />
      <h1>{t(lang, '資料名の変更', 'Rename a document')}</h1>
      <p>
        {t(lang, 'ファイル：', 'File: ')}
        {d.filename}
      </p>
      <form method="post" action={`${base}/documents/${d.id}/edit`} novalidate>
        <Csrf token={ctx.csrfToken} />
        <TextField
          lang={lang}
          errors={errors}
          name="title"
          label={t(lang, '資料名', 'Document title')}
          value={title}
          required
          maxlength={200}
        />
        <div class="actions">
          <button type="submit">{t(lang, '保存する', 'Save')}</button>
          <a href={`${base}#documents`}>{t(lang, 'キャンセル', 'Cancel')}</a>
        </div>
      </form>
    </>
  );
}
