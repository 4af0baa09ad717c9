import { createHash } from 'node:crypto';
import MarkdownIt from 'markdown-it';

/**
 * Draft text is Markdown written by staff. Raw HTML is off (it is shown as text), links are
 * limited to http(s), mailto and in-page anchors, so the rendered HTML is safe to insert.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: true });
md.validateLink = (url: string) => /^(https?:|mailto:|#|\/)/i.test(url.trim());

export function renderMarkdown(source: string): string {
  return md.render(source);
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 2000;

/**
 * Rendered Markdown, memoised by the source's digest: the public draft page is the most read
 * page and its sections rarely change, while rendering is the bulk of its cost.
 */
export function renderMarkdownCached(source: string): string {
  const key = createHash('sha1').update(source).digest('base64');
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = renderMarkdown(source);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, html);
  return html;
}
