/** One comment: put it in a group, take it out, exclude it with a reason or include it again. */
import type { Consultation } from '../../../../db/schema.ts';
import { previewText } from '../../../../src/lib/format.ts';
import { reviewBase } from '../../../../src/lib/review-paths.ts';
import { t } from '../../../../src/lib/i18n.ts';
import { channelLabel, hiddenReasonLabel } from '../../../../src/lib/labels.ts';
import { formatDateTime } from '../../../../src/lib/time.ts';
import type { PageCtx } from '../../../context.ts';
import { Csrf, FieldError, type FieldErrors, invalidAttrs } from '../../../partials/forms.tsx';
import type { ReviewCommentItem } from './ReviewPage.tsx';
import { type GroupChoice, NoticeFor, ReviewNav, type SectionOption, sectionNames } from './shared.tsx';

export interface CommentPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  comment: ReviewCommentItem;
  groups: GroupChoice[];
  sections: SectionOption[];
  errors: FieldErrors;
  reason: string;
  notice?: string;
}

export function CommentPage({
  ctx,
  consultation,
  comment,
  groups,
  sections,
  errors,
  reason,
  notice,
}: CommentPageProps) {
  const { lang } = ctx;
  const b = reviewBase(consultation.id);
  const c = `${b}/comments/${comment.id}`;
  const frozen = consultation.result_published_at !== null;
  const group = groups.find((g) => g.id === comment.groupId);
  return (
    <div id="workspace">
      <p class="breadcrumb">
        <a href={b}>{t(lang, '← 意見の整理に戻る', '← Back to the workspace')}</a>
      </p>
      <h1>
        {t(lang, `意見 #${comment.id}`, `Comment #${comment.id}`)}
        <span class="subtitle">{consultation.title}</span>
      </h1>
      <ReviewNav consultation={consultation} lang={lang} current="groups" />
      <NoticeFor code={notice} lang={lang} />
      <dl class="facts">
        <dt>{t(lang, '受付日時', 'Received')}</dt>
        <dd>{formatDateTime(comment.receivedAt, lang)}</dd>
        <dt>{t(lang, '提出方法', 'Channel')}</dt>
        <dd>{channelLabel(comment.channel, lang)}</dd>
        <dt>{t(lang, '該当箇所', 'Sections')}</dt>
        <dd>{sectionNames(comment.sectionIds, sections, lang)}</dd>
        <dt>{t(lang, '整理の状況', 'Status')}</dt>
        <dd>
          {comment.hidden
            ? t(lang, '非公開：', 'Hidden: ') +
              (comment.hiddenReason ? hiddenReasonLabel(comment.hiddenReason, lang) : '')
            : group
              ? t(lang, `グループ No.${group.no}`, `Group No. ${group.no}`)
              : comment.excludedReason?.trim()
                ? t(lang, `対象外：${comment.excludedReason}`, `Excluded: ${comment.excludedReason}`)
                : t(lang, '未処理', 'Unprocessed')}
        </dd>
      </dl>
      <h2>{t(lang, '本文（公開される文面）', 'Text (as published)')}</h2>
      <p class="quote pre-line">{comment.text}</p>
      {frozen || comment.hidden ? null : (
        <>
          <h2>{t(lang, 'グループに入れる', 'Put in a group')}</h2>
          {groups.length === 0 ? (
            <p>
              <a href={`${b}#create-heading`}>
                {t(lang, '先にグループを作成してください。', 'Create a group first.')}
              </a>
            </p>
          ) : (
            <form method="post" action={`${c}/group`} class="inline-fields">
              <Csrf token={ctx.csrfToken} />
              <label for="f-group_id">{t(lang, 'グループ', 'Group')}</label>
              <select id="f-group_id" name="group_id" {...invalidAttrs('f-group_id', errors, 'group_id')}>
                <option value="">{t(lang, '（選んでください）', '(choose)')}</option>
                {groups.map((g) => (
                  <option value={String(g.id)} selected={g.id === comment.groupId}>
                    No.{g.no} {previewText(g.summary, 40)}
                  </option>
                ))}
              </select>
              <button type="submit" class="button">
                {t(lang, 'グループに入れる', 'Put in the group')}
              </button>
              <FieldError id="f-group_id" errors={errors} name="group_id" />
            </form>
          )}
          {comment.groupId !== null ? (
            <form method="post" action={`${c}/ungroup`}>
              <Csrf token={ctx.csrfToken} />
              <button type="submit" class="button button-secondary">
                {t(lang, 'グループから外す', 'Take it out of its group')}
              </button>
            </form>
          ) : null}
          <h2>{t(lang, '対象外にする', 'Exclude')}</h2>
          {comment.excludedReason?.trim() ? (
            <form method="post" action={`${c}/include`}>
              <Csrf token={ctx.csrfToken} />
              <button type="submit" class="button button-secondary">
                {t(lang, '整理の対象に戻す', 'Include it again')}
              </button>
            </form>
          ) : (
            <form method="post" action={`${c}/exclude`} class="stack" novalidate>
              <Csrf token={ctx.csrfToken} />
              <div class="field">
                <label for="f-reason">
                  {t(lang, '対象外とする理由（公表されます）', 'Reason for excluding it (published)')}
                </label>
                <input
                  id="f-reason"
                  name="reason"
                  type="text"
                  value={reason}
                  required
                  {...invalidAttrs('f-reason', errors, 'reason')}
                />
                <FieldError id="f-reason" errors={errors} name="reason" />
              </div>
              <button type="submit" class="button button-secondary">
                {t(lang, '対象外にする', 'Exclude')}
              </button>
            </form>
          )}
        </>
      )}
    </div>
  );
}
