import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConsultation } from '../helpers.ts';
import { AXE_PATH, type AxeViolation, launchBrowser, startServer } from './harness.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let consultationId: number;

beforeAll(async () => {
  server = await startServer({ now: new Date().toISOString() });
  const now = Date.now();
  consultationId = await seedConsultation(server.db, {
    opens_at: new Date(now - 5 * 86400_000).toISOString(),
    closes_at: new Date(now + 25 * 86400_000).toISOString(),
    submit_postal_address: '〒710-0000 倉敷市本町1-1',
    submit_email: 'kyodo@example.jp',
  });
  // The test clock is fixed at start; keep it moving with real time for the browser run.
  server.clock.set(new Date());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function axe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
}

async function fillComment(page: Page, body: string) {
  await page.getByLabel('第1章 指針の目的').check();
  await page.getByRole('textbox', { name: /^意見/ }).fill(body);
  await page.getByRole('textbox', { name: /^氏名/ }).fill('倉敷 太郎');
  await page.getByRole('textbox', { name: /^郵便番号/ }).fill('710-8565');
  await page.getByRole('textbox', { name: /^住所/ }).fill('倉敷市中央1丁目');
  await page.getByRole('combobox', { name: /^区分/ }).selectOption('resident');
}

describe('a citizen in a real browser', () => {
  it('sends a comment with JavaScript: the steps happen in place and the counter counts', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    const errors: string[] = [];
    page.on('console', (m) => {
      // The browser logs the 422 of a rejected form as an error; that answer is the design.
      if (m.type() === 'error' && !m.text().includes('422')) errors.push(m.text());
    });
    await page.goto(`${server.baseUrl}/consultations/${consultationId}`);
    await page.getByRole('link', { name: 'この案に意見を書く' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('意見の入力');

    // Submitting empty shows the errors in place (a 422 swapped by htmx), focus on the summary.
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    expect(page.url()).toContain(`/consultations/${consultationId}/comment`);

    await fillComment(page, 'ブラウザから送る意見です。');
    await expect.poll(() => page.locator('.counter').textContent()).toContain('13 / 4,000 文字');
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('入力内容の確認');
    // In place (the page was not reloaded), at the step's own address.
    await expect.poll(() => page.url()).toContain('/comment/confirm');
    await page.getByRole('button', { name: 'この内容で送信する' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('送信が完了しました');
    const code = (await page.locator('.receipt-code').textContent())!.trim();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await expect.poll(() => page.url()).toContain('/comment/done/');
    expect(await page.getByRole('button', { name: '控えを印刷する' }).isVisible()).toBe(true);

    await page.goto(`${server.baseUrl}/receipts?code=${code.toLowerCase()}`);
    expect(await page.locator('.quote').textContent()).toBe('ブラウザから送る意見です。');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('sends a comment without JavaScript through real page loads', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/consultations/${consultationId}/comment`);
    await fillComment(page, 'JavaScriptなしで送る意見。');
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await page.waitForURL('**/comment/confirm');
    expect(await page.locator('h1').textContent()).toBe('入力内容の確認');
    await page.getByRole('button', { name: 'この内容で送信する' }).click();
    await page.waitForURL('**/comment/done/**');
    expect(await page.locator('h1').textContent()).toBe('送信が完了しました');
    // Going back and sending the same confirmation again yields the same receipt.
    const first = page.url();
    await page.goBack();
    await page.getByRole('button', { name: 'この内容で送信する' }).click();
    await page.waitForURL('**/comment/done/**');
    expect(page.url()).toBe(first);
    await context.close();
  });

  it('meets WCAG 2.1 AA (axe) on the public pages, including a form with errors', async () => {
    // The checker is injected as a script, which the page's own CSP rightly forbids.
    const context = await browser.newContext({ bypassCSP: true, locale: 'ja-JP' });
    const page = await context.newPage();
    const found: Record<string, AxeViolation[]> = {};
    for (const path of [
      '/',
      `/consultations/${consultationId}`,
      `/consultations/${consultationId}/comment`,
      '/receipts',
    ]) {
      await page.goto(`${server.baseUrl}${path}`);
      found[path] = await axe(page);
    }
    await page.goto(`${server.baseUrl}/consultations/${consultationId}/comment`);
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await expect.poll(() => page.locator('.error-summary').count()).toBe(1);
    found['form with errors'] = await axe(page);
    await page.goto(`${server.baseUrl}/consultations/${consultationId}?lang=en`);
    found.English = await axe(page);
    await context.close();
    const summary = Object.entries(found).flatMap(([p, vs]) =>
      vs.map(
        (v) => `${p}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    );
    expect(summary).toEqual([]);
  });

  it('reads well on a phone-sized screen without sideways scrolling', async () => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 740 },
      deviceScaleFactor: 2,
      locale: 'ja-JP',
    });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/consultations/${consultationId}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    if (process.env.KOE_SCREENSHOTS)
      await page.screenshot({
        path: `${process.env.KOE_SCREENSHOTS}/phone-consultation.png`,
        fullPage: true,
      });
    await context.close();
  });
});
