import { describe, expect, it } from 'vitest';
import { generateComments } from './synthetic.ts';
import { poolStats, startTokenising, tokeniseMany } from '../../src/analysis/tokenise-pool.ts';
import { identityKey, normaliseText, splitSentences } from '../../src/analysis/normalise.ts';
import { tokenise, tokeniseUnsplit } from '../../src/analysis/tokenise.ts';
import { loadMoeHalf, loadParaphraseCampaign, MOE_HALF, loadPolis, POLIS, sharedFile } from './real-data.ts';

describe('normaliseText', () => {
  it('folds width, punctuation, quotes and dashes', () => {
    expect(normaliseText('ＡＢＣ１２３　ｻｰﾋﾞｽ')).toBe('abc123 サービス');
    expect(normaliseText('賛成です，理由は次のとおり．')).toBe('賛成です、理由は次のとおり。');
    expect(normaliseText('『案』について“意見”')).toBe('「案」について"意見"');
    expect(normaliseText('サ−ビス と コ―ヒ‐')).toBe('サービス と コーヒー');
    expect(normaliseText('本当ですか？？！！')).toBe('本当ですか?!');
    expect(normaliseText('  複数の   空白\r\n\r\n改行 ')).toBe('複数の 空白\n改行');
  });
  it('keeps Latin punctuation between Latin letters and digits', () => {
    expect(normaliseText('Costs 1,000 yen, e.g. more')).toBe('costs 1,000 yen, e.g. more');
  });
  it('gives one identity key to texts that differ only in punctuation and width', () => {
    expect(identityKey('反対です。存続を！')).toBe(identityKey('反対です．存続を!!'));
    expect(identityKey('ＩＴ活用')).toBe(identityKey('it 活用'));
  });
  it('splits sentences on Japanese and Latin stops', () => {
    expect(splitSentences('一つ目。二つ目!三つ目')).toEqual(['一つ目。', '二つ目!', '三つ目']);
  });
});

describe('tokenise', () => {
  it('keeps compounds whole and drops hiragana', () => {
    const t = tokenise('再生可能エネルギーの導入について説明会を開いてほしいです。');
    expect(t).toContain('再生可能エネルギー');
    expect(t).toContain('説明会');
    expect(t).not.toContain('について');
    expect(t).not.toContain('開');
  });
  it('ends a compound with a verb in its noun form, not with a bare stem', () => {
    expect(tokenise('ボール遊びができる公園を増やしてほしい')).toEqual(['ボール遊び', '公園']);
    expect(tokenise('町歩きイベント')).toEqual(['町歩き', 'イベント']);
    // An inflected verb still keeps only its stem.
    expect(tokenise('施設整備して欲しい')).toEqual(['施設整備']);
  });
  it('keeps a lone kanji before a particle as a noun, not as a verb stem', () => {
    expect(tokenise('国は対策をすべき')).toEqual(['国', '対策']);
    expect(tokenise('森の木を守る')).toEqual(['森', '木']);
    expect(tokenise('説明会を開いてほしい')).toEqual(['説明会']);
  });
  it('can add compound parts for similarity', () => {
    const t = tokenise('市民協働推進条例の改正', { parts: true });
    expect(t).toEqual(expect.arrayContaining(['市民協働推進条例', '市民', '協働', '推進', '条例']));
  });
  it('handles English with stop words and plurals', () => {
    expect(tokenise('The buses should run more often in the cities')).toEqual([
      'bus',
      'run',
      'often',
      'city',
    ]);
  });
  it('does not glue Traditional Chinese into one term', () => {
    const t = tokenise('我覺得計程車司機應該保險');
    expect(t.length).toBeGreaterThan(1);
    expect(t).toContain('計程車');
  });
});

describe('tokenising a sentence at a time', () => {
  it('gives the terms of the whole text at once, on real comments and on generated ones', () => {
    const real = [MOE_HALF, ...POLIS].flatMap((name) => {
      const path = sharedFile(name);
      if (path === undefined) return [];
      return (name === MOE_HALF ? loadMoeHalf(path).items : loadPolis(path)).map((c) => c.text ?? '');
    });
    const texts = [
      ...real,
      ...loadParaphraseCampaign().map((c) => c.text ?? ''),
      ...generateComments(400, { seed: 21 }).map((c) => c.text),
      '中文字。計程車司機應該保險！Bus stop? 1.5mの木が倒れた。\n\n[氏名のため削除]さんの意見',
    ];
    for (const parts of [true, false])
      for (const t of texts) expect(tokenise(t, { parts })).toEqual(tokeniseUnsplit(t, { parts }));
  });
  it('gives a remembered sentence’s terms again, untouched by what a caller did with them', () => {
    const first = tokenise('公園のベンチを増やしてください。', { parts: true });
    first.push('改変');
    expect(tokenise('公園のベンチを増やしてください。', { parts: true })).toEqual(first.slice(0, -1));
  });
});

describe('tokeniseMany', () => {
  it('gives the same terms with a worker thread as in this thread', () => {
    const texts = generateComments(300, { seed: 3 }).map((c) => c.text);
    const pooled = tokeniseMany(texts, { parts: true }, 10);
    expect(pooled).toEqual(texts.map((t) => tokenise(t, { parts: true })));
  });
  it('takes terms from the worker for the items it was not told to skip', () => {
    const texts = generateComments(600, { seed: 5 }).map((c) => c.text);
    const before = poolStats.workerItems;
    const job = startTokenising(texts, { parts: true }, 10, { workerOnly: true });
    for (let i = 0; i < texts.length; i += 3) job.skip(i);
    const wanted = texts.map((_, i) => i).filter((i) => i % 3 !== 0);
    wanted.reverse();
    const local = (i: number) =>
      tokenise(normaliseText(texts[i] as string), { parts: true, normalised: true });
    expect(job.collect(wanted, local)).toEqual(
      wanted.map((i) => tokenise(texts[i] as string, { parts: true })),
    );
    expect(poolStats.workerItems - before).toBeGreaterThan(0);
  });
});
