/** Pieces shared by the review pages: their address, tabs, notices, the group form's fields. */
import type { Child } from 'hono/jsx';
import { type Channel, type Consultation, OUTCOMES } from '../../../../db/schema.ts';
import { t, type Lang } from '../../../../src/lib/i18n.ts';
import { channelLabel, outcomeLabel } from '../../../../src/lib/labels.ts';
import { reviewBase } from '../../../../src/lib/review-paths.ts';
import { formatDate } from '../../../../src/lib/time.ts';
import {
  ErrorSummary,
  FieldError,
  type FieldErrors,
  invalidAttrs,
  Notice,
} from '../../../partials/forms.tsx';

/** A section as the review pages name it: its full label (src/lib/sections.ts). */
export interface SectionOption {
  id: number;
  label: string;
}

/** A group's texts as its form shows them (stored, or as typed when refused). */
export interface GroupForm {
  summary: string;
  response: string;
  outcome: string;
  revisionNote: string;
  sectionIds: number[];
  errors: FieldErrors;
}

/** A group as a list to choose from names it. */
export interface GroupChoice {
  id: number;
  no: number;
  summary: string;
}

/** htmx: post, follow the 303 and swap the new #workspace in place. Without JS, a plain form. */
export function hxWorkspace(action: string) {
  return {
    'hx-post': action,
    'hx-target': '#workspace',
    'hx-select': '#workspace',
    'hx-swap': 'outerHTML',
  } as const;
}

/** A group's summary (意見の概要), required: in the create form and on the group's page. */
export function SummaryField({
  lang,
  value,
  errors,
  rows,
}: {
  lang: Lang;
  value: string;
  errors: FieldErrors;
  rows: number;
}) {
  return (
    <div class="field">
      <label for="f-summary">
        {t(lang, '意見の概要', 'Summary of the comments')}{' '}
        <span class="req">{t(lang, '（必須）', '(required)')}</span>
      </label>
      <textarea
        id="f-summary"
        name="summary"
        rows={rows}
        required
        {...invalidAttrs('f-summary', errors, 'summary')}
      >
        {value}
      </textarea>
      <FieldError id="f-summary" errors={errors} name="summary" />
    </div>
  );
}

