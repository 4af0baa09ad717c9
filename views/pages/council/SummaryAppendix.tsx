/**
 * The appendix of the council paper (付録): what the summary's first pages stand on — the
 * counts by channel, category, section and day, each campaign in full, the themes with their
 * groups and typical comments, and the method. Charts keep their numbers as a table for screen
 * readers, folded away (<details>) on screen and left out of print.
 */
import type { Child } from 'hono/jsx';
import type { CouncilSummary, SummaryCampaign, SummaryCluster } from '../../../src/domain/council-summary.ts';
import type { Lang } from '../../../src/lib/i18n.ts';
import { t } from '../../../src/lib/i18n.ts';
import { campaignKindLabel, channelLabel } from '../../../src/lib/labels.ts';
import { formatDate, formatDateTime } from '../../../src/lib/time.ts';
import { BarChart } from '../../partials/charts/BarChart.tsx';
import { HBarChart } from '../../partials/charts/HBarChart.tsx';
import { Heatmap, heatLevel } from '../../partials/charts/Heatmap.tsx';
import { CouncilQuote, categoryText, clusterTitle, councilBase, sectionName } from './shared.tsx';

type Props = { summary: CouncilSummary; lang: Lang; print: boolean };

/** The same numbers as a chart, as a table: folded on screen, left out of print. */
function ChartTable({ lang, caption, children }: { lang: Lang; caption: string; children: Child }) {
  return (
    <details class="chart-table">
      <summary>{t(lang, `表で見る（${caption}）`, `Show as a table (${caption})`)}</summary>
      <table>
        <caption class="visually-hidden">{caption}</caption>
        {children}
      </table>
    </details>
  );
}

export function CountsAppendix({ summary, lang }: Props) {
  const k = summary.counts;
  const maxSection = Math.max(0, ...k.bySection.map((s) => s.count));
  const days = k.byDay.filter((d) => d.count > 0);
  return (
    <section id="counts" class="council-part" aria-labelledby="counts-h">
      <h3 id="counts-h">{t(lang, '付録A 件数の内訳', 'Appendix A. Counts in detail')}</h3>
      <p class="hint">
        {t(
          lang,
          '件数は受け付けた全ての意見（非表示としたものを含む）です。非表示とした意見の本文は内容の分析に含めず、この資料にも載せていません。',
          'Counts include every comment received, hidden ones too. The text of hidden comments is left out of the analysis and of this paper.',
        )}
      </p>
      <div class="chart-row">
        <Breakdown
          lang={lang}
          id="by-channel"
          heading={t(lang, '提出方法別', 'By channel')}
          keyHeading={t(lang, '提出方法', 'Channel')}
          rows={k.byChannel.map((r) => ({ ...r, label: channelLabel(r.channel, lang) }))}
        />
        <Breakdown
          lang={lang}
          id="by-category"
          heading={t(lang, '提出者の区分別', 'By submitter category')}
          keyHeading={t(lang, '区分', 'Category')}
          rows={k.byCategory.map((r) => ({ ...r, label: categoryText(r.category, lang) }))}
        />
      </div>
      <div class="chart-block">
        <h4 id="by-section">{t(lang, '該当箇所別（案の目次）', 'By section of the draft')}</h4>
        <p class="hint">
          {t(
            lang,
            '一つの意見が複数の箇所を挙げている場合は、それぞれの箇所で数えています。色の濃さは件数の目安で、件数はマスの中に数字で示しています。',
            'A comment that names several sections is counted for each. The shade is a guide to the number, which is written in each cell.',
          )}
        </p>
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
        <ChartTable lang={lang} caption={t(lang, '該当箇所別', 'By section')}>
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
                <td class="num">{s.count}</td>
              </tr>
            ))}
          </tbody>
        </ChartTable>
      </div>
      <div class="chart-block">
        <h4 id="by-day">{t(lang, '受付日別', 'By day received')}</h4>
        <BarChart
          id="chart-day"
          title={t(lang, '受付日別の意見数', 'Comments by day received')}
          desc={days.map((d) => `${d.date} ${d.count}`).join(t(lang, '、', ', '))}
          data={k.byDay.map((d) => ({ label: d.date, value: d.count }))}
        />
        <ChartTable lang={lang} caption={t(lang, '受付日別', 'By day received')}>
          <thead>
            <tr>
              <th scope="col">{t(lang, '受付日', 'Day')}</th>
              <th scope="col">{t(lang, '意見数', 'Comments')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr>
                <th scope="row">
                  <time datetime={d.date}>{formatDate(`${d.date}T03:00:00.000Z`, lang)}</time>
                </th>
                <td class="num">{d.count}</td>
              </tr>
            ))}
          </tbody>
        </ChartTable>
      </div>
    </section>
  );
}

/** Counts by one key (channel, category): a bar chart, and the same numbers as a table. */
function Breakdown({
  lang,
  id,
  heading,
  keyHeading,
  rows,
}: {
  lang: Lang;
  id: string;
  heading: string;
  keyHeading: string;
  rows: { label: string; submitters: number; comments: number }[];
}) {
  return (
    <div class="chart-block">
      <h4 id={id}>{heading}</h4>
      <HBarChart
        id={`chart-${id}`}
        title={t(lang, `${heading}の意見数`, `Comments ${heading.toLowerCase()}`)}
        desc={rows.map((r) => `${r.label} ${r.comments}`).join(t(lang, '、', ', '))}
        data={rows.map((r) => ({ label: r.label, value: r.comments }))}
      />
      <ChartTable lang={lang} caption={heading}>
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
      </ChartTable>
    </div>
  );
}

