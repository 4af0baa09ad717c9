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
  /** Text the pattern cannot match without: a cheap test that skips the pattern. */
  needs?: RegExp;
  /** Capture group holding the part to redact (the whole match when absent). */
  group?: number;
}

const PATTERNS: Pattern[] = [
  {
    // Starts only where a run of address characters starts: tried at every position inside a
    // long run, the run would be rescanned each time (quadratic: a minute for 96,000 letters).
    kind: 'email',
    re: /(?<![A-Za-z0-9ａ-ｚＡ-Ｚ０-９._%+-])[A-Za-z0-9ａ-ｚＡ-Ｚ０-９._%+-]+[@＠][A-Za-z0-9ａ-ｚＡ-Ｚ０-９-]+(?:[.．][A-Za-z0-9ａ-ｚＡ-Ｚ０-９-]+)*[.．][A-Za-zａ-ｚＡ-Ｚ]{2,}/gu,
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
    needs: /名前|氏名|name/i,
    re: /(?:氏名|お名前|名前|Name|name)[\s　]*[:：][\s　]*([^\s　、。,，:：\n]{1,20}(?:[ 　][^\s　、。,，:：\n]{1,10})?)/gu,
    group: 1,
  },
  {
    // 私、山田太郎は… / 私、山田太郎です
    kind: 'name',
    needs: /(?:私|わたし|わたくし)[、,，]/,
    re: /(?:私|わたし|わたくし)[、,，][\s　]*([\p{Script=Han}\p{Script=Katakana}]{2,8}?)[\s　]?(?:は|です|と申します)/gu,
    group: 1,
  },
  {
    // 山田太郎と申します
    kind: 'name',
    needs: /と申します/,
    re: /([\p{Script=Han}]{2,4}[\s　]?[\p{Script=Han}\p{Script=Hiragana}]{1,4}?)と申します/gu,
    group: 1,
  },
];

/** What the submitter told us about themselves: each of these found in the text is suggested. */
export interface SubmitterDetails {
  name?: string;
  address?: string;
  phone?: string;
  email?: string;
  organisationName?: string;
  representative?: string;
}

const SPACE = /[\s\u3000]/u;
const PHONE_SEPARATOR = /[\s\u3000\-‐‑–—―−－ー()（）.．]/u;

/**
 * The text folded for comparison (compatibility-decomposed, lower case, without the characters
 * `skip` drops), with the index in the text each folded character came from. Linear in the text;
 * each distinct character is folded once.
 */
function fold(text: string, skip: RegExp): { text: string; folded: string; from: Int32Array } {
  let folded = '';
  // NFKD rarely makes more than two characters of one (㍻ → 平成); grown when it does.
  let from = new Int32Array(text.length * 2 + 16);
  let n = 0;
  const seen: (string | undefined)[] = [];
  const seenAstral = new Map<number, string>();
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i) ?? 0;
    let piece = cp < 0x10000 ? seen[cp] : seenAstral.get(cp);
    if (piece === undefined) {
      piece = [...String.fromCodePoint(cp).normalize('NFKD').toLowerCase()]
        .filter((part) => !skip.test(part))
        .join('');
      if (cp < 0x10000) seen[cp] = piece;
      else seenAstral.set(cp, piece);
    }
    if (n + piece.length > from.length) {
      const grown = new Int32Array(from.length * 2 + piece.length);
      grown.set(from);
      from = grown;
    }
    for (let k = 0; k < piece.length; k++) from[n++] = i;
    folded += piece;
    i += cp > 0xffff ? 2 : 1;
  }
  return { text, folded, from };
}

/** Every place the folded `needle` occurs in the folded text, as spans of the original. */
function occurrences(
  haystack: ReturnType<typeof fold>,
  needle: string,
  skip: RegExp,
  kind: RedactionKind,
  minLength: number,
): RedactionSpan[] {
  const wanted = fold(needle, skip).folded;
  const out: RedactionSpan[] = [];
  if (wanted.length < minLength) return out;
  const { folded, from, text } = haystack;
  for (let at = folded.indexOf(wanted); at >= 0; at = folded.indexOf(wanted, at + wanted.length)) {
    const last = from[at + wanted.length - 1]!;
    out.push({ start: from[at]!, end: last + ((text.codePointAt(last) ?? 0) > 0xffff ? 2 : 1), kind });
  }
  return out;
}

const LEADING_PREFECTURE = new RegExp(`^(?:${PREFECTURES})`);

/**
 * The submitter's own name, address, phone and email wherever the text repeats them: with or
 * without spaces, in half- or full-width, the phone with any separators, the address also
 * without its prefecture.
 */
function submitterSpans(text: string, who: SubmitterDetails): RedactionSpan[] {
  const out: RedactionSpan[] = [];
  if (!who.name && !who.representative && !who.organisationName && !who.address && !who.email && !who.phone)
    return out;
  const plain = fold(text, SPACE);
  for (const name of [who.name, who.representative, who.organisationName]) {
    if (name) out.push(...occurrences(plain, name, SPACE, 'name', 2));
  }
  if (who.address) {
    const address = who.address.normalize('NFKC').replace(/\s+/g, '');
    out.push(...occurrences(plain, address, SPACE, 'address', 4));
    const local = address.replace(LEADING_PREFECTURE, '');
    if (local !== address) out.push(...occurrences(plain, local, SPACE, 'address', 4));
  }
  if (who.email) out.push(...occurrences(plain, who.email, SPACE, 'email', 6));
  if (who.phone)
    out.push(...occurrences(fold(text, PHONE_SEPARATOR), who.phone, PHONE_SEPARATOR, 'phone', 6));
  return out;
}

/**
 * Spans of text that look like personal data, in order, without overlaps (where two patterns
 * overlap the longer span wins): the patterns below, and the submitter's own details wherever
 * the text repeats them. Reasonable, not perfect: staff review every suggestion.
 */
export function detectPersonalData(text: string, submitter: SubmitterDetails = {}): RedactionSpan[] {
  const found: RedactionSpan[] = submitterSpans(text, submitter);
  for (const { kind, re, group, needs } of PATTERNS) {
    if (needs && !needs.test(text)) continue;
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
  // Kept spans never overlap, so in start order only a new span's neighbours can touch it.
  const kept: RedactionSpan[] = [];
  for (const s of byLength) {
    let lo = 0;
    let hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.start < s.start) lo = mid + 1;
      else hi = mid;
    }
    const before = kept[lo - 1];
    const after = kept[lo];
    if ((before && before.end > s.start) || (after && after.start < s.end)) continue;
    kept.splice(lo, 0, s);
  }
  return kept;
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
