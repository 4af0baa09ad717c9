/**
 * CSV reading for imports and the `analyse` command. Japanese cities still export Shift_JIS CSV
 * from Excel, so bytes are decoded by trying strict UTF-8 first and falling back to Shift_JIS.
 */

/**
 * Parse RFC 4180 CSV: quoted fields, doubled quotes inside quotes, CRLF or LF (or lone CR) line
 * ends, newlines inside quoted fields, a leading BOM. A trailing line break does not make an
 * empty last row; blank lines are dropped.
 */
export function parseCsv(text: string): string[][] {
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = s.length;
  const endRow = (): void => {
    row.push(field);
    field = '';
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < n) {
    const c = s[i] as string;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      // Copy a whole run of ordinary characters at once: long comment bodies are the norm.
      const next = s.indexOf('"', i);
      const end = next === -1 ? n : next;
      field += s.slice(i, end);
      i = end;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      i++;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/**
 * Decode CSV bytes: UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise
 * Shift_JIS (Windows-31J, as Excel writes it). The BOM is removed.
 */
export function decodeCsvBytes(buf: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    text = new TextDecoder('shift_jis').decode(buf);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
