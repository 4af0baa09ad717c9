import type { PlannedGroup } from '../../../src/domain/council-summary.ts';
import { t } from '../../../src/lib/i18n.ts';
import type { PageCtx } from '../../context.ts';
import { Csrf, Notice } from '../../partials/forms.tsx';

export interface AdoptSuggestionsProps {
  ctx: PageCtx;
  consultation: { id: number; title: string };
  state:
    | { kind: 'confirm'; plan: (PlannedGroup & { keyTerms: string[] })[]; token: string; stale?: boolean }
    | { kind: 'running'; percent: number }
    | { kind: 'failed' }
    | { kind: 'published' }
    | { kind: 'done'; created: number };
}

/** Staff: confirm turning the engine's suggested groups into the initial comment groups. */
export function AdoptSuggestionsPage({ ctx, consultation, state }: AdoptSuggestionsProps) {
  const { lang } = ctx;
  const workspace = `/staff/consultations/${consultation.id}/review`;
  const self = `${workspace}/suggestions`;
  return (
    <>
      <p class="breadcrumb">
        <a href={workspace}>{t(lang, '意見の整理', 'Review workspace')}</a>
      </p>
      <h1>{t(lang, '自動提案のグループを取り込む', 'Adopt the suggested groups')}</h1>
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
      {state.kind === 'done' ? (
        <>
          <Notice kind="success">
            {t(
              lang,
              `${state.created}件のグループを作成しました。意見の概要は仮の文です。内容を確かめて書き直してください。`,
              `${state.created} group(s) created. Their summaries are placeholders: check and rewrite them.`,
            )}
          </Notice>
          <p>
            <a class="button" href={workspace}>
              {t(lang, '意見の整理に戻る', 'Back to the review workspace')}
            </a>
          </p>
        </>
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
      {state.kind === 'confirm' ? (
        <>
          {state.stale ? (
            <Notice kind="warning">
              {t(
                lang,
                '確認の画面を表示した後に意見の状況が変わりました。最新の内容を確かめてから、もう一度実行してください。',
                'The comments changed after this page was shown. Check the updated list and try again.',
              )}
            </Notice>
          ) : null}
          <p>
            {t(
              lang,
              '自動分析の細かなグループをもとに、次のグループを作成し、まだどのグループにも入っていない意見（非表示・対象外としたものを除く）を入れます。意見の概要には仮の文が入りますので、作成後に書き直してください。分類できなかった意見は取り込みません。',
              'From the automatic analysis’s finer groups, the groups below will be created and the comments not yet in any group (hidden and excluded ones aside) put in them. Each summary is a placeholder to rewrite afterwards. Comments that could not be classified are left for you.',
            )}
          </p>
          {state.plan.length === 0 ? (
            <p class="empty">
              {t(
                lang,
                '取り込める意見はありません（全ての意見が整理済みです）。',
                'Nothing to adopt: every comment is already placed.',
              )}
            </p>
          ) : (
            <>
              <table>
                <caption>
                  {t(
                    lang,
                    `作成されるグループ（${state.plan.length}件）`,
                    `Groups to be created (${state.plan.length})`,
                  )}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t(lang, '意見の概要（仮）', 'Summary (placeholder)')}</th>
                    <th scope="col">{t(lang, '主な語', 'Key terms')}</th>
                    <th scope="col">{t(lang, '入れる意見', 'Comments')}</th>
                  </tr>
                </thead>
                <tbody>
                  {state.plan.map((g) => (
                    <tr>
                      <th scope="row">{g.summary}</th>
                      <td>{g.keyTerms.join('、')}</td>
                      <td class="num">{g.commentIds.length}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <form method="post" action={self}>
                <Csrf token={ctx.csrfToken} />
                <input type="hidden" name="plan" value={state.token} />
                <div class="actions">
                  <button type="submit">
                    {t(lang, 'この内容でグループを作成する', 'Create these groups')}
                  </button>
                  <a href={workspace}>{t(lang, 'やめる', 'Cancel')}</a>
                </div>
              </form>
            </>
          )}
        </>
      ) : null}
    </>
  );
}
