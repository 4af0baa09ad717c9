import type { SectionChange } from '../../db/published-result.ts';
import type { Channel, HiddenReason } from '../../db/schema.ts';
import { t } from '../../src/lib/i18n.ts';
import { channelLabel, hiddenReasonLabel } from '../../src/lib/labels.ts';
import { formatDate } from '../../src/lib/time.ts';
import type { PageCtx } from '../context.ts';
import { Period } from './period.tsx';
import { ComparisonTable, SectionChanges } from './result/Diff.tsx';
import { Paragraphs, ResultTable, type ResultTableGroup } from './result/ResultTable.tsx';

/** A published result, as the public page shows it. */
export interface ResultView {
  consultation: {
    id: number;
    title: string;
    department: string;
    publishedAt: string | null;
    opensAt: string | null;
    closesAt: string | null;
    resultPublishedAt: string;
    resultNote: string;
    policyDropped: boolean;
  };
  submitterCount: number;
  commentCount: number;
  byChannel: { channel: Channel; comments: number; submitters: number }[];
  groups: ResultTableGroup[];
  excluded: { count: number; reasons: { reason: string; count: number }[] };
  hidden: { count: number; reasons: { reason: HiddenReason; count: number }[] };
  changes: SectionChange[];
}

/**
 * The published result of a consultation (行政手続法43条 as the model): what was consulted on and
 * when, how many comments from how many people, the grouped summary with the city's response,
 * how every other comment was accounted for, and how the final text differs from the draft.
 * Prints on A4. Rendered by the public consultation page.
 */
