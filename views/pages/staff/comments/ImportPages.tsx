import type { Consultation } from '../../../../db/schema.ts';
import { commentsPath } from '../../../../src/lib/comments.ts';
import { t } from '../../../../src/lib/i18n.ts';
import { formatDateTime } from '../../../../src/lib/time.ts';
import type { PageCtx } from '../../../context.ts';
import { Csrf, FieldError, type FieldErrors, invalidAttrs, Notice } from '../../../partials/forms.tsx';
import { CommentsHeader } from '../../../partials/staff/comments/common.tsx';

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
  sectionExamples,
  errors = {},
  closed,
}: {
  ctx: PageCtx;
  consultation: Consultation;
  /** References that name one section each in this draft (「第2章 1」, 「2-1」, 「第1章」). */
  sectionExamples: string[];
  errors?: FieldErrors;
  /** Why the consultation takes no comments now (its result is published…): no form then. */
  closed?: string | undefined;
}) {
  const { lang } = ctx;
  const examples = (open: string, close: string, sep: string) =>
    sectionExamples.map((e) => `${open}${e}${close}`).join(sep);
  const header = (
    <CommentsHeader
      ctx={ctx}
      consultation={c}
      title={t(lang, 'CSVから意見を取り込む', 'Import comments from a CSV')}
      tab="import"
    />
  );
  if (closed) {
    return (
      <>
        {header}
        <Notice kind="warning">{closed}</Notice>
      </>
    );
  }
  return (
    <>
      {header}
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
          {sectionExamples.length > 0
            ? t(
                lang,
                `該当箇所：章から番号で書きます（例：${examples('「', '」', '')}）。見出しをそのまま書いても構いません。番号だけでは、章ごとに同じ番号があるため取り込めないことがあります。複数は「、」で区切ります。空欄は案全体。`,
                `Sections: the numbers from the chapter down (e.g. ${examples('"', '"', ', ')}), or the heading as it is. A number alone may fit a section in every chapter and is then refused. Separate several with 「、」 or a comma; empty for the whole draft.`,
              )
            : t(
                lang,
                '該当箇所：この案には箇所がありません。空欄にしてください（案全体への意見）。',
                'Sections: this draft has none; leave it empty (a comment on the whole draft).',
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

/** A row of the file as the preview shows it: values as read, or as typed where they are wrong. */
export interface ImportPreviewRow {
  /** The row as Excel numbers it (the header is row 1). */
  row: number;
  /** ok: will be imported; stored: the same content is already stored (skipped). */
  status: 'ok' | 'stored' | 'problem';
  problems: { field: string; message: string }[];
  received: string;
  channel: string;
  sections: string;
  category: string;
  submitter: string;
  body: string;
}

export interface ImportPreviewProps {
  ctx: PageCtx;
  consultation: Consultation;
  filename: string;
  /** Problems with the file as a whole (no header, a required column missing). */
  fileErrors: string[];
  /** Header cells that matched no column. */
  ignoredColumns: string[];
  /** How many rows the file has. */
  rowCount: number;
  /** The rows shown: those with problems first, up to a bound (a file may have thousands). */
  rows: ImportPreviewRow[];
  /** The problems listed at the top (bounded), and how many more there are. */
  problems: { row: number; field: string; message: string }[];
  moreProblems: number;
  /** How many rows the import would store. */
  fresh: number;
  /** The file's bytes, base64, carried to the confirm step; null when it cannot be imported. */
  payload: string | null;
  already?: { at: string; filename: string } | undefined;
}

/** Step 2: every row with its values and problems; confirm only when all rows are good. */
export function ImportPreviewPage({
  ctx,
  consultation: c,
  filename,
  fileErrors,
  ignoredColumns,
  rowCount,
  rows,
  problems,
  moreProblems,
  fresh,
  payload,
  already,
}: ImportPreviewProps) {
  const { lang } = ctx;
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
        {t(lang, `（${rowCount.toLocaleString('ja-JP')}行）`, ` (${rowCount.toLocaleString('en')} rows)`)}
      </p>
      {already ? <AlreadyImported ctx={ctx} at={already.at} filename={already.filename} /> : null}
      {fileErrors.length > 0 || problems.length > 0 ? (
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
            {fileErrors.map((e) => (
              <li>{e}</li>
            ))}
            {problems.map((e) => (
              <li>
                <a href={`#row-${e.row}`}>
                  {t(lang, `${e.row}行目`, `Row ${e.row}`)} {e.field}: {e.message}
                </a>
              </li>
            ))}
            {moreProblems > 0 ? (
              <li>
                {t(
                  lang,
                  `ほかに${moreProblems.toLocaleString('ja-JP')}件の問題があります。`,
                  `${moreProblems.toLocaleString('en')} more problems.`,
                )}
              </li>
            ) : null}
          </ul>
        </div>
      ) : null}
      {ignoredColumns.length > 0 ? (
        <Notice>
          {t(lang, '次の列は使いません：', 'These columns are not used: ')}
          {ignoredColumns.join(t(lang, '、', ', '))}
        </Notice>
      ) : null}
      {rows.length < rowCount ? (
        <p class="hint">
          {t(
            lang,
            `問題のある行と先頭の行、あわせて${rows.length.toLocaleString('ja-JP')}行を表示しています。`,
            `Showing ${rows.length.toLocaleString('en')} rows: those with problems, then the first ones.`,
          )}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <div class="table-scroll">
          <table class="import-preview">
            <thead>
              <tr>
                <th scope="col">{t(lang, '行', 'Row')}</th>
                <th scope="col">{t(lang, '確認結果', 'Check')}</th>
                <th scope="col">{t(lang, '受付日', 'Date received')}</th>
                <th scope="col">{t(lang, '提出方法', 'Channel')}</th>
                <th scope="col">{t(lang, '該当箇所', 'Sections')}</th>
                <th scope="col">{t(lang, '区分', 'Category')}</th>
                <th scope="col">{t(lang, '提出者', 'Submitter')}</th>
                <th scope="col">{t(lang, '意見', 'Comment')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr id={`row-${r.row}`}>
                  <th scope="row">{r.row}</th>
                  <td>
                    {r.status === 'stored' ? (
                      t(lang, '取り込み済み（スキップ）', 'Already stored (skipped)')
                    ) : r.status === 'ok' ? (
                      t(lang, 'OK', 'OK')
                    ) : (
                      <ul class="row-errors">
                        {r.problems.map((e) => (
                          <li>
                            <strong>{t(lang, '問題', 'Problem')}</strong> {e.field}: {e.message}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>{r.received}</td>
                  <td>{r.channel}</td>
                  <td>{r.sections}</td>
                  <td>{r.category}</td>
                  <td>{r.submitter}</td>
                  <td class="excerpt pre">{r.body}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {payload !== null ? (
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
