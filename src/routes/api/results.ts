/**
 * Open data about a published result: the result itself and the published comments (only once
 * the result is published; never a personal field; hidden comments left out).
 */
import { createRoute } from '@hono/zod-openapi';
import { findPublicConsultation, listPublishedComments, loadPublishedResult } from '../../data/results.ts';
import { publicOrigin } from '../../http/public-url.ts';
import { Comment, ConsultationParams, PagingQuery, paged, Result, single } from '../../schemas/open-data.ts';
import {
  apiApp,
  apiError,
  badPagingResponse,
  consultationRoute,
  json,
  notFoundResponse,
  pageLinks,
  window,
} from './shared.ts';

const result = consultationRoute(
  '/consultations/{id}/result',
  'The published result (404 until published)',
  single(Result),
);

const comments = createRoute({
  method: 'get',
  path: '/consultations/{id}/comments',
  summary: 'Published comments (only after the result is published; hidden comments omitted)',
  request: { params: ConsultationParams, query: PagingQuery },
  responses: { 200: json(paged(Comment)), 400: badPagingResponse, 404: notFoundResponse },
});

export const results = apiApp()
  .openapi(result, async (c) => {
    const r = await loadPublishedResult(c.var.db, c.req.valid('param').id);
    if (!r) return apiError(c, 404, 'No published result for this consultation.');
    const data = {
      consultation_id: r.consultation.id,
      title: r.consultation.title,
      department: r.consultation.department,
      draft_published_at: r.consultation.publishedAt,
      opens_at: r.consultation.opensAt,
      closes_at: r.consultation.closesAt,
      result_published_at: r.consultation.resultPublishedAt,
      policy_dropped: r.consultation.policyDropped,
      note: r.consultation.resultNote,
      submitter_count: r.submitterCount,
      comment_count: r.commentCount,
      by_channel: r.byChannel,
      groups: r.groups.map((g) => ({
        id: g.id,
        no: g.no,
        section_ids: g.sections.map((s) => s.id),
        summary: g.summary,
        comment_count: g.commentCount,
        response: g.response,
        outcome: g.outcome,
        revision_note: g.revisionNote,
      })),
      excluded: r.excluded,
      hidden: r.hidden,
      // The readable paragraphs are how the page shows a change; open data gives the source diff.
      changes: r.changes.map((x) => {
        if (x.kind === 'unchanged') return x;
        const { paragraphs: _readable, ...change } = x;
        return change;
      }),
    };
    return c.json({ data }, 200);
  })
  .openapi(comments, async (c) => {
    const consultation = await findPublicConsultation(c.var.db, c.req.valid('param').id);
    if (!consultation?.result_published_at) {
      return apiError(c, 404, 'Comments are published with the result; there is none yet.');
    }
    const q = c.req.valid('query');
    const { total, items } = await listPublishedComments(c.var.db, consultation.id, window(q));
    const path = `/api/v1/consultations/${consultation.id}/comments`;
    const data = items.map((x) => ({
      id: x.id,
      received_date: x.receivedDate,
      channel: x.channel,
      category: x.category,
      section_ids: x.sectionIds,
      text: x.text,
      group_id: x.groupId,
      excluded_reason: x.excludedReason,
    }));
    return c.json(
      {
        data,
        meta: { page: q.page, per_page: q.per_page, total },
        links: pageLinks(publicOrigin(c).origin, path, q.page, q.per_page, total),
      },
      200,
    );
  });
