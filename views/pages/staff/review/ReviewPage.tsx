import type { Consultation, Section } from '../../../../db/schema.ts';
import type { IdenticalSet, ReviewComment } from '../../../../src/data/groups.ts';
import type { ResultGroup } from '../../../../src/data/results.ts';
import type { Phase } from '../../../../src/domain/lifecycle.ts';
import { previewText } from '../../../../src/domain/results.ts';
import { t } from '../../../../src/lib/i18n.ts';
import { channelLabel, hiddenReasonLabel, outcomeLabel } from '../../../../src/lib/labels.ts';
import { formatDate } from '../../../../src/lib/time.ts';
import { OUTCOMES } from '../../../../db/schema.ts';
import type { PageCtx } from '../../../context.ts';
import {
  Csrf,
  ErrorSummary,
  FieldError,
  type FieldErrors,
  invalidAttrs,
  Notice,
} from '../../../partials/forms.tsx';
import { phaseLabel } from '../../../partials/period.tsx';
import { sectionsLabel } from '../../../partials/result/ResultTable.tsx';
import {
  hxWorkspace,
  NoticeFor,
  ReviewNav,
  reviewBase,
  SectionChecks,
  SummaryField,
  sectionLabel,
} from './shared.tsx';

export interface CreateForm {
  summary: string;
  response: string;
  outcome: string;
  revisionNote: string;
  sectionIds: number[];
  errors: FieldErrors;
}

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
  groups: ResultGroup[];
  sections: Section[];
  comments: ReviewComment[];
  identical: IdenticalSet[];
  filter: Record<string, string>;
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

