/**
 * GET /city/logo-<hash>.<ext>: the city's logo from the database. Its address names its hash,
 * so a new logo has a new address and this one may be cached for a year; an address that is
 * not the current logo's is a 404.
 */
import { Hono } from 'hono';
import { findLogo } from '../data/city.ts';
import type { AppEnv } from '../env.ts';
import { notFound } from '../http/errors.ts';
import { documentResponseHeaders } from '../lib/download.ts';

export const cityLogoRoutes = new Hono<AppEnv>().get('/city/:file{logo-[0-9a-f]{16}\\.[a-z]+}', async (c) => {
  const wanted = c.var.city.logoUrl;
  const logo = wanted === c.req.path ? await findLogo(c.var.db) : undefined;
  if (!logo || !wanted?.includes(logo.sha256.slice(0, 16))) throw notFound(c.var.lang);
  return c.body(new Uint8Array(logo.data), 200, {
    ...documentResponseHeaders(logo),
    'Cache-Control': 'public, max-age=31536000, immutable',
  });
});
