/** The confirm page for publishing the result, listing what still stands in the way. */
import type { Consultation } from '../../../../db/schema.ts';
import type { PublishProblem, PublishWarning } from '../../../../src/domain/results.ts';
import { reviewBase } from '../../../../src/lib/review-paths.ts';
import { type Lang, t } from '../../../../src/lib/i18n.ts';
import { formatDate } from '../../../../src/lib/time.ts';
import type { PageCtx } from '../../../context.ts';
import { Csrf, FieldError, type FieldErrors, invalidAttrs, Notice } from '../../../partials/forms.tsx';
import { ReviewNav } from './shared.tsx';

function problemText(p: PublishProblem, lang: Lang): string {
  switch (p.kind) {
    case 'already_published':
      return t(lang, '結果はすでに公表されています。', 'The result has already been published.');
    case 'not_closed':
      return t(
        lang,
        '意見募集期間が終わっていないため、まだ公表できません。',
        'The comment period has not closed yet, so the result cannot be published.',
      );
    case 'unaccounted':
      return t(
        lang,
        `未処理の意見が${p.count}件あります。すべての意見を、グループに入れるか、理由を付けて対象外にしてください。`,
        `${p.count} comment(s) are not processed yet. Put every comment in a group or exclude it with a reason.`,
      );
    case 'incomplete_group': {
      const names = p.missing.map((m) =>
        m === 'summary'
          ? t(lang, '意見の概要', 'summary')
          : m === 'response'
            ? t(lang, '市の考え方', 'response')
            : t(lang, '修正の有無', 'outcome'),
      );
      return t(
        lang,
        `グループ No.${p.groupNo} に未入力の項目があります：${names.join('、')}`,
        `Group No. ${p.groupNo} is missing: ${names.join(', ')}`,
      );
    }
    case 'revised_without_change':
      return t(
        lang,
        `グループ No.${p.groupNo} は「修正あり」ですが、該当箇所の最終案に修正がありません。最終案を修正するか、修正の有無を見直してください。`,
        `Group No. ${p.groupNo} is marked revised, but the final text of its sections has no change. Revise the final text or correct the outcome.`,
      );
    default:
      return '';
  }
}

function warningText(w: PublishWarning, lang: Lang): string {
  return t(
    lang,
    `グループ No.${w.groupNo} は「修正なし」ですが、該当箇所（${w.sections.join('、')}）の最終案が修正されています。修正の有無を確かめてください。`,
    `Group No. ${w.groupNo} is marked not revised, but the final text of its sections (${w.sections.join(', ')}) has changed. Check the outcome.`,
  );
}

export interface PublishPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  progress: { total: number; accounted: number; unaccounted: number };
  groups: { id: number; no: number }[];
  problems: PublishProblem[];
  warnings: PublishWarning[];
  note: string;
  policyDropped: boolean;
  attempted: boolean;
  errors?: FieldErrors;
}

export function PublishPage({
  ctx,
  consultation,
  progress,
  groups,
  problems,
  warnings,
  note,
  policyDropped,
  attempted,
  errors = {},
}: PublishPageProps) {
  const { lang } = ctx;
  const b = reviewBase(consultation.id);
  const published = consultation.result_published_at;
  return (
    <div id="workspace">
      <h1>
        {t(lang, '結果の公表', 'Publish the result')}
        <span class="subtitle">{consultation.title}</span>
      </h1>
      <ReviewNav consultation={consultation} lang={lang} current="publish" />
      {published ? (
        <Notice kind="success">
          {t(
            lang,
            `結果は${formatDate(published, lang)}に公表しました。`,
            `The result was published on ${formatDate(published, lang)}.`,
          )}{' '}
          <a href={`/consultations/${consultation.id}`}>
            {t(lang, '公開ページを見る', 'See the public page')}
          </a>
        </Notice>
      ) : (
        <>
          <ul class="facts-list">
            <li>
              {t(
                lang,
                `意見：${progress.total}件（処理済み ${progress.accounted}件）`,
                `Comments: ${progress.total} (${progress.accounted} processed)`,
              )}
            </li>
            <li>{t(lang, `グループ：${groups.length}`, `Groups: ${groups.length}`)}</li>
          </ul>
          {problems.length > 0 ? (
            <div
              class="error-summary"
              role={attempted ? 'alert' : undefined}
              id="publish-problems"
              tabindex={-1}
            >
              <h2>{t(lang, 'まだ公表できません', 'The result cannot be published yet')}</h2>
              <ul>
                {problems.map((p) => (
                  <li>
                    {problemText(p, lang)}{' '}
                    {p.kind === 'unaccounted' ? (
                      <a href={`${b}?ungrouped=1#comments`}>{t(lang, '未処理の意見を表示', 'Show them')}</a>
                    ) : p.kind === 'incomplete_group' || p.kind === 'revised_without_change' ? (
                      <a href={`${b}/groups/${groups.find((g) => g.no === p.groupNo)?.id ?? ''}`}>
                        {t(lang, 'グループを編集', 'Edit the group')}
                      </a>
                    ) : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <Notice kind="info">
              {t(
                lang,
                '公表すると、意見の整理・市の考え方・最終案は変更できなくなります。',
                'Once published, groups, responses and the final text can no longer be changed.',
              )}
            </Notice>
          )}
          {warnings.length > 0 ? (
            <div class="notice notice-warning" role="note">
              <h2>{t(lang, '確認してください', 'Please check')}</h2>
              <ul>
                {warnings.map((w) => (
                  <li>
                    {warningText(w, lang)}{' '}
                    <a href={`${b}/groups/${groups.find((g) => g.no === w.groupNo)?.id ?? ''}`}>
                      {t(lang, 'グループを編集', 'Edit the group')}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <form method="post" action={`${b}/publish`} class="stack">
            <Csrf token={ctx.csrfToken} />
            <div class="field">
              <label for="f-result_note">
                {t(lang, '補足（任意・公表されます）', 'Note (optional, published)')}
              </label>
              <textarea
                id="f-result_note"
                name="result_note"
                rows={4}
                {...invalidAttrs('f-result_note', errors, 'result_note')}
              >
                {note}
              </textarea>
              <FieldError id="f-result_note" errors={errors} name="result_note" />
            </div>
            <label class="check">
              <input type="checkbox" name="policy_dropped" value="1" checked={policyDropped} />{' '}
              {t(
                lang,
                '市はこの政策の実施を取りやめた（その旨を公表します）',
                'The city dropped this policy (this will be published)',
              )}
            </label>
            <div class="actions">
              <button type="submit" class="button">
                {t(lang, '結果を公表する', 'Publish the result')}
              </button>
              <button type="submit" class="button-secondary" formaction={`${b}/publish/preview`}>
                {t(lang, '公開ページをプレビュー', 'Preview the public page')}
              </button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}
