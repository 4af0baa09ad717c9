import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  CsvFormatError,
  decodeCsvBytes,
  encodeCsv,
  parseCsv,
  readCsvBytes,
  toCsv,
} from '../../src/lib/csv.ts';

describe('parseCsv / decodeCsvBytes', () => {
  it('parses quotes, doubled quotes, CRLF, embedded newlines and a BOM', () => {
    const text = '\ufeffid,text\r\n1,"a, ""quoted""\nline"\r\n2,plain\n';
    expect(parseCsv(text)).toEqual([
      ['id', 'text'],
      ['1', 'a, "quoted"\nline'],
      ['2', 'plain'],
    ]);
  });
  it('keeps empty fields', () => {
    expect(parseCsv('a,,c\n,,\n')).toEqual([
      ['a', '', 'c'],
      ['', '', ''],
    ]);
  });
  it('takes mixed line ends, drops blank lines, keeps rows of any length and stray quotes', () => {
    expect(parseCsv('a,b\rc\r\n\r\n\nd,"e\r\nf",g\nh,i"j\n')).toEqual([
      ['a', 'b'],
      ['c'],
      ['d', 'e\r\nf', 'g'],
      ['h', 'i"j'],
    ]);
  });
  it('refuses a quoted field that never ends, naming the line', () => {
    let error: unknown;
    try {
      parseCsv('id,text\n1,ok\n2,"never closed\n3,x\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvFormatError);
    expect((error as CsvFormatError).line).toBeGreaterThanOrEqual(3);
  });
  it('decodes UTF-8 with BOM and falls back to Shift_JIS', () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('意見,1')]);
    expect(decodeCsvBytes(utf8)).toBe('意見,1');
    // "意見,あ" in Shift_JIS: 意=88D3 見=8CA9 あ=82A0
    const sjis = new Uint8Array([0x88, 0xd3, 0x8c, 0xa9, 0x2c, 0x82, 0xa0]);
    expect(decodeCsvBytes(sjis)).toBe('意見,あ');
  });
  it('reads Excel’s Shift_JIS with its extensions (①, ㈱) as well as UTF-8', () => {
    const text = '受付日,意見\r\n2026/11/20,"①について、㈱倉敷の件"\r\n';
    const rows = [
      ['受付日', '意見'],
      ['2026/11/20', '①について、㈱倉敷の件'],
    ];
    expect(readCsvBytes(new Uint8Array(iconv.encode(text, 'cp932')))).toEqual(rows);
    expect(readCsvBytes(encodeCsv(text))).toEqual(rows);
  });
});

describe('toCsv', () => {
  it('neutralises formulas and round-trips through parseCsv', () => {
    const rows = [
      ['id', 'text'],
      ['1', '=HYPERLINK("http://x")'],
      ['2', '改行\r\nあり, "引用"'],
    ];
    const text = toCsv(rows);
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(parseCsv(text)).toEqual([
      ['id', 'text'],
      ['1', `'=HYPERLINK("http://x")`],
      ['2', '改行\nあり, "引用"'],
    ]);
  });
});
