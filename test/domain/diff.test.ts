import { describe, expect, it } from 'vitest';
import { DiffBudget, diffLines, diffText, hasChanges, pairLines, sideOf } from '../../src/domain/diff.ts';

describe('diffText', () => {
  it('finds an insertion inside a Japanese sentence', () => {
    expect(
      diffText(
        '市は、わかりやすい情報を積極的に公開します。',
        '市は、わかりやすい情報を速やかに積極的に公開します。',
      ),
    ).toEqual([
      { op: 'equal', text: '市は、わかりやすい情報を' },
      { op: 'insert', text: '速やかに' },
      { op: 'equal', text: '積極的に公開します。' },
    ]);
  });

  it('reads a rewritten phrase as one replacement, not a shower of one-letter pieces', () => {
    const ops = diffText(
      '対等な立場で、互いの特性を尊重します。',
      '市民と市は、互いの立場の違いを理解し、協力します。',
    );
    // No tiny equalities like 「の」 or 「、」 stranded between edits.
    const innerEquals = ops.slice(1, -1).filter((o) => o.op === 'equal');
    expect(innerEquals.every((o) => o.text.length > 2)).toBe(true);
    expect(ops.at(-1)).toEqual({ op: 'equal', text: 'します。' });
  });

  it('puts the deletion before the insertion within one edit', () => {
    expect(diffText('案のとおり', '原案のとおり修正')).toEqual([
      { op: 'insert', text: '原' },
      { op: 'equal', text: '案のとおり' },
      { op: 'insert', text: '修正' },
    ]);
    const ops = diffText('甲乙丙', '甲丁丙');
    expect(ops).toEqual([
      { op: 'equal', text: '甲' },
      { op: 'delete', text: '乙' },
      { op: 'insert', text: '丁' },
      { op: 'equal', text: '丙' },
    ]);
  });

  it('keeps graphemes whole (combining marks, emoji)', () => {
    const ops = diffText('が👍🏽です', 'か👍🏽です');
    for (const o of ops) expect(o.text.normalize('NFC').length).toBeGreaterThan(0);
    expect(sideOf(ops, 'before')).toBe('が👍🏽です');
    expect(sideOf(ops, 'after')).toBe('か👍🏽です');
    const emoji = diffText('👍🏽', '👍🏿');
    expect(emoji).toEqual([
      { op: 'delete', text: '👍🏽' },
      { op: 'insert', text: '👍🏿' },
    ]);
  });

  it('handles empty and identical texts', () => {
    expect(diffText('', '')).toEqual([]);
    expect(diffText('同じ', '同じ')).toEqual([{ op: 'equal', text: '同じ' }]);
    expect(hasChanges(diffText('同じ', '同じ'))).toBe(false);
    expect(diffText('', '追加')).toEqual([{ op: 'insert', text: '追加' }]);
    expect(diffText('削除', '')).toEqual([{ op: 'delete', text: '削除' }]);
  });

  it('always rebuilds both texts exactly (randomised)', () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = ['市', 'の', 'は', '、', '。', 'a', 'b', '\n'];
    const make = () =>
      Array.from(
        { length: Math.floor(rand() * 30) },
        () => alphabet[Math.floor(rand() * alphabet.length)],
      ).join('');
    for (let i = 0; i < 500; i++) {
      const a = make();
      const b = make();
      const ops = diffText(a, b);
      expect(sideOf(ops, 'before')).toBe(a);
      expect(sideOf(ops, 'after')).toBe(b);
    }
  });

  it('gives up gracefully on two long unrelated texts', () => {
    const a = 'あ'.repeat(3000);
    const b = 'い'.repeat(3000);
    expect(diffText(a, b)).toEqual([
      { op: 'delete', text: a },
      { op: 'insert', text: b },
    ]);
  });

  it('stops at its budget: past it, a text is shown as removed and added, still exactly', () => {
    const a = '市は情報を公開します。'.repeat(400);
    const b = '市は情報を速やかに公開します。'.repeat(400);
    const budget = new DiffBudget(10_000);
    const ops = diffText(a, b, budget);
    // The common start and end, and one removal and one addition in between.
    expect(ops.map((o) => o.op)).toEqual(['equal', 'delete', 'insert', 'equal']);
    expect(ops[0]?.text).toBe('市は情報を');
    expect(sideOf(ops, 'before')).toBe(a);
    expect(sideOf(ops, 'after')).toBe(b);
    expect(budget.remaining).toBeLessThanOrEqual(10_000);
  });
});

describe('diffLines and pairLines', () => {
  it('aligns lines, keeping their breaks, and pairs a rewritten line with the one it rewrites', () => {
    const hunks = diffLines('一\n二\n三', '一\n新しい行\n二を直した\n三');
    expect(hunks).toEqual([
      { kind: 'equal', lines: ['一\n'] },
      { kind: 'edit', removed: ['二\n'], added: ['新しい行\n', '二を直した\n'] },
      { kind: 'equal', lines: ['三'] },
    ]);
    expect(pairLines(['二\n'], ['新しい行\n', '二を直した\n'])).toEqual([
      { after: '新しい行\n' },
      { before: '二\n', after: '二を直した\n' },
    ]);
  });
});