/** 「定型文に追記した文面：6件」, or for a campaign with variants 「同一・類似の文面：10件」. */
export function campaignHeading(c: SummaryCampaign, lang: Lang): string {
  const kind =
    c.variants.length > 1
      ? t(lang, '同一・類似の文面', 'Identical and edited texts')
      : campaignKindLabel(c.kind, lang);
  return `${kind}${t(lang, `：${c.size}件`, `: ${c.size} comment(s)`)}`;
}

export function CampaignsAppendix({ summary, lang, print }: Props) {
  return (
    <section id="campaigns" class="council-part" aria-labelledby="campaigns-h">
      <h3 id="campaigns-h">
        {t(
          lang,
          '付録B 同一・類似意見の大量提出',
          'Appendix B. Campaigns: identical and near-identical texts',
        )}
      </h3>
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
          {summary.campaigns.map((c, i) => (
            <li class="card campaign" id={`campaign-${c.id}`}>
              <h4>
                {t(lang, `大量提出${i + 1}　`, `Campaign ${i + 1}: `)}
                {campaignHeading(c, lang)}
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
              {c.variants.length > 1 ? (
                <>
                  <p class="quote-label">{t(lang, '文面の違い', 'Variants')}</p>
                  <ul class="variants">
                    {c.variants.map((v) => (
                      <li>
                        {campaignKindLabel(v.kind, lang)}
                        {t(lang, ` ${v.size}件`, `: ${v.size}`)}
                        {v.id === c.id ? null : <blockquote class="quote">{v.canonicalText}</blockquote>}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
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
    </section>
  );
}

export function ThemesAppendix({ summary, lang, print }: Props) {
  const base = councilBase(summary.consultation.id);
  return (
    <section id="themes" class="council-part" aria-labelledby="themes-h">
      <h3 id="themes-h">
        {t(lang, '付録C 内容によるテーマとグループ', 'Appendix C. Themes and groups by content')}
      </h3>
      <p class="hint">
        {t(
          lang,
          '意見の文面に使われた語をもとに、機械的にテーマ（大きなまとまり）とグループ（細かなまとまり）に分けました。各テーマの主な語と、代表的な意見を示します。',
          'Comments were grouped automatically by the words they use, into themes and finer groups. Each shows its key terms and typical comments.',
        )}
        {print
          ? t(
              lang,
              '印刷では各テーマの代表的な意見を一つ示します。全ての意見は画面で読めます。',
              'In print each theme shows one typical comment; every comment can be read on screen.',
            )
          : null}
      </p>
      {summary.themes.length === 0 ? (
        <p class="empty">{t(lang, '分析する意見がありません。', 'No comments to analyse.')}</p>
      ) : null}
      {summary.themes.map((th, i) => (
        <section class="theme" id={`theme-${th.id}`} aria-labelledby={`theme-${th.id}-h`}>
          <h4 id={`theme-${th.id}-h`}>
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
          {th.representatives.slice(0, print ? 1 : 3).map((r) => (
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
            <GroupsTable theme={th} no={i + 1} lang={lang} print={print} base={base} />
          ) : null}
        </section>
      ))}
    </section>
  );
}

function GroupsTable({
  theme,
  no,
  lang,
  print,
  base,
}: {
  theme: CouncilSummary['themes'][number];
  no: number;
  lang: Lang;
  print: boolean;
  base: string;
}) {
  return (
    <table class="groups-table">
      <caption>{t(lang, `テーマ${no}のグループ`, `Groups of theme ${no}`)}</caption>
      <thead>
        <tr>
          <th scope="col">{t(lang, 'グループ', 'Group')}</th>
          <th scope="col">{t(lang, '内容', 'About')}</th>
          <th scope="col">{t(lang, '件数', 'Comments')}</th>
          {print ? null : <th scope="col">{t(lang, '代表的な意見', 'Typical comment')}</th>}
        </tr>
      </thead>
      <tbody>
        {theme.groups.map((g: SummaryCluster, k) => (
          <tr>
            <th scope="row">
              {print ? (
                `${no}-${k + 1}`
              ) : (
                <a href={`${base}/clusters/${g.id}`}>
                  {`${no}-${k + 1}`}
                  <span class="visually-hidden">{t(lang, 'の意見をすべて読む', ': read all comments')}</span>
                </a>
              )}
            </th>
            <td>{clusterTitle(g, lang)}</td>
            <td class="num">{g.size}</td>
            {print ? null : (
              <td>
                {g.representatives[0] ? <CouncilQuote comment={g.representatives[0]} lang={lang} /> : null}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MethodAppendix({ summary, lang }: { summary: CouncilSummary; lang: Lang }) {
  const m = summary.method;
  return (
    <section id="method" class="council-part" aria-labelledby="method-h">
      <h3 id="method-h">
        {t(lang, '付録D 集計・分析の方法', 'Appendix D. How this was counted and analysed')}
      </h3>
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
