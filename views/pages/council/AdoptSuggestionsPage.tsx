/**
 * Staff: the analysis's suggested groups, one card each — its summary (editable), key terms,
 * count, the comments in it and the 該当箇所 most of them named — with plain forms to adopt,
 * rename, drop or merge it. Works without JavaScript; every form posts and comes back here.
 */
import { t } from '../../../src/lib/i18n.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf, type FieldErrors, FieldError, invalidAttrs, Notice } from '../../partials/forms.tsx';

export interface SuggestionView {
  id: string;
  summary: string;
  renamed: boolean;
  keyTerms: string[];
  count: number;
  /** The 該当箇所 most members named; null: the draft as a whole. */
  sectionId: number | null;
  sectionLabel: string;
  merged: { id: string; summary: string }[];
  /** The first comments (all of them on the suggestion's own page). */
  members: { id: number; text: string; sections: string[] }[];
}

export interface AdoptSuggestionsProps {
  ctx: PageCtx;
  consultation: { id: number; title: string };
  state:
    | { kind: 'running'; percent: number }
    | { kind: 'failed' }
    | { kind: 'published' }
    | {
        kind: 'list';
        /** The analysis version every form sends back. */
        version: number;
        open: SuggestionView[];
        dropped: SuggestionView[];
        sections: { id: number; label: string }[];
        /** One suggestion with all its comments (its own page). */
        single?: boolean;
        /** The group just created. */
        adopted?: { id: number; summary: string };
        /** The page's forms were for an older analysis, or the suggestion is gone. */
        stale?: boolean;
        /** A form that came back with errors: which card, and what was typed. */
        failed?: { id: string; summary: string; sectionId: number | null; errors: FieldErrors };
      };
}

export function AdoptSuggestionsPage({ ctx, consultation, state }: AdoptSuggestionsProps) {
  const { lang } = ctx;
  const workspace = `/staff/consultations/${consultation.id}/review`;
  const self = `${workspace}/suggestions`;
  return (
    <>
      <p class="breadcrumb">
        <a href={workspace}>{t(lang, '意見の整理', 'Review workspace')}</a>
        {state.kind === 'list' && state.single ? (
          <>
            {' › '}
            <a href={self}>{t(lang, '自動提案のグループ', 'Suggested groups')}</a>
          </>
        ) : null}
      </p>
      <h1>{t(lang, '自動提案のグループ', 'Suggested groups')}</h1>
      <p>{consultation.title}</p>
      {state.kind === 'published' ? (
        <Notice kind="warning">
          {t(
            lang,
            '結果を公表済みのため、グループを取り込むことはできません。',
            'The result has been published, so suggested groups can no longer be adopted.',
          )}
        </Notice>
      ) : null}
      {state.kind === 'running' ? (
        <div role="status">
          <p>
            {t(
              lang,
              `意見の内容を分析中です… ${state.percent}%`,
              `Analysing the comments… ${state.percent}%`,
            )}
          </p>
          <progress max={100} value={state.percent}>
            {state.percent}%
          </progress>
          <p>
            <a href={self}>{t(lang, '再読み込み', 'Reload')}</a>
          </p>
        </div>
      ) : null}
      {state.kind === 'failed' ? (
        <p class="field-error">
          {t(lang, '内容の分析を完了できませんでした。', 'The analysis could not be completed.')}{' '}
          <a href={self}>{t(lang, 'もう一度試す', 'Try again')}</a>
        </p>
      ) : null}
      {state.kind === 'list' ? (
        <SuggestionList ctx={ctx} self={self} workspace={workspace} state={state} />
      ) : null}
    </>
  );
}

type ListState = Extract<AdoptSuggestionsProps['state'], { kind: 'list' }>;

