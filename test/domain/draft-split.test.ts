import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { splitDraft, splitProblem } from '../../src/domain/draft-split.ts';
import { decodeTextFile as decodeDraftFile } from '../../src/lib/text-file.ts';

const brief = (text: string) => splitDraft(text).map((s) => [s.level, s.number, s.heading]);

describe('splitDraft', () => {
  it('makes one section of a text without headings', () => {
    const sections = splitDraft(
      'この計画は、市の将来像を示すものです。\n\n市民の皆さんの意見を募集します。\n',
    );
    expect(sections).toEqual([
      {
        level: 1,
        number: '',
        heading: '本文',
        body: 'この計画は、市の将来像を示すものです。\n\n市民の皆さんの意見を募集します。',
      },
    ]);
  });

  it('returns nothing for blank text', () => {
    expect(splitDraft('  \n\n ')).toEqual([]);
  });

  it('splits Markdown by # headings, with levels from the number of #', () => {
    const sections = splitDraft('# 総則\n本文A\n## 目的\n本文B\n### 細目\n本文C\n#### 4段目\n##### 5段目\n');
    expect(sections.map((s) => [s.level, s.heading, s.body])).toEqual([
      [1, '総則', '本文A'],
      [2, '目的', '本文B'],
      [3, '細目', '本文C'],
      [4, '4段目', ''],
      [4, '5段目', ''],
    ]);
  });

  it('takes a 第N章 prefix of a Markdown heading as the number', () => {
    expect(brief('# 第1章 総則\n## 第２節　目的\n')).toEqual([
      [1, '第1章', '総則'],
      [2, '第2節', '目的'],
    ]);
  });

  it('keeps Markdown ordered lists and code blocks in the body', () => {
    const sections = splitDraft('## 取組\n1. 情報公開\n2. 参加の機会\n```\n# not a heading\n```\n');
    expect(sections).toHaveLength(1);
    expect(sections[0]?.body).toContain('1. 情報公開');
    expect(sections[0]?.body).toContain('# not a heading');
  });

  it('recognises 第1章, full-width 第２章 and kanji 第十二章 with their 節', () => {
    expect(brief('第1章 総則\n第１節　目的\n本文\n第２章 計画\n第十二章　雑則\n第二節 補則\n')).toEqual([
      [1, '第1章', '総則'],
      [2, '第1節', '目的'],
      [1, '第2章', '計画'],
      [1, '第十二章', '雑則'],
      [2, '第二節', '補則'],
    ]);
  });

  it('recognises 1. / 1 / １． numbering', () => {
    expect(brief('1. はじめに\n本文\n2 現状と課題\n本文\n３．基本方針\n１０．おわりに\n')).toEqual([
      [1, '1', 'はじめに'],
      [1, '2', '現状と課題'],
      [1, '3', '基本方針'],
      [1, '10', 'おわりに'],
    ]);
  });

  it('recognises (1) and full-width （１） numbering', () => {
    expect(brief('(1) 目的\n本文\n（２）対象\n（１０） 期間\n')).toEqual([
      [1, '(1)', '目的'],
      [1, '(2)', '対象'],
      [1, '(10)', '期間'],
    ]);
  });

  it('recognises ア and (ア) numbering', () => {
    expect(brief('ア 情報の公開\n本文\nイ　参加の機会\n（ア）説明会\n(イ) 意見交換会\n')).toEqual([
      [1, 'ア', '情報の公開'],
      [1, 'イ', '参加の機会'],
      [2, '(ア)', '説明会'],
      [2, '(イ)', '意見交換会'],
    ]);
  });

  it('gives mixed styles levels in the usual Japanese order', () => {
    const text = [
      '倉敷市協働のまちづくり指針（案）',
      '',
      '第1章 指針の目的',
      'この指針は、協働を進めるためのものです。',
      '1 協働の原則',
      '(1) 対等の原則',
      '市民と市は対等です。',
      'ア 相互理解',
      '(ア) 情報共有',
      '2 情報の公開',
      '第2章 推進体制',
    ].join('\n');
    const sections = splitDraft(text);
    expect(sections.map((s) => [s.level, s.number, s.heading])).toEqual([
      [1, '', '前文'],
      [1, '第1章', '指針の目的'],
      [2, '1', '協働の原則'],
      [3, '(1)', '対等の原則'],
      [4, 'ア', '相互理解'],
      [4, '(ア)', '情報共有'],
      [2, '2', '情報の公開'],
      [1, '第2章', '推進体制'],
    ]);
    expect(sections[0]?.body).toBe('倉敷市協働のまちづくり指針（案）');
    expect(sections[3]?.body).toBe('市民と市は対等です。');
  });

  it('does not take sentences, decimals or words starting with katakana for headings', () => {
    const sections = splitDraft(
      '1 目的\n1. 市は、情報を公開すること。\n1.5倍に増やします。\nアンケートを実施します。\nア 市民は、参加するよう努めること。\n',
    );
    expect(sections).toHaveLength(1);
    expect(sections[0]?.body.split('\n')).toHaveLength(4);
  });

  it('accepts Windows line endings and a byte order mark', () => {
    expect(brief('\uFEFF第1章 総則\r\n本文\r\n第2章 雑則\r\n')).toEqual([
      [1, '第1章', '総則'],
      [1, '第2章', '雑則'],
    ]);
  });

  it('keeps a chapter heading without text as its number alone', () => {
    expect(brief('第3章\n本文')).toEqual([[1, '第3章', '']]);
  });
});

// Sizes where a quadratic (or worse) split would take minutes, so a regression shows as a
// timeout; there is no timing assertion.
describe('splitDraft on huge input', () => {
  it('splits a single line of a million characters, and refuses it as too long for one section', () => {
    const line = `${' '.repeat(1_000_000)}x`;
    const sections = splitDraft(line);
    expect(sections).toHaveLength(1);
    expect(sections[0]).toMatchObject({ level: 1, number: '', heading: '本文' });
    expect(sections[0]?.body).toHaveLength(1_000_001);
    expect(splitProblem(sections)).toEqual({
      kind: 'section_too_long',
      heading: '本文',
      length: 1_000_001,
      max: 200_000,
    });
  });

  it('splits Markdown headings with long runs of spaces inside them', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `# 見出し${i}${' '.repeat(290)}x`);
    const sections = splitDraft(lines.join('\n'), 5000);
    expect(sections).toHaveLength(3000);
    expect(sections[2999]?.heading).toBe(`見出し2999${' '.repeat(290)}x`);
  });

  it('stops at one section more than allowed, and says there are too many', () => {
    const text = '1 見出し\n本文\n'.repeat(100_000);
    const sections = splitDraft(text);
    expect(sections).toHaveLength(2001);
    expect(splitProblem(sections)).toEqual({ kind: 'too_many_sections', max: 2000 });
  });

  it('keeps a numbered line longer than a heading may be in the text', () => {
    const long = `1 ${'あ'.repeat(301)}`;
    expect(brief(`1 目的\n${long}\n2 範囲\n`)).toEqual([
      [1, '1', '目的'],
      [1, '2', '範囲'],
    ]);
  });
});

describe('decodeDraftFile', () => {
  it('reads UTF-8 and Shift_JIS files', () => {
    const text = '第1章 総則\n本文です。';
    expect(decodeDraftFile(new TextEncoder().encode(text))).toBe(text);
    expect(decodeDraftFile(iconv.encode(text, 'Shift_JIS'))).toBe(text);
  });

  it('gives null for bytes that are neither', () => {
    expect(decodeDraftFile(new Uint8Array([0xff, 0xfe, 0xfd, 0x80, 0x80]))).toBeNull();
  });
});
