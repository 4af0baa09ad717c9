/**
 * The council paper of one consultation, on screen and in print (`print`), in two layers: first
 * the summary a member reads in ten minutes (提出者数・意見数, each campaign in a line, each theme
 * in a line, the staff's groups with their draft responses, in that order; the first two A4
 * pages in print), then the appendix it stands on (SummaryAppendix.tsx).
 */
import type { CouncilSummary, SummaryCampaign } from '../../../src/domain/council-summary.ts';
import { previewText } from '../../../src/lib/format.ts';
import type { Lang } from '../../../src/lib/i18n.ts';
import { t } from '../../../src/lib/i18n.ts';
import { campaignKindLabel, channelLabel, hiddenReasonLabel, outcomeLabel } from '../../../src/lib/labels.ts';
import { formatDate, formatDateTime } from '../../../src/lib/time.ts';
import type { PageCtx } from '../../context.ts';
import { phaseLabel } from '../../partials/period.tsx';
import { CampaignsAppendix, CountsAppendix, MethodAppendix, ThemesAppendix } from './SummaryAppendix.tsx';
import { clusterTitle, councilBase } from './shared.tsx';

export interface SummaryPageProps {
  ctx: PageCtx;
  summary: CouncilSummary;
  /** The meeting paper: no interactivity, the appendix on its own pages. */
  print?: boolean;
}

/** The whole paper; also what the progress region's poll replaces itself with (`#council-paper`). */
export function SummaryPage({ ctx, summary, print = false }: SummaryPageProps) {
  const { lang } = ctx;
  const c = summary.consultation;
  const base = councilBase(c.id);
  const ready = summary.analysis.status === 'ready';
  return (
    <article id="council-paper" class={print ? 'council-summary council-print' : 'council-summary'}>
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
      {print ? null : <ScreenLinks base={base} lang={lang} ready={ready} />}
      <section id="overview" class="council-overview" aria-labelledby="overview-h">
        <h2 id="overview-h">{t(lang, '概要', 'Summary')}</h2>
        <CountsLine summary={summary} lang={lang} />
        {ready ? (
          <>
            <CampaignLines summary={summary} lang={lang} print={print} />
            <ThemeLines summary={summary} lang={lang} print={print} />
          </>
        ) : (
          <AnalysisRegion summary={summary} lang={lang} print={print} />
        )}
        <StaffGroups summary={summary} lang={lang} />
      </section>
      <section id="appendix" class="council-appendix" aria-labelledby="appendix-h">
        <h2 id="appendix-h">{t(lang, '付録', 'Appendix')}</h2>
        <CountsAppendix summary={summary} lang={lang} print={print} />
        {ready ? (
          <>
            <CampaignsAppendix summary={summary} lang={lang} print={print} />
            <ThemesAppendix summary={summary} lang={lang} print={print} />
          </>
        ) : null}
        <MethodAppendix summary={summary} lang={lang} />
      </section>
    </article>
  );
}

function ScreenLinks({ base, lang, ready }: { base: string; lang: Lang; ready: boolean }) {
  const parts: [string, string, string][] = [
    ['#overview', '概要', 'Summary'],
    ['#staff-groups', '意見の概要と市の考え方', 'Summaries and responses'],
    ['#counts', '付録A 件数の内訳', 'A. Counts in detail'],
    ...(ready
      ? ([
          ['#campaigns', '付録B 大量提出の文面', 'B. Campaign texts'],
          ['#themes', '付録C テーマとグループ', 'C. Themes and groups'],
        ] as [string, string, string][])
      : []),
    ['#method', '付録D 集計・分析の方法', 'D. Method'],
  ];
  return (
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
          {parts.map(([href, ja, en]) => (
            <li>
              <a href={href}>{t(lang, ja, en)}</a>
            </li>
          ))}
        </ul>
      </nav>
    </>
  );
}

