import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Consultation } from '../../db/schema.ts';
import {
  type AdoptSuggestionsProps,
  AdoptSuggestionsPage,
} from '../../views/pages/council/AdoptSuggestionsPage.tsx';
import type { AnalysisResult } from '../analysis/types.ts';
import { adoptSuggestedGroups, listUnplacedCommentIds } from '../data/council.ts';
import { findCluster, planFingerprint, planSuggestedGroups } from '../domain/council-summary.ts';
import type { AppEnv } from '../env.ts';
import { requireRole } from '../http/session.ts';
import { t } from '../lib/i18n.ts';
import { pageCtx, render, seeOther } from '../lib/render.tsx';
import { loadConsultation } from './review.tsx';

/**
 * Review workspace: turn the engine's finer groups into the staff's initial comment groups.
 * Mounted at /staff/consultations/:id/review/suggestions. GET shows what will be created; the
 * POST creates it (audited as group.adopt_suggestions). Refused once the result is published.
 */
export const adoptSuggestionRoutes = new Hono<AppEnv>();

adoptSuggestionRoutes.use('*', requireRole('staff', 'admin'));

type C = Context<AppEnv>;

async function currentPlan(c: C, consultation: Consultation, result: AnalysisResult) {
  const unplaced = new Set(await listUnplacedCommentIds(c.var.db, consultation.id));
  const plan = planSuggestedGroups(result, unplaced).map((g) => ({
    ...g,
    keyTerms: findCluster(result, g.suggestionId)?.group?.keyTerms.map((k) => k.term) ?? [],
  }));
  const token = createHash('sha256').update(planFingerprint(plan)).digest('hex').slice(0, 32);
  return { plan, token };
}

function page(
  c: C,
  consultation: Consultation,
  state: AdoptSuggestionsProps['state'],
  status: 200 | 409 = 200,
) {
  const ctx = pageCtx(c);
  return render(c, {
    title: t(ctx.lang, '自動提案のグループを取り込む', 'Adopt the suggested groups'),
    body: (
      <AdoptSuggestionsPage
        ctx={ctx}
        consultation={{ id: consultation.id, title: consultation.title }}
        state={state}
      />
    ),
    status,
    area: 'staff',
  });
}

adoptSuggestionRoutes.get('/', async (c) => {
  const consultation = await loadConsultation(c);
  const adopted = c.req.query('adopted');
  if (adopted && /^\d{1,6}$/.test(adopted)) {
    return page(c, consultation, { kind: 'done', created: Number(adopted) });
  }
  if (consultation.result_published_at) return page(c, consultation, { kind: 'published' });
  const analysis = await c.var.analysis.get(consultation.id, { wait: true });
  if (analysis.state === 'running')
    return page(c, consultation, { kind: 'running', percent: analysis.percent });
  if (analysis.state === 'failed') return page(c, consultation, { kind: 'failed' });
  const { plan, token } = await currentPlan(c, consultation, analysis.result);
  return page(c, consultation, { kind: 'confirm', plan, token });
});

adoptSuggestionRoutes.post('/', async (c) => {
  const consultation = await loadConsultation(c);
  if (consultation.result_published_at) return page(c, consultation, { kind: 'published' }, 409);
  const body = await c.req.parseBody();
  const submitted = typeof body.plan === 'string' ? body.plan : '';
  const analysis = await c.var.analysis.get(consultation.id, { wait: true });
  if (analysis.state === 'running')
    return page(c, consultation, { kind: 'running', percent: analysis.percent });
  if (analysis.state === 'failed') return page(c, consultation, { kind: 'failed' });
  const { plan, token } = await currentPlan(c, consultation, analysis.result);
  // What staff confirmed must be what gets created.
  if (submitted !== token) return page(c, consultation, { kind: 'confirm', plan, token, stale: true }, 409);
  const user = c.var.user;
  if (!user) throw new HTTPException(401);
  const created = await adoptSuggestedGroups(
    c.var.db,
    consultation.id,
    plan.map(({ suggestionId, summary, commentIds }) => ({ suggestionId, summary, commentIds })),
    { id: user.id, label: user.email, ip: c.var.clientIp },
    c.var.clock.now(),
  );
  if (created === null) return page(c, consultation, { kind: 'published' }, 409);
  return seeOther(c, `/staff/consultations/${consultation.id}/review/suggestions?adopted=${created.length}`);
});
