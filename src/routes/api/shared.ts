/** What every open-data route shares: its Hono type, the 404 answer and paging links. */
import { createRoute, OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../env.ts';
import { ConsultationParams, ErrorBody } from '../../schemas/open-data.ts';

/**
 * A sub-app of the API. A request the schemas refuse gets the API's JSON error: a bad path id
 * is a consultation that does not exist (404), a bad query value a 400 naming the parameter.
 */
export function apiApp() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      if (result.target === 'param') return apiError(c, 404, NO_SUCH_CONSULTATION);
      return apiError(c, 400, result.error.issues[0]?.message ?? 'Bad request.');
    },
  });
}

export const NO_SUCH_CONSULTATION = 'No such consultation.';

export function apiError<S extends 400 | 404>(c: Context<AppEnv>, status: S, message: string) {
  return c.json({ error: { status, message } }, status);
}

/** A 200 answer of `schema`, for a route's `responses`. */
export const json = <T extends z.ZodType>(schema: T, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});

/** The 404 answer, as the OpenAPI document describes it. */
export const notFoundResponse = {
  description: 'Not found',
  content: { 'application/json': { schema: ErrorBody } },
} as const;

/** The 400 answer for a bad `page` or `per_page`. */
export const badPagingResponse = {
  description: 'Bad paging parameters',
  content: { 'application/json': { schema: ErrorBody } },
} as const;

/** `self`, `first`, `last`, `next` and `prev` of a paged list at `path`. */
export function pageLinks(origin: string, path: string, page: number, perPage: number, total: number) {
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

/** The offset and limit of a page. */
export const window = (p: { page: number; per_page: number }) => ({
  offset: (p.page - 1) * p.per_page,
  limit: p.per_page,
});

/** GET of something about one consultation (`/consultations/{id}…`): `body`, or 404. */
export function consultationRoute<P extends string, T extends z.ZodType>(path: P, summary: string, body: T) {
  return createRoute({
    method: 'get',
    path,
    summary,
    request: { params: ConsultationParams },
    responses: { 200: json(body), 404: notFoundResponse },
  });
}
