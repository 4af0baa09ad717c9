/**
 * How a page is answered. Every handler writes `c.render(<Page … />, { title })`; a sub-app
 * says once which area it belongs to (`area('staff')`), and the layout shows that area's menu.
 * An htmx request for part of a page gets only `fragment` (`true`: the content itself) — the
 * decision of "fragment or page" is `wantsFragment`, in one place.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { PageCtx } from '../../views/context.ts';
import { Layout } from '../../views/layouts/Layout.tsx';
import type { Area, AppEnv } from '../env.ts';
import { wantsFragment } from './htmx.ts';

export interface RenderOptions {
  title: string;
  status?: ContentfulStatusCode;
  /** What an htmx request for part of the page gets: `true` for the content itself. */
  fragment?: Child | true;
}

declare module 'hono' {
  // An interface, not a function type: declaration merging with Hono's own is what types c.render
  // (biome.json turns off useShorthandFunctionType for this file).
  interface ContextRenderer {
    (content: Child, options: RenderOptions): Response | Promise<Response>;
  }
}

/** What every view needs to know about the request. */
export function pageCtx<E extends AppEnv>(c: Context<E>): PageCtx {
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
function currentPageUrl<E extends AppEnv>(c: Context<E>): string {
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

/** Installs `c.render` for every request. */
export function pageRenderer(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.setRenderer((content: Child, options: RenderOptions) => renderPage(c, content, options));
    await next();
  };
}

/** Marks every page of a sub-app as belonging to an area (its menu, its cache rules). */
export function area(name: Area): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('area', name);
    await next();
  };
}

function renderPage(c: Context<AppEnv>, content: Child, options: RenderOptions) {
  const status = options.status ?? 200;
  if (options.fragment !== undefined && wantsFragment(c)) {
    return c.html(String(options.fragment === true ? content : (options.fragment ?? '')), status);
  }
  const page = (
    <Layout ctx={pageCtx(c)} title={options.title} area={c.var.area}>
      {content}
    </Layout>
  );
  return c.html(`<!DOCTYPE html>${page.toString()}`, status);
}

/** After a successful POST: 303 to the page that shows the result (htmx: `HX-Location`). */
export function seeOther<E extends AppEnv>(c: Context<E>, location: string) {
  if (wantsFragment(c)) {
    c.header('HX-Location', location);
    return c.body(null, 204);
  }
  return c.redirect(location, 303);
}
