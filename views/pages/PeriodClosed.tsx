import type { Consultation } from '../../db/schema.ts';
import type { Phase } from '../../src/domain/lifecycle.ts';
import { t } from '../../src/lib/i18n.ts';
import { formatDate } from '../../src/lib/time.ts';
import type { PageCtx } from '../context.ts';

/**
 * Shown when someone tries to comment outside the period. If they had typed a comment, it is
 * shown back so nothing they wrote is lost, with the department to contact.
 */
export interface PeriodClosedProps {
  ctx: PageCtx;
  consultation: Consultation;
  phase: Phase;
  /** The comment the person had typed, shown back so it is not lost. */
  body?: string;
}

export function PeriodClosedMessage({ ctx, consultation: c, phase, body }: PeriodClosedProps) {
  const { lang } = ctx;
  const reason =
    phase === 'scheduled'
      ? t(
          lang,
          `この案件の意見募集は${c.opens_at ? formatDate(c.opens_at, lang) : ''}から始まります。`,
          `Comments on this consultation open on ${c.opens_at ? formatDate(c.opens_at, lang) : ''}.`,
        )
      : phase === 'withdrawn'
        ? t(lang, 'この意見募集は中止されました。', 'This consultation was withdrawn.')
        : t(
            lang,
            `この案件の意見募集は${c.closes_at ? formatDate(c.closes_at, lang) : ''}で終了しました。`,
            `Comments on this consultation closed on ${c.closes_at ? formatDate(c.closes_at, lang) : ''}.`,
          );
  return (
    <div id="comment-flow">
      <h1 class="flow-title" tabindex={-1}>
        {t(lang, '現在は意見を受け付けていません', 'Comments are not being accepted')}
      </h1>
      <p role="alert">{reason}</p>
      {body?.trim() ? (
        <>
          <p>
            {t(
              lang,
              '入力された意見は送信されていません。必要に応じて下の内容を控え、担当課にご相談ください。',
              'Your comment was not sent. You may copy it from below and contact the department.',
            )}
          </p>
          <div class="quote">{body}</div>
        </>
      ) : null}
      <p>
        {t(lang, '担当課：', 'Department: ')}
        {c.department} {c.contact}
      </p>
      <p>
        <a href={`/consultations/${c.id}`}>{t(lang, '案のページへ', 'Back to the consultation')}</a>
      </p>
    </div>
  );
}
