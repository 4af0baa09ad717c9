import type { CouncilSummary, SummaryCluster } from '../../../src/domain/council-summary.ts';
import type { Lang } from '../../../src/lib/i18n.ts';
import { t } from '../../../src/lib/i18n.ts';
import { campaignKindLabel, channelLabel, hiddenReasonLabel, outcomeLabel } from '../../../src/lib/labels.ts';
import { formatDate, formatDateTime } from '../../../src/lib/time.ts';
import type { PageCtx } from '../../context.ts';
import { BarChart } from '../../partials/charts/BarChart.tsx';
import { HBarChart } from '../../partials/charts/HBarChart.tsx';
import { Heatmap, heatLevel } from '../../partials/charts/Heatmap.tsx';
import { phaseLabel } from '../../partials/period.tsx';
import { CouncilQuote, categoryText, councilBase } from './shared.tsx';

export interface SummaryPageProps {
  ctx: PageCtx;
  summary: CouncilSummary;
  /** The meeting paper: no interactivity, everything open, page breaks between parts. */
  print?: boolean;
}

/** The council summary of one consultation (also its print layout with `print`). */
export function SummaryPage({ ctx, summary, print = false }: SummaryPageProps) {
  const { lang } = ctx;
  const c = summary.consultation;
  const base = councilBase(c.id);
  return (
    <article class={print ? 'council-summary council-print' : 'council-summary'}>
      {print ? null : (
        <p class="breadcrumb no-print">
          <a href="/council">{t(lang, '審議会資料', 'Council papers')}</a>
        </p>
      )}
      <header class="council-head">
        <p class="council-kind">
          {t(lang, '意見募集（パブリックコメント）の結果の集計', 'Summary of a public comment consultation')}
        </p>
        <h1>{c.title}</h1>
        <dl class="meta">
          <dt>{t(lang, '担当課', 'Department')}</dt>
          <dd>{c.department || '—'}</dd>
          <dt>{t(lang, '募集期間', 'Period')}</dt>
          <dd>
            {c.opensAt ? formatDate(c.opensAt, lang) : '—'}
            {t(lang, ' 〜 ', ' to ')}
            {c.closesAt ? formatDate(c.closesAt, lang) : '—'}
          </dd>
          <dt>{t(lang, '状況', 'Status')}</dt>
          <dd>{phaseLabel(c.phase, lang)}</dd>
          <dt>{t(lang, '資料作成日', 'Prepared on')}</dt>
          <dd>{formatDateTime(summary.preparedAt, lang)}</dd>
        </dl>
      </header>
      <div class="notice not-a-vote" role="note">
        <p>
          <strong>{lang === 'en' ? summary.notAVote.en : summary.notAVote.ja}</strong>
        </p>
      </div>
      {print ? null : (
        <>
          <ul class="actions no-print">
            <li>
              <a class="button" href={`${base}/print`}>
                {t(lang, '印刷用レイアウト（会議資料）', 'Print layout (meeting paper)')}
              </a>
            </li>
            <li>
              <a href={`${base}/summary.csv`}>{t(lang, 'CSVでダウンロード', 'Download CSV')}</a>
            </li>
            <li>
              <a href={`${base}/summary.json`}>{t(lang, 'JSONで表示', 'View as JSON')}</a>
            </li>
          </ul>
          <nav class="jump-links no-print" aria-label={t(lang, 'この資料の目次', 'Contents of this paper')}>
            <ul>
              <li>
                <a href="#counts">{t(lang, '1. 件数の集計', '1. Counts')}</a>
              </li>
              <li>
                <a href="#analysis">{t(lang, '2. 内容の分析', '2. Content analysis')}</a>
              </li>
              <li>
                <a href="#staff-groups">
                  {t(lang, '3. 意見の概要と市の考え方', '3. Summaries and responses')}
                </a>
              </li>
              <li>
                <a href="#method">{t(lang, '4. 集計・分析の方法', '4. Method')}</a>
              </li>
            </ul>
          </nav>
        </>
      )}
      <CountsPart summary={summary} lang={lang} />
      <AnalysisRegion summary={summary} lang={lang} print={print} />
      <StaffGroupsPart summary={summary} lang={lang} />
      <MethodPart summary={summary} lang={lang} />
    </article>
  );
}

