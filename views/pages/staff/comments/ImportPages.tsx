import type { Consultation } from '../../../../db/schema.ts';
import {
  columnLabel,
  describeChannel,
  type ImportPlan,
  IMPORT_COLUMNS,
} from '../../../../src/domain/csv-import.ts';
import { t } from '../../../../src/lib/i18n.ts';
import { formatDate, formatDateTime } from '../../../../src/lib/time.ts';
import type { PageCtx } from '../../../context.ts';
import { Csrf, FieldError, type FieldErrors, invalidAttrs, Notice } from '../../../partials/forms.tsx';
import { categoryText, CommentsHeader, commentsPath } from '../../../partials/staff/comments/common.tsx';

function AlreadyImported({ ctx, at, filename }: { ctx: PageCtx; at: string; filename: string }) {
  const { lang } = ctx;
  return (
    <Notice kind="warning">
      {t(
        lang,
        `このファイルは${formatDateTime(at, 'ja')}に取り込み済みです（${filename}）。もう一度取り込んでも何も変わりません。`,
        `This file was already imported on ${formatDateTime(at, 'en')} (${filename}). Importing it again changes nothing.`,
      )}
    </Notice>
  );
}

/** Step 1: choose the file. */
export function ImportUploadPage({
  ctx,
  consultation: c,
  errors = {},
}: {
  ctx: PageCtx;
  consultation: Consultation;
  errors?: FieldErrors;
}) {
  const { lang } = ctx;
  return (
    <>
      <CommentsHeader
        ctx={ctx}
        consultation={c}
        title={t(lang, 'CSVから意見を取り込む', 'Import comments from a CSV')}
        tab="import"
      />
      <p>
        {t(
          lang,
          'Excelで保存したCSV（UTF-8またはShift_JIS）を読み込みます。取り込む前に、各行の内容と問題点を確認する画面が出ます。問題のある行が1つでもあれば、何も取り込みません。',
          'Reads a CSV saved from Excel (UTF-8 or Shift_JIS). Before anything is stored you see every row and any problems; if any row has a problem, nothing is imported.',
        )}
      </p>
      <h2>{t(lang, '列の見出し', 'Column headers')}</h2>
      <p class="hint">
        {t(
          lang,
          '1行目に見出しを置いてください。日本語でも英語でも構いません。必須：受付日・提出方法・意見。',
          'Put the headers in row 1, in Japanese or English. Required: 受付日/received_at, 提出方法/channel, 意見/body.',
        )}
      </p>
      <p class="csv-headers">
        受付日, 提出方法, 該当箇所, 意見, 氏名, 住所, 団体名, 代表者, 区分, メール, 電話
        <br />
        received_at, channel, sections, body, name, address, organisation_name, representative, category,
        email, phone
      </p>
      <ul class="hint">
        <li>
          {t(
            lang,
            '受付日：2026/11/20 の形。募集期間内（消印有効）であること。',
            'Date received: like 2026/11/20, within the period (postmark counts).',
          )}
        </li>
        <li>{t(lang, '提出方法：郵送・FAX・電子メール・持参', 'Channel: post, fax, email, in_person')}</li>
        <li>
          {t(
            lang,
            '該当箇所：案の番号（例：第1章、または 1,2）。空欄は案全体。',
            'Sections: numbers from the draft (e.g. 第1章, or 1,2); empty for the whole draft.',
          )}
        </li>
        <li>
          {t(
            lang,
            '同じファイルや、前に取り込んだ行は二重に登録されません。',
            'The same file, or rows imported before, are never stored twice.',
          )}
        </li>
      </ul>
      <form method="post" action={commentsPath(c.id, '/import/preview')} enctype="multipart/form-data">
        <Csrf token={ctx.csrfToken} />
        <div class="field">
          <label for="f-file">{t(lang, 'CSVファイル', 'CSV file')}</label>
          <FieldError id="f-file" errors={errors} name="file" />
          <input
            type="file"
            id="f-file"
            name="file"
            accept=".csv,text/csv"
            required
            {...invalidAttrs('f-file', errors, 'file')}
          />
        </div>
        <div class="actions">
          <button type="submit">{t(lang, '内容を確認する', 'Check the file')}</button>
        </div>
      </form>
    </>
  );
}

export interface ImportPreviewProps {
  ctx: PageCtx;
  consultation: Consultation;
  filename: string;
  plan: ImportPlan;
  /** The file's bytes, base64, carried to the confirm step (no state kept on the server). */
  payload: string;
  /** Rows (by number) whose content is already stored: they will be skipped. */
  storedRows: Set<number>;
  already?: { at: string; filename: string };
}

