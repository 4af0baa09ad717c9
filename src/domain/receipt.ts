import { randomBytes } from 'node:crypto';

/**
 * Receipt codes (受付番号) are read aloud over the phone and typed from paper. They use
 * Crockford's base32 (no I, L, O, U), twelve symbols of five random bits each = 60 bits, shown
 * in groups of four: 7KXM-R9QP-4HTW. When reading input, O is taken as 0 and I/L as 1, the
 * mistakes people actually make.
 */
export const RECEIPT_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECEIPT_LENGTH = 12;

export function newReceiptCode(): string {
  return newReceiptCodes(1)[0]!;
}

/** `count` new codes from one draw of random bytes (an import makes thousands at once). */
export function newReceiptCodes(count: number): string[] {
  const bytes = randomBytes(RECEIPT_LENGTH * count);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let code = '';
    for (let k = i * RECEIPT_LENGTH; k < (i + 1) * RECEIPT_LENGTH; k++)
      code += RECEIPT_ALPHABET[bytes[k]! & 31];
    out.push(code);
  }
  return out;
}

// Shown the same way everywhere: the formatter lives with the other formatters.
export { formatReceiptCode } from '../lib/format.ts';

/** Accepts lower case, spaces, full-width characters and any dash; null if it cannot be a code. */
export function normaliseReceiptCode(input: string): string | null {
  const s = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐－ー—–_]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== RECEIPT_LENGTH) return null;
  for (const ch of s) if (!RECEIPT_ALPHABET.includes(ch)) return null;
  return s;
}
