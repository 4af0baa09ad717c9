import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { startupTasks } from '../../src/startup.ts';
import { TEST_SECRET } from '../helpers.ts';
import { axeViolations, onDemo, signIn, startServer } from './harness.ts';

const PASSWORD = 'demo-password-1234';
const OWN = 'my own long passphrase 2026';
const run = onDemo(PASSWORD);

/** A Japanese browser whose checker may inject axe despite the page's own CSP. */
async function newContext(): Promise<BrowserContext> {
  const context = await run.browser.newContext({ locale: 'ja-JP', bypassCSP: true });
  // A missing field fails in seconds, not at the test's timeout (pages are served locally).
  context.setDefaultTimeout(15_000);
  return context;
}

/** The field labelled exactly `label` (the label ends in 必須 or 任意). */
function field(page: Page, label: string) {
  const escaped = label.replace(/[()（）]/g, (ch) => `\\${ch}`);
  return page.getByLabel(new RegExp(`^${escaped}\\s*(必須|任意)?$`));
}

const pathOf = (page: Page) => new URL(page.url()).pathname + new URL(page.url()).search;

describe('accounts in a real browser', () => {
  it('gives a new staff account a temporary password that must be replaced at the first sign-in, every page meeting WCAG 2.1 AA', async () => {
    const { baseUrl } = run.demo.server;
    const problems: string[] = [];
    const adminContext = await newContext();
    const admin = await adminContext.newPage();
    await signIn(admin, baseUrl, 'admin@example.jp', PASSWORD);
    await admin.goto(`${baseUrl}/staff/admin/users/new`);
    problems.push(...(await axeViolations(admin)));
    await field(admin, 'メールアドレス').fill('tanaka@city.example.jp');
    await field(admin, '表示名').fill('環境政策課 田中');
    await field(admin, '権限').selectOption('staff');
    await admin.getByRole('checkbox', { name: '環境政策課' }).check();
    await admin.getByRole('button', { name: '作成する' }).click();
    await admin.waitForLoadState('load');
    expect(await admin.locator('main').textContent()).toContain('tanaka@city.example.jp の仮のパスワード');
    const temporary = ((await admin.locator('code.temporary-password').textContent()) ?? '').trim();
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    problems.push(...(await axeViolations(admin)));

    // The person signs in with it, wanting the new-consultation form, and is asked for a password first.
    const personContext = await newContext();
    const person = await personContext.newPage();
    await person.goto(`${baseUrl}/staff/consultations/new`);
    await person.waitForLoadState('load');
    expect(new URL(person.url()).pathname).toBe('/login');
    await field(person, 'メールアドレス').fill('tanaka@city.example.jp');
    await field(person, 'パスワード').fill(temporary);
    await person.getByRole('button', { name: 'ログイン' }).click();
    await person.waitForLoadState('load');
    expect(new URL(person.url()).pathname).toBe('/account/password');
    expect(await person.locator('main').textContent()).toContain(
      '管理者が発行した仮のパスワードでログインしています',
    );
    problems.push(...(await axeViolations(person)));
    // Any other signed-in page leads back to the change.
    await person.goto(`${baseUrl}/staff`);
    expect(new URL(person.url()).pathname).toBe('/account/password');

    // A mistyped confirmation: the error is announced and the page still passes axe.
    await field(person, '仮のパスワード').fill(temporary);
    await field(person, '新しいパスワード').fill(OWN);
    await field(person, '新しいパスワード（確認）').fill(`${OWN}x`);
    await person.getByRole('button', { name: 'パスワードを設定して続ける' }).click();
    await person.waitForLoadState('load');
    expect(await person.locator('#error-summary').textContent()).toContain('新しいパスワード（確認）');
    problems.push(...(await axeViolations(person)));

    await field(person, '仮のパスワード').fill(temporary);
    await field(person, '新しいパスワード').fill(OWN);
    await field(person, '新しいパスワード（確認）').fill(OWN);
    await person.getByRole('button', { name: 'パスワードを設定して続ける' }).click();
    await person.waitForLoadState('load');
    expect(pathOf(person)).toBe('/staff');
    const home = (await person.locator('main').textContent()) ?? '';
    expect(home).toContain('所属：環境政策課');
    problems.push(...(await axeViolations(person)));

    // The account page shows the sign-in; the admin sees it in the list.
    await person.goto(`${baseUrl}/account`);
    expect(await person.locator('main').textContent()).toMatch(/今回のログイン\s*令和\d+年\d+月\d+日/);
    problems.push(...(await axeViolations(person)));
    await admin.goto(`${baseUrl}/staff/admin`);
    const row = admin.locator('tr', { hasText: 'tanaka@city.example.jp' });
    expect(await row.textContent()).toMatch(/令和\d+年\d+月\d+日/);
    problems.push(...(await axeViolations(admin)));

    // The new password signs in straight to the staff home; the temporary one no longer works.
    const laterContext = await newContext();
    const later = await laterContext.newPage();
    await signIn(later, baseUrl, 'tanaka@city.example.jp', temporary);
    expect(new URL(later.url()).pathname).toBe('/login');
    await signIn(later, baseUrl, 'tanaka@city.example.jp', OWN);
    expect(pathOf(later)).toBe('/staff');
    expect(problems).toEqual([]);
    await Promise.all([adminContext.close(), personContext.close(), laterContext.close()]);
  }, 180_000); // three browsers and seven axe runs on a shared, slow machine

  it('shows the administration, settings and departments pages meeting WCAG 2.1 AA, with errors too', async () => {
    const { baseUrl } = run.demo.server;
    const context = await newContext();
    const page = await context.newPage();
    await signIn(page, baseUrl, 'admin@example.jp', PASSWORD);
    const problems: string[] = [];
    for (const path of ['/staff/admin', '/staff/admin/settings', '/staff/admin/departments']) {
      const res = await page.goto(`${baseUrl}${path}`);
      expect(res?.status(), path).toBe(200);
      problems.push(...(await axeViolations(page)));
    }
    await page.goto(`${baseUrl}/staff/admin/settings`);
    expect(await field(page, '市の名前').inputValue()).toBe('倉敷市');
    await field(page, 'プライバシーポリシー').fill('javascript:alert(1)');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#error-summary').textContent()).toContain('プライバシーポリシー');
    problems.push(...(await axeViolations(page)));
    await page.goto(`${baseUrl}/staff/admin/departments`);
    await field(page, '課の名前').first().fill('環境政策課');
    await page.getByRole('button', { name: '追加する' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#error-summary').textContent()).toContain('課の名前');
    problems.push(...(await axeViolations(page)));
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('a fresh install in a real browser', () => {
  it('asks for the city’s name with the first administrator, and every page then shows it', async () => {
    const server = await startServer();
    try {
      const lines = await startupTasks({
        db: server.db,
        config: server.config,
        secret: TEST_SECRET,
        demo: false,
        baseUrl: server.baseUrl,
        clock: server.clock,
      });
      const link = lines.find((l) => l.startsWith('Create the first administrator: '))?.split(': ')[1];
      expect(link).toBeDefined();
      const context = await newContext();
      const page = await context.newPage();
      await page.goto(link ?? '');
      const problems = await axeViolations(page);
      await field(page, '市の名前').fill('岡山市');
      await field(page, '市の名前（英語）').fill('Okayama City');
      await field(page, 'メールアドレス').fill('admin@city.okayama.example');
      await field(page, '表示名').fill('情報政策課 管理者');
      await field(page, 'パスワード').fill(OWN);
      await field(page, 'パスワード（確認）').fill(OWN);
      await page.getByRole('button', { name: /登録/ }).click();
      await page.waitForLoadState('load');
      expect(new URL(page.url()).pathname).toBe('/staff/admin');
      expect(await page.title()).toContain('岡山市 意見募集（パブリックコメント）');
      await page.goto(`${server.baseUrl}/`);
      expect(await page.locator('header').textContent()).toContain('岡山市');
      expect(await page.content()).not.toContain('倉敷');
      problems.push(...(await axeViolations(page)));
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      await server.close();
    }
  });
});
