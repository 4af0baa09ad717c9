/**
 * What only a browser shows: how buttons look, how wide staff pages are, where lines break, how
 * the table of contents is numbered and how far the page starts below the top bar (issue #9).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedConsultation } from '../helpers.ts';
import { launchBrowser, startDemoServer, type startServer } from './harness.ts';

const PASSWORD = 'demo-password-1234';
let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let open: number;
const demo: Record<string, number> = {};

beforeAll(async () => {
  const started = await startDemoServer(PASSWORD);
  server = started.server;
  demo.closed = started.idOf('ごみ');
  demo.open = started.idOf('協働');
  const now = Date.now();
  open = await seedConsultation(server.db, {
    title: '試験用の意見募集',
    opens_at: new Date(now - 5 * 86400_000).toISOString(),
    closes_at: new Date(now + 25 * 86400_000).toISOString(),
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newContext(width = 1280, height = 900): Promise<BrowserContext> {
  return browser.newContext({ locale: 'ja-JP', viewport: { width, height } });
}

/** Signs in and opens the staff home (the demo's staff account works for three departments). */
async function signIn(page: Page, email = 'staff@example.jp') {
  await page.goto(`${server.baseUrl}/login`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード').fill(PASSWORD);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL(/\/staff/);
  if (new URL(page.url()).pathname !== '/staff') await page.goto(`${server.baseUrl}/staff`);
}

interface Look {
  background: string;
  border: string;
  color: string;
}

/** The computed colours that tell one kind of button from another. */
function lookOf(page: Page, selector: string): Promise<Look> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const s = getComputedStyle(el);
      return { background: s.backgroundColor, border: s.borderTopColor, color: s.color };
    });
}

describe('buttons that do different things look different (#9.5)', () => {
  it('on the comment confirmation, 「戻って修正する」 is not dressed as 「送信する」, and a danger button is neither', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/consultations/${open}/comment`);
    await page.getByRole('textbox', { name: /^意見/ }).fill('見た目の確認です。');
    await page.getByRole('textbox', { name: /^氏名/ }).fill('倉敷 太郎');
    await page.getByRole('textbox', { name: /^郵便番号/ }).fill('710-8565');
    await page.getByRole('textbox', { name: /^住所/ }).fill('倉敷市中央1丁目');
    await page.getByRole('combobox', { name: /^区分/ }).selectOption('resident');
    await page.getByRole('button', { name: '入力内容を確認する' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('入力内容の確認');

    // A danger button as any page would write it: a submit button with the class.
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.type = 'submit';
      b.className = 'button-danger';
      b.id = 'probe-danger';
      b.textContent = '削除する';
      document.querySelector('main form')?.append(b);
    });
    const back = await lookOf(page, 'button:has-text("入力画面に戻って修正する")');
    const send = await lookOf(page, 'button:has-text("この内容で送信する")');
    const danger = await lookOf(page, '#probe-danger');
    expect(back.background).not.toBe(send.background);
    expect(back.color).not.toBe(send.color);
    expect(danger.background).not.toBe(send.background);
    expect(danger.background).not.toBe(back.background);
    expect(danger.border).not.toBe(send.border);
    await context.close();
  });

  it('asks before deleting a section, on a page whose button is a danger button (no JavaScript needed)', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${server.baseUrl}/staff/consultations/new`);
    await page.getByLabel(/^件名/).fill('削除確認の試験');
    await page.getByLabel(/^担当課/).selectOption({ label: '環境政策課' });
    await page.getByRole('button', { name: '作成する' }).click();
    await page.waitForURL(/\/staff\/consultations\/\d+\?notice=created/);
    const base = new URL(page.url()).pathname;
    await page.goto(`${server.baseUrl}${base}/sections/new`);
    await page.getByLabel(/^見出し/).fill('消す節');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.waitForURL(/notice=section_saved/);

    await page.getByRole('link', { name: /削除.*消す節/ }).click();
    expect(await page.locator('h1').textContent()).toBe('節の削除');
    const danger = await lookOf(page, 'button:has-text("削除する")');
    const cancel = page.getByRole('link', { name: 'キャンセル' });
    expect(await cancel.isVisible()).toBe(true);
    expect(danger.background).not.toBe('rgb(11, 83, 148)');
    await page.getByRole('button', { name: '削除する' }).click();
    await page.waitForURL(/notice=section_deleted/);
    expect(await page.locator('main').textContent()).not.toContain('消す節');
    await context.close();
  });
});

/** Lines a box's text takes: its content height over its line height. */
function linesOf(page: Page, selector: string): Promise<number[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const s = getComputedStyle(el);
      const content =
        el.getBoundingClientRect().height -
        parseFloat(s.paddingTop) -
        parseFloat(s.paddingBottom) -
        parseFloat(s.borderTopWidth) -
        parseFloat(s.borderBottomWidth);
      return Math.round((content / parseFloat(s.lineHeight)) * 10) / 10;
    }),
  );
}

