import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/index.ts';
import { pageOf } from '../../src/domain/council-summary.ts';
import { commonSection, planSuggestions, suggestedGroupSummary } from '../../src/domain/suggestions.ts';
import { heatLevel } from '../../views/partials/charts/Heatmap.tsx';
import { campaignFamilies, textSimilarity } from '../../src/domain/campaigns.ts';
import { withoutSystemText, writersTerms } from '../../src/domain/council-summary.ts';
import { encodeCsv, toCsv } from '../../src/lib/csv.ts';

describe('council summary rules', () => {
  it('writes CSV for Excel: BOM, CRLF, quoted cells, no formulas', () => {
    // The summary download's bytes (lib/csv), read back with the BOM kept.
    const bytes = encodeCsv(
      toCsv([
        ['区分', '内容'],
        ['a,b', 'say "hi"\nthere'],
        ['=SUM(A1)', '-1'],
      ]),
    );
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFF区分,内容\r\n"a,b","say ""hi""\nthere"\r\n\'=SUM(A1),\'-1\r\n');
  });

  it('shades heat-map cells from 0 to 5 by count', () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(1, 10)).toBe(1);
    expect(heatLevel(10, 10)).toBe(5);
    expect(heatLevel(3, 0)).toBe(0);
  });

  it('prefills a suggested group summary with its key terms', () => {
    expect(suggestedGroupSummary(['公園', '遊具', '安全', '点検'])).toBe(
      '(自動提案) 公園・遊具・安全 に関する意見',
    );
    expect(suggestedGroupSummary([])).toBe('(自動提案) 分類できなかった意見');
  });

  it('pages a list and clamps the page number', () => {
    const list = Array.from({ length: 120 }, (_, i) => i);
    expect(pageOf(list, 2).items[0]).toBe(50);
    expect(pageOf(list, 99).page).toBe(3);
    expect(pageOf(list, Number.NaN).page).toBe(1);
    expect(pageOf([], 1).pages).toBe(1);
  });

  it('suggests groups only for comments not yet placed, each comment once, without the unclassified theme', () => {
    const texts = [
      '図書館の開館時間を延ばしてほしい',
      '図書館の蔵書を増やしてほしい',
      '図書館の駐車場を広げてほしい',
      'バスの本数を増やしてほしい',
      'バス停に屋根をつけてほしい',
      'バスの路線を延ばしてほしい',
      '!!',
    ];
    const result = analyse(texts.map((text, i) => ({ id: i + 1, text })));
    const base = { result, sectionsOf: new Map(), draftOrder: [], textsOf: new Map() };
    const plan = planSuggestions({ ...base, unplaced: new Set([1, 2, 3, 4, 5, 7]), choices: [] });
    const ids = plan.open.flatMap((g) => g.memberIds);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(6);
    expect(ids).not.toContain(7);
    // Dropped and merged: a choice moves a suggestion, never loses its comments.
    const [first, second] = plan.open;
    if (first && second) {
      const after = planSuggestions({
        ...base,
        unplaced: new Set([1, 2, 3, 4, 5, 7]),
        choices: [{ suggestionId: second.id, choice: 'merged', summary: null, mergedInto: first.id }],
      });
      expect(after.open[0]?.memberIds).toEqual(
        [...first.memberIds, ...second.memberIds].sort((a, b) => a - b),
      );
      const dropped = planSuggestions({
        ...base,
        unplaced: new Set([1, 2, 3, 4, 5, 7]),
        choices: [{ suggestionId: first.id, choice: 'dropped', summary: null, mergedInto: null }],
      });
      expect(dropped.dropped.map((s) => s.id)).toEqual([first.id]);
    }
  });

  it('gives a suggestion the section most of its comments named, 全般 when most named none', () => {
    const sectionsOf = new Map([
      [1, [10]],
      [2, [10, 11]],
      [3, [11]],
      [4, []],
    ]);
    expect(commonSection([1, 2, 3], sectionsOf, [10, 11])).toBe(10);
    expect(commonSection([3, 4], sectionsOf, [10, 11])).toBe(11);
    expect(commonSection([4, 5, 1], sectionsOf, [10, 11])).toBe(null);
  });

  it('gathers a campaign and its light edits into one family, and keeps other campaigns apart', () => {
    const a =
      '子どもたちが思い切りボール遊びのできる公園を残してください。近年、多くの公園に看板が増えました。';
    const b =
      '子どもたちが思いきりボール遊びができる公園を残してください。最近は多くの公園に看板が増えました。';
    const c = '市役所の窓口の受付時間を夜八時まで延長してください。';
    expect(textSimilarity(a, a)).toBe(1);
    expect(textSimilarity(a, b)).toBeGreaterThan(0.7);
    expect(textSimilarity(a, c)).toBeLessThan(0.3);
    const families = campaignFamilies([
      { id: 'c1', canonicalText: a },
      { id: 'c2', canonicalText: c },
      { id: 'c3', canonicalText: b },
    ]);
    expect(families.map((f) => f.map((x) => x.id))).toEqual([['c1', 'c3'], ['c2']]);
  });

  it('shows no key term made of a redaction placeholder or cut from its counter', () => {
    const texts = ['［個人情報のため削除］さんの家の前のベンチが壊れています。', '夕方5時には暗くなります。'];
    expect(writersTerms(['個人情報', '削除', 'ベンチ', '夕方5', '10代'], texts)).toEqual(['ベンチ', '10代']);
    // A writer who speaks of 個人情報 keeps the word.
    expect(writersTerms(['個人情報'], ['個人情報の管理を徹底してください。'])).toEqual(['個人情報']);
    expect(withoutSystemText('［氏名のため削除］さんに賛成')).toBe('…さんに賛成');
  });
});
