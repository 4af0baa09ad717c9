import { t } from '../../src/lib/i18n.ts';
import type { PageCtx } from '../context.ts';

export interface BusyMessageProps {
  lang: PageCtx['lang'];
  /** Seconds the person is asked to wait (the Retry-After header says the same). */
  retryAfter: number;
}

/**
 * What a person sees when Koe turns a request away under overload: in their language and, below,
 * in the other (they may have come by a link in either), with what to do and what became of a
 * comment they were sending.
 */
export function BusyMessage({ lang, retryAfter }: BusyMessageProps) {
  const other = lang === 'ja' ? 'en' : 'ja';
  const say = (l: 'ja' | 'en') =>
    t(
      l,
      `ただいま混み合っています。${retryAfter}秒ほど待ってから、もう一度お試しください。意見を送信している途中だった場合、その意見はまだ受け付けていません。入力した内容は前の画面に残っています。`,
      `Koe is very busy right now. Please wait about ${retryAfter} seconds and try again. If you were sending a comment, it has not been received yet; what you typed is still on the previous page.`,
    );
  return (
    <section class="error-page" role="alert">
      <h1>{t(lang, '混み合っています', 'Busy right now')}</h1>
      <p>{say(lang)}</p>
      <p lang={other}>{say(other)}</p>
      <p>
        <a href="/">{t(lang, '意見募集の一覧へ戻る', 'Back to the list of consultations')}</a>
      </p>
    </section>
  );
}
