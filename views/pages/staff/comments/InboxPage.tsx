import type { Consultation } from '../../../../db/schema.ts';
import { CATEGORIES } from '../../../../db/schema.ts';
import { commentsPath, INBOX_STATUSES, PAPER_CHANNELS } from '../../../../src/lib/comments.ts';
import { t } from '../../../../src/lib/i18n.ts';
import { categoryLabel, channelLabel } from '../../../../src/lib/labels.ts';
import type { PageCtx } from '../../../context.ts';
import { Notice } from '../../../partials/forms.tsx';
import { CommentsHeader, type SectionOption, statusLabel } from '../../../partials/staff/comments/common.tsx';
import { InboxResults, type InboxResultsProps } from '../../../partials/staff/comments/InboxResults.tsx';

/** The filter form's values, as typed (strings), so the form shows what was asked. */
export interface InboxFormValues {
  section: string;
  category: string;
  channel: string;
  status: string;
  from: string;
  to: string;
  q: string;
}

export interface InboxPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  sections: SectionOption[];
  form: InboxFormValues;
  results: Omit<InboxResultsProps, 'ctx' | 'consultationId'>;
}

export function InboxPage({ ctx, consultation: c, sections, form, results }: InboxPageProps) {
  const { lang } = ctx;
  const action = commentsPath(c.id);
  return (
    <>
      <CommentsHeader ctx={ctx} consultation={c} title={t(lang, '意見の一覧', 'Comments')} tab="inbox" />
      <search>
        <form
          method="get"
          action={action}
          class="inbox-filters"
          hx-get={action}
          hx-target="#inbox-results"
          hx-swap="outerHTML"
          hx-push-url="true"
        >
          <div class="field">
            <label for="f-q">{t(lang, '本文を検索', 'Search the text')}</label>
            <p class="hint" id="q-hint">
              {t(
                lang,
                '語句をそのまま含む意見を探します（1文字から）。',
                'Finds comments that contain these exact characters (one or more).',
              )}
            </p>
            <input type="search" id="f-q" name="q" value={form.q} aria-describedby="q-hint" />
          </div>
          <div class="filter-grid">
            <div class="field">
              <label for="f-section">{t(lang, '該当箇所', 'Section')}</label>
              <select id="f-section" name="section">
                <option value="">{t(lang, 'すべて', 'All')}</option>
                <option value="none" selected={form.section === 'none'}>
                  {t(lang, '案全体（箇所の指定なし）', 'Whole draft (no section)')}
                </option>
                {sections.map((s) => (
                  <option value={String(s.id)} selected={form.section === String(s.id)}>
                    {s.label}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="f-category">{t(lang, '区分', 'Category')}</label>
              <select id="f-category" name="category">
                <option value="">{t(lang, 'すべて', 'All')}</option>
                {CATEGORIES.map((k) => (
                  <option value={k} selected={form.category === k}>
                    {categoryLabel(k, lang)}
                  </option>
                ))}
                <option value="none" selected={form.category === 'none'}>
                  {t(lang, '記載なし', 'Not given')}
                </option>
              </select>
            </div>
            <div class="field">
              <label for="f-channel">{t(lang, '提出方法', 'Channel')}</label>
              <select id="f-channel" name="channel">
                <option value="">{t(lang, 'すべて', 'All')}</option>
                {(['web', ...PAPER_CHANNELS] as const).map((k) => (
                  <option value={k} selected={form.channel === k}>
                    {channelLabel(k, lang)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="f-status">{t(lang, '状態', 'Status')}</label>
              <select id="f-status" name="status">
                <option value="">{t(lang, 'すべて', 'All')}</option>
                {INBOX_STATUSES.map((k) => (
                  <option value={k} selected={form.status === k}>
                    {statusLabel(k, lang)}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="f-from">{t(lang, '受付日（から）', 'Received from')}</label>
              <input type="date" id="f-from" name="from" value={form.from} />
            </div>
            <div class="field">
              <label for="f-to">{t(lang, '受付日（まで）', 'Received until')}</label>
              <input type="date" id="f-to" name="to" value={form.to} />
            </div>
          </div>
          <div class="actions">
            <button type="submit">{t(lang, '絞り込む', 'Filter')}</button>
            <a href={action}>{t(lang, '条件をクリア', 'Clear filters')}</a>
            <span class="htmx-indicator">{t(lang, '読み込み中…', 'Loading…')}</span>
          </div>
        </form>
      </search>
      {results.total === 0 && !results.filterQuery ? (
        <Notice>
          {t(
            lang,
            'まだ意見はありません。郵送・FAX・電子メール・持参で届いた意見は「紙・メールの意見を入力」から登録できます。',
            'No comments yet. Comments that came by post, fax, email or in person can be entered under "Enter a paper comment".',
          )}
        </Notice>
      ) : null}
      <InboxResults ctx={ctx} consultationId={c.id} {...results} />
    </>
  );
}
