import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Consultation } from '../../db/schema.ts';
import { ClusterCommentsPage } from '../../views/pages/council/ClusterCommentsPage.tsx';
import { CouncilIndex } from '../../views/pages/council/CouncilIndex.tsx';
import { campaignKindLabel } from '../../views/pages/council/shared.tsx';
import { AnalysisRegion, SummaryPage } from '../../views/pages/council/SummaryPage.tsx';
import {
  countCouncilComments,
  findCouncilConsultation,
  listCouncilComments,
  listCouncilConsultations,
} from '../data/council.ts';
import { listResultGroups } from '../data/results.ts';
import {
  buildCouncilSummary,
  type CouncilSummary,
  findCluster,
  pageOf,
  representativeIds,
  summaryCsvRows,
} from '../domain/council-summary.ts';
import { phaseOf } from '../domain/lifecycle.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../http/session.ts';
import { encodeCsv, toCsv } from '../lib/csv.ts';
import { t } from '../lib/i18n.ts';
import { positiveInt } from '../lib/params.ts';
import { categoryLabel, channelLabel, hiddenReasonLabel, outcomeLabel } from '../lib/labels.ts';
import { pageCtx, render } from '../lib/render.tsx';

/** Council summaries: counts, campaigns, themes, the staff's groups; print, JSON and CSV. */
export const councilRoutes = new Hono<AppEnv>();

councilRoutes.use('*', requireRole('council', 'staff', 'admin'));

type C = Context<AppEnv>;

async function loadConsultation(c: C): Promise<Consultation> {
  const id = positiveInt(c.req.param('id'));
  const consultation = id ? await findCouncilConsultation(c.var.db, id) : undefined;
  if (!consultation) {
    throw new HTTPException(404, {
      message: t(c.var.lang, '該当する意見募集が見つかりません。', 'No such consultation.'),
    });
  }
  return consultation;
}

/**
 * Gathers everything the summary shows. `wait`: for print, JSON and CSV, wait (off the main
 * thread) for a running analysis rather than answer at once with its progress.
 */
async function loadSummary(c: C, consultation: Consultation, wait: boolean): Promise<CouncilSummary> {
  const { db, clock } = c.var;
  const now = clock.now();
  const [counts, analysis, groups] = [
    await countCouncilComments(db, consultation.id),
    await c.var.analysis.get(consultation.id, { wait }),
    await listResultGroups(db, consultation.id),
  ];
  const comments =
    analysis.state === 'ready'
      ? await listCouncilComments(db, consultation.id, representativeIds(analysis.result))
      : [];
  return buildCouncilSummary({
    consultation: {
      id: consultation.id,
      title: consultation.title,
      department: consultation.department,
      phase: phaseOf(consultation, now),
      publishedAt: consultation.published_at,
      opensAt: consultation.opens_at,
      closesAt: consultation.closes_at,
      resultPublishedAt: consultation.result_published_at,
    },
    now,
    counts,
    analysis,
    comments: new Map(comments.map((x) => [x.id, x])),
    staffGroups: groups.map((g) => ({
      no: g.no,
      summary: g.summary,
      response: g.response,
      outcome: g.outcome,
      revisionNote: g.revisionNote,
      sections: g.sections.map((s) => ({ number: s.number, heading: s.heading })),
      commentCount: g.commentCount,
    })),
  });
}

councilRoutes.get('/', async (c) => {
  const ctx = pageCtx(c);
  const rows = await listCouncilConsultations(c.var.db);
  return render(c, {
    title: t(ctx.lang, '審議会資料', 'Council papers'),
    body: <CouncilIndex ctx={ctx} rows={rows} />,
    area: 'council',
  });
});

/** The summary page; `analysisOnly`: the analysis region alone for htmx (what the progress polls). */
async function summaryPage(c: C, analysisOnly: boolean) {
  const consultation = await loadConsultation(c);
  const summary = await loadSummary(c, consultation, false);
  const ctx = pageCtx(c);
  return render(c, {
    title: t(ctx.lang, `審議会資料：${consultation.title}`, `Council paper: ${consultation.title}`),
    body: <SummaryPage ctx={ctx} summary={summary} />,
    fragment: analysisOnly ? <AnalysisRegion summary={summary} lang={ctx.lang} /> : undefined,
    area: 'council',
  });
}

