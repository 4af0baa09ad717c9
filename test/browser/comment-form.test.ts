/**
 * The comment form as only a browser shows it: markers that follow the submitter kind (#9.9)
 * and sections indented by chapter (#9.8).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConsultation } from '../helpers.ts';
import { launchBrowser, startServer } from './harness.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let id: number;

beforeAll(async () => {
  server = await startServer({ now: new Date().toISOString() });
  const now = Date.now();
  id = await seedConsultation(server.db, {
    opens_at: new Date(now - 5 * 86400_000).toISOString(),
    closes_at: new Date(now + 25 * 86400_000).toISOString(),
  });
  server.clock.set(new Date());
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the comment form in a browser', () => {
  it('shows only the fields of the chosen kind of submitter, marked 必須 or 任意 for it (#9.9)', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    await page.goto(`${server.baseUrl}/consultations/${id}/comment`);
    const label = (field: string) => page.locator(`label[for="f-${field}"]`).textContent();
    expect(await label('name')).toBe('氏名必須');
    expect(await page.locator('#f-organisation_name').isVisible()).toBe(false);
    await page.getByRole('radio', { name: '団体・事業者' }).check();
    expect(await page.locator('#f-name').isVisible()).toBe(false);
    expect(await label('organisation_name')).toBe('団体・事業者の名称必須');
    expect(await page.locator('#f-representative').isVisible()).toBe(true);
    await page.getByRole('radio', { name: '個人' }).check();
    expect(await page.locator('#f-name').isVisible()).toBe(true);
    expect(await page.locator('#f-organisation_name').isVisible()).toBe(false);
    await page.close();
  });

  it('indents each chapter’s sections under it (#9.8)', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    await page.goto(`${server.baseUrl}/consultations/${id}/comment`);
    const chapter = await page.getByLabel('第1章 指針の目的').boundingBox();
    const section = await page.getByLabel('第1章 1 協働の原則').boundingBox();
    expect(section!.x - chapter!.x).toBeGreaterThanOrEqual(16);
    await page.close();
  });
});
