/**
 * One-line labels for themes and groups, built extractively from their members' own words (no
 * model): the shortest clause of a member that carries the most of the group's key terms, e.g.
 * 「セシウム以外の放射性核種が考慮されていない」. When no clause carries a key term, the key terms
 * themselves joined by 「・」.
 */
import { normaliseText } from './normalise.ts';
import type { KeyTerm } from './types.ts';

/** Longest label in characters; longer sentences are considered clause by clause. */
export const LABEL_MAX = 40;
const LABEL_MIN = 6;
/** Members looked at (the first ones given: callers put representatives first). */
export const LABEL_MEMBERS = 50;

/**
 * A clause ending like this leads into the rest of its sentence (実証実験であれば, 〜ので): it
 * does not say anything on its own.
 */
const RE_SUBORDINATE =
  /(ば|て|で|が|と|から|ので|のは|ため|場合は|際には|ついて|つつ|ながら|おり|あり|なり|[^\p{Script=Hiragana}])$/u;
/** Connectives that open a sentence and mean nothing out of it. */
const RE_CONNECTIVE =
  /^(また|しかし|一方で|一方|特に|なお|さらに|そして|ただし|つまり|むしろ|そもそも|例えば|しかも|加えて)[、,]?\s*/u;

/** Sentences and, for long ones, their main clauses: candidate labels, in text order. */
function candidates(text: string): { label: string; clause: boolean }[] {
  const out: { label: string; clause: boolean }[] = [];
  for (const raw of text.split(/(?<=[。．！？!?])|\n/u)) {
    const s = tidy(raw);
    if (s.length === 0) continue;
    if (s.length <= LABEL_MAX) out.push({ label: s, clause: false });
    else
      for (const part of s.split(/(?<=[、，])/u)) {
        const c = tidy(part);
        if (c.length >= LABEL_MIN && c.length <= LABEL_MAX && !RE_SUBORDINATE.test(c))
          out.push({ label: c, clause: true });
      }
  }
  return out;
}

/** Without list bullets, surrounding spaces and the closing stop or comma. */
function tidy(s: string): string {
  return s
    .replace(/^[\s・･●○◆◇■□▪\-–—*＊・「」『』【】]+/u, '')
    .replace(RE_CONNECTIVE, '')
    .replace(/[\s。．、，,]+$/u, '')
    .trim();
}

/**
 * @param texts members' texts, most representative first
 * @param keyTerms the group's key terms, best first
 */
export function extractLabel(texts: readonly string[], keyTerms: readonly KeyTerm[]): string {
  if (keyTerms.length === 0) return '';
  // Weights fall with rank, so a clause with the top term beats one with two minor terms.
  const weights = keyTerms.map((_, i) => 1 / (1 + i * 0.5));
  let best = '';
  let bestScore = 0;
  for (const text of texts.slice(0, LABEL_MEMBERS)) {
    for (const { label: c, clause } of candidates(text)) {
      if (c.length < LABEL_MIN) continue;
      const norm = normaliseText(c);
      let score = 0;
      keyTerms.forEach((k, i) => {
        if (norm.includes(k.term)) score += weights[i] as number;
      });
      if (score === 0) continue;
      // A whole sentence beats a clause cut out of one; then a little shorter is better.
      score -= (clause ? 0.1 : 0) + c.length / 1000;
      if (score > bestScore + 1e-9) {
        bestScore = score;
        best = c;
      }
    }
  }
  return best !== ''
    ? best
    : keyTerms
        .slice(0, 3)
        .map((k) => k.term)
        .join('・');
}
