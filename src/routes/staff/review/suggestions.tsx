/**
 * The analysis engine's finer groups as the staff's first groups (/review/suggestions). GET
 * shows what will be created; the POST creates exactly that (audited as
 * group.adopt_suggestions). A published result refuses it.
 */
import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { z } from 'zod';
import {
  type AdoptSuggestionsProps,
  AdoptSuggestionsPage,
} from '../../../../views/pages/council/AdoptSuggestionsPage.tsx';
import type { AnalysisResult } from '../../../analysis/types.ts';
import { adoptSuggestedGroups, listUnplacedCommentIds } from '../../../data/council.ts';
import { findCluster, planFingerprint, planSuggestedGroups } from '../../../domain/council-summary.ts';
import type { ConsultationEnv } from '../../../env.ts';
import { pageCtx, seeOther } from '../../../http/render.tsx';
import { validatorsFor } from '../../../http/validate.ts';
import { t } from '../../../lib/i18n.ts';
import { reviewBase } from '../../../lib/review-paths.ts';
import { firstString } from '../../../schemas/fields.ts';
import type { C } from './shared.ts';

export const suggestions = new Hono<ConsultationEnv>();
const { form } = validatorsFor<ConsultationEnv>();

async function currentPlan(c: C, result: AnalysisResult) {
  const unplaced = new Set(await listUnplacedCommentIds(c.var.db, c.var.consultation.id));
  const plan = planSuggestedGroups(result, unplaced).map((g) => ({
    ...g,
    keyTerms: findCluster(result, g.suggestionId)?.group?.keyTerms.map((k) => k.term) ?? [],
  }));
  const token = createHash('sha256').update(planFingerprint(plan)).digest('hex').slice(0, 32);
  return { plan, token };
}

function page(c: C, state: AdoptSuggestionsProps['state'], status: 200 | 409 = 200) {
  const ctx = pageCtx(c);
  const { id, title } = c.var.consultation;
  return c.render(<AdoptSuggestionsPage ctx={ctx} consultation={{ id, title }} state={state} />, {
    title: t(ctx.lang, '自動提案のグループを取り込む', 'Adopt the suggested groups'),
    status,
  });
}

suggestions.get('/', async (c) => {
  const consultation = c.var.consultation;
  const adopted = c.req.query('adopted');
  if (adopted && /^\d{1,6}$/.test(adopted)) return page(c, { kind: 'done', created: Number(adopted) });
  if (consultation.result_published_at) return page(c, { kind: 'published' });
  const analysis = await c.var.analysis.get(consultation.id, { wait: true });
  if (analysis.state === 'running') return page(c, { kind: 'running', percent: analysis.percent });
  if (analysis.state === 'failed') return page(c, { kind: 'failed' });
  const { plan, token } = await currentPlan(c, analysis.result);
  return page(c, { kind: 'confirm', plan, token });
});

/** The fingerprint of the plan the person confirmed; anything else is simply not that plan. */
const adoptSchema = z.object({ plan: z.unknown().optional().transform(firstString) });

suggestions.post(
  '/',
  form(adoptSchema, (c) => page(c, { kind: 'failed' })),
  async (c) => {
    const consultation = c.var.consultation;
    if (consultation.result_published_at) return page(c, { kind: 'published' }, 409);
    const submitted = c.req.valid('form').plan;
    const analysis = await c.var.analysis.get(consultation.id, { wait: true });
    if (analysis.state === 'running') return page(c, { kind: 'running', percent: analysis.percent });
    if (analysis.state === 'failed') return page(c, { kind: 'failed' });
    const { plan, token } = await currentPlan(c, analysis.result);
    // What staff confirmed must be what gets created.
    if (submitted !== token) return page(c, { kind: 'confirm', plan, token, stale: true }, 409);
    const created = await adoptSuggestedGroups(
      c.var.db,
      consultation.id,
      plan.map(({ suggestionId, summary, commentIds }) => ({ suggestionId, summary, commentIds })),
      c.var.actor,
      c.var.clock.now(),
    );
    if (created === null) return page(c, { kind: 'published' }, 409);
    return seeOther(c, `${reviewBase(consultation.id)}/suggestions?adopted=${created.length}`);
  },
);
