import { type Context, Hono } from 'hono';
import type { Consultation } from '../../db/schema.ts';
import { listAllSections } from '../data/consultations.ts';
import {
  findPublicConsultation,
  listPublicConsultationsPage,
  listPublishedComments,
  loadPublishedResult,
} from '../data/results.ts';
import { phaseOf } from '../domain/lifecycle.ts';
import { finalBody, finalHeading } from '../domain/results.ts';
import type { AppEnv } from '../env.ts';
import { positiveInt } from '../lib/params.ts';

/**
 * Open data, read-only JSON under /api/v1. Only consultations the public may see (published or
 * withdrawn); comments only once the result is published, without any personal field, hidden
 * comments left out. Any site may read it (CORS *).
 */
export const apiRoutes = new Hono<AppEnv>();

type C = Context<AppEnv>;

apiRoutes.use('*', async (c, next) => {
  await next();
  if (c.req.method === 'GET' || c.req.method === 'HEAD') {
    c.res.headers.set('Access-Control-Allow-Origin', '*');
  }
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
});

/** Absolute URLs from the configured public URL, or the request's own origin. */
export function originOf(c: C): string {
  return (c.var.config.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '');
}

function json(c: C, data: unknown, status: 200 | 400 | 404 = 200) {
  return c.body(JSON.stringify(data, null, 2), status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'public, max-age=60',
  });
}

function error(c: C, status: 400 | 404, message: string) {
  return json(c, { error: { status, message } }, status);
}

function paging(c: C): { page: number; perPage: number } | string {
  const rawPage = c.req.query('page') ?? '1';
  const rawPer = c.req.query('per_page') ?? '20';
  if (!/^\d{1,6}$/.test(rawPage) || Number(rawPage) < 1) return 'page must be a positive integer';
  if (!/^\d{1,3}$/.test(rawPer) || Number(rawPer) < 1 || Number(rawPer) > 100) {
    return 'per_page must be an integer from 1 to 100';
  }
  return { page: Number(rawPage), perPage: Number(rawPer) };
}

function pageLinks(origin: string, path: string, page: number, perPage: number, total: number) {
  const last = Math.max(1, Math.ceil(total / perPage));
  const url = (p: number) => `${origin}${path}?page=${p}&per_page=${perPage}`;
  return {
    self: url(page),
    first: url(1),
    last: url(last),
    next: page < last ? url(page + 1) : null,
    prev: page > 1 ? url(Math.min(page - 1, last)) : null,
  };
}

function consultationJson(c: Consultation, origin: string, now: Date) {
  const base = `${origin}/api/v1/consultations/${c.id}`;
  return {
    id: c.id,
    title: c.title,
    summary: c.summary,
    purpose: c.purpose,
    department: c.department,
    contact: c.contact,
    legal_basis: c.legal_basis,
    eligibility: c.eligibility,
    status: c.status,
    phase: phaseOf(c, now),
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
      result: c.result_published_at ? `${base}/result` : null,
      comments: c.result_published_at ? `${base}/comments` : null,
      result_csv: c.result_published_at ? `${origin}/consultations/${c.id}/result.csv` : null,
      comments_csv: c.result_published_at ? `${origin}/consultations/${c.id}/comments.csv` : null,
    },
  };
}

apiRoutes.get('/', (c) => {
  const origin = originOf(c);
  return json(c, {
    consultations: `${origin}/api/v1/consultations`,
    openapi: `${origin}/api/v1/openapi.json`,
    feed: `${origin}/feed.atom`,
  });
});

apiRoutes.get('/openapi.json', (c) => json(c, openApiDocument(originOf(c))));

apiRoutes.get('/consultations', async (c) => {
  const p = paging(c);
  if (typeof p === 'string') return error(c, 400, p);
  const { total, items } = await listPublicConsultationsPage(c.var.db, {
    offset: (p.page - 1) * p.perPage,
    limit: p.perPage,
  });
  const origin = originOf(c);
  const now = c.var.clock.now();
  return json(c, {
    data: items.map((x) => consultationJson(x, origin, now)),
    meta: { page: p.page, per_page: p.perPage, total },
    links: pageLinks(origin, '/api/v1/consultations', p.page, p.perPage, total),
  });
});

async function publicConsultation(c: C) {
  const id = positiveInt(c.req.param('id'));
  return id ? findPublicConsultation(c.var.db, id) : undefined;
}

