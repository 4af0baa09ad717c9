/**
 * The open-data API (/api/v1): what each request may carry and what each answer holds. The
 * OpenAPI 3.1 document is generated from these same schemas, so the description cannot drift
 * from what the handlers accept and return (objects are strict: an undocumented field fails the
 * tests that check answers against them).
 */
import { z } from '@hono/zod-openapi';
import { CHANNELS, HIDDEN_REASONS, OUTCOMES } from '../../db/schema.ts';

/** A whole number in a range from the query string: digits only, or the parameter's message. */
function queryInt(o: { min: number; max: number; fallback: number; message: string }) {
  return z
    .preprocess(
      (v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v),
      z
        .number({ error: o.message })
        .int({ error: o.message })
        .min(o.min, { error: o.message })
        .max(o.max, { error: o.message }),
    )
    .default(o.fallback);
}

export const PagingQuery = z.object({
  page: queryInt({ min: 1, max: 999_999, fallback: 1, message: 'page must be a positive integer' }).openapi({
    description: 'Page number, from 1.',
  }),
  per_page: queryInt({
    min: 1,
    max: 100,
    fallback: 20,
    message: 'per_page must be an integer from 1 to 100',
  }).openapi({ description: 'Items per page, at most 100.' }),
});

export const ConsultationParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,8}$/)
    .transform(Number)
    .openapi({ param: { name: 'id', in: 'path' }, description: 'Consultation id', example: '1' }),
});

const time = z.string().openapi({ format: 'date-time' });
const url = z.string().openapi({ format: 'uri' });

export const ErrorBody = z
  .object({ error: z.object({ status: z.number().int(), message: z.string() }).strict() })
  .strict()
  .openapi('Error');

export const PageMeta = z
  .object({ page: z.number().int(), per_page: z.number().int(), total: z.number().int() })
  .strict()
  .openapi('PageMeta');

export const PageLinks = z
  .object({ self: url, first: url, last: url, next: url.nullable(), prev: url.nullable() })
  .strict()
  .openapi('PageLinks');

export const Consultation = z
  .object({
    id: z.number().int(),
    title: z.string(),
    summary: z.string(),
    purpose: z.string(),
    department: z.string(),
    contact: z.string(),
    legal_basis: z.string(),
    eligibility: z.string(),
    status: z.enum(['published', 'withdrawn']),
    phase: z.enum(['scheduled', 'open', 'closed', 'result_published', 'withdrawn']),
    published_at: time.nullable(),
    opens_at: time.nullable(),
    closes_at: time.nullable(),
    short_period_reason: z.string().nullable(),
    withdrawn_at: time.nullable(),
    withdrawal_reason: z.string().nullable(),
    result_published_at: time.nullable(),
    links: z
      .object({
        html: url,
        self: url,
        sections: url,
        result: url.nullable(),
        comments: url.nullable(),
        result_csv: url.nullable(),
        comments_csv: url.nullable(),
      })
      .strict(),
  })
  .strict()
  .openapi('Consultation');

export const Section = z
  .object({
    id: z.number().int(),
    position: z.number().int(),
    level: z.number().int(),
    number: z.string(),
    in_draft: z.boolean().openapi({ description: 'false for a section added only in the final text' }),
    heading: z.string().nullable(),
    body_md: z.string().nullable().openapi({ description: 'Markdown' }),
    final: z
      .object({ removed: z.boolean(), heading: z.string(), body_md: z.string() })
      .strict()
      .nullable()
      .openapi({ description: 'The final text, public with the result' }),
  })
  .strict()
  .openapi('Section');

const sectionLabel = z.string().openapi({
  description: 'The section named in full, with its chapter: 「第2章 1 市民の声を聴く仕組みの充実」',
});
const diffOp = z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() }).strict();
const plainChange = (kind: 'added' | 'removed') =>
  z
    .object({
      kind: z.literal(kind),
      id: z.number().int(),
      number: z.string(),
      label: sectionLabel,
      heading: z.string(),
      body: z.string(),
    })
    .strict();

export const SectionChange = z
  .discriminatedUnion('kind', [
    plainChange('added'),
    plainChange('removed'),
    z
      .object({
        kind: z.literal('changed'),
        id: z.number().int(),
        number: z.string(),
        label: sectionLabel,
        heading: z.array(diffOp),
        body: z.array(diffOp),
      })
      .strict(),
    z
      .object({
        kind: z.literal('unchanged'),
        id: z.number().int(),
        number: z.string(),
        label: sectionLabel,
        heading: z.string(),
      })
      .strict(),
  ])
  .openapi('SectionChange', { description: 'How one section changed between the draft and the final text' });

const reasons = z.object({ reason: z.string(), count: z.number().int() }).strict();

export const Result = z
  .object({
    consultation_id: z.number().int(),
    title: z.string(),
    department: z.string(),
    draft_published_at: time.nullable(),
    opens_at: time.nullable(),
    closes_at: time.nullable(),
    result_published_at: time,
    policy_dropped: z.boolean(),
    note: z.string(),
    submitter_count: z.number().int().openapi({ description: '提出者数' }),
    comment_count: z.number().int().openapi({ description: '意見数' }),
    by_channel: z.array(
      z
        .object({ channel: z.enum(CHANNELS), comments: z.number().int(), submitters: z.number().int() })
        .strict(),
    ),
    groups: z.array(
      z
        .object({
          id: z.number().int(),
          no: z.number().int(),
          section_ids: z.array(z.number().int()),
          summary: z.string().openapi({ description: '意見の概要' }),
          comment_count: z.number().int(),
          response: z.string().openapi({ description: '市の考え方' }),
          outcome: z.enum(OUTCOMES).nullable(),
          revision_note: z.string(),
        })
        .strict(),
    ),
    excluded: z.object({ count: z.number().int(), reasons: z.array(reasons) }).strict(),
    hidden: z
      .object({
        count: z.number().int(),
        reasons: z.array(z.object({ reason: z.enum(HIDDEN_REASONS), count: z.number().int() }).strict()),
      })
      .strict(),
    changes: z
      .array(SectionChange)
      .openapi({ description: 'Differences between the draft and the final text' }),
  })
  .strict()
  .openapi('Result');

export const Comment = z
  .object({
    id: z.number().int().openapi({ description: 'Stable id (not the receipt code)' }),
    received_date: z.string().openapi({ format: 'date', description: 'Day received (Asia/Tokyo)' }),
    channel: z.enum(CHANNELS),
    category: z.string().nullable(),
    section_ids: z.array(z.number().int()),
    text: z.string().openapi({ description: 'Published text, redacted where needed' }),
    group_id: z.number().int().nullable(),
    excluded_reason: z.string().nullable(),
  })
  .strict()
  .openapi('Comment');

/** A page of items with its paging. */
export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), meta: PageMeta, links: PageLinks }).strict();

/** One item. */
export const single = <T extends z.ZodType>(item: T) => z.object({ data: item }).strict();

export const ApiIndex = z
  .object({ consultations: url, openapi: url, feed: url })
  .strict()
  .openapi('ApiIndex');
