/** The review workspace: progress, groups, identical-text suggestions, and the comment list. */
import type { Channel, Consultation, HiddenReason, Outcome } from '../../../../db/schema.ts';
import type { Phase } from '../../../../src/domain/lifecycle.ts';
import { t } from '../../../../src/lib/i18n.ts';
import { type ReviewFilterValues, reviewBase } from '../../../../src/lib/review-paths.ts';
import type { PageCtx } from '../../../context.ts';
import { type FieldErrors, Notice } from '../../../partials/forms.tsx';
import { phaseLabel } from '../../../partials/period.tsx';
import { CommentList } from './WorkspaceComments.tsx';
import { CreateGroup, GroupsTable, IdenticalSuggestions } from './WorkspaceGroups.tsx';
import { type GroupForm, NoticeFor, ReviewNav, type SectionOption } from './shared.tsx';

/** A comment in a review list, as the public will see its text. */
export interface ReviewCommentItem {
  id: number;
  channel: Channel;
  receivedAt: string;
  text: string;
  groupId: number | null;
  excludedReason: string | null;
  hidden: boolean;
  hiddenReason: HiddenReason | null;
  sectionIds: number[];
}

/** One page of a list of comments. */
export interface ReviewCommentList {
  items: ReviewCommentItem[];
  total: number;
  /** The last comment shown, when a next page exists. */
  next?: number;
}

/** A row of the groups table. */
export interface ReviewGroupRow {
  id: number;
  no: number;
  summary: string;
  response: string;
  outcome: Outcome | null;
  sections: { label: string }[];
  commentCount: number;
}

/** Comments with the same text, offered as one group. */
export interface IdenticalSuggestion {
  key: string;
  token: string;
  text: string;
  count: number;
}

/** The create form as typed, when refused. */
export type CreateForm = GroupForm;

export interface BulkForm {
  commentIds: number[];
  groupId: string;
  errors: FieldErrors;
}

export interface ReviewPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  phase: Phase;
  progress: { total: number; accounted: number; unaccounted: number };
  groups: ReviewGroupRow[];
  sections: SectionOption[];
  comments: ReviewCommentList;
  /** The comment this page continues after (absent on the first page). */
  after?: number;
  identical: { sets: IdenticalSuggestion[]; more: number };
  filter: ReviewFilterValues;
  notice?: string;
  create?: CreateForm;
  bulk?: BulkForm;
}

/** The review workspace: progress, groups, identical-text suggestions, and the comment list. */
export function ReviewPage(p: ReviewPageProps) {
  const { ctx, consultation } = p;
  const { lang } = ctx;
  const b = reviewBase(consultation.id);
  const frozen = consultation.result_published_at !== null;
  return (
    <div id="workspace" class="review-workspace">
      <p class="breadcrumb">
        <a href="/staff">{t(lang, '職員トップ', 'Staff home')}</a>
      </p>
      <h1>
        {t(lang, '意見の整理', 'Group comments')}
        <span class="subtitle">{consultation.title}</span>
      </h1>
      <p>
        {t(lang, '状態：', 'Status: ')}
        {phaseLabel(p.phase, lang)}
      </p>
      <ReviewNav consultation={consultation} lang={lang} current="groups" />
      <NoticeFor code={p.notice} lang={lang} />
      {frozen ? (
        <Notice kind="info">
          {t(
            lang,
            '結果を公表済みです。意見の整理と市の考え方は変更できません。',
            'The result is published; groups and responses can no longer be changed.',
          )}
        </Notice>
      ) : null}
      <Progress ctx={ctx} consultationId={consultation.id} progress={p.progress} />
      <GroupsTable {...p} />
      {frozen ? null : <CreateGroup {...p} />}
      {frozen ? null : <IdenticalSuggestions {...p} />}
      <CommentList {...p} frozen={frozen} />
      <p>
        <a href={`${b}/publish`}>{t(lang, '結果の公表へ進む', 'Go on to publishing the result')}</a>
      </p>
    </div>
  );
}

function Progress({
  ctx,
  consultationId,
  progress,
}: {
  ctx: PageCtx;
  consultationId: number;
  progress: ReviewPageProps['progress'];
}) {
  const { lang } = ctx;
  return (
    <section class="review-progress" aria-labelledby="progress-heading">
      <h2 id="progress-heading">{t(lang, '進み具合', 'Progress')}</h2>
      <p>
        <label for="review-progress-bar">
          {t(
            lang,
            `${progress.accounted} / ${progress.total} 件 処理済み`,
            `${progress.accounted} / ${progress.total} processed`,
          )}
        </label>
      </p>
      <progress id="review-progress-bar" max={Math.max(progress.total, 1)} value={progress.accounted}>
        {progress.accounted} / {progress.total}
      </progress>
      {progress.unaccounted > 0 ? (
        <p>
          <a href={`${reviewBase(consultationId)}?ungrouped=1#comments`}>
            {t(
              lang,
              `未処理の意見 ${progress.unaccounted}件を表示`,
              `Show the ${progress.unaccounted} unprocessed comment(s)`,
            )}
          </a>
        </p>
      ) : (
        <p>
          {t(
            lang,
            'すべての意見が、グループ・対象外・非公開のいずれかに整理されています。',
            'Every comment is grouped, excluded or hidden.',
          )}
        </p>
      )}
    </section>
  );
}
