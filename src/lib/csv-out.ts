import iconv from 'iconv-lite';

export type CsvCell = string | number | null | undefined;
export type CsvEncoding = 'utf8' | 'sjis';

/**
 * A cell that starts with = + - @ (or a tab/CR) would be run as a formula by Excel. Citizens
 * write these cells, so such text gets a leading apostrophe: shown as text, never executed.
 */
function guard(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function cell(v: CsvCell, quoteAll: boolean): string {
  const s =
    v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : guard(v.replace(/\r\n?/g, '\n'));
  return quoteAll || /[",\n\r]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface CsvOptions {
  /** Quote every cell, empty ones too (the audit export does, so every field reads the same). */
  quoteAll?: boolean;
}

/** RFC 4180 text: CRLF between records, quotes where needed (line breaks inside cells stay). */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const quoteAll = options.quoteAll ?? false;
  return rows.map((r) => r.map((v) => cell(v, quoteAll)).join(',')).join('\r\n') + '\r\n';
}

/**
 * Bytes that Excel opens correctly: UTF-8 with a BOM by default, or Shift_JIS (CP932) for older
 * setups. Characters Shift_JIS cannot hold become "?".
 */
export function encodeCsv(text: string, encoding: CsvEncoding = 'utf8'): Uint8Array {
  if (encoding === 'sjis') return new Uint8Array(iconv.encode(text, 'cp932'));
  return new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
}

/**
 * A CSV sent as it is made: each piece of rows from `pieces` is encoded and sent before the
 * next is read, so an export of any size holds neither the whole file in memory nor the event
 * loop (the pieces' source decides how it pauses between them). UTF-8 starts with a BOM.
 */
export function csvStream(
  pieces: AsyncIterable<readonly (readonly CsvCell[])[]>,
  encoding: CsvEncoding = 'utf8',
): ReadableStream<Uint8Array> {
  const source = pieces[Symbol.asyncIterator]();
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await source.next();
      if (next.done) {
        controller.close();
        return;
      }
      const text = next.value.length > 0 ? toCsv(next.value) : '';
      const bytes =
        encoding === 'sjis'
          ? new Uint8Array(iconv.encode(text, 'cp932'))
          : first
            ? encodeCsv(text, 'utf8')
            : new Uint8Array(Buffer.from(text, 'utf8'));
      first = false;
      controller.enqueue(bytes);
    },
    async cancel() {
      await source.return?.();
    },
  });
}

/** `?encoding=sjis` (or shift_jis / cp932) asks for Shift_JIS; anything else is UTF-8. */
export function csvEncodingFrom(query: string | undefined): CsvEncoding {
  return query && /^(sjis|shift_jis|shift-jis|cp932|windows-31j)$/i.test(query) ? 'sjis' : 'utf8';
}

/**
 * Content-Disposition for a download: an ASCII fallback name plus the real (e.g. Japanese) name
 * as RFC 5987 `filename*`.
 */
export function attachmentHeader(asciiName: string, utf8Name: string): string {
  const safe = asciiName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `attachment; filename="${safe}"; filename*=UTF-8''${encodeURIComponent(utf8Name)}`;
}

export function csvContentType(encoding: CsvEncoding): string {
  return encoding === 'sjis' ? 'text/csv; charset=Shift_JIS' : 'text/csv; charset=utf-8';
}
