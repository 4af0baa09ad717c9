import type { Child } from 'hono/jsx';
import type { Channel, Consultation } from '../../db/schema.ts';
import { formatReceiptCode } from '../../src/lib/format.ts';
import { t } from '../../src/lib/i18n.ts';
import { channelLabel } from '../../src/lib/labels.ts';
import { formatDateTime } from '../../src/lib/time.ts';
import type { PageCtx } from '../context.ts';

export interface ReceiptLookupProps {
  ctx: PageCtx;
  /** What was typed, shown again with `error`. */
  code?: string;
  error?: string;
}

export function ReceiptLookup({ ctx, code, error }: ReceiptLookupProps) {
  const { lang } = ctx;
  return (
    <>
      <h1>{t(lang, '受付番号で意見の取扱いを確認する', 'Look up your comment by its receipt code')}</h1>
      <p>
        {t(
          lang,
          '意見を送ったときに表示された受付番号（例：7KXM-R9QP-4HTW）を入力してください。',
          'Enter the receipt code you were given when you sent your comment (for example 7KXM-R9QP-4HTW).',
        )}
      </p>
      <form method="get" action="/receipts" class="receipt-lookup">
        <div class="field">
          <label for="f-code">{t(lang, '受付番号', 'Receipt code')}</label>
          {error ? (
            <p class="field-error" id="f-code-error">
              <span aria-hidden="true">⚠ </span>
              {error}
            </p>
          ) : null}
          <input
            type="text"
            id="f-code"
            name="code"
            value={code ?? ''}
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'f-code-error' : undefined}
          />
        </div>
        <button type="submit">{t(lang, '確認する', 'Look up')}</button>
      </form>
    </>
  );
}

/** What a receipt shows of a comment: never the name, address or contact details. */
export interface ReceiptComment {
  receipt_code: string;
  received_at: string;
  channel: Channel;
  body: string;
  /** The published text when something had to be hidden. */
  body_redacted: string | null;
}

export interface ReceiptPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  comment: ReceiptComment;
  sectionLabels: string[];
  /** How the comment was treated (a section with its own heading), from the results module. */
  outcome: Child;
}

/** What a receipt code shows: never the name, address or contact details. */
export function ReceiptPage({ ctx, consultation: c, comment, sectionLabels, outcome }: ReceiptPageProps) {
  const { lang } = ctx;
  const text = comment.body_redacted ?? comment.body;
  return (
    <>
      <h1>{t(lang, '意見の受付内容', 'Your comment')}</h1>
      <div class="receipt-box">
        <p>{t(lang, '受付番号', 'Receipt code')}</p>
        <p class="receipt-code">{formatReceiptCode(comment.receipt_code)}</p>
        <dl class="meta">
          <dt>{t(lang, '案件', 'Consultation')}</dt>
          <dd>
            <a href={`/consultations/${c.id}`}>{c.title}</a>
          </dd>
          <dt>{t(lang, '受付日時', 'Received')}</dt>
          <dd>{formatDateTime(comment.received_at, lang)}</dd>
          <dt>{t(lang, '提出方法', 'Channel')}</dt>
          <dd>{channelLabel(comment.channel, lang)}</dd>
          <dt>{t(lang, '該当箇所', 'Part of the draft')}</dt>
          <dd>{sectionLabels.join('、') || t(lang, '案全体', 'The whole draft')}</dd>
        </dl>
      </div>
      {outcome}
      <section aria-labelledby="h-text">
        <h2 id="h-text">{t(lang, '意見', 'Comment')}</h2>
        {comment.body_redacted ? (
          <p class="hint">
            {t(
              lang,
              '個人を特定できる情報を伏せて表示しています。',
              'Details that could identify a person are hidden.',
            )}
          </p>
        ) : null}
        <div class="quote">{text}</div>
      </section>
      <div class="actions">
        <button type="button" class="button-secondary" data-print>
          {t(lang, 'このページを印刷する', 'Print this page')}
        </button>
      </div>
    </>
  );
}