function CountsLine({ summary, lang }: { summary: CouncilSummary; lang: Lang }) {
  const k = summary.counts;
  const list = (items: string[]) => items.join(t(lang, '、', ', '));
  return (
    <div id="counts-summary">
      <p class="lead">
        {t(
          lang,
          `${k.submitterCount}人から${k.commentCount}件の意見が提出されました。`,
          `${k.commentCount} comment(s) from ${k.submitterCount} submitter(s).`,
        )}
      </p>
      <dl class="meta counts-meta">
        <dt>{t(lang, '提出方法別', 'By channel')}</dt>
        <dd>
          {list(
            k.byChannel.map(
              (r) => `${channelLabel(r.channel, lang)} ${t(lang, `${r.comments}件`, String(r.comments))}`,
            ),
          ) || '—'}
        </dd>
        <dt>{t(lang, '非表示とした意見', 'Hidden comments')}</dt>
        <dd>
          {t(lang, `${k.hidden.count}件`, String(k.hidden.count))}
          {k.hidden.reasons.length > 0 ? (
            <>
              {t(lang, '（内訳：', ' (')}
              {list(
                k.hidden.reasons.map(
                  (r) => `${hiddenReasonLabel(r.reason, lang)} ${t(lang, `${r.count}件`, String(r.count))}`,
                ),
              )}
              {t(lang, '）', ')')}
            </>
          ) : null}
        </dd>
      </dl>
    </div>
  );
}

/** The campaign's text in a line: its first sentence, cut short. */
function firstSentence(text: string): string {
  const end = text.indexOf('。');
  return previewText(end > 0 ? text.slice(0, end + 1) : text, 48);
}

/** 「定型文に追記した文面 7件・同一の文面 3件」: what a campaign's count is made of. */
function variantsLine(c: SummaryCampaign, lang: Lang): string {
  return c.variants
    .map((v) => `${campaignKindLabel(v.kind, lang)} ${t(lang, `${v.size}件`, String(v.size))}`)
    .join(t(lang, '・', ', '));
}

