/**
 * Term extraction for Japanese, English and (reasonably) Traditional Chinese, with no
 * dictionary dependency: ICU's word segmenter (built into Node) does the hard part and we undo
 * its over-splitting of compounds.
 */
import { fmix32 } from './hash.ts';
import { normaliseText } from './normalise.ts';

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

/**
 * Kanji/katakana/Latin terms that carry no topic in a public comment. Short on purpose: IDF
 * already discounts frequent words; this list only removes words that would otherwise show up as
 * "key terms" of every group.
 */
const JA_STOP = new Set(
  `私 僕 自分 我々 皆 皆様 皆さん 方 方々 人 者 事 物 時 時間 際 場合 点 中 内 外 上 下 前 後 他 等 様 的 性 化 個 件 回 度 年 月 日 今 今回 今後 現在 以前 以上 以下 以外 最近 全 各 一 二 三 何 誰 本 当 同 市 本市 当市 市役所 行政 意見 意見書 考え 思い 案 本案 素案 原案 必要 可能 対応 検討 実施 お願い 願い 是非 ぜひ 大変 非常 特 特に 少 多 全体 部分 内容 状況 理由 問題 課題 方法 目的 結果 以降 よろしく 宜しく 様々 色々 一部 一つ 今年 昨年 毎日 自身 ところ こと もの ため よう
   的確 確か 本当 本当に 是 為 又 及び 並びに 或 若 但 即 尚 但し 次 気`
    .split(/\s+/)
    .filter(Boolean),
);

/** Single-character Chinese function words (the segmenter keeps them as words). */
const ZH_STOP = new Set(
  `的 是 了 在 我 你 他 她 它 們 我們 你們 他們 這 那 這個 那個 這些 有 和 與 及 或 也 都 就 而 但 但是 如果 因為 所以 對 於 把 被 讓 給 會 能 可以 應 應該 要 不 沒 沒有 很 更 最 還 再 又 之 其 為 以 從 到 等 等等 啊 吧 嗎 呢 個 一 一個 些 什麼 怎麼 如何 已經 可能 需要 自己 大家 認為 覺得 希望 問題 目前 現在 因此 如此 只 才 並 即 則 若 該`
    .split(/\s+/)
    .filter(Boolean),
);

