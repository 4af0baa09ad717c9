/**
 * The comment form as only a browser shows it. With JavaScript the flow swaps steps in place; it
 * must be at least as safe as plain pages (#9.2): every step has its own address, and what was
 * typed survives Back, Reload and a closed tab until it is sent. Also: markers that follow the
 * submitter kind (#9.9) and sections indented by chapter (#9.8).
 */
import type { Browser, Page } from 'playwright-core';
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

const BODY = '戻っても消えないでほしい意見です。';
const h1 = (page: Page) => page.locator('h1').textContent();
const body = (page: Page) => page.getByRole('textbox', { name: /^意見/ });
const name = (page: Page) => page.getByRole('textbox', { name: /^氏名/ });

async function startForm(page: Page) {
  await page.goto(`${server.baseUrl}/consultations/${id}/comment`);
  await page.getByLabel('第1章 1 協働の原則').check();
  await body(page).fill(BODY);
  await name(page).fill('倉敷 太郎');
  await page.getByRole('textbox', { name: /^郵便番号/ }).fill('710-8565');
  await page.getByRole('textbox', { name: /^住所/ }).fill('倉敷市中央1丁目');
  await page.getByRole('combobox', { name: /^区分/ }).selectOption('resident');
}

async function toConfirm(page: Page) {
  await page.getByRole('button', { name: '入力内容を確認する' }).click();
  await expect.poll(() => h1(page)).toBe('入力内容の確認');
}

/** What this browser keeps for the consultation's comment form. */
const kept = (page: Page) =>
  page.evaluate(
    (key) => ({ local: localStorage.getItem(key), session: sessionStorage.getItem(key) }),
    `koe-draft:comment-${id}`,
  );

describe('a comment being written, with JavaScript (#9.2)', () => {
  it('gives the confirmation step its own address, and Back returns to the form with the text', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    await startForm(page);
    await toConfirm(page);
    await expect.poll(() => page.url()).toBe(`${server.baseUrl}/consultations/${id}/comment/confirm`);
    await page.goBack();
    await expect.poll(() => h1(page)).toBe('意見の入力');
    await expect.poll(() => body(page).inputValue()).toBe(BODY);
    expect(await name(page).inputValue()).toBe('倉敷 太郎');
    expect(await page.getByLabel('第1章 1 協働の原則').isChecked()).toBe(true);
    // Forward again: the confirmation cannot be rebuilt, so the form comes back, filled.
    await page.goForward();
    await expect.poll(() => page.locator('.notice').first().textContent()).toContain('確認画面は');
    await expect.poll(() => body(page).inputValue()).toBe(BODY);
    await page.close();
  });

  it('restores the text after a reload of the form and after the tab was closed', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await startForm(page);
    await page.reload();
    await expect.poll(() => body(page).inputValue()).toBe(BODY);
    expect(await name(page).inputValue()).toBe('倉敷 太郎');
    expect(await page.locator('#draft-restored').textContent()).toContain('前回の入力内容を復元しました');
    await page.close();
    // A new tab of the same browser: the comment is still there; personal fields were per tab.
    const again = await context.newPage();
    await again.goto(`${server.baseUrl}/consultations/${id}/comment`);
    await expect.poll(() => body(again).inputValue()).toBe(BODY);
    expect(await name(again).inputValue()).toBe('');
    // "Clear what I entered" forgets it.
    await again.getByRole('button', { name: '入力内容を消去する' }).click();
    expect(await body(again).inputValue()).toBe('');
    expect(await kept(again)).toEqual({ local: null, session: null });
    await context.close();
  });

  it('restores the text on a reload of the confirmation step', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    await startForm(page);
    await toConfirm(page);
    await page.reload();
    await expect.poll(() => h1(page)).toBe('意見の入力');
    await expect.poll(() => body(page).inputValue()).toBe(BODY);
    await page.close();
  });

  it('forgets the kept text once the receipt is shown', async () => {
    const page = await browser.newPage({ locale: 'ja-JP' });
    await startForm(page);
    expect((await kept(page)).local).toContain(BODY);
    await toConfirm(page);
    await page.getByRole('button', { name: 'この内容で送信する' }).click();
    await expect.poll(() => h1(page)).toBe('送信が完了しました');
    expect(await kept(page)).toEqual({ local: null, session: null });
    await page.goto(`${server.baseUrl}/consultations/${id}/comment`);
    expect(await body(page).inputValue()).toBe('');
    await page.close();
  });
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
