import type { Category, Channel } from '../../../../db/schema.ts';
import { commentsPath, type InboxStatus } from '../../../../src/lib/comments.ts';
import { formatReceiptCode } from '../../../../src/lib/format.ts';
import { t } from '../../../../src/lib/i18n.ts';
import { formatDateTime } from '../../../../src/lib/time.ts';
import type { PageCtx } from '../../../context.ts';
import { categoryText, channelText, StatusBadge } from './common.tsx';

/** One comment as a line of the inbox. */
export interface InboxResultRow {
  id: number;
  receiptCode: string;
  receivedAt: string;
  channel: Channel;
  category: Category | null;
  status: InboxStatus;
  /** The start of the text the public sees. */
  excerpt: string;
  truncated: boolean;
  /** The names of the sections it points at; none means the whole draft. */
  sections: string[];
}

export interface InboxResultsProps {
  ctx: PageCtx;
  consultationId: number;
  total: number;
  rows: InboxResultRow[];
  /** The query string of the current filters, without `after` (for paging links). */
  filterQuery: string;
  /** The `after` value of the next page, when there is one. */
  nextAfter: string | null;
  /** True when this is not the first page. */
  paged: boolean;
}

/**
 * The results region: the count, the table and the paging links. The whole page is built
 * around it; an htmx request from the filter form gets only this.
 */
export function InboxResults({
  ctx,
  consultationId,
  total,
  rows,
  filterQuery,
  nextAfter,
  paged,
}: InboxResultsProps) {
  const { lang } = ctx;
  const base = commentsPath(consultationId);
  const withQuery = (extra: string) => {
    const q = [filterQuery, extra].filter(Boolean).join('&');
    return q ? `${base}?${q}` : base;
  };
  return (
    <div id="inbox-results">
      <p class="inbox-count" role="status">
        {t(
          lang,
          `該当する意見：${total.toLocaleString('ja-JP')}件`,
          `${total.toLocaleString('en')} matching comments`,
        )}
        {rows.length > 0
          ? t(lang, `（このページに${rows.length}件）`, ` (${rows.length} on this page)`)
          : null}
      </p>
      {rows.length === 0 ? (
        <p class="empty">{t(lang, '条件に合う意見はありません。', 'No comments match these filters.')}</p>
      ) : (
        <div class="table-scroll">
          <table class="inbox-table">
            <caption class="visually-hidden">
              {t(lang, '意見の一覧（受付日時の新しい順）', 'Comments, newest first')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, '受付番号', 'Receipt code')}</th>
                <th scope="col">{t(lang, '受付日時', 'Received')}</th>
                <th scope="col">{t(lang, '提出方法', 'Channel')}</th>
                <th scope="col">{t(lang, '区分', 'Category')}</th>
                <th scope="col">{t(lang, '該当箇所', 'Sections')}</th>
                <th scope="col">{t(lang, '状態', 'Status')}</th>
                <th scope="col">{t(lang, '意見（冒頭）', 'Comment (start)')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td class="nowrap">
                    <a href={commentsPath(consultationId, `/${r.id}`)}>{formatReceiptCode(r.receiptCode)}</a>
                  </td>
                  <td>{formatDateTime(r.receivedAt, lang)}</td>
                  <td>{channelText(r.channel, lang)}</td>
                  <td>{categoryText(r.category, lang)}</td>
                  <td>
                    {r.sections.length === 0
                      ? t(lang, '案全体', 'Whole draft')
                      : r.sections.join(t(lang, '、', ', '))}
                  </td>
                  <td>
                    <StatusBadge status={r.status} lang={lang} />
                  </td>
                  <td class="excerpt">
                    {r.excerpt}
                    {r.truncated ? '…' : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label={t(lang, 'ページ', 'Pages')}>
        {paged ? (
          <a
            href={withQuery('')}
            hx-get={withQuery('')}
            hx-target="#inbox-results"
            hx-swap="outerHTML"
            hx-push-url="true"
          >
            {t(lang, '« 最初のページ', '« First page')}
          </a>
        ) : null}
        {nextAfter ? (
          <a
            href={withQuery(`after=${encodeURIComponent(nextAfter)}`)}
            hx-get={withQuery(`after=${encodeURIComponent(nextAfter)}`)}
            hx-target="#inbox-results"
            hx-swap="outerHTML"
            hx-push-url="true"
            rel="next"
          >
            {t(lang, '次のページ »', 'Next page »')}
          </a>
        ) : null}
      </nav>
    </div>
  );
}
