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