/** The sections a group is about, as check boxes (`section_ids`). */
export function SectionChecks({
  lang,
  sections,
  checked,
}: {
  lang: Lang;
  sections: SectionOption[];
  checked: number[];
}) {
  return (
    <fieldset class="field">
      <legend>{t(lang, '該当箇所', 'Sections')}</legend>
      {sections.map((s) => (
        <label class="check">
          <input type="checkbox" name="section_ids" value={String(s.id)} checked={checked.includes(s.id)} />{' '}
          {s.label}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The fields of a group (意見の概要, 該当箇所, 市の考え方, 修正の有無, 修正内容) with their messages:
 * the same in the create form and on the group's page.
 */
export function GroupFields({
  lang,
  form,
  sections,
  roomy,
}: {
  lang: Lang;
  form: GroupForm;
  sections: SectionOption[];
  /** The group's own page gives the texts more lines than the create form. */
  roomy: boolean;
}) {
  const errors = form.errors;
  return (
    <>
      <ErrorSummary
        title={t(lang, '入力内容を確認してください', 'Please check the form')}
        errors={errors}
        labels={{
          summary: t(lang, '意見の概要', 'Summary'),
          response: t(lang, '市の考え方', 'Response'),
          outcome: t(lang, '修正の有無', 'Outcome'),
          revision_note: t(lang, '修正内容', 'Revision'),
        }}
      />
      <SummaryField lang={lang} value={form.summary} errors={errors} rows={roomy ? 4 : 3} />
      <SectionChecks lang={lang} sections={sections} checked={form.sectionIds} />
      <div class="field">
        <label for="f-response">{t(lang, '市の考え方', "The city's response")}</label>
        <textarea
          id="f-response"
          name="response"
          rows={roomy ? 6 : 3}
          {...invalidAttrs('f-response', errors, 'response')}
        >
          {form.response}
        </textarea>
        <FieldError id="f-response" errors={errors} name="response" />
      </div>
      <div class="field">
        <label for="f-outcome">{t(lang, '修正の有無', 'Outcome')}</label>
        <select id="f-outcome" name="outcome" {...invalidAttrs('f-outcome', errors, 'outcome')}>
          <option value="">{t(lang, '（未設定）', '(not set)')}</option>
          {OUTCOMES.map((o) => (
            <option value={o} selected={form.outcome === o}>
              {outcomeLabel(o, lang)}
            </option>
          ))}
        </select>
        <FieldError id="f-outcome" errors={errors} name="outcome" />
      </div>
      <div class="field">
        <label for="f-revision_note">{t(lang, '修正内容', 'Revision made')}</label>
        <textarea
          id="f-revision_note"
          name="revision_note"
          rows={roomy ? 3 : 2}
          {...invalidAttrs('f-revision_note', errors, 'revision_note')}
        >
          {form.revisionNote}
        </textarea>
        <FieldError id="f-revision_note" errors={errors} name="revision_note" />
      </div>
    </>
  );
}

/** The labels of the sections a comment points at, or 全般 for the whole draft. */
export function sectionNames(ids: number[], sections: SectionOption[], lang: Lang): string {
  if (ids.length === 0) return t(lang, '全般', 'General');
  const byId = new Map(sections.map((s) => [s.id, s.label]));
  return ids
    .map((id) => byId.get(id))
    .filter((x): x is string => x !== undefined)
    .join('、');
}

/** The tabs of the review area. */
export function ReviewNav({
  consultation,
  lang,
  current,
}: {
  consultation: Pick<Consultation, 'id' | 'title'>;
  lang: Lang;
  current: 'groups' | 'final' | 'publish';
}) {
  const b = reviewBase(consultation.id);
  const items: [typeof current, string, string][] = [
    ['groups', b, t(lang, '意見の整理', 'Group comments')],
    ['final', `${b}/final`, t(lang, '最終案と修正箇所', 'Final text')],
    ['publish', `${b}/publish`, t(lang, '結果の公表', 'Publish the result')],
  ];
  return (
    <nav class="review-nav" aria-label={t(lang, '結果公表の作業', 'Result steps')}>
      <ul>
        {items.map(([key, href, label]) => (
          <li>
            <a href={href} aria-current={key === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
        <li>
          <a href={`/consultations/${consultation.id}`}>{t(lang, '公開ページ', 'Public page')}</a>
        </li>
      </ul>
    </nav>
  );
}

/** A comment's heading line in a list: its tick box (unless it cannot be ticked), number, date, channel, and more. */
export function CommentHead({
  lang,
  base,
  comment,
  pickable,
  picked = false,
  children,
}: {
  lang: Lang;
  base: string;
  comment: { id: number; receivedAt: string; channel: Channel };
  pickable: boolean;
  picked?: boolean;
  children?: Child;
}) {
  return (
    <div class="review-comment-head">
      {pickable ? (
        <input
          type="checkbox"
          name="comment_ids"
          value={String(comment.id)}
          id={`c-${comment.id}`}
          checked={picked}
          aria-label={t(lang, `意見 #${comment.id} を選ぶ`, `Select comment #${comment.id}`)}
        />
      ) : null}{' '}
      <a href={`${base}/comments/${comment.id}`}>#{comment.id}</a>
      {' ・ '}
      {formatDate(comment.receivedAt, lang)}
      {' ・ '}
      {channelLabel(comment.channel, lang)}
      {children}
    </div>
  );
}

/** "N件中 a〜b件目" and a link to the next page of a list, when there is one. */
export function Pager({
  lang,
  shown,
  total,
  first,
  nextHref,
  firstHref,
}: {
  lang: Lang;
  shown: number;
  total: number;
  /** Whether this is the first page. */
  first: boolean;
  nextHref?: string;
  firstHref: string;
}) {
  return (
    <>
      <p>
        {total === 0
          ? t(lang, '該当する意見はありません。', 'No comments match.')
          : shown === total
            ? t(lang, `${total}件を表示しています。`, `Showing ${total} comment(s).`)
            : t(
                lang,
                `${total}件のうち${shown}件を表示しています。`,
                `Showing ${shown} of ${total} comment(s).`,
              )}
      </p>
      {nextHref || !first ? (
        <p class="pager">
          {first ? null : <a href={firstHref}>{t(lang, '最初のページへ', 'First page')}</a>}{' '}
          {nextHref ? <a href={nextHref}>{t(lang, '次のページへ', 'Next page')}</a> : null}
        </p>
      ) : null}
    </>
  );
}

const NOTICES: Record<string, [string, string]> = {
  group_created: ['グループを作成しました。', 'Group created.'],
  identical_grouped: ['同一内容の意見を1つのグループにまとめました。', 'Identical comments were grouped.'],
  identical_stale: [
    'この候補はすでに変わっています。最新の候補を確認してください。',
    'That suggestion has changed; check the current suggestions.',
  ],
  saved: ['保存しました。', 'Saved.'],
  added: ['最終案に項目を追加しました。', 'Section added to the final text.'],
  split: ['選んだ意見を新しいグループに分けました。', 'The selected comments were moved to a new group.'],
  removed: ['選んだ意見をグループから外しました。', 'The selected comments were taken out of the group.'],
  merged: ['グループを統合しました。', 'The groups were merged.'],
  group_deleted: [
    'グループを削除しました。意見は未整理に戻りました。',
    'Group deleted; its comments are ungrouped again.',
  ],
  grouped: ['意見をグループに入れました。', 'The comment was put in the group.'],
  ungrouped: ['意見をグループから外しました。', 'The comment was taken out of its group.'],
  excluded: ['意見を対象外にしました。', 'The comment was excluded.'],
  included: ['意見を整理の対象に戻しました。', 'The comment is included again.'],
  published: ['結果を公表しました。', 'The result has been published.'],
};

export function NoticeFor({ code, lang }: { code: string | undefined; lang: Lang }): Child {
  if (!code) return null;
  const assigned = /^assigned:(\d+)$/.exec(code);
  if (assigned) {
    return (
      <Notice kind="success">
        {t(
          lang,
          `${assigned[1]}件の意見をグループに入れました。`,
          `${assigned[1]} comment(s) put in the group.`,
        )}
      </Notice>
    );
  }
  const pair = NOTICES[code];
  if (!pair) return null;
  return (
    <Notice kind={code === 'identical_stale' ? 'warning' : 'success'}>{t(lang, pair[0], pair[1])}</Notice>
  );
}
