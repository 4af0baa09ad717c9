import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PageCtx } from '../../views/context.ts';
import { Layout, type LayoutProps } from '../../views/layouts/Layout.tsx';
import type { AppEnv } from '../env.ts';
import { wantsFragment } from './htmx.ts';

export function pageCtx(c: Context<AppEnv>): PageCtx {
  const url = new URL(c.req.url);
  return {
    lang: c.var.lang,
    csrfToken: c.var.csrfToken,
    user: c.var.user,
    url: url.pathname + url.search,
    now: c.var.clock.now(),
  };
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
    return c.html(<>{opts.fragment}</>, status);
  }
  return c.html(
    `<!DOCTYPE html>${(
      <Layout ctx={pageCtx(c)} title={opts.title} area={opts.area}>
        {opts.body}
      </Layout>
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