councilRoutes.get('/consultations/:id', (c) => summaryPage(c, false));

/** The analysis part alone: what the progress region polls until the analysis is done. */
councilRoutes.get('/consultations/:id/analysis', (c) => summaryPage(c, true));

councilRoutes.get('/consultations/:id/print', async (c) => {
  const consultation = await loadConsultation(c);
  const summary = await loadSummary(c, consultation, true);
  const ctx = pageCtx(c);
  return render(c, {
    title: t(ctx.lang, `審議会資料：${consultation.title}`, `Council paper: ${consultation.title}`),
    body: <SummaryPage ctx={ctx} summary={summary} print />,
    area: 'council',
  });
});

councilRoutes.get('/consultations/:id/summary.json', async (c) => {
  const consultation = await loadConsultation(c);
  const summary = await loadSummary(c, consultation, true);
  c.header('Cache-Control', 'no-store');
  return c.json(summary);
});

councilRoutes.get('/consultations/:id/summary.csv', async (c) => {
  const consultation = await loadConsultation(c);
  const summary = await loadSummary(c, consultation, true);
  const lang = c.var.lang;
  const csv = toCsv(
    summaryCsvRows(summary, lang, {
      channel: channelLabel,
      category: categoryLabel,
      hiddenReason: hiddenReasonLabel,
      outcome: outcomeLabel,
      campaignKind: campaignKindLabel,
    }),
  );
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="council-summary-${consultation.id}.csv"`);
  c.header('Cache-Control', 'no-store');
  return c.body(encodeCsv(csv) as Uint8Array<ArrayBuffer>);
});

/** Every comment of one theme (`t2`) or group (`t2.g3`), paged. */
councilRoutes.get('/consultations/:id/clusters/:cluster', async (c) => {
  const consultation = await loadConsultation(c);
  const { db, lang } = c.var;
  const analysis = await c.var.analysis.get(consultation.id, { wait: true });
  const ctx = pageCtx(c);
  if (analysis.state !== 'ready') {
    const summary = await loadSummary(c, consultation, false);
    return render(c, {
      title: t(lang, `審議会資料：${consultation.title}`, `Council paper: ${consultation.title}`),
      body: <SummaryPage ctx={ctx} summary={summary} />,
      status: 503,
      area: 'council',
    });
  }
  const found = findCluster(analysis.result, c.req.param('cluster'));
  if (!found) {
    throw new HTTPException(404, {
      message: t(
        lang,
        'このグループは見つかりません。意見が増えるなどして分析がやり直された可能性があります。集計のページから選び直してください。',
        'No such group. The analysis may have been redone after new comments arrived; please choose again from the summary.',
      ),
    });
  }
  const cluster = found.group ?? found.theme;
  const themeNo = analysis.result.themes.indexOf(found.theme) + 1;
  const groupNo = found.group ? found.theme.groups.indexOf(found.group) + 1 : 0;
  const label = found.group
    ? t(
        lang,
        `テーマ${themeNo}のグループ${themeNo}-${groupNo}`,
        `Theme ${themeNo}, group ${themeNo}-${groupNo}`,
      )
    : t(lang, `テーマ${themeNo}`, `Theme ${themeNo}`);
  const page = pageOf(cluster.memberIds.map(Number), Number(c.req.query('page') ?? '1'));
  const comments = await listCouncilComments(db, consultation.id, page.items);
  return render(c, {
    title: `${label} | ${consultation.title}`,
    body: (
      <ClusterCommentsPage
        ctx={ctx}
        consultation={{ id: consultation.id, title: consultation.title }}
        label={label}
        keyTerms={found.theme.unclassified ? [] : cluster.keyTerms.map((k) => k.term)}
        clusterId={cluster.id}
        comments={comments.map((x) => ({
          id: x.id,
          text: x.text,
          category: x.category,
          receivedAt: x.receivedAt,
          sections: x.sections.map((s) => ({ number: s.number, heading: s.heading })),
        }))}
        page={page.page}
        pages={page.pages}
        total={page.total}
      />
    ),
    area: 'council',
  });
});
