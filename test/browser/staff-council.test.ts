import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.ts';
import { TEST_SECRET } from '../helpers.ts';
import { axeViolations as axe, launchBrowser, signIn as signInAs, startServer } from './harness.ts';

const PASSWORD = 'demo-password-1234';
let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
const ids: Record<string, number> = {};

beforeAll(async () => {
  const now = new Date();
  server = await startServer({ now: now.toISOString(), env: { KOE_DEMO_PASSWORD: PASSWORD } });
  await seedDemo(
    { db: server.db, config: server.config, secret: TEST_SECRET, demo: true, baseUrl: server.baseUrl },
    now,
  );
  for (const row of await server.db.selectFrom('consultations').select(['id', 'title']).execute()) {
    if (row.title.includes('公園')) ids.published = row.id;
    if (row.title.includes('ごみ')) ids.review = row.id;
    if (row.title.includes('協働')) ids.open = row.id;
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A Japanese browser whose checker may inject axe despite the page's own CSP. */
async function newContext(): Promise<BrowserContext> {
  return browser.newContext({ locale: 'ja-JP', bypassCSP: true });
}

const signIn = (page: Page, email: string) => signInAs(page, server.baseUrl, email, PASSWORD);

describe('staff, council and the published result in a real browser', () => {
  it('lets a council member sign in from the footer link and land on the council pages, linked from the header', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/`);
    await page.locator('footer').getByRole('link', { name: /職員/ }).click();
    await page.waitForLoadState('load');
    await page.getByLabel('メールアドレス').fill('council@example.jp');
    await page.getByLabel('パスワード').fill(PASSWORD);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/council');
    const link = page.locator('header').getByRole('link', { name: '審議会資料' });
    expect(await link.getAttribute('href')).toBe('/council');
    // And the footer link, once signed in, leads to the same home.
    await page.locator('footer').getByRole('link', { name: /職員/ }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/council');
    await context.close();
  });

  it('shows an administrator the audit log in words, its pages meeting WCAG 2.1 AA', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, 'admin@example.jp');
    await page.goto(`${server.baseUrl}/staff/admin/audit`);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('意見の入力（郵送・FAX等）');
    expect(text).not.toContain('comment.enter');
    const problems = [...(await axe(page))];
    await page.locator('.audit-table tbody a').first().click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toMatch(/^\/staff\/admin\/audit\/\d+$/);
    problems.push(...(await axe(page)));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the published result, which meets WCAG 2.1 AA', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/consultations/${ids.published}`);
    expect(await page.locator('main').textContent()).toMatch(/\d+人から\d+件/);
    expect(await axe(page)).toEqual([]);
    await context.close();
  });

  it('lets staff work through the inbox and the review workspace, pages meeting WCAG 2.1 AA', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, 'staff@example.jp');
    expect(new URL(page.url()).pathname).toBe('/staff');
    const problems: string[] = [];
    problems.push(...(await axe(page)));
    for (const path of [
      `/staff/consultations/${ids.review}/comments`,
      `/staff/consultations/${ids.review}/review`,
      `/staff/consultations/${ids.open}/edit`,
      `/staff/consultations/${ids.review}/comments/new`,
    ]) {
      const res = await page.goto(`${server.baseUrl}${path}`);
      expect(res?.status(), path).toBe(200);
      problems.push(...(await axe(page)));
    }
    // Search the inbox for a two-character word: htmx updates the results in place.
    await page.goto(`${server.baseUrl}/staff/consultations/${ids.review}/comments`);
    const count = async () =>
      Number(
        ((await page.locator('#inbox-results').textContent()) ?? '')
          .match(/該当する意見：([\d,]+)件/)?.[1]
          ?.replace(/,/g, ''),
      );
    const all = await count();
    await page.locator('#f-q').fill('ごみ');
    await page
      .getByRole('button', { name: /絞り込む|検索/ })
      .first()
      .click();
    await expect.poll(count).toBeLessThan(all);
    expect(await count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the council the summary and its print layout, meeting WCAG 2.1 AA, and refuses staff pages', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, 'council@example.jp');
    expect(new URL(page.url()).pathname).toBe('/council');
    const problems: string[] = [...(await axe(page))];
    await page.goto(`${server.baseUrl}/council/consultations/${ids.published}`);
    await expect
      .poll(async () => (await page.locator('main').textContent()) ?? '', { timeout: 30_000 })
      .toMatch(/キーワード|主な語/);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('意見の件数は賛否の多数決を示すものではありません');
    problems.push(...(await axe(page)));
    await page.goto(`${server.baseUrl}/council/consultations/${ids.published}/print`);
    problems.push(...(await axe(page)));
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.byteLength).toBeGreaterThan(10_000);
    const refused = await page.goto(`${server.baseUrl}/staff/consultations/${ids.review}/comments`);
    expect(refused?.status()).toBe(403);
    // Even a refusal leads back: the header links to the council pages.
    await expect.poll(() => page.locator('header').getByRole('link', { name: '審議会資料' }).count()).toBe(1);
    expect(problems).toEqual([]);
    await context.close();
  });
});
