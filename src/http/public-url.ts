/**
 * Absolute links in the open data (API and feed). They come from the configured public address
 * (KOE_PUBLIC_URL); without one they follow the request's Host header, which anyone can set, so
 * such an answer must not be stored by a shared cache for other readers.
 */
import type { Context } from 'hono';
import type { AppEnv } from '../env.ts';

/** The origin links are built on, and whether a shared cache may keep answers that carry them. */
export function publicOrigin<E extends AppEnv>(c: Context<E>): { origin: string; shareable: boolean } {
  const configured = c.var.config.publicUrl;
  if (configured) return { origin: configured.replace(/\/+$/, ''), shareable: true };
  return { origin: new URL(c.req.url).origin, shareable: false };
}

/** Cache-Control for an answer with absolute links: public only when they are the configured ones. */
export function linkCacheControl<E extends AppEnv>(c: Context<E>, maxAge: number): string {
  return `${publicOrigin(c).shareable ? 'public' : 'private'}, max-age=${maxAge}`;
}
