import { t } from '../../src/lib/i18n.ts';
import type { PageCtx } from '../context.ts';

export function errorTitle(status: number, lang: PageCtx['lang']): string {
  switch (status) {
    case 400:
      return t(lang, '送信内容を確認してください', 'Please check what you sent');
    case 401:
    case 403:
      return t(lang, '表示できません', 'Not allowed');
    case 404:
      return t(lang, 'ページが見つかりません', 'Page not found');
    case 409:
      return t(lang, '受け付けられません', 'Cannot accept this now');
    case 413:
      return t(lang, '送信内容が大きすぎます', 'Too large');
    case 429:
      return t(lang, 'しばらくお待ちください', 'Please wait a moment');
    default:
      return status >= 500
        ? t(lang, 'システムの不具合', 'Something went wrong')
        : t(lang, '受け付けられません', 'Cannot accept this');
  }
}

export function ErrorMessage({ ctx, status, message }: { ctx: PageCtx; status: number; message?: string }) {
  const { lang } = ctx;
  const fallback =
    status === 404
      ? t(
          lang,
          'お探しのページは移動または削除された可能性があります。',
          'The page may have moved or never existed.',
        )
      : status >= 500
        ? t(
            lang,
            '申し訳ありません。時間をおいてもう一度お試しください。問題が続く場合は担当課へご連絡ください。',
            'Sorry. Please try again later; if the problem continues, contact the department.',
          )
        : '';
  return (
    <section class="error-page" role="alert">
      <h1>{errorTitle(status, lang)}</h1>
      <p>{message || fallback}</p>
      <p>
        <a href="/">{t(lang, '意見募集の一覧へ戻る', 'Back to the list of consultations')}</a>
      </p>
    </section>
  );
}
