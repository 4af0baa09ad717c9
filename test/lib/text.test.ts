import { describe, expect, it } from 'vitest';
import { characterCount, hasNoCharacters, withinCharacters } from '../../src/lib/text.ts';

describe('checking a length without counting', () => {
  const samples = [
    '',
    'a',
    '市民',
    '\u3099', // a combining dakuten alone
    'か\u3099',
    '\u{1F600}', // a pair of code units, one character
    '\uD83D', // half of a pair, alone
    '\uDE00',
    '\u{1D165}', // a combining mark outside the BMP
    '\u0301\u0301\u0301',
    'e\u0301',
    'あ'.repeat(10),
    '\u{1F600}'.repeat(6),
  ];

  it('hasNoCharacters is characterCount(…) === 0', () => {
    for (const s of samples) expect(hasNoCharacters(s), JSON.stringify(s)).toBe(characterCount(s) === 0);
  });

  it('withinCharacters is characterCount(…) <= max', () => {
    for (const s of samples) {
      for (const max of [0, 1, 2, 5, 6, 10, 11, 12]) {
        expect(withinCharacters(s, max), `${JSON.stringify(s)} ${max}`).toBe(characterCount(s) <= max);
      }
    }
  });
});