const NOT_FOUND = 'No such consultation.';

apiRoutes.get('/consultations/:id', async (c) => {
  const consultation = await publicConsultation(c);
  if (!consultation) return error(c, 404, NOT_FOUND);
  return json(c, { data: consultationJson(consultation, originOf(c), c.var.clock.now()) });
});

apiRoutes.get('/consultations/:id/sections', async (c) => {
  const consultation = await publicConsultation(c);
  if (!consultation) return error(c, 404, NOT_FOUND);
  const published = consultation.result_published_at !== null;
  const sections = (await listAllSections(c.var.db, consultation.id)).filter((s) => s.in_draft || published);
  return json(c, {
    data: sections.map((s) => ({
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
    })),
  });
});

apiRoutes.get('/consultations/:id/result', async (c) => {
  const id = positiveInt(c.req.param('id'));
  const result = id ? await loadPublishedResult(c.var.db, id) : undefined;
  if (!result) return error(c, 404, 'No published result for this consultation.');
  const r = result;
  return json(c, {
    data: {
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
      changes: r.changes,
    },
  });
});

apiRoutes.get('/consultations/:id/comments', async (c) => {
  const consultation = await publicConsultation(c);
  if (!consultation?.result_published_at) {
    return error(c, 404, 'Comments are published with the result; there is none yet.');
  }
  const p = paging(c);
  if (typeof p === 'string') return error(c, 400, p);
  const { total, items } = await listPublishedComments(c.var.db, consultation.id, {
    offset: (p.page - 1) * p.perPage,
    limit: p.perPage,
  });
  const origin = originOf(c);
  return json(c, {
    data: items.map((x) => ({
      id: x.id,
      received_date: x.receivedDate,
      channel: x.channel,
      category: x.category,
      section_ids: x.sectionIds,
      text: x.text,
      group_id: x.groupId,
      excluded_reason: x.excludedReason,
    })),
    meta: { page: p.page, per_page: p.perPage, total },
    links: pageLinks(origin, `/api/v1/consultations/${consultation.id}/comments`, p.page, p.perPage, total),
  });
});

apiRoutes.all('*', (c) => error(c, 404, 'Not found.'));

