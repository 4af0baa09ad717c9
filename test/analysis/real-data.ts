/**
 * Real comments for checking the analysis: the labelled 環境省 half and the Polis sets, read in
 * place from the shared data folder beside the repository (never copied), and the naive
 * baselines the issue measured Koe against. Used by real-data.test.ts and eval-real.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../src/lib/csv.ts';
import { normaliseText } from '../../src/analysis/normalise.ts';
import type { AnalysisInput } from '../../src/analysis/types.ts';

const repoRoot = new URL('../../', import.meta.url);

/**
 * The shared data folder: `../shared/data` beside the repository (main checkout, CI), or one
 * level further up when the repository is a worktree under a folder of worktrees.
 */
export function sharedFile(name: string): string | undefined {
  for (const rel of ['../shared/data/', '../../shared/data/']) {
    const path = fileURLToPath(new URL(rel + name, repoRoot));
    if (existsSync(path)) return path;
  }
  return undefined;
}

export const MOE_HALF = 'moe-jokyo-dojo-pubcom-half.csv';
export const POLIS = [
  'polis-american-assembly.bowling-green.comments.csv',
  'polis-vtaiwan.uberx.comments.csv',
];

/** Rows of a CSV file as objects keyed by the header. */
export function readRecords(path: string): Record<string, string>[] {
  const rows = parseCsv(readFileSync(path, 'utf8'));
  const head = rows[0] ?? [];
  return rows.slice(1).map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

/** The labelled half: comments with the ministry's group of each. */
export function loadMoeHalf(path: string): { items: AnalysisInput[]; labels: string[] } {
  const recs = readRecords(path);
  return {
    items: recs.map((r, i) => ({ id: `m${i + 1}`, text: r.comment ?? '' })),
    labels: recs.map((r) => r.group ?? ''),
  };
}

export function loadPolis(path: string): AnalysisInput[] {
  return readRecords(path).map((r, i) => ({ id: r['comment-id'] || `c${i}`, text: r['comment-body'] ?? '' }));
}

/** The rewordings written for Koe (test/fixtures/analysis/paraphrase-campaign.csv). */
export function loadParaphraseCampaign(): AnalysisInput[] {
  const path = fileURLToPath(new URL('../fixtures/analysis/paraphrase-campaign.csv', import.meta.url));
  return readRecords(path).map((r) => ({ id: r.id ?? '', text: r.text ?? '' }));
}

/**
 * Interleave `planted` among `real` deterministically (every few real comments, one planted),
 * the way a campaign arrives mixed with everyone else's comments.
 */
export function plant(real: readonly AnalysisInput[], planted: readonly AnalysisInput[]): AnalysisInput[] {
  const out: AnalysisInput[] = [];
  const step = (real.length + planted.length) / Math.max(1, planted.length);
  let p = 0;
  let r = 0;
  for (let i = 0; i < real.length + planted.length; i++) {
    if (p < planted.length && (r >= real.length || i >= Math.round(p * step)))
      out.push(planted[p++] as AnalysisInput);
    else out.push(real[r++] as AnalysisInput);
  }
  return out;
}

/** Recall and purity of a planted campaign: its best campaign and how many campaigns it spans. */
export function campaignScore(
  campaigns: readonly { memberIds: readonly (string | number)[] }[],
  plantedIds: ReadonlySet<string | number>,
): { recall: number; purity: number; spans: number; bestSize: number } {
  let best: { memberIds: readonly (string | number)[] } | undefined;
  let bestHits = 0;
  let spans = 0;
  for (const c of campaigns) {
    const hits = c.memberIds.filter((id) => plantedIds.has(id)).length;
    if (hits > 0) spans++;
    if (hits > bestHits) {
      bestHits = hits;
      best = c;
    }
  }
  return {
    recall: bestHits / plantedIds.size,
    purity: best ? bestHits / best.memberIds.length : 0,
    spans,
    bestSize: best?.memberIds.length ?? 0,
  };
}

/**
 * The naive baseline: character n-gram TF-IDF (sublinear tf, smoothed idf, L2 rows, as
 * scikit-learn's TfidfVectorizer(analyzer='char', sublinear_tf=True)) on Koe's normal form, and
 * average-linkage agglomerative clustering on cosine distance into `k` clusters. On the 環境省
 * half this gives 0.180/0.710 (2–4-grams, 49) and 0.231/0.757 (1–2-grams, 60), within 0.01 of
 * the 0.168/0.703 and 0.227/0.756.
 */
export function naiveBaseline(texts: readonly string[], lo: number, hi: number, k: number): number[] {
  const docs = texts.map((t) => {
    const s = normaliseText(t);
    const grams = new Map<string, number>();
    for (let n = lo; n <= hi; n++)
      for (let i = 0; i + n <= s.length; i++) {
        const g = s.slice(i, i + n);
        grams.set(g, (grams.get(g) ?? 0) + 1);
      }
    return grams;
  });
  const df = new Map<string, number>();
  for (const d of docs) for (const g of d.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const n = texts.length;
  const vecs = docs.map((d) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [g, c] of d) {
      const w = (1 + Math.log(c)) * (Math.log((1 + n) / (1 + (df.get(g) as number))) + 1);
      v.set(g, w);
      norm += w * w;
    }
    for (const [g, w] of v) v.set(g, w / Math.sqrt(norm || 1));
    return v;
  });
  const sim: number[][] = vecs.map((a) =>
    vecs.map((b) => {
      let s = 0;
      for (const [g, w] of a.size < b.size ? a : b) s += w * ((a.size < b.size ? b : a).get(g) ?? 0);
      return s;
    }),
  );
  // Naive O(n³) average linkage: fine for a few hundred comments.
  const members: number[][] = texts.map((_, i) => [i]);
  const alive = texts.map(() => true);
  let clusters = n;
  while (clusters > k) {
    let best = -Infinity;
    let ba = -1;
    let bb = -1;
    for (let a = 0; a < n; a++) {
      if (!alive[a]) continue;
      for (let b = a + 1; b < n; b++) {
        if (!alive[b]) continue;
        const s = (sim[a] as number[])[b] as number;
        if (s > best) {
          best = s;
          ba = a;
          bb = b;
        }
      }
    }
    const sa = (members[ba] as number[]).length;
    const sb = (members[bb] as number[]).length;
    for (let c = 0; c < n; c++) {
      if (!alive[c] || c === ba || c === bb) continue;
      const v =
        (((sim[ba] as number[])[c] as number) * sa + ((sim[bb] as number[])[c] as number) * sb) / (sa + sb);
      (sim[ba] as number[])[c] = v;
      (sim[c] as number[])[ba] = v;
    }
    (members[ba] as number[]).push(...(members[bb] as number[]));
    alive[bb] = false;
    clusters--;
  }
  const label = new Array<number>(n).fill(0);
  members.forEach((m, c) => {
    if (alive[c]) for (const i of m) label[i] = c;
  });
  return label;
}
