/** The confirm page for publishing the result, listing what still stands in the way. */
import type { Consultation } from '../../../../db/schema.ts';
import type { PublishProblem } from '../../../../src/domain/results.ts';
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
    default:
      return '';
  }
}

export interface PublishPageProps {
  ctx: PageCtx;
  consultation: Consultation;
  progress: { total: number; accounted: number; unaccounted: number };
  groups: { id: number; no: number }[];
  problems: PublishProblem[];
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
                    ) : p.kind === 'incomplete_group' ? (
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
            <button type="submit" class="button">
              {t(lang, '結果を公表する', 'Publish the result')}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
