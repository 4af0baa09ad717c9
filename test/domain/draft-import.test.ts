import { describe, expect, it } from 'vitest';
import { draftFromDocx, draftFromPdf } from '../../src/domain/draft-import.ts';
import { splitDraft } from '../../src/domain/draft-split.ts';
import type { DocBlock } from '../../src/lib/draft-file/docx-blocks.ts';

const p = (text: string, markdown = text): DocBlock => ({ kind: 'paragraph', text, markdown });
const h = (level: number, text: string): DocBlock => ({ kind: 'heading', level, text });
const brief = (text: string) => splitDraft(text).map((s) => [s.level, s.number, s.heading, s.body]);

describe('the text of a Word draft', () => {
  it('makes Word headings and numbered paragraphs into headings, levels in that order', () => {
    const text = draftFromDocx([
      h(1, '第1章 総則'),
      p('この指針は、協働を進めるためのものです。'),
      p('1 目的'),
      p('(1) 基本的な考え方'),
      p('市民と市は対等です。'),
      { kind: 'markdown', markdown: '- 一\n- 二' },
      h(1, '第2章 推進'),
      p('ア 情報の共有'),
    ]);
    expect(brief(text)).toEqual([
      [1, '第1章', '総則', 'この指針は、協働を進めるためのものです。'],
      [2, '1', '目的', ''],
      [3, '(1)', '基本的な考え方', '市民と市は対等です。\n\n- 一\n- 二'],
      [1, '第2章', '推進', ''],
      [4, 'ア', '情報の共有', ''],
    ]);
  });

  it('numbers levels from the Word styles used, whichever they are', () => {
    expect(brief(draftFromDocx([h(2, '総則'), p('本文。'), h(3, '目的'), p('本文2。')]))).toEqual([
      [1, '', '総則', '本文。'],
      [2, '', '目的', '本文2。'],
    ]);
  });

  it('splits a Word file without heading styles at its Japanese numbering alone', () => {
    const text = draftFromDocx([p('第1章 総則'), p('1 目的'), p('本文。'), p('第２章　推進'), p('(1) 体制')]);
    expect(brief(text)).toEqual([
      [1, '第1章', '総則', ''],
      [2, '1', '目的', '本文。'],
      [1, '第2章', '推進', ''],
      [3, '(1)', '体制', ''],
    ]);
  });

  it('keeps a numbered sentence, and an over-long "heading", in the text', () => {
    const long = 'あ'.repeat(301);
    const text = draftFromDocx([
      h(1, '総則'),
      p('1. 市は、情報を公開する。', '1\\. 市は、情報を公開する。'),
      h(2, long),
    ]);
    expect(brief(text)).toEqual([[1, '', '総則', `1\\. 市は、情報を公開する。\n\n${long}`]]);
  });

  it('gives one section for a Word file without any heading', () => {
    expect(brief(draftFromDocx([p('ただの文章です。'), p('二つ目の段落です。')]))).toEqual([
      [1, '', '本文', 'ただの文章です。\n\n二つ目の段落です。'],
    ]);
  });
});

describe('the text of a PDF draft', () => {
  it('joins wrapped lines into paragraphs and keeps numbered lines as headings', () => {
    const text = draftFromPdf([
      [
        '第1章 総則',
        'この指針は、市民と市の協働を',
        '進めるためのものです。',
        '1 目的',
        'The city will',
        'listen.',
        '- 1 -',
      ],
      ['2', '(1) 基本的な考え方', '対等な立場で協働します。'],
    ]);
    expect(brief(text)).toEqual([
      [1, '第1章', '総則', 'この指針は、市民と市の協働を進めるためのものです。'],
      [2, '1', '目的', 'The city will listen.'],
      [3, '(1)', '基本的な考え方', '対等な立場で協働します。'],
    ]);
  });

  it('takes a numbered line as long as the page’s longest for a wrapped sentence, not a heading', () => {
    const text = draftFromPdf([
      [
        '1 目的',
        '市は、市民の意見を聴き、施策に反映するために、次の',
        '(1) 市は、市民の意見を聴き、施策に反映するために必要',
        'な仕組みを整えます。',
      ],
    ]);
    expect(brief(text)).toEqual([
      [
        1,
        '1',
        '目的',
        '市は、市民の意見を聴き、施策に反映するために、次の(1) 市は、市民の意見を聴き、施策に反映するために必要な仕組みを整えます。',
      ],
    ]);
  });

  it('never lets a line starting with # turn the text into Markdown', () => {
    expect(brief(draftFromPdf([['# of members', '1 目的', '本文。']]))).toEqual([
      [1, '', '前文', '\\# of members'],
      [1, '1', '目的', '本文。'],
    ]);
  });
});

describe('numbers in Markdown headings', () => {
  it('splits 1, (1), ア and 第1章 off a # heading as the section number', () => {
    expect(brief('# 第1章 総則\n## 1 目的\n### (1) 考え方\n#### ア 共有\n# はじめに\n')).toEqual([
      [1, '第1章', '総則', ''],
      [2, '1', '目的', ''],
      [3, '(1)', '考え方', ''],
      [4, 'ア', '共有', ''],
      [1, '', 'はじめに', ''],
    ]);
  });
});
