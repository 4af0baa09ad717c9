/** The workspace's comment list: the filter, one page of comments, and putting the ticked ones in a group. */
import { previewText } from '../../../../src/lib/format.ts';
import { t } from '../../../../src/lib/i18n.ts';
import { hiddenReasonLabel } from '../../../../src/lib/labels.ts';
import { type ReviewFilterValues, reviewBase, workspaceHref } from '../../../../src/lib/review-paths.ts';
import { Csrf, FieldError, invalidAttrs } from '../../../partials/forms.tsx';
import type { ReviewPageProps } from './ReviewPage.tsx';
import { CommentHead, hxWorkspace, Pager, sectionNames } from './shared.tsx';

/** The filter, carried by every form of the list so that its redirect keeps it. */
export function FilterHidden({ filter }: { filter: ReviewFilterValues }) {
  return (
    <>
      {filter.section ? <input type="hidden" name="section" value={filter.section} /> : null}
      {filter.q ? <input type="hidden" name="q" value={filter.q} /> : null}
      {filter.ungrouped ? <input type="hidden" name="ungrouped" value="1" /> : null}
    </>
  );
}

export function CommentList(p: ReviewPageProps & { frozen: boolean }) {
  const { ctx, consultation, comments, groups, sections, filter, bulk, frozen } = p;
  const { lang } = ctx;
  const b = reviewBase(consultation.id);
  const errors = bulk?.errors ?? {};
  const selected = new Set(bulk?.commentIds ?? []);
  const groupNo = new Map(groups.map((g) => [g.id, g.no]));
  const action = `${b}/assign`;
  const here = workspaceHref(consultation.id, filter);
  return (
    <section aria-labelledby="comments-heading" id="comments">
      <h2 id="comments-heading">{t(lang, '意見の一覧', 'Comments')}</h2>
      <form method="get" action={b} class="filter-form">
        <div class="field">
          <label for="flt-section">{t(lang, '該当箇所', 'Section')}</label>
          <select id="flt-section" name="section">
            <option value="">{t(lang, 'すべて', 'All')}</option>
            {sections.map((s) => (
              <option value={String(s.id)} selected={filter.section === String(s.id)}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="flt-q">{t(lang, '本文で検索', 'Search the text')}</label>
          <input id="flt-q" type="search" name="q" value={filter.q} />
        </div>
        <label class="check">
          <input type="checkbox" name="ungrouped" value="1" checked={filter.ungrouped} />{' '}
          {t(lang, '未処理のみ', 'Unprocessed only')}
        </label>
        <button type="submit" class="button button-secondary">
          {t(lang, '絞り込む', 'Filter')}
        </button>
      </form>
      <Pager
        lang={lang}
        shown={comments.items.length}
        total={comments.total}
        first={p.after === undefined}
        firstHref={`${here}#comments`}
        nextHref={
          comments.next === undefined
            ? undefined
            : `${workspaceHref(consultation.id, filter, { after: String(comments.next) })}#comments`
        }
      />
      <form method="post" action={action} {...hxWorkspace(action)} id="bulk-form">
        <Csrf token={ctx.csrfToken} />
        <FilterHidden filter={filter} />
        {errors.comment_ids ? <FieldError id="f-comment_ids" errors={errors} name="comment_ids" /> : null}
        <ol class="review-comments">
          {comments.items.map((cm) => {
            const status = cm.hidden
              ? t(
                  lang,
                  `非公開（${cm.hiddenReason ? hiddenReasonLabel(cm.hiddenReason, lang) : ''}）`,
                  `Hidden (${cm.hiddenReason ? hiddenReasonLabel(cm.hiddenReason, lang) : ''})`,
                )
              : cm.groupId !== null
                ? t(
                    lang,
                    `グループ No.${groupNo.get(cm.groupId) ?? '?'}`,
                    `Group No. ${groupNo.get(cm.groupId) ?? '?'}`,
                  )
                : cm.excludedReason?.trim()
                  ? t(lang, `対象外：${cm.excludedReason}`, `Excluded: ${cm.excludedReason}`)
                  : t(lang, '未処理', 'Unprocessed');
            return (
              <li class="review-comment">
                <CommentHead
                  lang={lang}
                  base={b}
                  comment={cm}
                  pickable={!frozen && !cm.hidden}
                  picked={selected.has(cm.id)}
                >
                  {' ・ '}
                  {sectionNames(cm.sectionIds, sections, lang)}
                  {' ・ '}
                  <strong>{status}</strong>
                </CommentHead>
                <p class="quote pre-line">{cm.text}</p>
              </li>
            );
          })}
        </ol>
        {frozen || comments.items.length === 0 ? null : (
          <div class="bulk-actions">
            <div class="field">
              <label for="f-group_id">
                {t(lang, '選んだ意見を入れるグループ', 'Put the selected comments in group')}
              </label>
              <select id="f-group_id" name="group_id" {...invalidAttrs('f-group_id', errors, 'group_id')}>
                <option value="">{t(lang, '（選んでください）', '(choose)')}</option>
                {groups.map((g) => (
                  <option value={String(g.id)} selected={bulk?.groupId === String(g.id)}>
                    No.{g.no} {previewText(g.summary, 40)}
                  </option>
                ))}
              </select>
              <FieldError id="f-group_id" errors={errors} name="group_id" />
            </div>
            <button type="submit" class="button">
              {t(lang, '選んだ意見をグループに入れる', 'Put the selected comments in the group')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
