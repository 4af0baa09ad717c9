/**
 * Finding what looks like personal data in a comment's text, and producing the redacted text
 * the public and the council see. Detection only suggests: staff accept or reject each span.
 * Offsets are JavaScript string indices (UTF-16 code units) into the original body.
 */

export type RedactionKind = 'name' | 'address' | 'phone' | 'email' | 'postal' | 'manual';

export const REDACTION_KINDS: readonly RedactionKind[] = [
  'name',
  'address',
  'phone',
  'email',
  'postal',
  'manual',
];

export interface RedactionSpan {
  start: number;
  end: number;
  kind: RedactionKind;
}

/** What replaces each kind of span in the published text. */
export const REDACTION_REPLACEMENTS: Record<RedactionKind, string> = {
  name: '［氏名のため削除］',
  address: '［住所のため削除］',
  phone: '［電話番号のため削除］',
  email: '［メールアドレスのため削除］',
  postal: '［郵便番号のため削除］',
  manual: '［個人情報のため削除］',
};

const D = '[0-9０-９]';
const DASH = '[-‐‑–—―−－ー]';
const NUM = '[0-9０-９一二三四五六七八九十〇]+';

const PREFECTURES =
  '北海道|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|東京都|神奈川県|新潟県|富山県|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|滋賀県|京都府|大阪府|兵庫県|奈良県|和歌山県|鳥取県|島根県|岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|鹿児島県|沖縄県';

interface Pattern {
  kind: RedactionKind;
  re: RegExp;
  /** Capture group holding the part to redact (the whole match when absent). */
  group?: number;
}

const PATTERNS: Pattern[] = [
  {
    kind: 'email',
    re: /[A-Za-z0-9ａ-ｚＡ-Ｚ０-９._%+-]+[@＠][A-Za-z0-9ａ-ｚＡ-Ｚ０-９-]+(?:[.．][A-Za-z0-9ａ-ｚＡ-Ｚ０-９-]+)*[.．][A-Za-zａ-ｚＡ-Ｚ]{2,}/gu,
  },
  {
    // 086-426-3030, 086(426)3030, +81 86 426 3030, 090-1234-5678, in half- or full-width digits.
    kind: 'phone',
    re: new RegExp(
      `(?<![0-9０-９])(?:[+＋](?:81|８１)[\\s　]?${DASH}?[\\s　]?${D}{1,4}|[0０]${D}{1,4})(?:${DASH}|[\\s　(（])${D}{1,4}(?:${DASH}|[\\s　)）])${D}{3,4}(?![0-9０-９])`,
      'gu',
    ),
  },
  {
    // Ten or eleven digits written without separators: 0864263030, 09012345678.
    kind: 'phone',
    re: /(?<![0-9０-９])[0０][0-9０-９]{9,10}(?![0-9０-９])/gu,
  },
  {
    kind: 'postal',
    re: new RegExp(
      `〒[\\s　]?${D}{3}${DASH}?${D}{4}|(?<![0-9０-９${DASH.slice(1, -1)}])${D}{3}${DASH}${D}{4}(?![0-9０-９])`,
      'gu',
    ),
  },
  {
    // 岡山県倉敷市西中新田640, 倉敷市水島青葉町1番1号, 倉敷市笹沖1-2-3, 東京都千代田区霞が関一丁目3番
    kind: 'address',
    re: new RegExp(
      `(?:${PREFECTURES})?[\\p{Script=Han}\\p{Script=Katakana}ヶ]{1,6}[市区町村郡][\\p{Script=Han}\\p{Script=Katakana}ヶ々ノが]{0,12}?${NUM}(?:丁目|番地|番|号|${DASH}${NUM})(?:${DASH}?${NUM}(?:丁目|番地|番|号)?)*`,
      'gu',
    ),
  },
  {
    // A prefecture and a town but a house number without 番/号: 岡山県倉敷市西中新田640
    kind: 'address',
    re: new RegExp(
      `(?:${PREFECTURES})[\\p{Script=Han}\\p{Script=Katakana}ヶ]{1,6}[市区町村郡][\\p{Script=Han}\\p{Script=Katakana}ヶ々ノが]{0,12}?${NUM}`,
      'gu',
    ),
  },
  {
    // 氏名：山田太郎 / 名前: 山田 太郎 / お名前：やまだ
    kind: 'name',
    re: /(?:氏名|お名前|名前|Name|name)[\s　]*[:：][\s　]*([^\s　、。,，:：\n]{1,20}(?:[ 　][^\s　、。,，:：\n]{1,10})?)/gu,
    group: 1,
  },
  {
    // 私、山田太郎は… / 私、山田太郎です
    kind: 'name',
    re: /(?:私|わたし|わたくし)[、,，][\s　]*([\p{Script=Han}\p{Script=Katakana}]{2,8}?)[\s　]?(?:は|です|と申します)/gu,
    group: 1,
  },
  {
    // 山田太郎と申します
    kind: 'name',
    re: /([\p{Script=Han}]{2,4}[\s　]?[\p{Script=Han}\p{Script=Hiragana}]{1,4}?)と申します/gu,
    group: 1,
  },
];

/**
 * Spans of text that look like personal data, in order, without overlaps (where two patterns
 * overlap the longer span wins). Reasonable, not perfect: staff review every suggestion.
 */
export function detectPersonalData(text: string): RedactionSpan[] {
  const found: RedactionSpan[] = [];
  for (const { kind, re, group } of PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const whole = m.index ?? 0;
      if (group === undefined) {
        found.push({ start: whole, end: whole + m[0].length, kind });
      } else {
        const part = m[group];
        if (!part) continue;
        const offset = m[0].lastIndexOf(part);
        found.push({ start: whole + offset, end: whole + offset + part.length, kind });
      }
    }
  }
  return mergeSpans(found);
}

/** Sorts spans and drops those that overlap a longer (or earlier, on a tie) span. */
export function mergeSpans(spans: readonly RedactionSpan[]): RedactionSpan[] {
  const byLength = [...spans]
    .filter((s) => s.end > s.start)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: RedactionSpan[] = [];
  for (const s of byLength) {
    if (kept.some((k) => s.start < k.end && k.start < s.end)) continue;
    kept.push(s);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Every occurrence of `needle` in `text`, as manual spans (none for an empty needle). */
export function findManualSpans(text: string, needle: string): RedactionSpan[] {
  const out: RedactionSpan[] = [];
  if (!needle) return out;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) {
    out.push({ start: i, end: i + needle.length, kind: 'manual' });
  }
  return out;
}

/** The text with each span replaced by its kind's label. Spans must not overlap (see mergeSpans). */
export function applyRedactions(text: string, spans: readonly RedactionSpan[]): string {
  let out = '';
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + REDACTION_REPLACEMENTS[s.kind];
    at = s.end;
  }
  return out + text.slice(at);
}

/** `start:end:kind`, the value of a span's checkbox on the redaction form. */
export function encodeSpan(s: RedactionSpan): string {
  return `${s.start}:${s.end}:${s.kind}`;
}

/** Reads a checkbox value back; null when it is not a valid span of a text of `length`. */
export function decodeSpan(value: string, length: number): RedactionSpan | null {
  const m = /^(\d+):(\d+):([a-z]+)$/.exec(value);
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  const kind = m[3] as RedactionKind;
  if (!REDACTION_KINDS.includes(kind) || start >= end || end > length) return null;
  return { start, end, kind };
}
