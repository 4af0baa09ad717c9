/** Every comment of one theme (`t2`) or finer group (`t2.g3`), paged (/…/clusters/:cluster). */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ClusterCommentsPage } from '../../../views/pages/council/ClusterCommentsPage.tsx';
import { SummaryPage } from '../../../views/pages/council/SummaryPage.tsx';
import { listCouncilComments } from '../../data/council.ts';
import { findCluster, pageOf } from '../../domain/council-summary.ts';
import type { ConsultationEnv } from '../../env.ts';
import { pageCtx } from '../../http/render.tsx';
import { t } from '../../lib/i18n.ts';
import { loadSummary, paperTitle } from './shared.ts';

export const clusters = new Hono<ConsultationEnv>();

clusters.get('/:cluster', async (c) => {
  const { db, lang, consultation } = c.var;
  const analysis = await c.var.analysis.get(consultation.id, { wait: true });
  const ctx = pageCtx(c);
  if (analysis.state !== 'ready') {
    const summary = await loadSummary(c, false);
    return c.render(<SummaryPage ctx={ctx} summary={summary} />, { title: paperTitle(c), status: 503 });
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
  const view = (
    <ClusterCommentsPage
      ctx={ctx}
      consultation={{ id: consultation.id, title: consultation.title }}
      label={label}
      keyTerms={found.theme.unclassified ? [] : cluster.keyTerms.map((k) => k.term)}
      clusterId={cluster.id}
      comments={comments}
      page={page.page}
      pages={page.pages}
      total={page.total}
    />
  );
  return c.render(view, { title: `${label} | ${consultation.title}` });
});
