/** Open data about consultations: the list, one consultation, and its draft sections. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Consultation as Row } from '../../../db/schema.ts';
import { listAllSections } from '../../data/consultations.ts';
import { findPublicConsultation, listPublicConsultationsPage } from '../../data/results.ts';
import { nextPhaseChange, phaseOf } from '../../domain/lifecycle.ts';
import { finalBody, finalHeading } from '../../domain/results.ts';
import { cacheable } from '../../http/page-cache.ts';
import { publicOrigin } from '../../http/public-url.ts';
import { Consultation, PagingQuery, paged, Section, single } from '../../schemas/open-data.ts';
import {
  apiApp,
  apiError,
  badPagingResponse,
  consultationRoute,
  json,
  NO_SUCH_CONSULTATION,
  pageLinks,
  window,
} from './shared.ts';

const list = createRoute({
  method: 'get',
  path: '/consultations',
  summary: 'Public consultations, newest first',
  request: { query: PagingQuery },
  responses: { 200: json(paged(Consultation)), 400: badPagingResponse },
});

const one = consultationRoute('/consultations/{id}', 'One consultation', single(Consultation));

const sections = consultationRoute(
  '/consultations/{id}/sections',
  'Draft sections; with the result, also the final text and final-only sections',
  single(z.array(Section)),
);

/** A consultation as open data, with links to everything published about it. */
export function consultationJson(c: Row, origin: string, now: Date): z.infer<typeof Consultation> {
  const base = `${origin}/api/v1/consultations/${c.id}`;
  const published = c.result_published_at !== null;
  const phase = phaseOf(c, now);
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    purpose: c.purpose,
    department: c.department,
    contact: c.contact,
    legal_basis: c.legal_basis,
    eligibility: c.eligibility,
    status: c.status === 'withdrawn' ? 'withdrawn' : 'published',
    // Drafts are never listed, so a draft phase cannot occur here.
    phase: phase === 'draft' ? 'scheduled' : phase,
    published_at: c.published_at,
    opens_at: c.opens_at,
    closes_at: c.closes_at,
    short_period_reason: c.short_period_reason || null,
    withdrawn_at: c.withdrawn_at,
    withdrawal_reason: c.status === 'withdrawn' ? c.withdrawal_reason : null,
    result_published_at: c.result_published_at,
    links: {
      html: `${origin}/consultations/${c.id}`,
      self: base,
      sections: `${base}/sections`,
      result: published ? `${base}/result` : null,
      comments: published ? `${base}/comments` : null,
      result_csv: published ? `${origin}/consultations/${c.id}/result.csv` : null,
      comments_csv: published ? `${origin}/consultations/${c.id}/comments.csv` : null,
    },
  };
}

export const consultations = apiApp()
  .openapi(list, async (c) => {
    const q = c.req.valid('query');
    const { total, items } = await listPublicConsultationsPage(c.var.db, window(q));
    const { origin } = publicOrigin(c);
    const now = c.var.clock.now();
    cacheable(c, nextPhaseChange(items, now));
    return c.json(
      {
        data: items.map((x) => consultationJson(x, origin, now)),
        meta: { page: q.page, per_page: q.per_page, total },
        links: pageLinks(origin, '/api/v1/consultations', q.page, q.per_page, total),
      },
      200,
    );
  })
  .openapi(one, async (c) => {
    const consultation = await findPublicConsultation(c.var.db, c.req.valid('param').id);
    if (!consultation) return apiError(c, 404, NO_SUCH_CONSULTATION);
    return c.json({ data: consultationJson(consultation, publicOrigin(c).origin, c.var.clock.now()) }, 200);
  })
  .openapi(sections, async (c) => {
    const consultation = await findPublicConsultation(c.var.db, c.req.valid('param').id);
    if (!consultation) return apiError(c, 404, NO_SUCH_CONSULTATION);
    const published = consultation.result_published_at !== null;
    const rows = (await listAllSections(c.var.db, consultation.id)).filter((s) => s.in_draft || published);
    const data = rows.map((s) => ({
      id: s.id,
      position: s.position,
      level: s.level,
      number: s.number,
      in_draft: s.in_draft === 1,
      heading: s.in_draft ? s.heading : null,
      body_md: s.in_draft ? s.body_md : null,
      // The final text is public only with the result.
      final: published
        ? { removed: s.final_removed === 1, heading: finalHeading(s), body_md: finalBody(s) }
        : null,
    }));
    return c.json({ data }, 200);
  });