/** Step 2: every row with its values and problems; confirm only when all rows are good. */
export function ImportPreviewPage({
  ctx,
  consultation: c,
  filename,
  plan,
  payload,
  storedRows,
  already,
}: ImportPreviewProps) {
  const { lang } = ctx;
  const errors = plan.rows.flatMap((r) => r.errors);
  const fresh = plan.rows.filter((r) => r.ok && !storedRows.has(r.row)).length;
  const shown = IMPORT_COLUMNS.filter(
    (col) =>
      col !== 'body' &&
      col !== 'received_at' &&
      col !== 'channel' &&
      col !== 'sections' &&
      col !== 'category',
  );
  return (
    <>
      <CommentsHeader
        ctx={ctx}
        consultation={c}
        title={t(lang, '取り込む内容の確認', 'Check the import')}
        tab="import"
      />
      <p>
        {t(lang, 'ファイル：', 'File: ')}
        <strong>{filename}</strong>
        {t(lang, `（${plan.rows.length}行）`, ` (${plan.rows.length} rows)`)}
      </p>
      {already ? <AlreadyImported ctx={ctx} at={already.at} filename={already.filename} /> : null}
      {plan.fileErrors.length > 0 || errors.length > 0 ? (
        <div class="error-summary" role="alert" tabindex={-1} id="error-summary">
          <h2>{t(lang, 'このファイルは取り込めません', 'This file cannot be imported')}</h2>
          <p>
            {t(
              lang,
              '次の問題を直したCSVを、もう一度選んでください。何も取り込んでいません。',
              'Fix these problems in the CSV and choose it again. Nothing has been imported.',
            )}
          </p>
          <ul>
            {plan.fileErrors.map((e) => (
              <li>{e}</li>
            ))}
            {errors.map((e) => (
              <li>
                <a href={`#row-${e.row}`}>
                  {t(lang, `${e.row}行目`, `Row ${e.row}`)} {e.field}: {e.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {plan.ignoredColumns.length > 0 ? (
        <Notice>
          {t(lang, '次の列は使いません：', 'These columns are not used: ')}
          {plan.ignoredColumns.join(t(lang, '、', ', '))}
        </Notice>
      ) : null}
      {plan.rows.length > 0 ? (
        <div class="table-scroll">
          <table class="import-preview">
            <thead>
              <tr>
                <th scope="col">{t(lang, '行', 'Row')}</th>
                <th scope="col">{t(lang, '確認結果', 'Check')}</th>
                <th scope="col">{columnLabel('received_at', lang)}</th>
                <th scope="col">{columnLabel('channel', lang)}</th>
                <th scope="col">{columnLabel('sections', lang)}</th>
                <th scope="col">{columnLabel('category', lang)}</th>
                <th scope="col">{t(lang, '提出者', 'Submitter')}</th>
                <th scope="col">{columnLabel('body', lang)}</th>
              </tr>
            </thead>
            <tbody>
              {plan.rows.map((r) => (
                <tr id={`row-${r.row}`}>
                  <th scope="row">{r.row}</th>
                  <td>
                    {r.ok ? (
                      storedRows.has(r.row) ? (
                        t(lang, '取り込み済み（スキップ）', 'Already stored (skipped)')
                      ) : (
                        t(lang, 'OK', 'OK')
                      )
                    ) : (
                      <ul class="row-errors">
                        {r.errors.map((e) => (
                          <li>
                            <strong>{t(lang, '問題', 'Problem')}</strong> {e.field}: {e.message}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{r.receivedAt ? formatDate(r.receivedAt, lang) : r.values.received_at}</td>
                  <td>{describeChannel(r.channel, r.values.channel, lang)}</td>
                  <td>
                    {r.ok
                      ? r.sectionLabels.length
                        ? r.sectionLabels.join(t(lang, '、', '; '))
                        : t(lang, '案全体', 'Whole draft')
                      : r.values.sections}
                  </td>
                  <td>{r.draft ? categoryText(r.draft.category, lang) : r.values.category}</td>
                  <td>
                    {shown
                      .map((col) => r.values[col].trim())
                      .filter(Boolean)
                      .join(' / ')}
                  </td>
                  <td class="excerpt pre">{r.values.body}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {plan.ok && !already ? (
        <form method="post" action={commentsPath(c.id, '/import')}>
          <Csrf token={ctx.csrfToken} />
          <input type="hidden" name="filename" value={filename} />
          <input type="hidden" name="payload" value={payload} />
          <div class="actions">
            <button type="submit">{t(lang, `${fresh}件を取り込む`, `Import ${fresh} comments`)}</button>
            <a href={commentsPath(c.id, '/import')}>{t(lang, '別のファイルを選ぶ', 'Choose another file')}</a>
          </div>
        </form>
      ) : (
        <p>
          <a class="button-secondary" href={commentsPath(c.id, '/import')}>
            {t(lang, 'ファイルを選び直す', 'Choose the file again')}
          </a>
        </p>
      )}
    </>
  );
}

/** Step 3: what was stored. */
export function ImportDonePage({
  ctx,
  consultation: c,
  batch,
  created,
}: {
  ctx: PageCtx;
  consultation: Consultation;
  batch: { filename: string; row_count: number; created_at: string };
  created: number;
}) {
  const { lang } = ctx;
  return (
    <>
      <CommentsHeader
        ctx={ctx}
        consultation={c}
        title={t(lang, '取り込みました', 'Import complete')}
        tab="import"
      />
      <Notice kind="success">
        {t(
          lang,
          `${batch.filename}（${batch.row_count}行）から${created}件の意見を取り込みました（${formatDateTime(batch.created_at, 'ja')}）。${batch.row_count - created > 0 ? `${batch.row_count - created}行は取り込み済みの内容だったため、スキップしました。` : ''}`,
          `Imported ${created} comments from ${batch.filename} (${batch.row_count} rows) on ${formatDateTime(batch.created_at, 'en')}.${batch.row_count - created > 0 ? ` ${batch.row_count - created} rows were already stored and were skipped.` : ''}`,
        )}
      </Notice>
      <p>
        <a href={commentsPath(c.id)}>{t(lang, '意見の一覧を見る', 'See all comments')}</a>
      </p>
    </>
  );
}

export { AlreadyImported };
