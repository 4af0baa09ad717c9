import type { Context } from 'hono';

/**
 * The one place that decides whether a request asks for a fragment: an htmx request that
 * targets part of the page. Boosted links and body-targeted requests get the whole page.
 */
export function wantsFragment(c: Context): boolean {
  return c.req.header('hx-request') === 'true' && c.req.header('hx-request-type') !== 'full';
}
