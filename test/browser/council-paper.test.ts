/**
 * The council paper and the suggested groups in a real browser (issue #10): the demo park
 * consultation's paper printed to A4 PDF — its pages counted, its first two pages read — and the
 * pages checked against WCAG 2.1 AA.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems, launchBrowser, signIn, startDemoServer } from './harness.ts';
import { pdfPageTexts, savePdfPage } from './pdf.ts';

/** Set KOE_SCREENSHOTS=1 to refresh the pictures the README shows. */
const SHOTS = process.env.KOE_SCREENSHOTS ? new URL('./screenshots/', import.meta.url).pathname : undefined;
const PASSWORD = 'demo-password-1234';

let browser: Browser;
let demo: Awaited<ReturnType<typeof startDemoServer>>;

beforeAll(async () => {
  demo = await startDemoServer(PASSWORD);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await demo?.server.close();
});

function newContext(): Promise<BrowserContext> {
  return browser.newContext({ locale: 'ja-JP', bypassCSP: true });
}

describe('the council paper in a real browser', () => {
  it('prints the park consultation on at most 8 A4 pages, the summary on the first two', async () => {
    const context = await newContext();
    const page = await context.newPage();
    const { baseUrl } = demo.server;
    await signIn(page, baseUrl, 'council@example.jp', PASSWORD);
    const park = demo.idOf('公園');
    await page.goto(`${baseUrl}/council/consultations/${park}`);
    await expect
      .poll(async () => (await page.locator('#themes-summary').count()) > 0, { timeout: 30_000 })
      .toBe(true);
    const problems = await axeProblems(page);
    await page.goto(`${baseUrl}/council/consultations/${park}/print`);
    problems.push(...(await axeProblems(page)));
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
    const groups = await demo.server.db
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
