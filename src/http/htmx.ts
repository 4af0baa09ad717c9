/**
 * The one place that reads htmx's request headers. Every other module asks these functions, so
 * how htmx marks a request is decided here only.
 */
import type { Context } from 'hono';

/** Any request htmx made (a swap, a boosted link, a form it sent). */
export function isHtmx(c: Context): boolean {
  return c.req.header('hx-request') === 'true';
}

/**
 * An htmx request that targets part of the page and so gets a fragment. Boosted links and
 * body-targeted requests (`HX-Request-Type: full`) get the whole page.
 */
export function wantsFragment(c: Context): boolean {
  return isHtmx(c) && c.req.header('hx-request-type') !== 'full';
}
