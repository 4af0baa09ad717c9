/** Reading a text file a person uploaded, as Japanese word processors and editors save them. */

/** UTF-8 when the bytes are valid UTF-8 (a byte-order mark is dropped), otherwise Shift_JIS; null if neither. */
export function decodeTextFile(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    try {
      return new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
}
