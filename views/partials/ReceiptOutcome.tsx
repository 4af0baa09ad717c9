import type { HiddenReason } from '../../db/schema.ts';
import { t } from '../../src/lib/i18n.ts';
import { hiddenReasonLabel, outcomeLabel } from '../../src/lib/labels.ts';
import type { PageCtx } from '../context.ts';
import { Paragraphs, type ResultTableGroup, sectionsLabel } from './result/ResultTable.tsx';

/** How a comment was treated: not yet published, its row of the table, or why it is not in it. */
export type ReceiptOutcomeView =
  | { kind: 'pending' }
  | { kind: 'grouped'; group: ResultTableGroup }
  | { kind: 'excluded'; reason: string }
  | { kind: 'hidden'; reason: HiddenReason }
  | { kind: 'none' };

/** How a comment was treated, for its receipt page (受付番号で確認). */
export function ReceiptOutcome({ ctx, outcome }: { ctx: PageCtx; outcome: ReceiptOutcomeView }) {
  const { lang } = ctx;
  return (
    <section class="receipt-outcome" aria-labelledby="receipt-outcome-heading">
      <h2 id="receipt-outcome-heading">{t(lang, 'ご意見の取り扱い', 'How your comment was treated')}</h2>
      {outcome.kind === 'pending' ? (
        <p>
          {t(
            lang,
            'ご意見は受け付けました。意見募集の結果はまだ公表されていません。公表後、このページでご意見の取り扱いを確認できます。',
            'Your comment has been received. The result has not been published yet; once it is, this page shows how your comment was treated.',
          )}
        </p>
      ) : outcome.kind === 'grouped' ? (
        <>
          <p>
            {t(
              lang,
              `ご意見は、結果の表の No.${outcome.group.no} に整理しました。`,
              `Your comment was placed in No. ${outcome.group.no} of the result table.`,
            )}
          </p>
          <dl class="receipt-group">
            <dt>No.</dt>
            <dd>{outcome.group.no}</dd>
            <dt>{t(lang, '該当箇所', 'Section')}</dt>
            <dd>{sectionsLabel(outcome.group, lang)}</dd>
            <dt>{t(lang, '意見の概要', 'Summary of comments')}</dt>
            <dd>
              <Paragraphs text={outcome.group.summary} />
            </dd>
            <dt>{t(lang, '市の考え方', "The city's response")}</dt>
            <dd>
              <Paragraphs text={outcome.group.response} />
            </dd>
            <dt>{t(lang, '修正', 'Revision')}</dt>
            <dd>
              {outcome.group.outcome ? outcomeLabel(outcome.group.outcome, lang) : '—'}
              {outcome.group.revisionNote ? <Paragraphs text={outcome.group.revisionNote} /> : null}
            </dd>
          </dl>
        </>
      ) : outcome.kind === 'excluded' ? (
        <p>
          {t(
            lang,
            'ご意見は、次の理由により整理の対象外としました：',
            'Your comment was not included, for this reason: ',
          )}
          {outcome.reason}
        </p>
      ) : outcome.kind === 'hidden' ? (
        <p>
          {t(
            lang,
            'ご意見は、運用方針により非公開としました。理由：',
            'Your comment was withheld under the moderation policy. Reason: ',
          )}
          {hiddenReasonLabel(outcome.reason, lang)}
        </p>
      ) : (
        <p>{t(lang, '意見募集の結果が公表されています。', 'The result has been published.')}</p>
      )}
    </section>
  );
}