export function ResultSection({ ctx, result }: { ctx: PageCtx; result: ResultView }) {
  const { lang } = ctx;
  const c = result.consultation;
  const base = `/consultations/${c.id}`;
  return (
    <section class="result-section" aria-labelledby="result-heading">
      <h2 id="result-heading">{t(lang, '意見募集の結果', 'Result of the consultation')}</h2>
      {c.policyDropped ? (
        <div class="notice notice-warning" role="note">
          <p>
            <strong>
              {t(
                lang,
                '市は、この案による政策の実施を取りやめました。',
                'The city has decided not to go ahead with this policy.',
              )}
            </strong>
          </p>
        </div>
      ) : null}
      <dl class="result-facts">
        <dt>{t(lang, '案件名', 'Title')}</dt>
        <dd>{c.title}</dd>
        {c.department ? (
          <>
            <dt>{t(lang, '担当課', 'Department')}</dt>
            <dd>{c.department}</dd>
          </>
        ) : null}
        <dt>{t(lang, '案の公表日', 'Draft published')}</dt>
        <dd>
          {c.publishedAt ? <time datetime={c.publishedAt}>{formatDate(c.publishedAt, lang)}</time> : '—'}
        </dd>
        <dt>{t(lang, '意見募集期間', 'Comment period')}</dt>
        <dd>
          <Period c={{ opens_at: c.opensAt, closes_at: c.closesAt }} lang={lang} />
        </dd>
        <dt>{t(lang, '結果の公表日', 'Result published')}</dt>
        <dd>
          <time datetime={c.resultPublishedAt}>{formatDate(c.resultPublishedAt, lang)}</time>
        </dd>
        <dt>{t(lang, '提出された意見', 'Comments received')}</dt>
        <dd class="result-count">
          {t(
            lang,
            `${result.submitterCount}人から${result.commentCount}件`,
            `${result.commentCount} comment${result.commentCount === 1 ? '' : 's'} from ${result.submitterCount} ${result.submitterCount === 1 ? 'person' : 'people'}`,
          )}
        </dd>
      </dl>

      {result.byChannel.length > 0 ? (
        <table class="channel-table">
          <caption>{t(lang, '提出方法別の内訳', 'By how comments were sent')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, '提出方法', 'Channel')}</th>
              <th scope="col">{t(lang, '提出者数', 'People')}</th>
              <th scope="col">{t(lang, '意見数', 'Comments')}</th>
            </tr>
          </thead>
          <tbody>
            {result.byChannel.map((r) => (
              <tr>
                <th scope="row">{channelLabel(r.channel, lang)}</th>
                <td class="num">{t(lang, `${r.submitters}人`, String(r.submitters))}</td>
                <td class="num">{t(lang, `${r.comments}件`, String(r.comments))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      <h3>{t(lang, '提出された意見の概要と市の考え方', "Summary of comments and the city's response")}</h3>
      <p class="hint">
        {t(
          lang,
          '意見は内容ごとに整理しています。件数は賛否の多数決を示すものではありません。',
          'Comments are grouped by what they say. The counts are not a vote.',
        )}
      </p>
      <ResultTable groups={result.groups} lang={lang} />

      {result.excluded.count > 0 || result.hidden.count > 0 ? (
        <>
          <h3>{t(lang, '整理の対象としなかった意見', 'Comments not included in the table')}</h3>
          <ul class="accounted-list">
            {result.excluded.count > 0 ? (
              <li>
                {t(
                  lang,
                  `案に対する意見ではないなどの理由で対象外とした意見：${result.excluded.count}件`,
                  `Excluded (for example, not about the draft): ${result.excluded.count}`,
                )}
                <ul>
                  {result.excluded.reasons.map((r) => (
                    <li>
                      {r.reason}
                      {t(lang, `（${r.count}件）`, ` (${r.count})`)}
                    </li>
                  ))}
                </ul>
              </li>
            ) : null}
            {result.hidden.count > 0 ? (
              <li>
                {t(
                  lang,
                  `運用方針により非公開とした意見：${result.hidden.count}件`,
                  `Withheld under the moderation policy: ${result.hidden.count}`,
                )}
                <ul>
                  {result.hidden.reasons.map((r) => (
                    <li>
                      {hiddenReasonLabel(r.reason, lang)}
                      {t(lang, `（${r.count}件）`, ` (${r.count})`)}
                    </li>
                  ))}
                </ul>
              </li>
            ) : null}
          </ul>
        </>
      ) : null}

      <h3>{t(lang, '案からの修正内容', 'Changes from the draft')}</h3>
      <SectionChanges changes={result.changes} lang={lang} />
      {result.changes.some((ch) => ch.kind !== 'unchanged') ? (
        <details class="comparison" id="comparison">
          <summary>
            {t(lang, '新旧対照表で見る（修正前・修正後）', 'See the old and new text side by side')}
          </summary>
          <ComparisonTable changes={result.changes} lang={lang} />
        </details>
      ) : null}

      {c.resultNote.trim() ? (
        <>
          <h3>{t(lang, '補足', 'Note')}</h3>
          <Paragraphs text={c.resultNote} />
        </>
      ) : null}

      <h3 class="no-print">{t(lang, 'データのダウンロード', 'Download the data')}</h3>
      <ul class="no-print download-list">
        <li>
          <a href={`${base}/result.csv`} download>
            {t(lang, '意見の概要と市の考え方（CSV・UTF-8）', 'Summary and responses (CSV, UTF-8)')}
          </a>
          {' ・ '}
          <a href={`${base}/result.csv?encoding=sjis`} download>
            {t(lang, 'Shift_JIS版', 'Shift_JIS')}
          </a>
        </li>
        <li>
          <a href={`${base}/comments.csv`} download>
            {t(
              lang,
              '提出された意見（個人情報を除く・CSV・UTF-8）',
              'Comments received, without personal data (CSV, UTF-8)',
            )}
          </a>
          {' ・ '}
          <a href={`${base}/comments.csv?encoding=sjis`} download>
            {t(lang, 'Shift_JIS版', 'Shift_JIS')}
          </a>
        </li>
        <li>
          <a href={`/api/v1/consultations/${c.id}/result`}>
            {t(lang, 'JSON（オープンデータ）', 'JSON (open data)')}
          </a>
        </li>
      </ul>
    </section>
  );
}
