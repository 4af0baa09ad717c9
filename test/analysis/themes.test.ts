/**
 * Themes people can read (issue #10): whole words as key terms, no system text as words,
 * representatives that show their group's terms, and a one-line label from members' own words.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/lib/csv.ts';
import { analyse } from '../../src/analysis/index.ts';
import { LABEL_MAX } from '../../src/analysis/labels.ts';
import { tokenise } from '../../src/analysis/tokenise.ts';
import { REDACTION_REPLACEMENTS } from '../../src/domain/redaction.ts';

const fixture = parseCsv(
  readFileSync(new URL('../fixtures/analysis/ja-labelled.csv', import.meta.url), 'utf8'),
).slice(1);

describe('terms are whole words', () => {
  it('keeps nouns written with okurigana whole instead of cutting them at the kanji', () => {
    expect(tokenise('仕組みを作ってほしい')).toEqual(['仕組み']);
    expect(tokenise('学生向けの住宅')).toEqual(['学生向け', '住宅']);
    expect(tokenise('一人暮らしの高齢者')).toEqual(['一人暮らし', '高齢者']);
    expect(tokenise('取り組みの見直しを求める')).toEqual(['取り組み', '見直し']);
    // Conjunctions and adverbs are not glued onto nouns.
    expect(tokenise('施工及び維持管理')).toEqual(['施工', '維持管理']);
    expect(tokenise('個別に線量計測を行う')).toEqual(['個別', '線量計測']);
  });
  it('never takes the redaction placeholders for words', () => {
    for (const placeholder of Object.values(REDACTION_REPLACEMENTS)) {
      expect(tokenise(`${placeholder}さんの公園の件`)).toEqual(['公園']);
    }
  });
});

describe('themes and groups on the hand-written fixture', () => {
  const items = fixture.map((r) => ({ id: Number(r[0]), text: r[2] ?? '' }));
  // One comment redacted the way staff redact: the placeholder must not become a key term.
  items.push({ id: 9999, text: `${REDACTION_REPLACEMENTS.name}です。北口の駐輪場が足りません。` });
  const textOf = new Map(items.map((it) => [it.id, it.text]));
  const r = analyse(items);
  const groups = r.themes.filter((t) => !t.unclassified).flatMap((t) => [t, ...t.groups]);

  it('shows no system text and no one-character fragment as a key term', () => {
    const terms = groups.flatMap((g) => g.keyTerms.map((k) => k.term));
    expect(terms.length).toBeGreaterThan(100);
    for (const t of terms) {
      expect(t).not.toMatch(/削除|氏名のため/);
      expect(t.length).toBeGreaterThan(1);
    }
  });

  it('picks representatives that contain their group’s key terms', () => {
    for (const g of groups) {
      if (g.keyTerms.length === 0) continue;
      // (Compared as terms: ごみ in a text is the term ゴミ.)
      const first = new Set(tokenise(textOf.get(g.representativeIds[0] as number) ?? '', { parts: true }));
      expect(g.keyTerms.some((k) => first.has(k.term))).toBe(true);
    }
  });

  it('labels every theme and group in one line taken from a member’s words', () => {
    for (const g of groups) {
      if (g.keyTerms.length === 0) continue;
      expect(g.label.length).toBeGreaterThan(0);
      expect(g.label.length).toBeLessThanOrEqual(LABEL_MAX);
      expect(g.label).not.toContain('\n');
      const fromMember = g.memberIds.some((id) => (textOf.get(id as number) ?? '').includes(g.label));
      const fromTerms =
        g.label ===
        g.keyTerms
          .slice(0, 3)
          .map((k) => k.term)
          .join('・');
      expect(fromMember || fromTerms).toBe(true);
    }
  });
});
