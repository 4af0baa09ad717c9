/**
 * CSV in and out, the way city offices exchange it with Excel. Reading: UTF-8 with or without a
 * BOM, or Shift_JIS (Excel's "CSV" on a Japanese Windows), parsed by csv-parse. Writing: RFC 4180
 * with CRLF, formulas neutralised, as UTF-8 with a BOM or Shift_JIS. Used by the CSV import, the
 * exports, the council summary and the `analyse` command.
 */
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';

// ---- reading ----

/** A CSV that cannot be read as one: an opening quote never closed, say. */
export class CsvFormatError extends Error {
  /** The line (1-based, as an editor counts) where the parser gave up. */
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = 'CsvFormatError';
    this.line = line;
  }
}

/**
 * Decodes CSV bytes: UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise
 * Shift_JIS as Excel writes it (CP932, which adds NEC and IBM extensions such as ① and ㈱).
 * The BOM is removed.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'cp932');
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Rows of RFC 4180 CSV text: quoted fields with doubled quotes and line breaks inside, CRLF, LF
 * or lone CR line ends (mixed too), a leading BOM. Blank lines are dropped, rows may differ in
 * length, and a quote inside an unquoted field is kept as written. Throws {@link CsvFormatError}
 * when the text is not CSV at all (a quoted field that never ends).
 */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, {
      bom: true,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    });
  } catch (err) {
    const lines = (err as { lines?: unknown }).lines;
    throw new CsvFormatError(
      typeof lines === 'number' ? lines : 0,
      err instanceof Error ? err.message : String(err),
    );
  }
}

/** {@link parseCsv} of {@link decodeCsvBytes}: the rows of a CSV file as Excel saves it. */
export function readCsvBytes(bytes: Uint8Array): string[][] {
  return parseCsv(decodeCsvBytes(bytes));
}

// ---- writing ----

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