function GroupsTable({ ctx, consultation, groups }: ReviewPageProps) {
  const { lang } = ctx;
  const b = reviewBase(consultation.id);
  return (
    <section aria-labelledby="groups-heading">
      <h2 id="groups-heading">{t(lang, `グループ（${groups.length}）`, `Groups (${groups.length})`)}</h2>
      {consultation.result_published_at ? null : (
        <p>
          <a href={`${b}/suggestions`}>
            {t(lang, '自動分析の提案からグループを作る', 'Create groups from the automatic suggestions')}
          </a>
        </p>
      )}
      {groups.length === 0 ? (
        <p>{t(lang, 'まだグループはありません。', 'No groups yet.')}</p>
      ) : (
        <div class="table-scroll">
          <table class="review-groups">
            <thead>
              <tr>
                <th scope="col">No.</th>
                <th scope="col">{t(lang, '意見の概要', 'Summary')}</th>
                <th scope="col">{t(lang, '該当箇所', 'Section')}</th>
                <th scope="col">{t(lang, '件数', 'Comments')}</th>
                <th scope="col">{t(lang, '市の考え方', 'Response')}</th>
                <th scope="col">{t(lang, '修正', 'Revision')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr>
                  <th scope="row">{g.no}</th>
                  <td>
                    <a href={`${b}/groups/${g.id}`}>
                      {previewText(g.summary, 80) || t(lang, '（未入力）', '(empty)')}
                    </a>
                  </td>
                  <td>{sectionsLabel(g, lang)}</td>
                  <td class="num">{g.commentCount}</td>
                  <td>
                    {g.response.trim() ? (
                      t(lang, '入力済み', 'Written')
                    ) : (
                      <strong>{t(lang, '未入力', 'Missing')}</strong>
                    )}
                  </td>
                  <td>
                    {g.outcome ? (
                      outcomeLabel(g.outcome, lang)
                    ) : (
                      <strong>{t(lang, '未設定', 'Not set')}</strong>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CreateGroup({ ctx, consultation, sections, create, filter }: ReviewPageProps) {
  const { lang } = ctx;
  const f = create ?? {
    summary: '',
    response: '',
    outcome: '',
    revisionNote: '',
    sectionIds: [],
    errors: {},
  };
  const action = `${reviewBase(consultation.id)}/groups`;
  return (
    <section aria-labelledby="create-heading">
      <details open={create ? true : undefined}>
        <summary>
          <h2 id="create-heading" class="inline-heading">
            {t(lang, 'グループを作る', 'Create a group')}
          </h2>
        </summary>
        <form method="post" action={action} {...hxWorkspace(action)} class="stack" novalidate>
          <Csrf token={ctx.csrfToken} />
          <FilterHidden filter={filter} />
          <ErrorSummary
            title={t(lang, '入力内容を確認してください', 'Please check the form')}
            errors={f.errors}
            labels={{ summary: t(lang, '意見の概要', 'Summary'), outcome: t(lang, '修正の有無', 'Outcome') }}
          />
          <SummaryField lang={lang} value={f.summary} errors={f.errors} rows={3} />
          <SectionChecks lang={lang} sections={sections} checked={f.sectionIds} />
          <div class="field">
            <label for="f-response">{t(lang, '市の考え方', "The city's response")}</label>
            <textarea id="f-response" name="response" rows={3}>
              {f.response}
            </textarea>
          </div>
          <div class="field">
            <label for="f-outcome">{t(lang, '修正の有無', 'Outcome')}</label>
            <select id="f-outcome" name="outcome" {...invalidAttrs('f-outcome', f.errors, 'outcome')}>
              <option value="">{t(lang, '（未設定）', '(not set)')}</option>
              {OUTCOMES.map((o) => (
                <option value={o} selected={f.outcome === o}>
                  {outcomeLabel(o, lang)}
                </option>
              ))}
            </select>
            <FieldError id="f-outcome" errors={f.errors} name="outcome" />
          </div>
          <div class="field">
            <label for="f-revision_note">{t(lang, '修正内容', 'Revision made')}</label>
            <textarea id="f-revision_note" name="revision_note" rows={2}>
              {f.revisionNote}
            </textarea>
          </div>
          <button type="submit" class="button">
            {t(lang, 'グループを作成', 'Create the group')}
          </button>
        </form>
      </details>
    </section>
  );
}

function IdenticalSuggestions({ ctx, consultation, identical }: ReviewPageProps) {
  const { lang } = ctx;
  const action = `${reviewBase(consultation.id)}/identical`;
  return (
    <section aria-labelledby="identical-heading">
      <h2 id="identical-heading">{t(lang, '同一内容の意見（候補）', 'Identical texts (suggestions)')}</h2>
      {identical.length === 0 ? (
        <p>
          {t(
            lang,
            '未整理の意見に、同一内容のものはありません。',
            'No identical texts among the unprocessed comments.',
          )}
        </p>
      ) : (
        <ul class="identical-list">
          {identical.map((s) => (
            <li>
              <p class="quote">{previewText(s.text, 120)}</p>
              <form method="post" action={action} {...hxWorkspace(action)}>
                <Csrf token={ctx.csrfToken} />
                {s.commentIds.map((id) => (
                  <input type="hidden" name="comment_ids" value={String(id)} />
                ))}
                <button type="submit" class="button">
                  {t(
                    lang,
                    `この${s.commentIds.length}件を1つのグループにする`,
                    `Group these ${s.commentIds.length} comments`,
                  )}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FilterHidden({ filter }: { filter: Record<string, string> }) {
  return (
    <>
      {Object.entries(filter)
        .filter(([, v]) => v)
        .map(([k, v]) => (
          <input type="hidden" name={k} value={v} />
        ))}
    </>
  );
}

function CommentList(p: ReviewPageProps & { frozen: boolean }) {
  const { ctx, consultation, comments, groups, sections, filter, bulk, frozen } = p;
  const { lang } = ctx;
  const b = reviewBase(consultation.id);
  const errors = bulk?.errors ?? {};
  const selected = new Set(bulk?.commentIds ?? []);
  const groupNo = new Map(groups.map((g) => [g.id, g.no]));
  const sectionById = new Map(sections.map((s) => [s.id, s]));
  const action = `${b}/assign`;
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
                {sectionLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="flt-q">{t(lang, '本文で検索', 'Search the text')}</label>
          <input id="flt-q" type="search" name="q" value={filter.q ?? ''} />
        </div>
        <label class="check">
          <input type="checkbox" name="ungrouped" value="1" checked={filter.ungrouped === '1'} />{' '}
          {t(lang, '未処理のみ', 'Unprocessed only')}
        </label>
        <button type="submit" class="button button-secondary">
          {t(lang, '絞り込む', 'Filter')}
        </button>
      </form>
      <p>{t(lang, `${comments.length}件を表示しています。`, `Showing ${comments.length} comment(s).`)}</p>
      <form method="post" action={action} {...hxWorkspace(action)} id="bulk-form">
        <Csrf token={ctx.csrfToken} />
        <FilterHidden filter={filter} />
        {errors.comment_ids ? <FieldError id="f-comment_ids" errors={errors} name="comment_ids" /> : null}
        <ol class="review-comments">
          {comments.map((cm) => {
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
                <div class="review-comment-head">
                  {frozen || cm.hidden ? null : (
                    <input
                      type="checkbox"
                      name="comment_ids"
                      value={String(cm.id)}
                      id={`c-${cm.id}`}
                      checked={selected.has(cm.id)}
                      aria-label={t(lang, `意見 #${cm.id} を選ぶ`, `Select comment #${cm.id}`)}
                    />
                  )}{' '}
                  <a href={`${b}/comments/${cm.id}`}>#{cm.id}</a>
                  {' ・ '}
                  {formatDate(cm.receivedAt, lang)}
                  {' ・ '}
                  {channelLabel(cm.channel, lang)}
                  {' ・ '}
                  {cm.sectionIds.length > 0
                    ? cm.sectionIds
                        .map((id) => {
                          const s = sectionById.get(id);
                          return s ? sectionLabel(s) : '';
                        })
                        .join('、')
                    : t(lang, '全般', 'General')}
                  {' ・ '}
                  <strong>{status}</strong>
                </div>
                <p class="quote pre-line">{cm.text}</p>
              </li>
            );
          })}
        </ol>
        {frozen || comments.length === 0 ? null : (
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
