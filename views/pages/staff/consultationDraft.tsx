import { raw } from 'hono/html';
import type { Consultation } from '../../../db/schema.ts';
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
} from '../../partials/forms.tsx';
import { BackLink } from '../../partials/staff/fields.tsx';

/** A section found in the draft, before it is saved. */
export interface DraftSectionPreview {
  level: number;
  number: string;
  heading: string;
  body: string;
}

export interface DraftImportValues {
  text: string;
  mode: 'append' | 'replace';
}

/** What staff should know about a draft read from a file: where it came from, what was left out. */
export type DraftImportNote =
  | { kind: 'docx'; name: string }
  | { kind: 'pdf'; name: string }
  /** Images in a Word file, which the draft's text does not take. */
  | { kind: 'images'; count: number };

/** The notes of the split preview: a PDF's split is a guess, and says so first. */
function ImportNotes({ ctx, notes }: { ctx: PageCtx; notes: DraftImportNote[] }) {
  const { lang } = ctx;
  return (
    <>
      {notes.map((n) =>
        n.kind === 'pdf' ? (
          <div class="notice notice-warning" role="note">
            <p>
              <strong>
                {t(
                  lang,
                  `PDF（${n.name}）から文章を取り出しました。見出しと段落の分け方は推測です。`,
                  `The text was taken from a PDF (${n.name}). Its headings and paragraphs are guessed.`,
                )}
              </strong>
            </p>
            <p>
              {t(
                lang,
                '下の分割結果と本文を、元の文書と見比べて必ず確かめてください。表や段組みは崩れていることがあります。直す場合は「案文を直して分割し直す」で文章を修正できます。Word ファイルがあれば、そちらを選ぶ方が確実です。',
                'Compare the sections and their text below with the original before saving: tables and columns may have come apart. Fix the text under “Adjust the text and split again”. The Word file, if there is one, gives a more reliable result.',
              )}
            </p>
          </div>
        ) : n.kind === 'docx' ? (
          <p class="hint">
            {t(
              lang,
              `Word ファイル（${n.name}）の見出しスタイルと、「第1章」「1」「(1)」「ア」などの番号で分けました。表と箇条書きは残し、文字の装飾（太字など）は取り込みません。`,
              `Read from the Word file ${n.name}: split at its heading styles and at numbered headings (第1章, 1, (1), ア …). Tables and lists are kept; text formatting such as bold is not.`,
            )}
          </p>
        ) : (
          <div class="notice" role="note">
            <p>
              {t(
                lang,
                `画像（${n.count}点）は取り込まれません。必要な図表は「関連資料」として添付してください。`,
                `${n.count} image(s) were left out: attach the figures you need as related documents.`,
              )}
            </p>
          </div>
        ),
      )}
    </>
  );
}

function ModeChoice({
  ctx,
  mode,
  existing,
}: {
  ctx: PageCtx;
  mode: DraftImportValues['mode'];
  existing: number;
}) {
  const { lang } = ctx;
  if (existing === 0) return <input type="hidden" name="mode" value="append" />;
  return (
    <fieldset>
      <legend>{t(lang, `すでにある ${existing} 件の節`, `The ${existing} sections already there`)}</legend>
      <div class="choice">
        <input type="radio" id="f-mode-append" name="mode" value="append" checked={mode === 'append'} />
        <label for="f-mode-append">{t(lang, '残して、後ろに追加する', 'Keep them and add after them')}</label>
      </div>
      <div class="choice">
        <input type="radio" id="f-mode-replace" name="mode" value="replace" checked={mode === 'replace'} />
        <label for="f-mode-replace">{t(lang, '削除して、置き換える', 'Delete them and replace them')}</label>
      </div>
    </fieldset>
  );
}

export interface DraftImportPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  existing: number;
  values: DraftImportValues;
  errors?: FieldErrors;
}