function SuggestionList({
  ctx,
  self,
  workspace,
  state,
}: {
  ctx: PageCtx;
  self: string;
  workspace: string;
  state: ListState;
}) {
  const { lang } = ctx;
  const mergeFailed = state.failed && state.failed.id === '' ? state.failed.errors : undefined;
  return (
    <>
      {state.adopted ? (
        <Notice kind="success">
          {t(
            lang,
            `グループ「${state.adopted.summary}」を作成しました。市の考え方はグループの画面で書けます。`,
            `Group “${state.adopted.summary}” created. Write the response on the group’s page.`,
          )}{' '}
          <a href={`${workspace}/groups/${state.adopted.id}`}>
            {t(lang, 'グループを開く', 'Open the group')}
          </a>
        </Notice>
      ) : null}
      {state.stale ? (
        <Notice kind="warning">
          {t(
            lang,
            'このページを表示した後に意見の状況が変わりました（分析のやり直し、または他の職員による整理）。最新の提案を確かめてから、もう一度操作してください。',
            'The comments changed after this page was shown (a new analysis, or another person’s work). Check the updated suggestions and try again.',
          )}
        </Notice>
      ) : null}
      {state.single ? null : (
        <p>
          {t(
            lang,
            '自動分析の細かなグループを、まだどのグループにも入っていない意見（非表示・対象外としたものを除く）の提案として示します。一つずつ内容を確かめ、意見の概要を書き直してから取り込んでください。取り込むと、その意見の概要と該当箇所でグループが作られ、提案の意見が入ります。分類できなかった意見は提案しません。',
            'The automatic analysis’s finer groups are shown as suggestions for the comments not yet placed (hidden and excluded ones aside). Check each, rewrite its summary and adopt it: a group is created with that summary and section, holding the suggestion’s comments. Comments that could not be classified are not suggested.',
          )}
        </p>
      )}
      {state.open.length === 0 ? (
        <p class="empty">
          {t(
            lang,
            '取り込める提案はありません（提案の意見はすべて整理済みです）。',
            'No suggestion is left: every suggested comment has been placed.',
          )}{' '}
          <a href={workspace}>{t(lang, '意見の整理に戻る', 'Back to the review workspace')}</a>
        </p>
      ) : null}
      {state.open.length > 1 ? (
        <form id="merge-form" method="post" action={`${self}/merge`} class="suggestion-merge">
          <Csrf token={ctx.csrfToken} />
          <input type="hidden" name="version" value={String(state.version)} />
          <p class="hint" id="merge-hint">
            {t(
              lang,
              '二つ以上の提案を一つにまとめるには、各提案の「まとめる」を選んでから押してください。最初に選んだ提案にまとまります。',
              'To merge suggestions, tick “Merge” on two or more of them, then press this. They join the first one ticked.',
            )}
          </p>
          {mergeFailed ? <FieldError id="merge" errors={mergeFailed} name="ids" /> : null}
          <button type="submit" class="button-secondary" aria-describedby="merge-hint">
            {t(lang, '選んだ提案をまとめる', 'Merge the ticked suggestions')}
          </button>
        </form>
      ) : null}
      <ol class="suggestions">
        {state.open.map((s) => (
          <SuggestionCard ctx={ctx} self={self} state={state} s={s} />
        ))}
      </ol>
      {state.dropped.length > 0 ? (
        <section id="dropped" aria-labelledby="dropped-h">
          <h2 id="dropped-h">
            {t(lang, `外した提案（${state.dropped.length}件）`, `Dropped (${state.dropped.length})`)}
          </h2>
          <ul class="dropped-suggestions">
            {state.dropped.map((s) => (
              <li>
                {s.summary} {t(lang, `（${s.count}件）`, `(${s.count})`)}
                <form method="post" action={`${self}/${s.id}/restore`} class="inline-form">
                  <Csrf token={ctx.csrfToken} />
                  <input type="hidden" name="version" value={String(state.version)} />
                  <button type="submit" class="link-button">
                    {t(lang, '提案に戻す', 'Restore')}
                    <span class="visually-hidden">{`：${s.summary}`}</span>
                  </button>
                </form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function SuggestionCard({
  ctx,
  self,
  state,
  s,
}: {
  ctx: PageCtx;
  self: string;
  state: ListState;
  s: SuggestionView;
}) {
  const { lang } = ctx;
  const key = s.id.replace(/\./g, '-');
  const failed = state.failed?.id === s.id ? state.failed : undefined;
  const errors = failed?.errors ?? {};
  const summary = failed ? failed.summary : s.summary;
  const sectionId = failed ? failed.sectionId : s.sectionId;
  const version = <input type="hidden" name="version" value={String(state.version)} />;
  return (
    <li class="card suggestion" id={`s-${s.id}`}>
      <h2 id={`${key}-h`}>{s.summary}</h2>
      <p class="suggestion-meta">
        <strong>{t(lang, `${s.count}件`, `${s.count} comment(s)`)}</strong>
        {' ・ '}
        {t(lang, '該当箇所：', 'Section: ')}
        {s.sectionLabel || t(lang, '全般', 'Whole draft')}
        {s.keyTerms.length > 0 ? (
          <>
            {' ・ '}
            {t(lang, '主な語：', 'Key terms: ')}
            {s.keyTerms.slice(0, 6).join(t(lang, '、', ', '))}
          </>
        ) : null}
      </p>
      {s.merged.length > 0 ? (
        <ul class="merged-suggestions" aria-label={t(lang, 'まとめた提案', 'Merged suggestions')}>
          {s.merged.map((m) => (
            <li>
              {t(lang, 'まとめた提案：', 'Merged: ')}
              {m.summary}
              <form method="post" action={`${self}/${m.id}/restore`} class="inline-form">
                <Csrf token={ctx.csrfToken} />
                {version}
                <button type="submit" class="link-button">
                  {t(lang, '分ける', 'Separate')}
                  <span class="visually-hidden">{`：${m.summary}`}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : null}
      <ol class="suggestion-members" aria-label={t(lang, 'この提案の意見', 'Comments of this suggestion')}>
        {s.members.map((m) => (
          <li>
            <p class="quote">{m.text}</p>
            <p class="quote-meta">
              {t(lang, `意見番号 ${m.id}`, `Comment no. ${m.id}`)}
              {' ・ '}
              {t(lang, '該当箇所：', 'Section: ')}
              {m.sections.join('、') || t(lang, '全般', 'Whole draft')}
            </p>
          </li>
        ))}
      </ol>
      {s.count > s.members.length ? (
        <p>
          <a href={`${self}/${s.id}`}>
            {t(
              lang,
              `この提案の意見をすべて見る（${s.count}件）`,
              `See all ${s.count} comments of this suggestion`,
            )}
          </a>
        </p>
      ) : null}
      {state.open.length > 1 && !state.single ? (
        <p class="suggestion-pick">
          <label>
            <input type="checkbox" name="ids" value={s.id} form="merge-form" /> {t(lang, 'まとめる', 'Merge')}
            <span class="visually-hidden">{`：${s.summary}`}</span>
          </label>
        </p>
      ) : null}
      <form method="post" action={`${self}/${s.id}/adopt`} class="suggestion-adopt">
        <Csrf token={ctx.csrfToken} />
        {version}
        <div class="field">
          <label for={`${key}-summary`}>
            {t(lang, '意見の概要', 'Summary of the comments')}
            <span class="req">{t(lang, '必須', 'Required')}</span>
          </label>
          <FieldError id={`${key}-summary`} errors={errors} name="summary" />
          <textarea
            id={`${key}-summary`}
            name="summary"
            rows={2}
            {...invalidAttrs(`${key}-summary`, errors, 'summary')}
          >
            {summary}
          </textarea>
        </div>
        <div class="field">
          <label for={`${key}-section`}>{t(lang, '該当箇所', 'Section')}</label>
          <FieldError id={`${key}-section`} errors={errors} name="section_id" />
          <select
            id={`${key}-section`}
            name="section_id"
            {...invalidAttrs(`${key}-section`, errors, 'section_id')}
          >
            <option value="" selected={sectionId === null}>
              {t(lang, '全般（該当箇所の指定なし）', 'The draft as a whole')}
            </option>
            {state.sections.map((o) => (
              <option value={String(o.id)} selected={o.id === sectionId}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div class="actions">
          <button type="submit">{t(lang, 'このグループを作成する', 'Create this group')}</button>
          <button type="submit" class="button-secondary" formaction={`${self}/${s.id}/rename`}>
            {t(lang, '概要だけ保存する', 'Save the summary only')}
          </button>
        </div>
      </form>
      <form method="post" action={`${self}/${s.id}/drop`} class="suggestion-drop">
        <Csrf token={ctx.csrfToken} />
        {version}
        <button type="submit" class="link-button">
          {t(lang, 'この提案を外す', 'Drop this suggestion')}
          <span class="visually-hidden">{`：${s.summary}`}</span>
        </button>
      </form>
    </li>
  );
}
