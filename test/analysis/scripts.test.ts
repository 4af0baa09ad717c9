/**
 * Script detection (paraphrase-v2.ts) when the grouping has cut one reworded script into
 * pieces, as k-means does on large inputs: the pieces are one campaign, and groups of other
 * comments are none. Uses the planted rewordings and the hand-written fixture only (no shared
 * data needed).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FINE_CUT, fineMatrix } from '../../src/analysis/finer-groups.ts';
import { normaliseText, splitSentences } from '../../src/analysis/normalise.ts';
import { findScriptCampaigns } from '../../src/analysis/paraphrase-v2.ts';
import { tokenise } from '../../src/analysis/tokenise.ts';
import { parseCsv } from '../../src/lib/csv.ts';
import { loadParaphraseCampaign } from './real-data.ts';

const planted = loadParaphraseCampaign().map((p) => p.text);
const fixture = parseCsv(
  readFileSync(new URL('../fixtures/analysis/ja-labelled.csv', import.meta.url), 'utf8'),
).slice(1);

describe('reworded scripts split across groups', () => {
  it('joins the pieces of one script into one campaign', () => {
    const texts = [...planted, ...fixture.map((r) => r[2] ?? '')].map((t) => normaliseText(t));
    const opts = { parts: true, normalised: true };
    const m = fineMatrix(texts.map((t) => tokenise(t, opts)));
    // The script in two pieces (every other rewording), the fixture in its labelled groups.
    const pieces = [0, 1].map((half) => planted.map((_, i) => i).filter((i) => i % 2 === half));
    const byLabel = new Map<string, number[]>();
    fixture.forEach((r, i) => {
      const rows = byLabel.get(r[1] ?? '') ?? [];
      rows.push(planted.length + i);
      byLabel.set(r[1] ?? '', rows);
    });
    const scripts = findScriptCampaigns(
      m,
      [...pieces, ...byLabel.values()],
      (r) => splitSentences(texts[r] as string).map((s) => tokenise(s, opts)),
      new Int32Array(texts.length).fill(1),
      { minSize: 5, sentenceCut: FINE_CUT },
    );
    expect(scripts).toHaveLength(1);
    const rows = scripts[0]?.rows ?? [];
    expect(rows.every((r) => r < planted.length)).toBe(true);
    expect(rows.length).toBeGreaterThanOrEqual(0.9 * planted.length);
  });
});
