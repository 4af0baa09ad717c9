/** Step 3 of the comment flow: the receipt code and a printable 控え. */
import type { Consultation } from '../../../db/schema.ts';
import { formatReceiptCode } from '../../../src/lib/format.ts';
import { t } from '../../../src/lib/i18n.ts';
import { formatDate, formatDateTime } from '../../../src/lib/time.ts';
import type { PageCtx } from '../../context.ts';
import { FlowHeader } from '../CommentFlow.tsx';

export interface ReceiptSummary {
  receiptCode: string;
  receivedAt: string;
  body: string;
  sectionLabels: string[];
}

export interface CommentDoneProps {
  ctx: PageCtx;
  consultation: Consultation;
  receipt: ReceiptSummary;
}

/** Step 3: the receipt code and a printable 控え. */
export function CommentDone({ ctx, consultation: c, receipt }: CommentDoneProps) {
  const { lang } = ctx;
  const code = formatReceiptCode(receipt.receiptCode);
  return (
    <div id="comment-flow" data-draft-clear={`comment-${c.id}`}>
      <FlowHeader ctx={ctx} c={c} step={3} />
      <p role="status">
        {t(lang, 'ご意見をお寄せいただき、ありがとうございました。', 'Thank you for your comment.')}
      </p>
      <div class="receipt-box">
        <p class="print-only">
          <strong>{t(lang, '意見提出の控え', 'Receipt for your comment')}</strong>
        </p>
        <p>{t(lang, '受付番号', 'Receipt code')}</p>
        <p class="receipt-code">{code}</p>
        <dl class="meta">
          <dt>{t(lang, '案件', 'Consultation')}</dt>
          <dd>{c.title}</dd>
          <dt>{t(lang, '受付日時', 'Received')}</dt>
          <dd>{formatDateTime(receipt.receivedAt, lang)}</dd>
          <dt>{t(lang, '該当箇所', 'Part of the draft')}</dt>
          <dd>{receipt.sectionLabels.join('、') || t(lang, '案全体', 'The whole draft')}</dd>
        </dl>
        <p class="hint">
          {t(
            lang,
            `受付番号は、後で意見の取扱いを確認するときに使います。控えを印刷するか、番号を書き留めてください。結果は${c.closes_at ? `${formatDate(c.closes_at, lang)}の募集終了後、` : ''}取りまとめ次第公表します。`,
            `Keep this code: it lets you see later how your comment was treated. Print this receipt or write the code down. The result will be published after the period${c.closes_at ? ` ends on ${formatDate(c.closes_at, lang)}` : ''}.`,
          )}
        </p>
      </div>
      <div class="actions">
        <button type="button" class="button-secondary" data-print>
          {t(lang, '控えを印刷する', 'Print the receipt')}
        </button>
        <a href={`/receipts/${receipt.receiptCode}`}>
          {t(lang, '受付番号で確認するページ', 'The page for this receipt code')}
        </a>
        <a href={`/consultations/${c.id}`}>{t(lang, '案のページに戻る', 'Back to the draft')}</a>
      </div>
      <h2>{t(lang, '送信した意見', 'What you sent')}</h2>
      <div class="quote">{receipt.body}</div>
    </div>
  );
}
