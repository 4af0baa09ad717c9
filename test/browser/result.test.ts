import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroup, updateFinalSection } from '../../src/data/groups.ts';
import { seedConsultation } from '../helpers.ts';
import { publishResultNow, sectionIdsOf, seedComment } from '../routes/review-fixtures.ts';
import { AXE_PATH, type AxeViolation, launchBrowser, startServer } from './harness.ts';

/** Set KOE_SCREENSHOTS=1 to refresh the pictures the README shows. */
const SHOTS = process.env.KOE_SCREENSHOTS ? new URL('./screenshots/', import.meta.url).pathname : undefined;

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let consultationId: number;

const DRAFT_INFO =
  '市は、**わかりやすい情報**を速やかに公開します。\n\n- 説明会を開きます。\n- 資料を配ります。';
const FINAL_INFO =
  '市は、**わかりやすい情報**を速やかに公開します。\n\n- 説明会を各地区で年2回開きます。\n- 資料を配ります。\n\n説明会の様子は動画でも配信します。';

beforeAll(async () => {
  server = await startServer({ now: '2026-12-05T03:00:00.000Z' });
  const db = server.db;
  consultationId = await seedConsultation(db, { title: '協働のまちづくり指針（案）' }, [
    { level: 1, number: '第1章', heading: '総則', body_md: 'この指針は、協働を進めるためのものです。' },
    { level: 2, number: '1', heading: '市民の声を聴く仕組みの充実', body_md: DRAFT_INFO },
    { level: 2, number: '2', heading: '審議会制度の見直し', body_md: '委員の公募を進めます。' },
  ]);
  const [, s1, s2] = (await sectionIdsOf(db, consultationId)) as number[];
  const staff = { id: null, label: 'test' };
  const at = new Date('2026-12-03T00:00:00.000Z');
  const comment = (body: string, sectionIds: number[]) =>
    seedComment(db, consultationId, { body, sectionIds }).then((c) => c.id);
  const a = await comment('説明会を地区ごとに開いてほしい。', [s1 as number]);
  const b = await comment('説明会に行けない人のために動画で配信してほしい。', [s1 as number]);
  const c = await comment('審議会の委員をもっと公募で選んでほしい。', [s2 as number]);
  await updateFinalSection(
    db,
    consultationId,
    s1 as number,
    { heading: '市民の声を聴く仕組みの充実', body: FINAL_INFO, removed: false },
    staff,
    at,
  );
  await createGroup(
    db,
    consultationId,
    {
      summary: '説明会を各地区で開き、参加できない人のために動画でも配信してほしい。',
      response:
        'ご意見を踏まえ、説明会を各地区で年2回開くこと、説明会の様子を動画でも配信することを指針に明記しました。',
      outcome: 'revised',
      revisionNote: '第1章1に、説明会の開催回数と動画配信を追記しました。',
      sectionIds: [s1 as number],
    },
    [a, b],
    staff,
    at,
  );
  await createGroup(
    db,
    consultationId,
    {
      summary: '審議会の委員を公募で選ぶ割合を増やしてほしい。',
      response: '委員の公募は案の第1章2のとおり進めます。公募の割合は今後の参考とさせていただきます。',
      outcome: 'future_reference',
      sectionIds: [s2 as number],
    },
    [c],
    staff,
    at,
  );
  await publishResultNow(db, consultationId, '2026-12-04T00:00:00.000Z');
  browser = await launchBrowser();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function axe(page: Page, selector: string): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async (sel) => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(sel, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: [],
    }));
  }, selector);
}

/** Each cell of the table's rows: its width, its display, and its visible label. */
function cells(page: Page, table: string) {
  return page.evaluate((sel) => {
    const rows = [...document.querySelectorAll(`${sel} tbody tr`)];
    return rows.flatMap((tr) =>
      [...tr.children].map((cell) => {
        const label = cell.querySelector('.cell-label');
        return {
          width: cell.getBoundingClientRect().width,
          display: getComputedStyle(cell).display,
          label: label && getComputedStyle(label).display !== 'none' ? (label.textContent ?? '') : null,
        };
      }),
    );
  }, table);
}

describe('the published result in a real browser', () => {
  it('reads on a phone: each row of the table is a block of labelled fields', async () => {
    const page = await browser.newPage({
      bypassCSP: true,
      locale: 'ja-JP',
      viewport: { width: 375, height: 812 },
    });
    await page.goto(`${server.baseUrl}/consultations/${consultationId}`);
    const all = await cells(page, '.result-table');
    expect(all).toHaveLength(12);
    for (const cell of all) {
      expect(cell.display).toBe('block');
      expect(cell.width).toBeGreaterThan(375 * 0.8);
    }
    expect(all.slice(0, 6).map((c) => c.label)).toEqual([
      'No.',
      '該当箇所',
      '意見の概要',
      '件数',
      '市の考え方',
      '修正',
    ]);
    // 該当箇所 reads as a line of text, not a column of single characters.
    const sectionCell = await page
      .locator('.result-table tbody tr')
      .first()
      .locator('td')
      .first()
      .boundingBox();
    expect(sectionCell?.height ?? 999).toBeLessThan(80);
    expect(await axe(page, '.result-section')).toEqual([]);
    if (SHOTS) await page.locator('.result-section').screenshot({ path: `${SHOTS}result-phone.png` });

    // The 新旧対照表 stacks too: 修正前 above 修正後, each labelled.
    await page.getByText('新旧対照表で見る（修正前・修正後）').click();
    const comparison = await cells(page, '.comparison-table');
    expect(comparison.map((c) => c.label)).toEqual(['修正前（案）', '修正後']);
    for (const cell of comparison) expect(cell.width).toBeGreaterThan(375 * 0.8);
    const caption = await page.locator('.comparison-table caption').boundingBox();
    expect(caption?.width ?? 0).toBeGreaterThan(375 * 0.8);
    if (SHOTS) await page.locator('.comparison').screenshot({ path: `${SHOTS}comparison-phone.png` });
    await page.close();
  });

  it('keeps the table on a wide screen, with the 新旧対照表 as two columns', async () => {
    const page = await browser.newPage({
      bypassCSP: true,
      locale: 'ja-JP',
      viewport: { width: 1280, height: 900 },
    });
    await page.goto(`${server.baseUrl}/consultations/${consultationId}`);
    const all = await cells(page, '.result-table');
    for (const cell of all) {
      expect(cell.display).toBe('table-cell');
      expect(cell.label).toBeNull();
    }
    expect(await page.locator('.result-table thead th').first().isVisible()).toBe(true);
    await page.getByText('新旧対照表で見る（修正前・修正後）').click();
    const comparison = await cells(page, '.comparison-table');
    expect(comparison.map((c) => c.display)).toEqual(['table-cell', 'table-cell']);
    const [before, after] = comparison;
    expect(Math.abs((before?.width ?? 0) - (after?.width ?? 0))).toBeLessThan(2);
    expect(await axe(page, '.result-section')).toEqual([]);
    if (SHOTS) {
      await page.locator('.result-table').screenshot({ path: `${SHOTS}result-desktop.png` });
      await page.locator('.comparison').screenshot({ path: `${SHOTS}comparison-desktop.png` });
    }
    await page.close();
  });
});
