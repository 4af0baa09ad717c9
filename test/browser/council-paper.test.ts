/**
 * The council paper and the suggested groups in a real browser (issue #10): the demo park
 * consultation's paper printed to A4 PDF — its pages counted, its first two pages read — and the
 * pages checked against WCAG 2.1 AA.
 */
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, onDemo, signIn } from './harness.ts';
import { pdfPageTexts, savePdfPage } from './pdf.ts';

/** Set KOE_SCREENSHOTS=1 to refresh the pictures the README shows. */
const SHOTS = process.env.KOE_SCREENSHOTS ? new URL('./screenshots/', import.meta.url).pathname : undefined;
const PASSWORD = 'demo-password-1234';

const run = onDemo(PASSWORD);

function newContext(): Promise<BrowserContext> {
  return run.browser.newContext({ locale: 'ja-JP', bypassCSP: true });
}

describe('the council paper in a real browser', () => {
  it('prints the park consultation on at most 8 A4 pages, the summary on the first two', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const { baseUrl } = run.demo.server;
    await signIn(page, baseUrl, 'council@example.jp', PASSWORD);
    const park = run.demo.idOf('公園');
    await page.goto(`${baseUrl}/council/consultations/${park}`);
    await expect
      .poll(async () => (await page.locator('#themes-summary').count()) > 0, { timeout: 30_000 })
      .toBe(true);
    const problems = await axeViolations(page);
    await page.goto(`${baseUrl}/council/consultations/${park}/print`);
    problems.push(...(await axeViolations(page)));
    expect(problems).toEqual([]);

    const pdf = await page.pdf({ format: 'A4' });
    const pages = await pdfPageTexts(pdf);
    expect(pages.length).toBeLessThanOrEqual(8);
    if (SHOTS) await savePdfPage(pdf, 1, `${SHOTS}council-paper-page1.png`);

    // The first two pages: 提出者数・意見数, the campaigns, the themes, the staff's groups with
    // their responses, in that order; the appendix begins on the third.
    const summary = `${pages[0]}${pages[1]}`;
    const at = (text: string | RegExp) => {
      const i = typeof text === 'string' ? summary.indexOf(text) : summary.search(text);
      expect(i, String(text)).toBeGreaterThanOrEqual(0);
      return i;
    };
    const groups = await run.demo.server.db
      .selectFrom('comment_groups')
      .select(['summary', 'response'])
      .where('consultation_id', '=', park)
      .orderBy('position')
      .execute();
    const last = groups[groups.length - 1];
    const order = [
      at(/\d+人から\d+件の意見が提出されました/),
      at('大量提出'),
      at('内容によるテーマ'),
      at('テーマ1'),
      at('意見の概要と市の考え方'),
      // The staff's last group, with its response.
      at(last?.summary.slice(0, 12) ?? '?'),
      at(last?.response.slice(0, 12) ?? '?'),
    ];
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(summary).not.toContain('付録');
    expect(pages[2]?.startsWith('付録')).toBe(true);
    // Counts are never a vote: the paper says so at its top.
    expect(pages[0]).toContain('意見の件数は賛否の多数決を示すものではありません');
    await context.close();
  });
});

describe('suggested groups in a real browser', () => {
  it('are adopted one at a time, each with its section, on pages meeting WCAG 2.1 AA', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const { baseUrl, db } = run.demo.server;
    await signIn(page, baseUrl, 'staff@example.jp', PASSWORD);
    const review = run.demo.idOf('ごみ');
    const before = await db
      .selectFrom('comment_groups')
      .select('id')
      .where('consultation_id', '=', review)
      .execute();
    await page.goto(`${baseUrl}/staff/consultations/${review}/review/suggestions`);
    const problems = await axeViolations(page);
    const cards = page.locator('li.suggestion');
    const count = await cards.count();
    expect(count).toBeGreaterThan(1);

    // The first card: its comments are there to read, its section chosen; rename it and adopt it.
    const card = cards.first();
    expect(await card.locator('.suggestion-members li').count()).toBeGreaterThan(0);
    const section = await card.getByLabel('該当箇所').inputValue();
    // The demo's comments name sections, so the suggestion arrives with the one most of them named.
    expect(section).not.toBe('');
    await card.getByLabel(/意見の概要/).fill('ブラウザで名付けたグループ');
    await card.getByRole('button', { name: 'このグループを作成する' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('main').textContent()).toContain(
      'グループ「ブラウザで名付けたグループ」を作成しました',
    );
    expect(await page.locator('li.suggestion').count()).toBe(count - 1);
    problems.push(...(await axeViolations(page)));

    const after = await db
      .selectFrom('comment_groups')
      .select(['id', 'summary'])
      .where('consultation_id', '=', review)
      .execute();
    expect(after).toHaveLength(before.length + 1);
    const created = after.find((g) => g.summary === 'ブラウザで名付けたグループ');
    const sections = await db
      .selectFrom('group_sections')
      .select('section_id')
      .where('group_id', '=', created?.id ?? 0)
      .execute();
    expect(sections.map((s) => String(s.section_id))).toEqual([section]);
    // The group's page, reached from the notice.
    await page.getByRole('link', { name: 'グループを開く' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(`/staff/consultations/${review}/review/groups/${created?.id}`);
    expect(problems).toEqual([]);
    await context.close();
  });
});
