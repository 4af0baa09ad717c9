/**
 * Open data, read-only JSON under /api/v1. Only consultations the public may see (published or
 * withdrawn); comments only once the result is published, without any personal field, hidden
 * comments left out. Any site may read it (CORS *). Each route is declared with its request and
 * response schemas (src/schemas/open-data.ts), and /openapi.json is generated from them.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { linkCacheControl, publicOrigin } from '../../http/public-url.ts';
import { ApiIndex } from '../../schemas/open-data.ts';
import { consultations } from './consultations.ts';
import { results } from './results.ts';
import { apiApp, apiError, json } from './shared.ts';

const index = createRoute({
  method: 'get',
  path: '/',
  summary: 'Where the open data is',
  responses: { 200: json(ApiIndex) },
});

const openapi = createRoute({
  method: 'get',
  path: '/openapi.json',
  summary: 'This description of the API (OpenAPI 3.1)',
  responses: {
    200: json(z.record(z.string(), z.unknown()).openapi({ description: 'An OpenAPI 3.1 document' })),
  },
});

const INFO = {
  title: 'Koe open data API',
  version: '1.0.0',
  description:
    'Public comment consultations, their draft sections, published results and the published comments (without personal data). 意見募集（パブリックコメント）のオープンデータ。',
};

export const apiRoutes = apiApp();

apiRoutes.use('*', async (c, next) => {
  await next();
  if (c.req.method === 'GET' || c.req.method === 'HEAD') {
    c.res.headers.set('Access-Control-Allow-Origin', '*');
  }
  if (c.res.headers.get('Content-Type')?.startsWith('application/json')) {
    c.res.headers.set('Content-Type', 'application/json; charset=utf-8');
    c.res.headers.set('Cache-Control', linkCacheControl(c, 60));
  }
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
});

apiRoutes
  .route('/', consultations)
  .route('/', results)
  .openapi(index, (c) => {
    const { origin } = publicOrigin(c);
    return c.json(
      {
        consultations: `${origin}/api/v1/consultations`,
        openapi: `${origin}/api/v1/openapi.json`,
        feed: `${origin}/feed.atom`,
      },
      200,
    );
  })
  .openapi(openapi, (c) => c.json(openApiDocument(publicOrigin(c).origin), 200));

/** The OpenAPI 3.1 description of every route above, generated from their schemas. */
export function openApiDocument(origin: string) {
  return apiRoutes.getOpenAPI31Document({
    openapi: '3.1.0',
    info: INFO,
    servers: [{ url: `${origin}/api/v1` }],
  });
}

apiRoutes.all('*', (c) => apiError(c, 404, 'Not found.'));
