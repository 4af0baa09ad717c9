import { describe, expect, it } from 'vitest';
import { loginAs } from '../helpers-auth.ts';
import { makeTestApp, seedConsultation } from '../helpers.ts';

const SECTIONS = [
  { level: 1, number: '第1章', heading: '総則', body_md: 'a' },
  { level: 2, number: '1', heading: '計画策定の趣旨', body_md: 'b' },
  { level: 3, number: '(1)', heading: '背景', body_md: 'c' },
  { level: 1, number: '第2章', heading: '推進体制', body_md: 'd' },
  { level: 2, number: '1', heading: '推進会議', body_md: 'e' },
];

/** The contents as (nesting depth, text) pairs, read from the HTML. */
function tocEntries(html: string): [number, string][] {
  const toc = /<nav[^>]*class="toc"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
  const out: [number, string][] = [];
  let depth = 0;
  for (const m of toc.matchAll(/<(\/?)ol[^>]*>|<a [^>]*>([^<]*)<\/a>/g)) {
    if (m[2] !== undefined) out.push([depth, m[2]]);
    else depth += m[1] ? -1 : 1;
  }
  return out;
}

describe('the outline of a draft', () => {
  it('lists the contents nested by level, each entry with its own number once', async () => {
    const t = await makeTestApp();
    const id = await seedConsultation(t.db, {}, SECTIONS);
    const { html } = await t.client.get(`/consultations/${id}`);
    expect(tocEntries(html)).toEqual([
      [1, '第1章 総則'],
      [2, '1 計画策定の趣旨'],
      [3, '(1) 背景'],
      [1, '第2章 推進体制'],
      [2, '1 推進会議'],
    ]);
    expect(html).toMatch(/<section id="section-\d+" class="section level-1"/);
    expect(html).toMatch(/<section id="section-\d+" class="section level-2"/);
  });

  it('gives chapters and subsections different headings on the staff page, named in full for screen readers', async () => {
    const t = await makeTestApp();
    await loginAs(t, 'staff');
    const id = await seedConsultation(t.db, { status: 'draft', published_at: null }, SECTIONS);
    const { html } = await t.client.get(`/staff/consultations/${id}`);
    expect(html).toMatch(/<li class="staff-section level-1"[^>]*><h3>/);
    expect(html).toMatch(/<li class="staff-section level-2"[^>]*><h4>/);
    // Two sections are numbered 「1」: the hidden part of each button names the chapter too.
    expect(html).toContain('<span class="visually-hidden">: 第2章 1 推進会議</span>');
  });
});
