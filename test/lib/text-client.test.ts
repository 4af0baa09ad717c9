import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { characterCount, cleanText } from '../../src/lib/text.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

/** The browser's counter, taken out of static/js/koe.js as it ships. */
function clientCounter(): (text: string) => number {
  const js = read('static/js/koe.js');
  const start = js.indexOf('const INVISIBLE =');
  const end = js.indexOf('\n  }\n', js.indexOf('function characterCount', start)) + 4;
  expect(start).toBeGreaterThan(0);
  return new Function(`${js.slice(start, end)}\nreturn characterCount;`)() as (text: string) => number;
}

describe('the character counter in the browser', () => {
  it('counts exactly as the server does, so the two never disagree about the limit', () => {
    const count = clientCounter();
    const samples = [
      '',
      '  意見です。\r\n二行目  ',
      'か\u3099き\u3099', // kana with a combining dakuten
      '👨‍👩‍👧 and 😀',
      '\u200B\u200C\u200D\uFEFF\u2060',
      'a\u0000b\u202Ec',
      'x'.repeat(5000),
    ];
    for (const s of samples)
      expect(count(s), JSON.stringify(s.slice(0, 20))).toBe(characterCount(cleanText(s).trim()));
  });

  it('uses no grapheme segmentation (quadratic on long runs)', () => {
    expect(read('static/js/koe.js')).not.toContain('Intl.Segmenter');
    expect(read('src/domain/comment-intake.ts')).not.toContain('Intl.Segmenter');
  });
});
