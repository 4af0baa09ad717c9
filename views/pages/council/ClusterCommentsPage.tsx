import { t } from '../../../src/lib/i18n.ts';
import type { PageCtx } from '../../context.ts';
import { CouncilQuote, councilBase, type QuotedComment } from './shared.tsx';

export interface ClusterCommentsProps {
  ctx: PageCtx;
  consultation: { id: number; title: string };
  /** e.g. テーマ2 / テーマ2のグループ2-3 */
  label: string;
  keyTerms: string[];
  clusterId: string;
  comments: QuotedComment[];
  page: number;
  pages: number;
  total: number;
}

/** Every comment of one theme or group, paged: redacted text, category, section, date. */
export function ClusterCommentsPage(p: ClusterCommentsProps) {
  const { lang } = p.ctx;
  const base = councilBase(p.consultation.id);
  const pageUrl = (n: number) => `${base}/clusters/${encodeURIComponent(p.clusterId)}?page=${n}`;
  return (
    <>
      <p class="breadcrumb">
        <a href="/council">{t(lang, '審議会資料', 'Council papers')}</a>
        {' › '}
        <a href={`${base}#themes`}>{p.consultation.title}</a>
      </p>
      <h1>
        {p.label}
        {p.keyTerms.length > 0 ? `：${p.keyTerms.slice(0, 5).join(t(lang, '・', ', '))}` : ''}
      </h1>
      <p>
        {t(lang, `${p.total}件の意見`, `${p.total} comment(s)`)}
        {p.pages > 1 ? t(lang, `（${p.page} / ${p.pages} ページ）`, ` (page ${p.page} of ${p.pages})`) : ''}
      </p>
      <p class="hint">
        {t(
          lang,
          '個人情報を伏せた文面を示しています。非表示とした意見は含みません。',
          'Texts are shown with personal details removed. Hidden comments are not included.',
        )}
      </p>
      <ol class="council-comments">
        {p.comments.map((c) => (
          <li>
            <CouncilQuote comment={c} lang={lang} full />
          </li>
        ))}
      </ol>
      {p.pages > 1 ? (
        <nav class="pager" aria-label={t(lang, 'ページ', 'Pages')}>
          <ul>
            {p.page > 1 ? (
              <li>
                <a href={pageUrl(p.page - 1)} rel="prev">
                  {t(lang, '前のページ', 'Previous page')}
                </a>
              </li>
            ) : null}
            {p.page < p.pages ? (
              <li>
                <a href={pageUrl(p.page + 1)} rel="next">
                  {t(lang, '次のページ', 'Next page')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      <p>
        <a href={`${base}#themes`}>{t(lang, '集計に戻る', 'Back to the summary')}</a>
      </p>
    </>
  );
}