/** Step 1: paste the draft or choose a file. */
export function DraftImportPage({
  ctx,
  consultation: c,
  existing,
  values,
  errors = {},
}: DraftImportPageProps) {
  const { lang } = ctx;
  const base = `/staff/consultations/${c.id}`;
  return (
    <>
      <BackLink href={base} label={c.title} />
      <h1>{t(lang, '案文の取り込み', 'Import the draft')}</h1>
      <ol class="steps">
        <li aria-current="step">{t(lang, '1. 貼り付け・ファイル選択', '1. Paste or choose a file')}</li>
        <li>{t(lang, '2. 分割結果の確認', '2. Check the sections')}</li>
        <li>{t(lang, '3. 保存', '3. Save')}</li>
      </ol>
      <p>
        {t(
          lang,
          '案文を見出しごとの節に分けます。見出しとして認識するのは、Markdown の「#」「##」「###」、「第1章」「第1節」、「1.」「1 」「１．」、「(1)」「（１）」、「ア」「(ア)」で始まる行です。Word ファイルでは見出しスタイル（見出し 1、見出し 2 …）も見出しになります。次の画面で分け方を確認してから保存します。',
          'Koe splits the draft into sections at its headings: Markdown #, ##, ###; 第1章 and 第1節; lines starting 1. / 1 / １．; (1) / （１）; ア / (ア). In a Word file, paragraphs in a heading style (Heading 1, Heading 2 …) are headings too. You check the result on the next page before it is saved.',
        )}
      </p>
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={errors}
        labels={{ text: t(lang, '案文', 'Draft text'), file: t(lang, 'ファイル', 'File') }}
      />
      <form method="post" action={`${base}/draft/preview`} enctype="multipart/form-data" novalidate>
        <Csrf token={ctx.csrfToken} />
        <div class="field">
          <label for="f-text">
            {t(lang, '案文を貼り付け', 'Paste the draft')}
            <span class="opt">{t(lang, '任意', 'Optional')}</span>
          </label>
          <p class="hint" id="f-text-hint">
            {t(lang, 'Markdown またはプレーンテキスト。', 'Markdown or plain text.')}
          </p>
          <FieldError id="f-text" errors={errors} name="text" />
          <textarea
            id="f-text"
            name="text"
            rows={16}
            {...invalidAttrs('f-text', errors, 'text', 'f-text-hint')}
          >
            {values.text}
          </textarea>
        </div>
        <div class="field">
          <label for="f-file">
            {t(
              lang,
              'またはファイルを選択（.docx / .pdf / .md / .txt）',
              'Or choose a file (.docx / .pdf / .md / .txt)',
            )}
            <span class="opt">{t(lang, '任意', 'Optional')}</span>
          </label>
          <p class="hint" id="f-file-hint">
            {t(
              lang,
              'Word 文書（.docx）、文字情報のある PDF、Markdown・テキスト（UTF-8 または Shift_JIS）。5 MB まで。PDF は分け方の推測が必要なため、Word ファイルがあればそちらを選んでください。ファイルを選んだ場合は、貼り付けた文章より優先します。',
              'A Word document (.docx), a PDF with text, or Markdown or text (UTF-8 or Shift_JIS); up to 5 MB. A PDF has to be guessed at, so choose the Word file if there is one. A chosen file is used instead of pasted text.',
            )}
          </p>
          <FieldError id="f-file" errors={errors} name="file" />
          <input
            type="file"
            id="f-file"
            name="file"
            accept=".docx,.pdf,.md,.markdown,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/pdf,text/plain,text/markdown"
            {...invalidAttrs('f-file', errors, 'file', 'f-file-hint')}
          />
        </div>
        <ModeChoice ctx={ctx} mode={values.mode} existing={existing} />
        <div class="actions">
          <button type="submit">{t(lang, '分割結果を確認する', 'Check the sections')}</button>
          <a href={base}>{t(lang, 'キャンセル', 'Cancel')}</a>
        </div>
      </form>
    </>
  );
}

export interface DraftPreviewPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  existing: number;
  values: DraftImportValues;
  sections: DraftSectionPreview[];
  /** For a draft read from a file: where it came from and what to check. */
  notes?: DraftImportNote[];
}

/** Step 2: the sections found, with the text kept in the form so staff can adjust and retry. */
export function DraftPreviewPage({
  ctx,
  consultation: c,
  existing,
  values,
  sections,
  notes = [],
}: DraftPreviewPageProps) {
  const { lang } = ctx;
  const base = `/staff/consultations/${c.id}`;
  return (
    <>
      <BackLink href={base} label={c.title} />
      <h1>{t(lang, '分割結果の確認', 'Check the sections')}</h1>
      <ol class="steps">
        <li>{t(lang, '1. 貼り付け・ファイル選択', '1. Paste or choose a file')}</li>
        <li aria-current="step">{t(lang, '2. 分割結果の確認', '2. Check the sections')}</li>
        <li>{t(lang, '3. 保存', '3. Save')}</li>
      </ol>
      <ImportNotes ctx={ctx} notes={notes} />
      <Notice>
        {t(
          lang,
          `${sections.length} 件の節に分かれました。まだ保存していません。`,
          `The draft splits into ${sections.length} sections. Nothing is saved yet.`,
        )}
        {values.mode === 'replace' && existing > 0
          ? t(
              lang,
              ` 保存すると、すでにある ${existing} 件の節は削除されます。`,
              ` Saving deletes the ${existing} sections already there.`,
            )
          : ''}
      </Notice>
      <div class="table-scroll">
        <table class="staff-table draft-preview">
          <caption>{t(lang, '見つかった節', 'Sections found')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, '順', '#')}</th>
              <th scope="col">{t(lang, '階層', 'Level')}</th>
              <th scope="col">{t(lang, '番号', 'Number')}</th>
              <th scope="col">{t(lang, '見出し', 'Heading')}</th>
              <th scope="col">{t(lang, '本文', 'Text')}</th>
            </tr>
          </thead>
          <tbody>
            {sections.map((s, i) => (
              <tr class={`level-${s.level}`}>
                <td>{i + 1}</td>
                <td>{s.level}</td>
                <td>{s.number}</td>
                <th scope="row">{s.heading}</th>
                <td>
                  <div class="section-body">{raw(renderMarkdown(s.body))}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action={`${base}/draft/confirm`}>
        <Csrf token={ctx.csrfToken} />
        <input type="hidden" name="mode" value={values.mode} />
        <div class="actions">
          <button type="submit">{t(lang, 'この内容で保存する', 'Save these sections')}</button>
        </div>
        <details>
          <summary>{t(lang, '案文を直して分割し直す', 'Adjust the text and split again')}</summary>
          <div class="field">
            <label for="f-text">{t(lang, '案文', 'Draft text')}</label>
            <textarea id="f-text" name="text" rows={16}>
              {values.text}
            </textarea>
          </div>
          <button type="submit" class="button-secondary" formaction={`${base}/draft/preview`}>
            {t(lang, '分割し直す', 'Split again')}
          </button>
        </details>
      </form>
    </>
  );
}
