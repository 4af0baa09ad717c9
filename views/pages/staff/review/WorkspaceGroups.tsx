import { previewText } from '../../../../src/lib/format.ts';
import { t } from '../../../../src/lib/i18n.ts';
import { outcomeLabel } from '../../../../src/lib/labels.ts';
import { reviewBase } from '../../../../src/lib/review-paths.ts';
import { Csrf } from '../../../partials/forms.tsx';
import type { ReviewPageProps } from './ReviewPage.tsx';
import { FilterHidden } from './WorkspaceComments.tsx';
import { GroupFields, hxWorkspace } from './shared.tsx';

export function GroupsTable({ ctx, consultation, groups }: ReviewPageProps) {
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
                  <td>
                    {g.sections.length > 0
                      ? g.sections.map((s) => s.label).join('、')
                      : t(lang, '全般', 'General')}
                  </td>
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

export function CreateGroup({ ctx, consultation, sections, create, filter }: ReviewPageProps) {
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
          <GroupFields lang={lang} form={f} sections={sections} roomy={false} />
          <button type="submit" class="button">
            {t(lang, 'グループを作成', 'Create the group')}
          </button>
        </form>
      </details>
    </section>
  );
}

export function IdenticalSuggestions({ ctx, consultation, identical }: ReviewPageProps) {
  const { lang } = ctx;
  const action = `${reviewBase(consultation.id)}/identical`;
  return (
    <section aria-labelledby="identical-heading">
      <h2 id="identical-heading">{t(lang, '同一内容の意見（候補）', 'Identical texts (suggestions)')}</h2>
      {identical.sets.length === 0 ? (
        <p>
          {t(
            lang,
            '未整理の意見に、同一内容のものはありません。',
            'No identical texts among the unprocessed comments.',
          )}
        </p>
      ) : (
        <ul class="identical-list">
          {identical.sets.map((s) => (
            <li>
              <p class="quote">{previewText(s.text, 120)}</p>
              <form method="post" action={action} {...hxWorkspace(action)}>
                <Csrf token={ctx.csrfToken} />
                <input type="hidden" name="key" value={s.key} />
                <input type="hidden" name="token" value={s.token} />
                <button type="submit" class="button">
                  {t(
                    lang,
                    `この${s.count.toLocaleString('ja-JP')}件を1つのグループにする`,
                    `Group these ${s.count.toLocaleString('en')} comments`,
                  )}
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {identical.more > 0 ? (
        <p>
          {t(
            lang,
            `ほかに${identical.more}組あります。上の候補を整理すると表示されます。`,
            `${identical.more} more set(s); they appear as the ones above are grouped.`,
          )}
        </p>
      ) : null}
    </section>
  );
}