function CampaignLines({ summary, lang, print }: { summary: CouncilSummary; lang: Lang; print: boolean }) {
  return (
    <section id="campaigns-summary" aria-labelledby="campaigns-summary-h">
      <h3 id="campaigns-summary-h">{t(lang, '同一・類似意見の大量提出', 'Campaigns')}</h3>
      {summary.campaigns.length === 0 ? (
        <p class="empty">{t(lang, '該当するものはありません。', 'None found.')}</p>
      ) : (
        <ol class="summary-lines">
          {summary.campaigns.map((c) => (
            <li>
              {t(lang, `「${firstSentence(c.canonicalText)}」`, `“${firstSentence(c.canonicalText)}”`)}{' '}
              <strong class="line-count">{t(lang, `${c.size}件`, `${c.size} comment(s)`)}</strong>{' '}
              <span class="count">
                {t(lang, '（', '(')}
                {variantsLine(c, lang)}
                {t(lang, '）', ')')}
              </span>
              {print ? null : (
                <>
                  {' '}
                  <a href={`#campaign-${c.id}`}>
                    {t(lang, '文面', 'Text')}
                    <span class="visually-hidden">{t(lang, 'を読む', ' in full')}</span>
                  </a>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      <p class="hint campaigns-hint">
        {t(
          lang,
          '同じ文面・定型文による意見を一つにまとめて数えています。件数は賛否の票数ではありません。',
          'Copies of one text, edited or not, are counted together. The count is not a vote.',
        )}
      </p>
    </section>
  );
}

function ThemeLines({ summary, lang, print }: { summary: CouncilSummary; lang: Lang; print: boolean }) {
  return (
    <section id="themes-summary" aria-labelledby="themes-summary-h">
      <h3 id="themes-summary-h">
        {t(lang, '内容によるテーマ（機械的な分類）', 'Themes (grouped automatically)')}
      </h3>
      {summary.themes.length === 0 ? (
        <p class="empty">{t(lang, '分析する意見がありません。', 'No comments to analyse.')}</p>
      ) : (
        <ol class="summary-lines theme-lines">
          {summary.themes.map((th, i) => (
            <li>
              <span class="line-no">{t(lang, `テーマ${i + 1}`, `Theme ${i + 1}`)}</span>{' '}
              {print ? clusterTitle(th, lang) : <a href={`#theme-${th.id}`}>{clusterTitle(th, lang)}</a>}{' '}
              <strong class="line-count">{t(lang, `${th.size}件`, `${th.size}`)}</strong>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function StaffGroups({ summary, lang }: { summary: CouncilSummary; lang: Lang }) {
  const { draft, groups } = summary.staffGroups;
  return (
    <section id="staff-groups" aria-labelledby="staff-groups-h">
      <h3 id="staff-groups-h">
        {t(lang, '意見の概要と市の考え方', 'Summaries of comments and the city’s responses')}
        {draft ? <span class="badge draft-mark">{t(lang, '案', 'Draft')}</span> : null}
      </h3>
      {draft ? (
        <p class="hint">
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
        <ol class="staff-groups">
          {groups.map((g) => (
            <li class="staff-group">
              <p class="staff-group-head">
                <span class="line-no">
                  {g.no}
                  {draft ? <span class="draft-mark">{t(lang, '（案）', ' (draft)')}</span> : null}
                </span>{' '}
                <span class="pre">{g.summary}</span>{' '}
                <strong class="line-count">
                  {t(lang, `${g.commentCount}件`, `${g.commentCount} comment(s)`)}
                </strong>
              </p>
              <p class="staff-group-meta">
                <span class="part-label">{t(lang, '該当箇所', 'Section')}</span>
                {g.sections.map((s) => s.label).join('、') || t(lang, '全般', 'Whole draft')}
                <span class="part-label">{t(lang, '修正の有無', 'Revision')}</span>
                {g.outcome ? outcomeLabel(g.outcome, lang) : t(lang, '未定', 'Not decided')}
              </p>
              <p class="staff-group-response pre">
                <span class="part-label">
                  {draft
                    ? t(lang, '市の考え方（案）', 'City’s response (draft)')
                    : t(lang, '市の考え方', 'City’s response')}
                </span>
                {g.response || t(lang, '（未記入）', '(not written yet)')}
              </p>
              {g.revisionNote ? (
                <p class="staff-group-response pre">
                  <span class="part-label">{t(lang, '修正内容', 'Change')}</span>
                  {g.revisionNote}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * The place of the campaigns and themes while the analysis runs: a progress region that htmx
 * polls every two seconds, replacing the whole paper once it is done (a reload link without JS).
 */
export function AnalysisRegion({
  summary,
  lang,
  print,
}: {
  summary: CouncilSummary;
  lang: Lang;
  print: boolean;
}) {
  const base = councilBase(summary.consultation.id);
  const a = summary.analysis;
  if (a.status === 'failed') {
    return (
      <section id="analysis" aria-labelledby="analysis-h">
        <h3 id="analysis-h">{t(lang, '内容の分析', 'Content analysis')}</h3>
        <p class="field-error">
          {t(lang, '内容の分析を完了できませんでした。', 'The analysis could not be completed.')}{' '}
          <a href={base}>{t(lang, 'もう一度試す', 'Try again')}</a>
        </p>
      </section>
    );
  }
  const percent = a.status === 'running' ? a.percent : 100;
  return (
    <section
      id="analysis"
      class="analysis-running"
      aria-labelledby="analysis-h"
      aria-busy="true"
      hx-get={`${base}/analysis`}
      hx-trigger="every 2s"
      hx-target="#council-paper"
      hx-swap="outerHTML"
    >
      <h3 id="analysis-h">{t(lang, '内容の分析', 'Content analysis')}</h3>
      <p role="status">{t(lang, `分析中… ${percent}%`, `Analysing… ${percent}%`)}</p>
      <progress max={100} value={percent}>
        {percent}%
      </progress>
      <p>
        {t(
          lang,
          '意見の内容を分析しています。件数の集計は表示済みです。分析が終わると、大量提出とテーマがここに表示されます。',
          'The comments are being analysed. The counts are complete; campaigns and themes will appear here when the analysis ends.',
        )}{' '}
        <a href={print ? `${base}/print` : base}>{t(lang, '再読み込み', 'Reload')}</a>
      </p>
    </section>
  );
}
