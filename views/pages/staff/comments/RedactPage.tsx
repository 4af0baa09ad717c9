import type { Consultation } from '../../../../db/schema.ts';
import type { RedactionKind } from '../../../../src/domain/redaction.ts';
import { commentsPath } from '../../../../src/lib/comments.ts';
import { formatReceiptCode } from '../../../../src/lib/format.ts';
import { t } from '../../../../src/lib/i18n.ts';
import type { PageCtx } from '../../../context.ts';
import { Csrf, ErrorSummary, FieldError, type FieldErrors, invalidAttrs } from '../../../partials/forms.tsx';
import { CommentsHeader, redactionKindLabel } from '../../../partials/staff/comments/common.tsx';

/** A part of the text offered for removal, with the value its checkbox sends. */
export interface SpanChoice {
  start: number;
  end: number;
  kind: RedactionKind;
  value: string;
}

export interface RedactPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  comment: { id: number; receipt_code: string; body: string; body_redacted: string | null };
  /** Suggested and saved spans, each offered as a checkbox. */
  spans: SpanChoice[];
  checked: Set<string>;
  addText: string;
  preview: string;
  errors?: FieldErrors | undefined;
}

const CONTEXT_CHARS = 12;

/** Each suggestion with a little text on either side, so staff can judge it. */
export function RedactPage({
  ctx,
  consultation: c,
  comment,
  spans,
  checked,
  addText,
  preview,
  errors = {},
}: RedactPageProps) {
  const { lang } = ctx;
  const code = formatReceiptCode(comment.receipt_code);
  return (
    <>
      <CommentsHeader
        ctx={ctx}
        consultation={c}
        title={t(lang, `個人情報などの削除（${code}）`, `Redact comment ${code}`)}
        tab="none"
      />
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={errors}
        labels={{ add_text: t(lang, '削除する文字列', 'Text to redact') }}
      />
      <p>
        {t(
          lang,
          '個人情報らしい箇所を自動で探しました。公開する文から削除する箇所にチェックを入れて保存してください。原文は記録として残ります。',
          'Koe looked for what seems to be personal data. Tick what to remove from the published text and save. The original is kept on record.',
        )}
      </p>
      <form method="post" action={commentsPath(c.id, `/${comment.id}/redact`)}>
        <Csrf token={ctx.csrfToken} />
        <fieldset>
          <legend>{t(lang, '削除する箇所', 'Parts to remove')}</legend>
          {spans.length === 0 ? (
            <p>
              {t(
                lang,
                '個人情報らしい箇所は見つかりませんでした。',
                'Nothing that looks like personal data was found.',
              )}
            </p>
          ) : (
            spans.map((s, i) => {
              const value = s.value;
              const before = comment.body.slice(Math.max(0, s.start - CONTEXT_CHARS), s.start);
              const after = comment.body.slice(s.end, s.end + CONTEXT_CHARS);
              return (
                <div class="choice">
                  <input
                    type="checkbox"
                    id={`span-${i}`}
                    name="span"
                    value={value}
                    checked={checked.has(value)}
                  />
                  <label for={`span-${i}`}>
                    <strong>{redactionKindLabel(s.kind, lang)}</strong>：…{before}
                    <mark>{comment.body.slice(s.start, s.end)}</mark>
                    {after}…
                  </label>
                </div>
              );
            })
          )}
        </fieldset>
        <div class="field">
          <label for="f-add_text">
            {t(lang, '削除する文字列を追加', 'Add text to redact')}
            <span class="opt">{t(lang, '任意', 'optional')}</span>
          </label>
          <p class="hint" id="add-hint">
            {t(
              lang,
              '原文にある文字列をそのまま入力してください。文中のすべての出現箇所を削除します。',
              'Type the text exactly as it appears in the original; every occurrence is removed.',
            )}
          </p>
          <FieldError id="f-add_text" errors={errors} name="add_text" />
          <input
            type="text"
            id="f-add_text"
            name="add_text"
            value={addText}
            {...invalidAttrs('f-add_text', errors, 'add_text', 'add-hint')}
          />
        </div>
        <div class="actions">
          <button type="submit">{t(lang, '保存する', 'Save')}</button>
          <a href={commentsPath(c.id, `/${comment.id}`)}>{t(lang, 'やめる', 'Cancel')}</a>
        </div>
      </form>
      <h2>{t(lang, '現在公開している文', 'Text published now')}</h2>
      <div class="quote">{preview}</div>
      <h2>{t(lang, '原文', 'Original')}</h2>
      <div class="quote">{comment.body}</div>
    </>
  );
}
