/**
 * Issue #14 in a real browser, on the demo: a new consultation started from an earlier one, its
 * draft imported from a Word file, the public page previewed before publishing, the result
 * previewed before publishing it, and the comment form's postal code and consent — every page
 * meeting WCAG 2.1 AA.
 */
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, onDemo } from './harness.ts';

const PASSWORD = 'demo-password-1234';
const run = onDemo(PASSWORD);

const newContext = (): Promise<BrowserContext> =>
  run.browser.newContext({ locale: 'ja-JP', bypassCSP: true });

async function signIn(page: Page) {
  await page.goto(`${run.demo.server.baseUrl}/login`);
  await page.getByLabel('メールアドレス').fill('staff@example.jp');
  await page.getByLabel('パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForLoadState('load');
}

/** A `datetime-local` value `days` from now, at 09:00. */
function inDays(days: number): string {
  const d = new Date(Date.now() + days * 86400_000);
  return `${d.toISOString().slice(0, 10)}T09:00`;
}

const wordPlan = async () =>
  Buffer.from(
    await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ text: '第1章 計画の目的', heading: HeadingLevel.HEADING_1 }),
              new Paragraph('ごみの減量と資源化を、市民・事業者・市が協働して進めます。'),
              new Paragraph('1 基本方針'),
              new Paragraph('(1) 発生抑制を優先します'),
              new Table({
                rows: [
                  new TableRow({
                    children: [
                      new TableCell({ children: [new Paragraph('指標')] }),
                      new TableCell({ children: [new Paragraph('目標')] }),
                    ],
                  }),
                  new TableRow({
                    children: [
                      new TableCell({ children: [new Paragraph('1人1日あたりのごみ量')] }),
                      new TableCell({ children: [new Paragraph('800g以下')] }),
                    ],
                  }),
                ],
              }),
              new Paragraph({ text: '第2章 施策', heading: HeadingLevel.HEADING_1 }),
              new Paragraph('分別の手引きを毎年配ります。'),
            ],
          },
        ],
      }),
    ),
  );

describe('authoring a consultation in a real browser', () => {
  it('starts from an earlier consultation, imports a Word draft and previews the public page', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page);
    const problems: string[] = [];

    await page.goto(`${run.demo.server.baseUrl}/staff/consultations/${run.demo.idOf('ごみ')}`);
    await page.getByRole('link', { name: 'この案件をもとに新しく作成' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('main').textContent()).toContain('をもとに入力しました');
    expect(await page.getByLabel('担当課').inputValue()).not.toBe('');
    problems.push(...(await axeViolations(page)));
    await page.getByLabel('件名').fill('ごみ減量・資源化推進計画（第2次案）');
    await page.getByLabel('募集開始日時').fill(inDays(10));
    await page.getByLabel('募集締切日時').fill(inDays(45));
    await page.getByRole('button', { name: '作成する' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toMatch(/^\/staff\/consultations\/\d+$/);
    const staffPage = new URL(page.url()).pathname;

    await page.getByRole('link', { name: '案文を貼り付け・ファイルから取り込む' }).click();
    await page.waitForLoadState('load');
    await page.getByLabel(/またはファイルを選択/).setInputFiles({
      name: '第2次案.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: await wordPlan(),
    });
    await page.getByRole('button', { name: '分割結果を確認する' }).click();
    await page.waitForLoadState('load');
    const split = (await page.locator('main').textContent()) ?? '';
    expect(split).toContain('4 件の節に分かれました。');
    expect(split).toContain('Word ファイル（第2次案.docx）の見出しスタイル');
    problems.push(...(await axeViolations(page)));
    await page.getByRole('button', { name: 'この内容で保存する' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(staffPage);

    await page.getByRole('link', { name: '公開ページをプレビュー' }).click();
    await page.waitForLoadState('load');
    await expect.poll(() => page.locator('.preview-mark').isVisible()).toBe(true);
    expect(await page.locator('.preview-mark').textContent()).toBe('プレビュー');
    expect(await page.locator('h1').textContent()).toBe('ごみ減量・資源化推進計画（第2次案）');
    expect(await page.locator('.badge').first().textContent()).toContain('募集予定');
    expect(await page.locator('table td', { hasText: '800g以下' }).count()).toBe(1);
    problems.push(...(await axeViolations(page)));
    expect(problems).toEqual([]);
    await context.close();
  });

  it('previews the result from the publishing page, without publishing it', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page);
    const gomi = run.demo.idOf('ごみ');
    await page.goto(`${run.demo.server.baseUrl}/staff/consultations/${gomi}/review/publish`);
    await page.getByLabel(/補足/).fill('いただいた意見をもとに計画を見直しました。');
    await page.getByRole('button', { name: '公開ページをプレビュー' }).click();
    await page.waitForLoadState('load');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('結果を公表すると、公開ページはこのようになります。');
    expect(text).toContain('意見募集の結果');
    expect(text).toContain('いただいた意見をもとに計画を見直しました。');
    expect(await axeViolations(page)).toEqual([]);
    // The public page still has no result.
    await page.goto(`${run.demo.server.baseUrl}/consultations/${gomi}`);
    expect(await page.locator('main').textContent()).not.toContain('意見募集の結果');
    await context.close();
  });
});

describe('the comment form’s postal code and consent in a real browser', () => {
  it('asks for consent where the consultation does, keeps the postal code per tab only, and meets WCAG 2.1 AA', async () => {
    const id = run.demo.idOf('協働');
    await run.demo.server.db
      .updateTable('consultations')
      .set({ require_consent: 1 })
      .where('id', '=', id)
      .execute();
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${run.demo.server.baseUrl}/consultations/${id}/comment`);
    const problems = [...(await axeViolations(page))];
    await page.getByRole('textbox', { name: /^意見/ }).fill('郵便番号と同意の確認です。');
    await page.getByRole('textbox', { name: /^氏名/ }).fill('倉敷 太郎');
    // Typed with full-width digits and no hyphen, as a Japanese keyboard often gives it.
    await page.getByRole('textbox', { name: /^郵便番号/ }).fill('７１００８５６');
    await page.getByRole('textbox', { name: /^住所/ }).fill('倉敷市西中新田640');
    await page.getByLabel(/^区分/).selectOption('resident');
    // The draft this browser keeps: the postal code only for this tab, like the address.
    const kept = await page.evaluate(
      (key) => ({ local: localStorage.getItem(key) ?? '', session: sessionStorage.getItem(key) ?? '' }),
      `koe-draft:comment-${id}`,
    );
    expect(kept.session).toContain('postal_code');
    expect(kept.local).not.toContain('postal_code');

    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await expect
      .poll(() => page.locator('#f-consent-error').textContent())
      .toContain('チェックを入れてください');
    problems.push(...(await axeViolations(page)));
    await page.getByLabel(/上記の個人情報の取扱いに同意します/).check();
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('入力内容の確認');
    const confirm = (await page.locator('main').textContent()) ?? '';
    expect(confirm).toContain('710-0856');
    expect(confirm).toContain('個人情報の取扱いへの同意：同意する');
    await page.getByRole('button', { name: 'この内容で送信する' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('送信が完了しました');
    const stored = await run.demo.server.db
      .selectFrom('comments')
      .select(['postal_code', 'consented'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ postal_code: '710-0856', consented: 1 });
    expect(problems).toEqual([]);
    await context.close();
  });
});