const EN_STOP = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their theirs them themselves then there there's these they they'd they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves
   also just will would get got like really much many lot lots think thing things way make need needs one two would could should may might must us etc people use used using well even still yet want
   dont cant wont im ive thats`
    .split(/\s+/)
    .filter(Boolean),
);

/** Content words written (partly) in hiragana that the hiragana rule would drop; → spelling. */
const KEEP = new Map<string, string>([
  ['ごみ', 'ゴミ'],
  ['ゴミ', 'ゴミ'],
  ['子ども', '子ども'],
  ['子供', '子ども'],
  ['こども', '子ども'],
  ['まちづくり', 'まちづくり'],
  ['まち', 'まち'],
  ['いじめ', 'いじめ'],
  ['おむつ', 'おむつ'],
  ['ひとり親', 'ひとり親'],
  ['お年寄り', '高齢者'],
  ['年寄り', '高齢者'],
  ['買い物', '買い物'],
  ['ふるさと', 'ふるさと'],
  ['みどり', '緑'],
  ['たばこ', 'たばこ'],
  ['タバコ', 'たばこ'],
  // Nouns often written half in kana (交ぜ書き); the stem rule would leave one kanji of them.
  ['被ばく', '被ばく'],
  ['粉じん', '粉じん'],
  ['発がん', '発がん'],
  ['肺がん', '肺がん'],
]);

type Kind = 'join' | 'hira' | 'mixed' | 'latin' | 'other';

const RE_HAN = /\p{Script=Han}/u;
const RE_HIRA_ONLY = /^[\p{Script=Hiragana}ー]+$/u;
const RE_JOINABLE = /^[\p{Script=Han}\p{Script=Katakana}ー々〆ヶa-z0-9]+$/u;
const RE_LATIN_WORD = /^[a-z][a-z0-9'’-]*$/;
const RE_KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const RE_LEADING_STEM = /^[\p{Script=Han}\p{Script=Katakana}ー々]+/u;

function kindOf(seg: string): Kind {
  if (RE_LATIN_WORD.test(seg)) return 'latin';
  if (RE_JOINABLE.test(seg)) return 'join';
  if (RE_HIRA_ONLY.test(seg)) return 'hira';
  if (RE_LEADING_STEM.test(seg)) return 'mixed';
  return 'other';
}

function foldEnglish(w: string): string {
  let s = w.replace(/['’]s$/, '').replace(/['’]/g, '');
  if (s.length > 4 && s.endsWith('ies')) s = `${s.slice(0, -3)}y`;
  else if (s.length > 4 && s.endsWith('sses')) s = s.slice(0, -2);
  else if (s.length > 4 && /(x|ch|sh|ss)es$/.test(s)) s = s.slice(0, -2);
  else if (s === 'buses') s = 'bus';
  else if (s.length > 3 && s.endsWith('s') && !/(ss|us|is|ous)$/.test(s)) s = s.slice(0, -1);
  return s;
}

export interface TokeniseOptions {
  /**
   * Also emit the pieces (two characters or more) of a joined compound, so that
   * 再生可能エネルギー and エネルギー政策 share "エネルギー". Useful for similarity; off for display.
   */
  parts?: boolean;
  /** Skip NFKC etc. when the caller already normalised. */
  normalised?: boolean;
}

const RE_DIGITS = /^[0-9]+$/;
/**
 * One kanji and one i- or e-row kana: the noun form (連用形) of a verb such as 遊ぶ → 遊び,
 * 向ける → 向け.
 */
const RE_NOUN_FORM = /^\p{Script=Han}[いきぎしちびみりえけげせぜてでねべめれ]$/u;
/** Conjunctions that look like noun forms: 施設及び設備 is two words, not 施設及び. */
const NOT_NOUN_FORM = new Set(['及び', '並び']);
/**
 * A word ICU keeps as one segment that is a noun with okurigana, kept whole: 仕組み, 一人暮らし,
 * 取り組み, 見直し, 盛り土, 受入れ. It ends in an i-/e-row kana or a kanji, and either has kanji
 * after its kana or a stem of two kanji or more. Verbs in their dictionary form end in u-row kana
 * (引き起こす, 持ち込む), adjectives in い (相応しい) and adverbs in に (個別に): those keep the
 * stem rule; a noun ending in い needs kanji after its kana (話し合い).
 */
const RE_WHOLE_END = /[きぎしちびみりえけげせぜてでねべめれ\p{Script=Han}々]$/u;
const RE_KANJI_AFTER_KANA = /\p{Script=Hiragana}[\p{Script=Han}々]/u;
/** Dictionary form of a verb: ends in a u-row kana. */
const RE_VERB_END = /[うくぐすつぬぶむる]$/u;
/**
 * Text Koe itself puts into comments: the placeholders of redaction (［氏名のため削除］, NFKC-folded
 * to [氏名のため削除]). They are not the writer's words and must never become terms.
 */
const RE_SYSTEM_TEXT = /\[[^[\]\n]{1,20}のため削除\]/gu;
/** A case or binding particle right after a lone kanji: the kanji is a noun (木が, 国は, 土を). */
const RE_PARTICLE_NEXT = /^(が|を|は|も|へ|の|と|から|まで|より)/u;
const RE_JA_AROUND = /[\p{Script=Han}\p{Script=Katakana}ー]/u;

/** What a word segment is, worked out once per distinct segment (they repeat a lot). */
interface SegmentInfo {
  /** KEEP spelling, when the segment is a kept hiragana word. */
  keep: string | undefined;
  kind: Kind;
  /** Kanji/katakana stem of a 'mixed' segment. */
  stem: string;
  /**
   * The whole segment when it is a one-kanji verb in its noun form (遊び, 拾い, 歩き): after a
   * noun it ends a compound (ボール遊び, ゴミ拾い) that the stem alone would garble (ボール遊).
   */
  nounForm: string | undefined;
  /** The whole segment when it is a noun written with okurigana (仕組み, 取り組み). */
  whole: string | undefined;
  /** The term of a standalone Latin word (folded), unless it is a stop word. */
  english: string | undefined;
  /** The term in Chinese text, unless it is none. */
  chinese: string | undefined;
}

const segmentInfo = new Map<string, SegmentInfo>();

function infoOf(w: string): SegmentInfo {
  let info = segmentInfo.get(w);
  if (info !== undefined) return info;
  const kind = kindOf(w);
  let english: string | undefined;
  let chinese: string | undefined;
  if (kind === 'latin') {
    const f = foldEnglish(w);
    if (f.length > 1 && !EN_STOP.has(f) && !EN_STOP.has(w)) english = f;
  }
  if ((kind === 'join' || kind === 'latin') && !ZH_STOP.has(w) && !RE_DIGITS.test(w))
    chinese = kind === 'latin' ? foldEnglish(w) : w;
  info = {
    keep: KEEP.get(w),
    kind,
    stem: kind === 'mixed' ? (RE_LEADING_STEM.exec(w) ?? [''])[0] : '',
    nounForm: kind === 'mixed' && RE_NOUN_FORM.test(w) && !NOT_NOUN_FORM.has(w) ? w : undefined,
    whole: kind === 'mixed' && isWholeNoun(w) ? w : undefined,
    english,
    chinese,
  };
  // Bounded: a long-running server analyses many consultations.
  if (segmentInfo.size >= 200_000) segmentInfo.clear();
  segmentInfo.set(w, info);
  return info;
}

function isWholeNoun(w: string): boolean {
  if (RE_KANJI_AFTER_KANA.test(w)) return w.endsWith('い') || RE_WHOLE_END.test(w);
  if (!RE_WHOLE_END.test(w)) return false;
  return ((RE_LEADING_STEM.exec(w) ?? [''])[0] as string).length >= 2;
}

function acceptJa(term: string): boolean {
  if (JA_STOP.has(term)) return false;
  if (RE_DIGITS.test(term)) return false;
  // Single kana, single Latin letters and stray long-vowel marks are noise.
  if (term.length === 1 && !RE_HAN.test(term)) return false;
  return true;
}

/**
 * Terms of one comment, in text order (repeats kept, so callers can count them).
 *
 * Japanese: ICU splits 再生|可能|エネルギー and 説明|会; adjacent kanji/katakana/Latin/digit
 * segments are joined back into one compound term, hiragana-only tokens (particles, endings)
 * are dropped, and an inflected word keeps its kanji stem (検討し → 検討). Chinese text (Han
 * without any kana) is not joined, because without kana every sentence would become one term.
 *
 * The text is tokenised a sentence at a time (no segment or term crosses 。, ！, ？ or a line
 * break), and the terms of a sentence seen before are reused: form letters and campaigns repeat
 * whole sentences thousands of times, and segmenting is most of the cost.
 */
export function tokenise(text: string, opts: TokeniseOptions = {}): string[] {
  const { s, chinese } = prepared(text, opts);
  const memo = memoFor(opts.parts === true, chinese);
  const out: string[] = [];
  let start = 0;
  while (start < s.length) {
    // The sentence's end, and two hashes of its characters on the way: the memo's key is a
    // number, so it holds on to no text.
    let end = start;
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (; end < s.length; end++) {
      const c = s.charCodeAt(end);
      // A sentence ends after its run of end marks.
      if (end > start && SENTENCE_END.has(s.charCodeAt(end - 1)) && !SENTENCE_END.has(c)) break;
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    }
    const key = (fmix32(h1) >>> 0) * 0x200000 + (fmix32(h2 ^ (end - start)) >>> 11);
    let terms = memo.get(key);
    if (terms === undefined) {
      terms = sentenceTerms(s.slice(start, end), chinese, opts.parts === true);
      memo.set(key, terms);
    }
    for (const t of terms) out.push(t);
    start = end;
  }
  return out;
}

/**
 * The same terms as {@link tokenise}, from the whole text at once: what tokenising a sentence at
 * a time must agree with (tests check it on real comments).
 */
export function tokeniseUnsplit(text: string, opts: TokeniseOptions = {}): string[] {
  const { s, chinese } = prepared(text, opts);
  return sentenceTerms(s, chinese, opts.parts === true);
}

/** The text normalised, without Koe's own placeholders, and whether it is Chinese. */
function prepared(text: string, opts: TokeniseOptions): { s: string; chinese: boolean } {
  const n = opts.normalised ? text : normaliseText(text);
  const s = n.includes('のため削除]') ? n.replace(RE_SYSTEM_TEXT, ' ') : n;
  return { s, chinese: RE_HAN.test(s) && !RE_KANA.test(s) };
}

/** Where a sentence ends (the marks stay with it). */
const SENTENCE_END = new Set([...'。!?\n'].map((c) => c.charCodeAt(0)));

/**
 * The terms of sentences already tokenised, per kind of text, keyed by a 53-bit hash of the
 * sentence (two 32-bit hashes and its length): a number holds on to no text. Two different
 * sentences meeting on one key is a one-in-10^11 chance per look-up. Filled until full and never
 * emptied: a campaign's sentences come early and often, and entries that live on cost the
 * collector nothing, where evicting made old-generation garbage that grew the heap by hundreds of
 * MB. Bounded (tens of MB at most), since a server analyses many consultations.
 */
class SentenceMemo {
  readonly #map = new Map<number, readonly string[]>();
  get(key: number): readonly string[] | undefined {
    return this.#map.get(key);
  }
  set(key: number, terms: readonly string[]): void {
    if (this.#map.size < MEMO_SIZE) this.#map.set(key, terms);
  }
}

const MEMO_SIZE = 50_000;
/** [plain, parts] × [Japanese or English, Chinese] */
const memos = [0, 1, 2, 3].map(() => new SentenceMemo());

function memoFor(parts: boolean, chinese: boolean): SentenceMemo {
  return memos[(parts ? 2 : 0) + (chinese ? 1 : 0)] as SentenceMemo;
}

/** Terms of one sentence (`s`, its end marks included) of a text that is `chinese` or not. */
function sentenceTerms(s: string, chinese: boolean, parts: boolean): string[] {
  const out: string[] = [];
  const run: string[] = [];
  let runEnd = -1;

  const flush = (): void => {
    if (run.length === 0) return;
    const term = run.length === 1 ? (run[0] as string) : run.join('');
    // A lone kanji followed by kana is a verb or adjective stem (開いて, 増やす), not a noun,
    // unless a particle follows it (木が, 国は, 土を).
    const verbStem =
      term.length === 1 &&
      RE_KANA.test(s.charAt(runEnd)) &&
      !RE_PARTICLE_NEXT.test(s.slice(runEnd, runEnd + 2));
    if (!verbStem && acceptJa(term)) out.push(term);
    if (parts && run.length > 1) {
      // ICU splits some two-kanji words into single characters (協|働): glue those back.
      const pieces: string[] = [];
      for (const p of run) {
        const last = pieces.length - 1;
        if (p.length === 1 && last >= 0 && (pieces[last] ?? '').length === 1) pieces[last] += p;
        else pieces.push(p);
      }
      for (const p of pieces) if (p.length >= 2 && p !== term && acceptJa(p)) out.push(p);
    }
    run.length = 0;
  };

  for (const seg of segmenter.segment(s)) {
    const w = seg.segment;
    if (!seg.isWordLike) {
      flush();
      continue;
    }
    const info = infoOf(w);
    if (info.keep !== undefined) {
      flush();
      out.push(info.keep);
      continue;
    }
    const k = info.kind;
    if (
      k === 'latin' &&
      !RE_JA_AROUND.test(s.slice(Math.max(0, seg.index - 1), seg.index) + s.charAt(seg.index + w.length))
    ) {
      // A Latin word standing on its own is English: keep words separate and fold plurals.
      flush();
      if (info.english !== undefined) out.push(info.english);
      runEnd = seg.index + w.length;
      continue;
    }
    if (chinese) {
      flush();
      if (info.chinese !== undefined) out.push(info.chinese);
      continue;
    }
    if (k === 'join' || k === 'latin') {
      if (run.length > 0 && runEnd !== seg.index) flush();
      run.push(w);
      runEnd = seg.index + w.length;
      continue;
    }
    if (k === 'mixed' && info.whole !== undefined) {
      // A noun with okurigana: whole, and it may continue or start a compound (取り組み状況).
      if (run.length > 0 && runEnd !== seg.index) flush();
      run.push(info.whole);
      runEnd = seg.index + w.length;
      continue;
    }
    if (k === 'mixed') {
      // 検討し / 危険な: the kanji stem continues a compound (施設整備し → 施設整備), but a
      // one-kanji stem is a verb or adjective (思う, 多い) and carries nothing on its own.
      // After a noun, a verb's noun form ends the compound (ボール遊び); any other one-kanji
      // stem would glue a verb onto it (意見|書く must not give 意見書). A verb in its dictionary
      // form is kept whole (見直す), since its stem alone (見直) is no word.
      const stem = info.stem;
      const adjacent = run.length > 0 && runEnd === seg.index;
      if (!adjacent) flush();
      if (adjacent && info.nounForm !== undefined) run.push(info.nounForm);
      else if (stem.length >= 2) run.push(RE_VERB_END.test(w) ? w : stem);
      flush();
      continue;
    }
    flush();
  }
  flush();
  return out;
}
