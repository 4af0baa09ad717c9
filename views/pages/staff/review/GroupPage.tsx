/** One group: its texts and outcome, its comments (remove / split), merge, and delete (confirmed). */
import { reviewBase } from '../../../../src/lib/review-paths.ts';
import type { Consultation } from '../../../../db/schema.ts';
import { previewText } from '../../../../src/lib/format.ts';
import { t } from '../../../../src/lib/i18n.ts';
import type { PageCtx } from '../../../context.ts';
import { Csrf } from '../../../partials/forms.tsx';
import type { ReviewCommentList } from './ReviewPage.tsx';
import {
  CommentHead,
  type GroupChoice,
  GroupFields,
  type GroupForm,
  NoticeFor,
  Pager,
  ReviewNav,
  type SectionOption,
} from './shared.tsx';

export interface GroupPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  groupId: number;
  no: number;
  form: GroupForm;
  groups: GroupChoice[];
  sections: SectionOption[];
  members: ReviewCommentList;
  /** The member this page continues after (absent on the first page). */
  after?: number;
  membersError?: string;
  notice?: string;
  frozen: boolean;
}

export function GroupPage(p: GroupPageProps) {
  const { ctx, consultation, form, frozen } = p;
  const { lang } = ctx;
  const b = reviewBase(consultation.id);
  const g = `${b}/groups/${p.groupId}`;
  const others = p.groups.filter((x) => x.id !== p.groupId);
  return (
    <div id="workspace">
      <p class="breadcrumb">
        <a href={b}>{t(lang, '← 意見の整理に戻る', '← Back to the workspace')}</a>
      </p>
      <h1>
        {t(lang, `グループ No.${p.no}`, `Group No. ${p.no}`)}
        <span class="subtitle">{consultation.title}</span>
      </h1>
      <ReviewNav consultation={consultation} lang={lang} current="groups" />
      <NoticeFor code={p.notice} lang={lang} />
      <form method="post" action={g} class="stack" novalidate>
        <Csrf token={ctx.csrfToken} />
        <fieldset disabled={frozen ? true : undefined} class="plain">
          <GroupFields lang={lang} form={form} sections={p.sections} roomy />
          <button type="submit" class="button">
            {t(lang, '保存', 'Save')}
          </button>
        </fieldset>
      </form>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">
          {t(
            lang,
            `このグループの意見（${p.members.total}件）`,
            `Comments in this group (${p.members.total})`,
          )}
        </h2>
        <Pager
          lang={lang}
          shown={p.members.items.length}
          total={p.members.total}
          first={p.after === undefined}
          firstHref={`${g}#members-heading`}
          nextHref={p.members.next === undefined ? undefined : `${g}?after=${p.members.next}#members-heading`}
        />
        <form method="post" action={`${g}/members`}>
          <Csrf token={ctx.csrfToken} />
          {p.membersError ? (
            <p class="field-error" role="alert">
              <span aria-hidden="true">⚠ </span>
              {p.membersError}
            </p>
          ) : null}
          <ol class="review-comments">
            {p.members.items.map((cm) => (
              <li class="review-comment">
                <CommentHead lang={lang} base={b} comment={cm} pickable={!frozen} />
                <p class="quote pre-line">{cm.text}</p>
              </li>
            ))}
          </ol>
          {frozen || p.members.items.length === 0 ? null : (
            <div class="bulk-actions">
              <button type="submit" name="op" value="remove" class="button button-secondary">
                {t(lang, '選んだ意見をグループから外す', 'Take the selected comments out')}
              </button>
              <div class="field">
                <label for="f-split_summary">
                  {t(lang, '新しいグループの意見の概要', 'Summary for the new group')}
                </label>
                <textarea id="f-split_summary" name="split_summary" rows={2}></textarea>
              </div>
              <button type="submit" name="op" value="split" class="button">
                {t(
                  lang,
                  '選んだ意見を新しいグループに分ける',
                  'Split the selected comments into a new group',
                )}
              </button>
            </div>
          )}
        </form>
      </section>

      {frozen || others.length === 0 ? null : (
        <section aria-labelledby="merge-heading">
          <h2 id="merge-heading">{t(lang, '統合', 'Merge')}</h2>
          <form method="post" action={`${g}/merge`} class="inline-fields">
            <Csrf token={ctx.csrfToken} />
            <label for="f-into">
              {t(
                lang,
                'このグループの意見をすべて次のグループに統合',
                'Merge all comments of this group into',
              )}
            </label>
            <select id="f-into" name="into">
              {others.map((o) => (
                <option value={String(o.id)}>
                  No.{o.no} {previewText(o.summary, 40)}
                </option>
              ))}
            </select>
            <button type="submit" class="button button-secondary">
              {t(lang, '統合する', 'Merge')}
            </button>
          </form>
        </section>
      )}

      {frozen ? null : (
        <section aria-labelledby="delete-heading" class="danger-zone">
          <h2 id="delete-heading">{t(lang, 'グループの削除', 'Delete the group')}</h2>
          <p>
            {t(
              lang,
              'グループを削除すると、このグループの意見は未処理に戻ります。次の画面で確認してから削除します。',
              'Deleting the group makes its comments unprocessed again. The next page asks you to confirm.',
            )}
          </p>
          <p>
            <a href={`${g}/delete`} class="button button-danger">
              {t(lang, 'このグループを削除…', 'Delete this group…')}
            </a>
          </p>
        </section>
      )}
    </div>
  );
}

/** Asks before deleting a group, saying what happens to its comments. Works without JavaScript. */
export function GroupDeletePage({
  ctx,
  consultation,
  groupId,
  no,
  summary,
  memberCount,
}: {
  ctx: PageCtx;
  consultation: Pick<Consultation, 'id' | 'title'>;
  groupId: number;
  no: number;
  summary: string;
  memberCount: number;
}) {
  const { lang } = ctx;
  const g = `${reviewBase(consultation.id)}/groups/${groupId}`;
  return (
    <div id="workspace">
      <p class="breadcrumb">
        <a href={g}>{t(lang, `← グループ No.${no} に戻る`, `← Back to group No. ${no}`)}</a>
      </p>
      <h1>
        {t(lang, `グループ No.${no} を削除しますか`, `Delete group No. ${no}?`)}
        <span class="subtitle">{consultation.title}</span>
      </h1>
      <p class="quote">{previewText(summary, 200)}</p>
      <p>
        {t(
          lang,
          `このグループの意見${memberCount}件は、どのグループにも属さない未処理の意見に戻ります。意見そのものは削除されません。グループの意見の概要・市の考え方は失われます。`,
          `Its ${memberCount} comment(s) become unprocessed again; the comments themselves are kept. The group's summary and response are lost.`,
        )}
      </p>
      <form method="post" action={`${g}/delete`} class="actions">
        <Csrf token={ctx.csrfToken} />
        <button type="submit" class="button button-danger">
          {t(lang, 'グループを削除する', 'Delete the group')}
        </button>{' '}
        <a href={g}>{t(lang, 'やめる', 'Cancel')}</a>
      </form>
    </div>
  );
}