/** The OpenAPI 3.1 description of this API. */
export function openApiDocument(origin: string) {
  const pageParams = [
    { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
    { name: 'per_page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
  ];
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
  const ok = (schema: object, description = 'OK') => ({
    description,
    content: { 'application/json': { schema } },
  });
  const notFound = {
    description: 'Not found',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  const badRequest = {
    description: 'Bad paging parameters',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  const nullableString = { type: ['string', 'null'] };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Koe open data API',
      version: '1.0.0',
      description:
        'Public comment consultations, their draft sections, published results and the published comments (without personal data). 意見募集（パブリックコメント）のオープンデータ。',
    },
    servers: [{ url: `${origin}/api/v1` }],
    paths: {
      '/consultations': {
        get: {
          summary: 'Public consultations, newest first',
          parameters: pageParams,
          responses: {
            '200': ok({
              type: 'object',
              properties: {
                data: { type: 'array', items: { $ref: '#/components/schemas/Consultation' } },
                meta: { $ref: '#/components/schemas/PageMeta' },
                links: { $ref: '#/components/schemas/PageLinks' },
              },
            }),
            '400': badRequest,
          },
        },
      },
      '/consultations/{id}': {
        get: {
          summary: 'One consultation',
          parameters: [idParam],
          responses: {
            '200': ok({
              type: 'object',
              properties: { data: { $ref: '#/components/schemas/Consultation' } },
            }),
            '404': notFound,
          },
        },
      },
      '/consultations/{id}/sections': {
        get: {
          summary: 'Draft sections; with the result, also the final text and final-only sections',
          parameters: [idParam],
          responses: {
            '200': ok({
              type: 'object',
              properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Section' } } },
            }),
            '404': notFound,
          },
        },
      },
      '/consultations/{id}/result': {
        get: {
          summary: 'The published result (404 until published)',
          parameters: [idParam],
          responses: {
            '200': ok({ type: 'object', properties: { data: { $ref: '#/components/schemas/Result' } } }),
            '404': notFound,
          },
        },
      },
      '/consultations/{id}/comments': {
        get: {
          summary: 'Published comments (only after the result is published; hidden comments omitted)',
          parameters: [idParam, ...pageParams],
          responses: {
            '200': ok({
              type: 'object',
              properties: {
                data: { type: 'array', items: { $ref: '#/components/schemas/Comment' } },
                meta: { $ref: '#/components/schemas/PageMeta' },
                links: { $ref: '#/components/schemas/PageLinks' },
              },
            }),
            '400': badRequest,
            '404': notFound,
          },
        },
      },
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: { status: { type: 'integer' }, message: { type: 'string' } },
            },
          },
        },
        PageMeta: {
          type: 'object',
          properties: {
            page: { type: 'integer' },
            per_page: { type: 'integer' },
            total: { type: 'integer' },
          },
        },
        PageLinks: {
          type: 'object',
          properties: {
            self: { type: 'string', format: 'uri' },
            first: { type: 'string', format: 'uri' },
            last: { type: 'string', format: 'uri' },
            next: { type: ['string', 'null'], format: 'uri' },
            prev: { type: ['string', 'null'], format: 'uri' },
          },
        },
        Consultation: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            title: { type: 'string' },
            summary: { type: 'string' },
            purpose: { type: 'string' },
            department: { type: 'string' },
            contact: { type: 'string' },
            legal_basis: { type: 'string' },
            eligibility: { type: 'string' },
            status: { type: 'string', enum: ['published', 'withdrawn'] },
            phase: { type: 'string', enum: ['scheduled', 'open', 'closed', 'result_published', 'withdrawn'] },
            published_at: { ...nullableString, format: 'date-time' },
            opens_at: { ...nullableString, format: 'date-time' },
            closes_at: { ...nullableString, format: 'date-time' },
            short_period_reason: nullableString,
            withdrawn_at: { ...nullableString, format: 'date-time' },
            withdrawal_reason: nullableString,
            result_published_at: { ...nullableString, format: 'date-time' },
            links: { type: 'object', additionalProperties: { type: ['string', 'null'] } },
          },
        },
        Section: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            position: { type: 'integer' },
            level: { type: 'integer' },
            number: { type: 'string' },
            in_draft: { type: 'boolean', description: 'false for a section added only in the final text' },
            heading: nullableString,
            body_md: { ...nullableString, description: 'Markdown' },
            final: {
              type: ['object', 'null'],
              properties: {
                removed: { type: 'boolean' },
                heading: { type: 'string' },
                body_md: { type: 'string' },
              },
            },
          },
        },
        Result: {
          type: 'object',
          properties: {
            consultation_id: { type: 'integer' },
            title: { type: 'string' },
            draft_published_at: { ...nullableString, format: 'date-time' },
            result_published_at: { type: 'string', format: 'date-time' },
            policy_dropped: { type: 'boolean' },
            note: { type: 'string' },
            submitter_count: { type: 'integer', description: '提出者数' },
            comment_count: { type: 'integer', description: '意見数' },
            by_channel: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  channel: { type: 'string', enum: ['web', 'post', 'fax', 'email', 'in_person'] },
                  comments: { type: 'integer' },
                  submitters: { type: 'integer' },
                },
              },
            },
            groups: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'integer' },
                  no: { type: 'integer' },
                  section_ids: { type: 'array', items: { type: 'integer' } },
                  summary: { type: 'string', description: '意見の概要' },
                  comment_count: { type: 'integer' },
                  response: { type: 'string', description: '市の考え方' },
                  outcome: {
                    type: 'string',
                    enum: ['revised', 'not_revised', 'future_reference', 'out_of_scope'],
                  },
                  revision_note: { type: 'string' },
                },
              },
            },
            excluded: { type: 'object' },
            hidden: { type: 'object' },
            changes: {
              type: 'array',
              items: { type: 'object' },
              description: 'Differences between draft and final text',
            },
          },
        },
        Comment: {
          type: 'object',
          properties: {
            id: { type: 'integer', description: 'Stable id (not the receipt code)' },
            received_date: { type: 'string', format: 'date', description: 'Day received (Asia/Tokyo)' },
            channel: { type: 'string', enum: ['web', 'post', 'fax', 'email', 'in_person'] },
            category: nullableString,
            section_ids: { type: 'array', items: { type: 'integer' } },
            text: { type: 'string', description: 'Published text, redacted where needed' },
            group_id: { type: ['integer', 'null'] },
            excluded_reason: nullableString,
          },
        },
      },
    },
  };
}
