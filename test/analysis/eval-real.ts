/**
 * Koe's analysis on real comments, with the issue's baselines measured in the same run.
 * Run: npx tsx test/analysis/eval-real.ts
 *
 * Prints: ARI/NMI of the finer groups on the labelled 環境省 half; the naive baselines; split-half
 * figures (the cut chosen on one half, scored on the other, against the fixed cut); the
 * paraphrase campaign planted among the real comments (recall, purity, campaigns it spans); and
 * campaigns raised on real comments alone and on the Polis sets (should be none).
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from '../../src/lib/csv.ts';
import {
  averageLinkage,
  FINE_CUT,
  fineMatrix,
  stanceOf,
  stanceTerms,
} from '../../src/analysis/finer-groups.ts';
import { makeRng } from '../../src/analysis/hash.ts';
import { analyse } from '../../src/analysis/index.ts';
import { adjustedRandIndex, normalisedMutualInformation } from '../../src/analysis/metrics.ts';
import { normaliseText } from '../../src/analysis/normalise.ts';
import { tokenise } from '../../src/analysis/tokenise.ts';
import type { AnalysisInput } from '../../src/analysis/types.ts';
import {
  campaignScore,
  loadMoeHalf,
  loadParaphraseCampaign,
  loadPolis,
  MOE_HALF,
  naiveBaseline,
  plant,
  POLIS,
  sharedFile,
} from './real-data.ts';

const f3 = (x: number): string => x.toFixed(3);
const score = (labels: readonly string[], pred: readonly (string | number)[]): string =>
  `ARI ${f3(adjustedRandIndex(labels, pred))}  NMI ${f3(normalisedMutualInformation(labels, pred))}  (${new Set(pred).size} groups)`;

function finerLabels(items: readonly AnalysisInput[]): string[] {
  return analyse(items).assignments.map((a) => a.group);
}

/** The fine matrix exactly as analyse() builds it for these texts (no near-duplicates here). */
function fineOf(texts: readonly string[]) {
  return fineMatrix(
    texts.map((t) => {
      const norm = normaliseText(t);
      return [...tokenise(norm, { parts: true, normalised: true }), ...stanceTerms(stanceOf(norm))];
    }),
  );
}

function cutScores(texts: readonly string[], labels: readonly string[], cuts: readonly number[]) {
  const m = fineOf(texts);
  const rows = texts.map((_, i) => i);
  return cuts.map((cut) => {
    const l = Array.from(averageLinkage(m, rows, cut));
    return { cut, ari: adjustedRandIndex(labels, l), nmi: normalisedMutualInformation(labels, l) };
  });
}

