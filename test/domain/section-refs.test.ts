import { describe, expect, it } from 'vitest';
import { referenceProblem, resolveReferences, sectionIndex } from '../../src/domain/section-refs.ts';

const draft = [
  { id: 1, level: 1, number: '第1章', heading: '総則' },
  { id: 2, level: 2, number: '1', heading: '目的' },
  { id: 3, level: 2, number: '2', heading: '定義' },
  { id: 4, level: 1, number: '第2章', heading: '市民参加' },
  { id: 5, level: 2, number: '1', heading: '情報の共有' },
  { id: 6, level: 2, number: '2', heading: '市民の声を聴く仕組みの充実' },
  { id: 7, level: 1, number: '', heading: 'おわりに' },
];

describe('reading a section reference', () => {
  const index = sectionIndex(draft);

  it('reads a subsection by its chapter, in long or short form, in either width', () => {
    for (const ref of ['第2章 2', '第2章2', '２－２', '2-2', '2.2', '第2章 2 市民の声を聴く仕組みの充実']) {
      expect(index.resolve(ref), ref).toEqual({ kind: 'found', id: 6 });
    }
  });

  it('reads a unique number, heading or own label', () => {
    expect(index.resolve('第1章')).toEqual({ kind: 'found', id: 1 });
    expect(index.resolve('定義')).toEqual({ kind: 'found', id: 3 });
    expect(index.resolve('1 情報の共有')).toEqual({ kind: 'found', id: 5 });
    expect(index.resolve('おわりに')).toEqual({ kind: 'found', id: 7 });
  });

  it('refuses a number that fits several sections, naming each', () => {
    expect(index.resolve('2')).toEqual({
      kind: 'ambiguous',
      ref: '2',
      candidates: ['第1章 2 定義', '第2章 2 市民の声を聴く仕組みの充実'],
    });
    const message = referenceProblem(index.resolve('2'), index.examples, 'ja');
    expect(message).toContain('第1章 2 定義、第2章 2 市民の声を聴く仕組みの充実');
    expect(message).toContain('「第1章 1」「1-1」「第1章」');
  });

  it('splits a cell on commas and 「、」, and still reads words that each name a section', () => {
    expect(resolveReferences(index, '第2章 2、第1章,定義')).toEqual({ ids: [6, 1, 3], problems: [] });
    expect(resolveReferences(index, '第1章 第2章')).toEqual({ ids: [1, 4], problems: [] });
    const { problems } = resolveReferences(index, '第1章 2, 第9章');
    expect(problems).toEqual([{ kind: 'unknown', ref: '第9章' }]);
  });

  it('offers examples that each name one section', () => {
    expect(index.examples).toEqual(['第1章 1', '1-1', '第1章']);
    for (const ex of index.examples) expect(index.resolve(ex).kind).toBe('found');
    expect(sectionIndex([]).examples).toEqual([]);
  });
});
