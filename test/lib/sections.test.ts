import { describe, expect, it } from 'vitest';
import { ownLabel, sectionLabels } from '../../src/lib/sections.ts';

const draft = [
  { id: 1, level: 1, number: '第1章', heading: '総則' },
  { id: 2, level: 2, number: '1', heading: '目的' },
  { id: 3, level: 2, number: '2', heading: '定義' },
  { id: 4, level: 1, number: '第2章', heading: '市民参加' },
  { id: 5, level: 2, number: '1', heading: '情報の共有' },
  { id: 6, level: 3, number: '(1)', heading: 'わかりやすい公開' },
  { id: 7, level: 2, number: '2', heading: '市民の声を聴く仕組みの充実' },
  { id: 8, level: 1, number: '', heading: 'おわりに' },
  { id: 9, level: 2, number: '1', heading: '見直し' },
];

describe('section labels', () => {
  it('name a subsection with its chapter, so two sections numbered 2 differ', () => {
    const labels = sectionLabels(draft);
    expect(labels.get(3)).toBe('第1章 2 定義');
    expect(labels.get(7)).toBe('第2章 2 市民の声を聴く仕組みの充実');
    expect(labels.get(6)).toBe('第2章 1 (1) わかりやすい公開');
    expect(labels.get(4)).toBe('第2章 市民参加');
    expect(new Set(labels.values()).size).toBe(draft.length);
  });

  it('use the heading of an enclosing section that has no number', () => {
    expect(sectionLabels(draft).get(9)).toBe('おわりに 1 見直し');
    expect(ownLabel({ number: '', heading: 'はじめに' })).toBe('はじめに');
  });
});