/** For each inline element, how many line boxes it is broken across. */
function fragmentsOf(page: Page, selector: string): Promise<{ text: string; lines: number }[]> {
  return page.locator(selector).evaluateAll((els) =>
    els.map((el) => {
      const tops = new Set([...el.getClientRects()].map((r) => Math.round(r.top)));
      return { text: el.textContent ?? '', lines: tops.size };
    }),
  );
}

describe('staff pages use the width they have; pills and dates do not break (#9.7)', () => {
  it('at 1280 px the staff home is wide, every status pill is one line and a period takes at most two', async () => {
    const context = await newContext(1280, 900);
    const page = await context.newPage();
    await signIn(page, 'admin@example.jp'); // an admin's home lists every department's consultations
    const width = await page.locator('main').evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeGreaterThan(1150);
    const pills = await linesOf(page, '.staff-table .badge');
    expect(pills.length).toBeGreaterThanOrEqual(5);
    for (const lines of pills) expect(lines).toBeLessThan(1.5);
    const periods = await linesOf(page, '.staff-table tbody td:nth-child(4)');
    for (const lines of periods) expect(lines).toBeLessThan(2.5);
    await context.close();
  });

  it('at 1280 px the inbox shows 受付済 and every other pill on one line', async () => {
    const context = await newContext(1280, 900);
    const page = await context.newPage();
    await signIn(page);
    await page.goto(`${server.baseUrl}/staff/consultations/${demo.open}/comments`);
    const pills = await linesOf(page, 'table .badge');
    expect(pills.length).toBeGreaterThan(5);
    for (const lines of pills) expect(lines).toBeLessThan(1.5);
    await context.close();
  });

  it('at 375 px no date breaks inside itself (「12月」 stays whole)', async () => {
    const context = await newContext(375, 740);
    const page = await context.newPage();
    const broken: string[] = [];
    for (const path of ['/', `/consultations/${demo.open}`, `/consultations/${demo.closed}`]) {
      await page.goto(`${server.baseUrl}${path}`);
      const dates = await fragmentsOf(page, 'main time');
      expect(dates.length).toBeGreaterThan(0);
      broken.push(...dates.filter((d) => d.lines > 1).map((d) => `${path}: ${d.text}`));
    }
    await signIn(page);
    broken.push(
      ...(await fragmentsOf(page, 'main time')).filter((d) => d.lines > 1).map((d) => `/staff: ${d.text}`),
    );
    expect(broken).toEqual([]);
    await context.close();
  });
});

describe('section labels: the contents number each entry once, chapters and subsections look different (#9.8)', () => {
  it('shows each contents entry with its own number only, nested, and styles a chapter unlike a subsection', async () => {
    const context = await newContext(1280, 900);
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/consultations/${open}`);
    const entries = await page.locator('.toc li').evaluateAll((els) =>
      els.map((li) => ({
        marker: getComputedStyle(li).listStyleType,
        text: li.querySelector('a')?.textContent ?? '',
        depth: (() => {
          let d = 0;
          for (let p = li.parentElement; p && !p.classList.contains('toc'); p = p.parentElement) {
            if (p.tagName === 'OL' || p.tagName === 'UL') d++;
          }
          return d;
        })(),
      })),
    );
    expect(entries).toEqual([
      { marker: 'none', text: '第1章 指針の目的', depth: 1 },
      { marker: 'none', text: '1 協働の原則', depth: 2 },
      { marker: 'none', text: '2 情報の公開', depth: 2 },
    ]);
    const look = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const s = getComputedStyle(el);
          return { size: s.fontSize, bar: s.borderLeftWidth, colour: s.borderLeftColor };
        });
    const chapter = await look('.section .section-heading h3');
    const sub = await look('.section .section-heading h4');
    expect(chapter.size).not.toBe(sub.size);
    expect(chapter.bar).not.toBe(sub.bar);

    await signIn(page);
    const staffPage = `${server.baseUrl}/staff/consultations/${open}`;
    await page.goto(staffPage);
    const staffChapter = await look('.staff-section.level-1 :is(h3, h4)');
    const staffSub = await look('.staff-section.level-2 :is(h3, h4)');
    expect(staffChapter.size).not.toBe(staffSub.size);
    expect(staffChapter.bar).not.toBe(staffSub.bar);
    await context.close();
  });
});

describe('the page starts clear of the top bar (#9.14)', () => {
  it('leaves at least 24 px between the top bar and the breadcrumb or heading', async () => {
    const context = await newContext(1280, 900);
    const page = await context.newPage();
    const gaps: Record<string, number> = {};
    const measure = async (path: string) => {
      await page.goto(`${server.baseUrl}${path}`);
      gaps[path] = await page.evaluate(() => {
        const bar = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0;
        const first = document.querySelector('main')?.querySelector('.breadcrumb, h1');
        return Math.round((first?.getBoundingClientRect().top ?? 0) - bar);
      });
    };
    await measure(`/consultations/${open}`);
    await signIn(page);
    await measure('/staff');
    await measure(`/staff/consultations/${open}`);
    await measure(`/staff/consultations/${demo.open}/comments`);
    for (const [path, gap] of Object.entries(gaps))
      expect({ path, gap: gap >= 24 }).toEqual({ path, gap: true });
    await context.close();
  });
});