function main(): void {
  const moePath = sharedFile(MOE_HALF);
  if (!moePath) {
    console.log(`${MOE_HALF} not found beside the repository (../shared/data); nothing to evaluate.`);
    return;
  }
  const { items, labels } = loadMoeHalf(moePath);
  const texts = items.map((it) => it.text);
  console.log(`環境省 half: ${items.length} comments, ${new Set(labels).size} official groups\n`);

  let t = performance.now();
  console.log(
    `Koe finer groups:                              ${score(labels, finerLabels(items))}  ${Math.round(performance.now() - t)} ms`,
  );
  t = performance.now();
  console.log(
    `naive: char 2–4-gram TF-IDF, average, 49:      ${score(labels, naiveBaseline(texts, 2, 4, 49))}`,
  );
  console.log(
    `naive tuned: char 1–2-gram, average, 60:       ${score(labels, naiveBaseline(texts, 1, 2, 60))}  ${Math.round(performance.now() - t)} ms (both)`,
  );

  // The cut: how the score moves around it on the whole half.
  const cuts = [0.08, 0.09, 0.1, 0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.18, 0.2];
  console.log('\nCut (cosine) vs score on the whole half (stance term included, no themes):');
  for (const c of cutScores(texts, labels, cuts))
    console.log(
      `  ${c.cut.toFixed(2)}  ARI ${f3(c.ari)}  NMI ${f3(c.nmi)}${c.cut === FINE_CUT ? '   <- FINE_CUT' : ''}`,
    );

  // Split-half: 20 random halves. On each, the cut that scores best on half A is applied to half
  // B, next to the fixed cut and the baseline on B (k scaled to B's size).
  const rng = makeRng(11);
  const rows: {
    chosen: number;
    bFixed: [number, number];
    bChosen: [number, number];
    bKoe: [number, number];
    bBase: [number, number];
  }[] = [];
  for (let r = 0; r < 20; r++) {
    const order = items.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    const a = order.slice(0, order.length >> 1);
    const b = order.slice(order.length >> 1);
    const sa = cutScores(
      a.map((i) => texts[i] as string),
      a.map((i) => labels[i] as string),
      cuts,
    );
    const chosen = sa.reduce((x, y) => (y.ari + y.nmi > x.ari + x.nmi ? y : x)).cut;
    const bt = b.map((i) => texts[i] as string);
    const bl = b.map((i) => labels[i] as string);
    const sb = cutScores(bt, bl, [FINE_CUT, chosen]);
    const koe = finerLabels(b.map((i) => items[i] as AnalysisInput));
    const base = naiveBaseline(bt, 1, 2, Math.round((60 * b.length) / items.length));
    rows.push({
      chosen,
      bFixed: [sb[0]?.ari ?? 0, sb[0]?.nmi ?? 0],
      bChosen: [sb[1]?.ari ?? 0, sb[1]?.nmi ?? 0],
      bKoe: [adjustedRandIndex(bl, koe), normalisedMutualInformation(bl, koe)],
      bBase: [adjustedRandIndex(bl, base), normalisedMutualInformation(bl, base)],
    });
  }
  const mean = (f: (x: (typeof rows)[number]) => [number, number]): string =>
    `ARI ${f3(rows.reduce((s, x) => s + f(x)[0], 0) / rows.length)}  NMI ${f3(rows.reduce((s, x) => s + f(x)[1], 0) / rows.length)}`;
  console.log(
    `\nSplit-half, 20 random halves (${rows.length} × ${items.length >> 1}/${items.length - (items.length >> 1)} comments), scored on half B:`,
  );
  console.log(`  cut chosen on half A (chosen: ${rows.map((x) => x.chosen.toFixed(2)).join(' ')})`);
  console.log(`  cut chosen on A, on B:       ${mean((x) => x.bChosen)}`);
  console.log(`  fixed cut ${FINE_CUT}, on B:         ${mean((x) => x.bFixed)}`);
  console.log(`  Koe analyse() on B:          ${mean((x) => x.bKoe)}`);
  console.log(`  naive tuned baseline on B:   ${mean((x) => x.bBase)}`);

  // The hand-written fixture, for comparison (its thresholds are in analyse.test.ts).
  const fx = parseCsv(
    readFileSync(new URL('../fixtures/analysis/ja-labelled.csv', import.meta.url), 'utf8'),
  ).slice(1);
  const fxLabels = fx.map((r) => r[1] ?? '');
  const fxItems = fx.map((r) => ({ id: Number(r[0]), text: r[2] ?? '' }));
  console.log(
    `\nHand-written fixture ja-labelled.csv (${fx.length} comments, ${new Set(fxLabels).size} groups):`,
  );
  console.log(`  Koe finer groups:            ${score(fxLabels, finerLabels(fxItems))}`);
  console.log(
    `  naive tuned baseline:        ${score(
      fxLabels,
      naiveBaseline(
        fxItems.map((x) => x.text),
        1,
        2,
        60,
      ),
    )}`,
  );

  // Paraphrase campaign planted among the real comments.
  const planted = loadParaphraseCampaign();
  const ids = new Set(planted.map((p) => p.id));
  const mixed = plant(items, planted);
  t = performance.now();
  const r = analyse(mixed);
  const s = campaignScore(r.campaigns, ids);
  console.log(
    `\nPlanted paraphrase campaign: ${planted.length} rewordings among ${items.length} real comments (${Math.round(performance.now() - t)} ms)`,
  );
  console.log(
    `  recall ${f3(s.recall)} in its best campaign (size ${s.bestSize}), purity ${f3(s.purity)}, spread over ${s.spans} campaign(s)`,
  );
  console.log(`  all campaigns: ${r.campaigns.map((c) => `${c.kind} ${c.size}`).join(', ') || 'none'}`);
  // The same with exact copies and light edits of one rewording: one campaign, not two.
  const first = planted[0] as AnalysisInput;
  const variants: AnalysisInput[] = [
    ...Array.from({ length: 6 }, (_, i) => ({ id: `v${i}`, text: first.text })),
    ...Array.from({ length: 4 }, (_, i) => ({
      id: `w${i}`,
      text: first.text.replace('管理', '管理するの').replace('。', '！'),
    })),
  ];
  const withVariants = [...planted, ...variants];
  const rv = analyse(plant(items, withVariants));
  const sv = campaignScore(rv.campaigns, new Set(withVariants.map((p) => p.id)));
  console.log(
    `  with 6 exact copies and 4 light edits of one rewording: recall ${f3(sv.recall)}, purity ${f3(sv.purity)}, spread over ${sv.spans} campaign(s)`,
  );

  console.log(`\nCampaigns on real comments alone: ${analyse(items).campaigns.length}`);
  for (const name of POLIS) {
    const path = sharedFile(name);
    if (!path) continue;
    const polis = loadPolis(path);
    const pr = analyse(polis);
    console.log(
      `Campaigns on ${name} (${polis.length} comments): ${pr.campaigns.length}${pr.campaigns.length ? ` (${pr.campaigns.map((c) => `${c.kind} ${c.size}`).join(', ')})` : ''}`,
    );
  }
}

main();