function sectionName(s: { sectionId: number | null; label: string }, lang: Lang): string {
  if (s.sectionId === null)
    return t(lang, '全般（該当箇所の指定なし）', 'The draft as a whole (no section given)');
  return s.label;
}

function CountsPart({ summary, lang }: { summary: CouncilSummary; lang: Lang }) {
  const k = summary.counts;
  const maxSection = Math.max(0, ...k.bySection.map((s) => s.count));
  return (
    <section id="counts" class="council-part" aria-labelledby="counts-h">
      <h2 id="counts-h">{t(lang, '1. 件数の集計', '1. Counts')}</h2>
      <p class="lead">
        {t(
          lang,
          `${k.submitterCount}人から${k.commentCount}件の意見が提出されました。`,
          `${k.commentCount} comment(s) from ${k.submitterCount} submitter(s).`,
        )}
      </p>
      <dl class="meta">
        <dt>{t(lang, '提出者数', 'Submitters')}</dt>
        <dd>{t(lang, `${k.submitterCount}人`, String(k.submitterCount))}</dd>
        <dt>{t(lang, '意見数', 'Comments')}</dt>
        <dd>{t(lang, `${k.commentCount}件`, String(k.commentCount))}</dd>
        <dt>{t(lang, '非表示とした意見', 'Hidden comments')}</dt>
        <dd>
          {t(lang, `${k.hidden.count}件`, String(k.hidden.count))}
          {k.hidden.reasons.length > 0 ? (
            <>
              {t(lang, '（内訳：', ' (')}
              {k.hidden.reasons
                .map(
                  (r) => `${hiddenReasonLabel(r.reason, lang)} ${t(lang, `${r.count}件`, String(r.count))}`,
                )
                .join(t(lang, '、', ', '))}
              {t(lang, '）', ')')}
            </>
          ) : null}
        </dd>
      </dl>
      <p class="hint">
        {t(
          lang,
          '件数は受け付けた全ての意見（非表示としたものを含む）です。非表示とした意見の本文は内容の分析に含めず、この資料にも載せていません。',
          'Counts include every comment received, hidden ones too. The text of hidden comments is left out of the analysis and of this paper.',
        )}
      </p>

      <Breakdown
        lang={lang}
        id="by-channel"
        chartId="chart-channel"
        heading={t(lang, '提出方法別', 'By channel')}
        chartTitle={t(lang, '提出方法別の意見数', 'Comments by channel')}
        keyHeading={t(lang, '提出方法', 'Channel')}
        rows={k.byChannel.map((r) => ({ ...r, label: channelLabel(r.channel, lang) }))}
      />

      <Breakdown
        lang={lang}
        id="by-category"
        chartId="chart-category"
        heading={t(lang, '提出者の区分別', 'By submitter category')}
        chartTitle={t(lang, '提出者の区分別の意見数', 'Comments by submitter category')}
        keyHeading={t(lang, '区分', 'Category')}
        rows={k.byCategory.map((r) => ({ ...r, label: categoryText(r.category, lang) }))}
      />

      <h3 id="by-section">{t(lang, '該当箇所別（案の目次）', 'By section of the draft')}</h3>
      <p class="hint">
        {t(
          lang,
          '一つの意見が複数の箇所を挙げている場合は、それぞれの箇所で数えています。色の濃さは件数の目安で、件数はマスの中に数字で示しています。',
          'A comment that names several sections is counted for each. The shade is a guide to the number, which is written in each cell.',
        )}
      </p>
      <div class="chart-pair">
        <Heatmap
          id="chart-section"
          title={t(lang, '該当箇所別の意見数', 'Comments by section')}
          desc={k.bySection.map((s) => `${sectionName(s, lang)} ${s.count}`).join(t(lang, '、', ', '))}
          rows={k.bySection.map((s) => ({
            label: sectionName(s, lang),
            level: s.level,
            value: s.count,
            shade: heatLevel(s.count, maxSection),
          }))}
        />
        <table>
          <caption>{t(lang, '該当箇所別', 'By section')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, '該当箇所', 'Section')}</th>
              <th scope="col">{t(lang, '意見数', 'Comments')}</th>
            </tr>
          </thead>
          <tbody>
            {k.bySection.map((s) => (
              <tr>
                <th scope="row" class={`level-${Math.min(4, Math.max(1, s.level))}`}>
                  {sectionName(s, lang)}
                </th>
                <td class={`num heat-cell heat-${heatLevel(s.count, maxSection)}`}>{s.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3 id="by-day">{t(lang, '受付日別', 'By day received')}</h3>
      <div class="chart-pair chart-pair-wide">
        <BarChart
          id="chart-day"
          title={t(lang, '受付日別の意見数', 'Comments by day received')}
          desc={k.byDay
            .filter((d) => d.count > 0)
            .map((d) => `${d.date} ${d.count}`)
            .join(t(lang, '、', ', '))}
          data={k.byDay.map((d) => ({ label: d.date, value: d.count }))}
        />
        <table>
          <caption>{t(lang, '受付日別', 'By day received')}</caption>
          <thead>
            <tr>
              <th scope="col">{t(lang, '受付日', 'Day')}</th>
              <th scope="col">{t(lang, '意見数', 'Comments')}</th>
            </tr>
          </thead>
          <tbody>
            {k.byDay
              .filter((d) => d.count > 0)
              .map((d) => (
                <tr>
                  <th scope="row">
                    <time datetime={d.date}>{formatDate(`${d.date}T03:00:00.000Z`, lang)}</time>
                  </th>
                  <td class="num">{d.count}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/**
 * The part that depends on the engine: campaigns, bursts, themes. While the analysis runs it is
 * a progress region that htmx refreshes every two seconds (and a reload link without JS).
 */
/** Counts by one key (channel, category): a bar chart and the same numbers as a table. */
function Breakdown({
  lang,
  id,
  chartId,
  heading,
  chartTitle,
  keyHeading,
  rows,
}: {
  lang: Lang;
  id: string;
  chartId: string;
  heading: string;
  chartTitle: string;
  keyHeading: string;
  rows: { label: string; submitters: number; comments: number }[];
}) {
  return (
    <>
      <h3 id={id}>{heading}</h3>
      <div class="chart-pair">
        <HBarChart
          id={chartId}
          title={chartTitle}
          desc={rows.map((r) => `${r.label} ${r.comments}`).join(t(lang, '、', ', '))}
          data={rows.map((r) => ({ label: r.label, value: r.comments }))}
        />
        <table>
          <caption>{heading}</caption>
          <thead>
            <tr>
              <th scope="col">{keyHeading}</th>
              <th scope="col">{t(lang, '提出者数', 'Submitters')}</th>
              <th scope="col">{t(lang, '意見数', 'Comments')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{r.label}</th>
                <td class="num">{r.submitters}</td>
                <td class="num">{r.comments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function AnalysisRegion({
  summary,
  lang,
  print = false,
}: {
  summary: CouncilSummary;
  lang: Lang;
  print?: boolean;
}) {
  const base = councilBase(summary.consultation.id);
  const a = summary.analysis;
  if (a.status === 'running') {
    return (
      <section
        id="analysis"
        class="council-part analysis-running"
        aria-labelledby="analysis-h"
        aria-busy="true"
        hx-get={`${base}/analysis`}
        hx-trigger="every 2s"
        hx-swap="outerHTML"
      >
        <h2 id="analysis-h">{t(lang, '2. 内容の分析', '2. Content analysis')}</h2>
        <p role="status">{t(lang, `分析中… ${a.percent}%`, `Analysing… ${a.percent}%`)}</p>
        <progress max={100} value={a.percent}>
          {a.percent}%
        </progress>
        <p>
          {t(
            lang,
            '意見の内容を分析しています。件数の集計は上に表示済みです。分析が終わると、この欄に結果が表示されます。',
            'The comments are being analysed. The counts above are complete; the result will appear here when the analysis ends.',
          )}{' '}
          <a href={print ? `${base}/print` : base}>{t(lang, '再読み込み', 'Reload')}</a>
        </p>
      </section>
    );
  }
  if (a.status === 'failed') {
    return (
      <section id="analysis" class="council-part" aria-labelledby="analysis-h">
        <h2 id="analysis-h">{t(lang, '2. 内容の分析', '2. Content analysis')}</h2>
        <p class="field-error">
          {t(lang, '内容の分析を完了できませんでした。', 'The analysis could not be completed.')}{' '}
          <a href={base}>{t(lang, 'もう一度試す', 'Try again')}</a>
        </p>
      </section>
    );
  }
  return (
    <section id="analysis" class="council-part" aria-labelledby="analysis-h">
      <h2 id="analysis-h">{t(lang, '2. 内容の分析', '2. Content analysis')}</h2>
      <p class="hint">
        {t(
          lang,
          `分析の対象：非表示とした意見を除く${summary.counts.analysedCount}件。分析日時：${formatDateTime(a.computedAt, 'ja')}`,
          `Analysed: ${summary.counts.analysedCount} comment(s), hidden ones excluded. Analysed at ${formatDateTime(a.computedAt, 'en')}.`,
        )}
      </p>
      <CampaignsPart summary={summary} lang={lang} print={print} />
      <ThemesPart summary={summary} lang={lang} print={print} />
    </section>
  );
}

function CampaignsPart({ summary, lang, print }: { summary: CouncilSummary; lang: Lang; print: boolean }) {
  return (
    <div id="campaigns" class="council-subpart">
      <h3>{t(lang, '同一・類似意見の大量提出', 'Campaigns: identical and near-identical texts')}</h3>
      <p class="hint">
        {t(
          lang,
          '同じ文面や定型文をもとにした意見は、文面を一度だけ示し、件数を添えています。件数は賛否の票数ではありません。',
          'Identical texts and form letters are shown once, with their count. The count is not a vote.',
        )}
      </p>
      {summary.campaigns.length === 0 ? (
        <p class="empty">{t(lang, '該当するものはありません。', 'None found.')}</p>
      ) : (
        <ol class="campaigns">
          {summary.campaigns.map((c) => (
            <li class="card campaign">
              <h4>
                {campaignKindLabel(c.kind, lang)}
                {t(lang, `：${c.size}件`, `: ${c.size} comment(s)`)}
                <span class="count">
                  {t(lang, `（異なる文面 ${c.uniqueSize}種）`, ` (${c.uniqueSize} distinct text(s))`)}
                </span>
              </h4>
              <p class="quote-label">
                {c.kind === 'form_letter'
                  ? t(lang, '共通の文面（定型文）', 'Shared template')
                  : c.kind === 'paraphrase'
                    ? t(lang, '代表的な文面', 'Most typical text')
                    : t(lang, '文面', 'Text')}
              </p>
              <blockquote class="quote">{c.canonicalText}</blockquote>
              {c.burst ? (
                <p>
                  {t(
                    lang,
                    `${formatDateTime(c.burst.start, 'ja')} から ${formatDateTime(c.burst.end, 'ja')} までに ${c.burst.count}件が集中して届きました。`,
                    `${c.burst.count} arrived between ${formatDateTime(c.burst.start, 'en')} and ${formatDateTime(c.burst.end, 'en')}.`,
                  )}
                </p>
              ) : null}
              {c.additions.length > 0 ? (
                <details open={print}>
                  <summary>
                    {t(
                      lang,
                      `各意見で追加された文面（${c.additions.length}件）`,
                      `Text added to each copy (${c.additions.length})`,
                    )}
                  </summary>
                  <ul class="additions">
                    {c.additions.map((a) => (
                      <li>
                        <span class="addition-id">
                          {t(lang, `意見番号 ${a.commentId}：`, `No. ${a.commentId}: `)}
                        </span>
                        {a.text}
                      </li>
                    ))}
                  </ul>
                </details>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      {summary.bursts.length > 0 ? (
        <>
          <h4>{t(lang, '短時間に集中した提出', 'Bursts of submissions')}</h4>
          <table>
            <thead>
              <tr>
                <th scope="col">{t(lang, '対象', 'Campaign')}</th>
                <th scope="col">{t(lang, '期間', 'Between')}</th>
                <th scope="col">{t(lang, '件数', 'Comments')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.bursts.map((b) => {
                const n = summary.campaigns.findIndex((c) => c.id === b.campaignId) + 1;
                return (
                  <tr>
                    <th scope="row">{t(lang, `大量提出 ${n}`, `Campaign ${n}`)}</th>
                    <td>
                      {formatDateTime(b.start, lang)}
                      {t(lang, ' 〜 ', ' – ')}
                      {formatDateTime(b.end, lang)}
                    </td>
                    <td class="num">{b.count}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}

function clusterTitle(cl: SummaryCluster, lang: Lang): string {
  if (cl.unclassified)
    return t(
      lang,
      '分類できなかった意見（短い意見など）',
      'Could not be classified (very short comments and the like)',
    );
  return cl.keyTerms.slice(0, 5).join(t(lang, '・', ', '));
}

function ThemesPart({ summary, lang, print }: { summary: CouncilSummary; lang: Lang; print: boolean }) {
  const base = councilBase(summary.consultation.id);
  return (
    <div id="themes" class="council-subpart">
      <h3>{t(lang, '内容によるテーマとグループ', 'Themes and groups by content')}</h3>
      <p class="hint">
        {t(
          lang,
          '意見の文面に使われた語をもとに、機械的にテーマ（大きなまとまり）とグループ（細かなまとまり）に分けました。各テーマの主な語と、代表的な意見を示します。',
          'Comments were grouped automatically by the words they use, into themes and finer groups. Each shows its key terms and typical comments.',
        )}
      </p>
      {summary.themes.length === 0 ? (
        <p class="empty">{t(lang, '分析する意見がありません。', 'No comments to analyse.')}</p>
      ) : null}
      {summary.themes.map((th, i) => (
        <section class="theme" aria-labelledby={`theme-${th.id}`}>
          <h4 id={`theme-${th.id}`}>
            {t(lang, `テーマ${i + 1}：`, `Theme ${i + 1}: `)}
            {clusterTitle(th, lang)}
            <span class="count">{t(lang, `（${th.size}件）`, ` (${th.size})`)}</span>
          </h4>
          {th.keyTerms.length > 0 ? (
            <p>
              {t(lang, '主な語：', 'Key terms: ')}
              {th.keyTerms.join(t(lang, '、', ', '))}
            </p>
          ) : null}
          <p class="quote-label">{t(lang, '代表的な意見', 'Typical comments')}</p>
          {th.representatives.slice(0, 3).map((r) => (
            <CouncilQuote comment={r} lang={lang} />
          ))}
          {print ? null : (
            <p>
              <a href={`${base}/clusters/${th.id}`}>
                {t(
                  lang,
                  `このテーマの意見をすべて読む（${th.size}件）`,
                  `Read all comments of this theme (${th.size})`,
                )}
              </a>
            </p>
          )}
          {th.groups.length > 1 ? (
            <table class="groups-table">
              <caption>{t(lang, `テーマ${i + 1}のグループ`, `Groups of theme ${i + 1}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(lang, 'グループ', 'Group')}</th>
                  <th scope="col">{t(lang, '主な語', 'Key terms')}</th>
                  <th scope="col">{t(lang, '件数', 'Comments')}</th>
                  <th scope="col">{t(lang, '代表的な意見', 'Typical comment')}</th>
                </tr>
              </thead>
              <tbody>
                {th.groups.map((g, k) => (
                  <tr>
                    <th scope="row">
                      {print ? (
                        `${i + 1}-${k + 1}`
                      ) : (
                        <a href={`${base}/clusters/${g.id}`}>
                          {`${i + 1}-${k + 1}`}
                          <span class="visually-hidden">
                            {t(lang, 'の意見をすべて読む', ': read all comments')}
                          </span>
                        </a>
                      )}
                    </th>
                    <td>{clusterTitle(g, lang)}</td>
                    <td class="num">{g.size}</td>
                    <td>
                      {g.representatives[0] ? (
                        <CouncilQuote comment={g.representatives[0]} lang={lang} />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ))}
    </div>
  );
}

function StaffGroupsPart({ summary, lang }: { summary: CouncilSummary; lang: Lang }) {
  const { draft, groups } = summary.staffGroups;
  return (
    <section id="staff-groups" class="council-part" aria-labelledby="staff-groups-h">
      <h2 id="staff-groups-h">
        {t(lang, '3. 意見の概要と市の考え方', '3. Summaries of comments and the city’s responses')}
        {draft ? <span class="badge draft-mark">{t(lang, '案', 'Draft')}</span> : null}
      </h2>
      {draft ? (
        <p>
          {t(
            lang,
            '結果の公表前のため、担当課が作成中の案です。今後変わることがあります。',
            'The result is not yet published: this is the department’s draft and may still change.',
          )}
        </p>
      ) : null}
      {groups.length === 0 ? (
        <p class="empty">
          {t(
            lang,
            '担当課による意見の整理はまだありません。',
            'The department has not grouped the comments yet.',
          )}
        </p>
      ) : (
        <div class="table-scroll">
          <table class="staff-groups">
            <thead>
              <tr>
                <th scope="col">{t(lang, '番号', 'No.')}</th>
                <th scope="col">{t(lang, '該当箇所', 'Section')}</th>
                <th scope="col">{t(lang, '意見の概要', 'Summary of comments')}</th>
                <th scope="col">{t(lang, '件数', 'Comments')}</th>
                <th scope="col">{t(lang, '市の考え方', 'City’s response')}</th>
                <th scope="col">{t(lang, '修正の有無', 'Revision')}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr>
                  <th scope="row">
                    {g.no}
                    {draft ? <span class="draft-mark">{t(lang, '（案）', ' (draft)')}</span> : null}
                  </th>
                  <td>{g.sections.map((s) => s.label).join('、') || t(lang, '全般', 'Whole draft')}</td>
                  <td class="pre">{g.summary}</td>
                  <td class="num">{g.commentCount}</td>
                  <td class="pre">{g.response || t(lang, '（未記入）', '(not written yet)')}</td>
                  <td>
                    {g.outcome ? outcomeLabel(g.outcome, lang) : t(lang, '未定', 'Not decided')}
                    {g.revisionNote ? <p class="pre">{g.revisionNote}</p> : null}
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

function MethodPart({ summary, lang }: { summary: CouncilSummary; lang: Lang }) {
  const m = summary.method;
  return (
    <section id="method" class="council-part" aria-labelledby="method-h">
      <h2 id="method-h">{t(lang, '4. 集計・分析の方法', '4. How this was counted and analysed')}</h2>
      <p>
        <strong>{lang === 'en' ? summary.notAVote.en : summary.notAVote.ja}</strong>
      </p>
      <p>
        {t(
          lang,
          '提出者数は、同じ方が複数の意見を出した場合も1人と数えています（氏名等は集計にのみ用い、この資料には載せていません）。',
          'Submitters are counted once even when they sent several comments (names are used only for counting and never shown here).',
        )}
      </p>
      {m ? (
        <>
          <p>{lang === 'en' ? m.intro.en : m.intro.ja}</p>
          <p>{lang === 'en' ? m.en : m.ja}</p>
        </>
      ) : (
        <p>
          {t(
            lang,
            '内容の分析が終わると、方法の説明をここに表示します。',
            'The method is described here once the analysis ends.',
          )}
        </p>
      )}
    </section>
  );
}
