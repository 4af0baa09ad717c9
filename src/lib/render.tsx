import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PageCtx } from '../../views/context.ts';
import { Layout, type LayoutProps } from '../../views/layouts/Layout.tsx';
import type { AppEnv } from '../env.ts';
import { wantsFragment } from '../http/htmx.ts';

export function pageCtx(c: Context<AppEnv>): PageCtx {
  return {
    lang: c.var.lang,
    csrfToken: c.var.csrfToken,
    user: c.var.user,
    url: currentPageUrl(c),
    now: c.var.clock.now(),
    city: c.var.city,
  };
}

/**
 * The address of the page being shown, for links such as the language switch. After a POST the
 * page has no address of its own, so it is the page the form was on (same origin only).
 */
function currentPageUrl(c: Context<AppEnv>): string {
  const url = new URL(c.req.url);
  if (c.req.method === 'GET') return url.pathname + url.search;
  const referer = c.req.header('referer');
  if (referer) {
    try {
      const r = new URL(referer);
      if (r.origin === url.origin) return r.pathname + r.search;
    } catch {
      // An unparsable Referer is ignored.
    }
  }
  return '/';
}

/**
 * Renders a whole page, or for an htmx partial request only `fragment` (the same partial the
 * page is built from) when one is given.
 */
export function render(
  c: Context<AppEnv>,
  opts: {
    title: string;
    body: Child;
    fragment?: Child;
    status?: ContentfulStatusCode;
    area?: LayoutProps['area'];
  },
) {
  const status = opts.status ?? 200;
  if (opts.fragment !== undefined && wantsFragment(c)) {
    return c.html(String(opts.fragment ?? ''), status);
  }
  return c.html(
    `<!DOCTYPE html>${(
      (
        <Layout ctx={pageCtx(c)} title={opts.title} area={opts.area}>
          {opts.body}
        </Layout>
      )
    ).toString()}`,
    status,
  );
}

/** After a successful POST without htmx: 303 to the page that shows the result. */
export function seeOther(c: Context<AppEnv>, location: string) {
  if (wantsFragment(c)) {
    c.header('HX-Location', location);
    return c.body(null, 204);
  }
  return c.redirect(location, 303);
}
