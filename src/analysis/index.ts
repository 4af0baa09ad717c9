/**
 * Koe's offline text analysis: duplicates, campaigns (identical, form letters, paraphrases),
 * bursts, two-level themes with key terms and representatives, and simple breakdowns.
 * Data in, data out: no database, no network, deterministic for the same input.
 */
import { densestBurst, tokyoDate, toMillis } from './bursts.ts';
import { clusterChoosingK, sphericalKMeans, type KMeansResult } from './cluster.ts';
import { extractAddition, findTemplate, type Template, templateCarriers } from './form-letters.ts';
import { compareIds } from './hash.ts';
import { classKeyTerms, representatives } from './keyterms.ts';
import { extractLabel } from './labels.ts';
import { FINE_CUT, fineMatrix, groupsThenThemes, stanceOf, stanceTerms } from './finer-groups.ts';
import { estimateJaccard } from './minhash.ts';
import { findNearDuplicates, sentencePairKeys } from './near-duplicates.ts';
import { compactNormalised, normaliseText, splitSentences } from './normalise.ts';
import { findParaphrases, type ParaphraseCluster } from './paraphrase.ts';
import { findScriptCampaigns } from './paraphrase-v2.ts';
import { startTokenising } from './tokenise-pool.ts';
import { tokenise, type TokeniseOptions } from './tokenise.ts';
import type {
  AnalyseOptions,
  AnalysisInput,
  AnalysisResult,
  Assignment,
  Breakdowns,
  Campaign,
  CampaignBurst,
  ClusterGroup,
  CommentId,
  DuplicateGroup,
  ProgressCallback,
  Theme,
} from './types.ts';
import { buildVocabulary, rowIsEmpty, type SparseMatrix, tfidfMatrix } from './vectors.ts';

export type * from './types.ts';
export { parseCsv, decodeCsvBytes } from './csv.ts';
export { normaliseText, identityKey } from './normalise.ts';
export { tokenise } from './tokenise.ts';

interface Unique {
  first: number;
  items: number[];
  norm: string;
  key: string;
}

interface Point {
  uniques: number[];
  items: number[];
  copies: number;
  rep: number;
  /** Near-duplicate components of several texts that passed verification. */
  verified?: { template: Template; cohesion: number };
}

const DEFAULTS = {
  minCampaignSize: 3,
  minParaphraseSize: 5,
  paraphraseSimilarity: 0.5,
  burstWindowMinutes: 60,
  seed: 42,
  representatives: 4,
  templateSupport: 0.5,
};

/**
 * Analyse the comments of one consultation.
 *
 * Deterministic: the same items (in the same order) give byte-identical `JSON.stringify` output
 * unless `opts.timings` is set. `onProgress` is called between phases and every few thousand
 * items, so a worker can report progress.
 */
export function analyse(
  items: readonly AnalysisInput[],
  opts: AnalyseOptions = {},
  onProgress?: ProgressCallback,
): AnalysisResult {
  const o = { ...DEFAULTS, ...stripUndefined(opts) };
  const timings: Record<string, number> = {};
  let last = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    timings[name] = Math.round(now - last);
    last = now;
  };
  const progress = onProgress ?? (() => {});
  const n = items.length;
  // Terms are needed from step 3 on; on large inputs a worker thread starts on them now and
  // works while this thread normalises and finds near-duplicates (it is told which texts turn
  // out to be copies, so it can skip them).
  const termOpts: TokeniseOptions = { parts: true };
  const termJob = startTokenising(
    items.map((it) => it.text ?? ''),
    termOpts,
  );

  // 1. Normalise and collapse identical texts.
  const uniqueOf = new Int32Array(n);
  const uniques: Unique[] = [];
  const byKey = new Map<string, number>();
  // (On large inputs the worker normalises the back of the list meanwhile.)
  const normalised = termJob.normalise((i) => {
    const norm = normaliseText((items[i] as AnalysisInput).text ?? '');
    return [norm, compactNormalised(norm)];
  });
  for (let i = 0; i < n; i++) {
    const norm = normalised.norms[i] as string;
    const key = normalised.keys[i] as string;
    // Empty comments are never "identical" to each other in any meaningful way.
    let u = key === '' ? undefined : byKey.get(key);
    if (u === undefined) {
      u = uniques.length;
      uniques.push({ first: i, items: [], norm, key });
      if (key !== '') byKey.set(key, u);
    } else termJob.skip(i);
    (uniques[u] as Unique).items.push(i);
    uniqueOf[i] = u;
    if (i % 5000 === 4999) progress(i + 1, n, 'normalise');
  }
  progress(n, n, 'normalise');
  lap('normalise');

  // 2. Near-duplicates among unique texts.
  const nd = findNearDuplicates(
    uniques.map((u) => u.key),
    uniques.map((u) => sentencePairKeys(u.norm)),
  );
  // Group unique texts by component, then verify each multi-text component: a form letter's
  // template is carried whole by nearly every copy, or the copies are light edits of one text.
  // Texts chained together by stock phrases or scattered shared sentences fail; they are split
  // back into separate points (they may still be paraphrases of one script, see step 5).
  const groupsByRoot = new Map<number, number[]>();
  for (let u = 0; u < uniques.length; u++) {
    const root = nd.component[u] as number;
    const g = groupsByRoot.get(root);
    if (g) g.push(u);
    else groupsByRoot.set(root, [u]);
  }
  const points: Point[] = [];
  const addPoint = (us: number[], verified?: Point['verified']): void => {
    const pt: Point = { uniques: us, items: [], copies: 0, rep: us[0] as number };
    for (const u of us) {
      const un = uniques[u] as Unique;
      for (const i of un.items) pt.items.push(i);
      pt.copies += un.items.length;
      if (un.items.length > (uniques[pt.rep] as Unique).items.length) pt.rep = u;
    }
    if (verified) pt.verified = verified;
    points.push(pt);
  };
  for (const us of groupsByRoot.values()) {
    if (us.length === 1) {
      addPoint(us);
      continue;
    }
    const memberOf = (u: number) => ({
      normalised: (uniques[u] as Unique).norm,
      copies: (uniques[u] as Unique).items.length,
    });
    const cohesionOf = (group: readonly number[]): number => {
      let rep = group[0] as number;
      for (const u of group)
        if ((uniques[u] as Unique).items.length > (uniques[rep] as Unique).items.length) rep = u;
      let jSum = 0;
      for (const u of group) if (u !== rep) jSum += estimateJaccard(nd.sig, u, rep);
      return group.length > 1 ? jSum / (group.length - 1) : 1;
    };
    const cohesion = cohesionOf(us);
    let copies = 0;
    for (const u of us) copies += (uniques[u] as Unique).items.length;
    // A few short texts that differ in a word or share a stock sentence are everyday phrasing,
    // not copying: a group of fewer than five comments needs a substantial shared text.
    const minShared = copies < 5 ? 60 : 40;
    const longest = Math.max(...us.map((u) => (uniques[u] as Unique).key.length));
    if (cohesion >= 0.7 && longest >= minShared) {
      // Light edits of one text.
      addPoint(us, { template: findTemplate(us.map(memberOf)), cohesion });
      continue;
    }
    // Form letters: the texts that carry the template (sentences most copies share). Texts
    // chained to it through a sender's own paragraph are split off again; two templates chained
    // together through such texts are peeled one after the other.
    let rest = us;
    while (rest.length >= 2) {
      const template = findTemplate(rest.map(memberOf));
      const { carries, chars } = templateCarriers(rest.map(memberOf), template);
      let carried = 0;
      let total = 0;
      rest.forEach((u, k) => {
        const c = (uniques[u] as Unique).items.length;
        total += c;
        if (carries[k]) carried += c;
      });
      const inner = rest.filter((_, k) => carries[k]);
      if (chars < minShared || carried < o.templateSupport * total || inner.length < 2) break;
      addPoint(inner, { template: findTemplate(inner.map(memberOf)), cohesion: cohesionOf(inner) });
      rest = rest.filter((_, k) => !carries[k]);
    }
    for (const u of rest) addPoint([u]);
  }
  for (const p of points) p.items.sort((a, b) => a - b);
  {
    // Only one text per point is tokenised.
    const isRep = new Uint8Array(uniques.length);
    for (const pt of points) isRep[pt.rep] = 1;
    for (let u = 0; u < uniques.length; u++) if (isRep[u] === 0) termJob.skip((uniques[u] as Unique).first);
  }
  progress(n, n, 'near-duplicates');
  lap('nearDuplicates');

  const idOf = (i: number): CommentId => (items[i] as AnalysisInput).id;

  // Exact duplicate groups.
  const duplicateOfUnique = new Map<number, string>();
  const dupList = uniques
    .map((u, idx) => ({ u, idx }))
    .filter(({ u }) => u.items.length >= 2)
    .sort((a, b) => b.u.items.length - a.u.items.length || a.u.first - b.u.first);
  const duplicates: DuplicateGroup[] = dupList.map(({ u, idx }, k) => {
    const id = `d${k + 1}`;
    duplicateOfUnique.set(idx, id);
    return {
      id,
      count: u.items.length,
      memberIds: u.items.map(idOf),
      canonicalText: (items[u.first] as AnalysisInput).text,
    };
  });

  // Near-duplicate campaigns (identical copies, form letters).
  type Draft = Omit<Campaign, 'id'> & { firstItem: number; items: number[]; point?: number };
  const drafts: Draft[] = [];
  const campaignPoint = new Uint8Array(points.length);
  points.forEach((pt, p) => {
    if (pt.copies < o.minCampaignSize) return;
    const first = pt.items[0] as number;
    if (pt.uniques.length === 1) {
      campaignPoint[p] = 1;
      drafts.push({
        kind: 'identical',
        size: pt.copies,
        uniqueSize: 1,
        memberIds: pt.items.map(idOf),
        canonicalText: (items[first] as AnalysisInput).text,
        additions: [],
        cohesion: 1,
        firstItem: first,
        items: pt.items,
        point: p,
      });
      return;
    }
    if (!pt.verified) return;
    const { template, cohesion } = pt.verified;
    // A form letter may still turn out to be part of a paraphrase campaign (step 5): several
    // writers copying one of the script's wordings.
    campaignPoint[p] = 2;
    const additions: { id: CommentId; addedText: string; at: number }[] = [];
    for (const u of pt.uniques) {
      const un = uniques[u] as Unique;
      const added = extractAddition(un.norm, template);
      if (added !== '') for (const i of un.items) additions.push({ id: idOf(i), addedText: added, at: i });
    }
    additions.sort((a, b) => a.at - b.at);
    drafts.push({
      kind: 'form_letter',
      size: pt.copies,
      uniqueSize: pt.uniques.length,
      memberIds: pt.items.map(idOf),
      canonicalText: template.text,
      additions: additions.map(({ id, addedText }) => ({ id, addedText })),
      cohesion: Math.round(cohesion * 1000) / 1000,
      firstItem: first,
      items: pt.items,
      point: p,
    });
  });
  lap('formLetters');

  // 3. Terms and TF-IDF vectors, one row per point.
  const localOpts: TokeniseOptions = { ...termOpts, normalised: true };
  const docs = termJob.collect(
    points.map((pt) => (uniques[pt.rep] as Unique).first),
    (i) => tokenise((uniques[uniqueOf[i] as number] as Unique).norm, localOpts),
  );
  const { vocab, counts } = buildVocabulary(docs);
  const matrix = tfidfMatrix(counts, vocab, points.length < 40 ? 1 : 2);
  // Copies count, but damped: one campaign of 5,000 copies must not become five themes.
  const weights = Float64Array.from(points, (pt) => 1 + Math.log(pt.copies));
  progress(points.length, points.length, 'tokenise');
  lap('tokenise');

  // 4. Two-level clustering.
  const clusterable: number[] = [];
  const unclassified: number[] = [];
  for (let p = 0; p < points.length; p++) (rowIsEmpty(matrix, p) ? unclassified : clusterable).push(p);
  const themeRuns: { top: KMeansResult; rows: number[][]; sub: { res: KMeansResult; rows: number[][] }[] } = {
    top: sphericalKMeans(matrix, [], weights, 1, { seed: o.seed }),
    rows: [],
    sub: [],
  };
  // Finer groups inside themes pay off on small inputs (a few thousand comments, often short);
  // on large inputs every extra k is paid on every row. Themes stay at most 10 for readability.
  const small = clusterable.length <= 5000;
  let fine: SparseMatrix | undefined;
  if (clusterable.length > 0 && small) {
    // Up to 5,000 points: finer groups by average linkage at a learnt cut, themes made of whole
    // groups (finer-groups.ts).
    fine = fineMatrix(
      points.map((pt, p) => [...(docs[p] ?? []), ...stanceTerms(stanceOf((uniques[pt.rep] as Unique).norm))]),
    );
    Object.assign(
      themeRuns,
      groupsThenThemes(fine, matrix, clusterable, weights, {
        seed: o.seed,
        themes: o.themes,
        minK: Math.min(4, Math.max(1, Math.floor(clusterable.length / 5))),
        maxK: Math.min(10, Math.max(1, Math.floor(clusterable.length / 5))),
      }),
    );
  } else if (clusterable.length > 0) {
    const top =
      o.themes !== undefined
        ? sphericalKMeans(matrix, clusterable, weights, o.themes, { seed: o.seed })
        : clusterChoosingK(matrix, clusterable, weights, {
            seed: o.seed,
            minK: Math.min(4, Math.max(1, Math.floor(clusterable.length / 5))),
            maxK: Math.min(10, Math.max(1, Math.floor(clusterable.length / 5))),
          });
    themeRuns.top = top;
    themeRuns.rows = splitByLabel(clusterable, top.labels, top.k);
    progress(1, 3, 'cluster');
    themeRuns.sub = themeRuns.rows.map((rows, t) => {
      const maxK = small
        ? Math.min(12, Math.floor(rows.length / 3))
        : Math.min(8, Math.floor(rows.length / 4));
      const res =
        maxK >= 2
          ? clusterChoosingK(matrix, rows, weights, { seed: o.seed + 1000 * (t + 1), minK: 2, maxK })
          : sphericalKMeans(matrix, rows, weights, 1, { seed: o.seed });
      return { res, rows: splitByLabel(rows, res.labels, res.k) };
    });
  }
  progress(2, 3, 'cluster');
  lap('cluster');

  // 5. Paraphrase campaigns inside fine clusters.
  const eligible = new Uint8Array(points.length);
  // Very short comments (under five terms) look alike by accident; they are left out.
  for (const p of clusterable)
    if (campaignPoint[p] !== 1 && (matrix.offsets[p + 1] as number) - (matrix.offsets[p] as number) >= 5)
      eligible[p] = 1;
  // On small inputs the fine groups are small too (see `small` above): look inside themes.
  const paraBlocks = small ? themeRuns.rows : themeRuns.sub.flatMap((s) => s.rows);
  const paraContexts = small
    ? themeRuns.rows
    : themeRuns.sub.flatMap((sub, t) => sub.rows.map(() => themeRuns.rows[t] ?? []));
  const paraphrases = findParaphrases(
    matrix,
    paraBlocks,
    eligible,
    weights,
    {
      similarity: o.paraphraseSimilarity,
      minCohesion: o.paraphraseSimilarity - 0.25,
      minPts: Math.max(2, o.minParaphraseSize - 1),
      // Exact copies count as comments; a form letter's variants count once each.
      copies: points.map((pt) => (pt.uniques.length === 1 ? pt.copies : pt.uniques.length)),
      minSize: o.minParaphraseSize,
      seed: o.seed,
    },
    paraContexts,
  );
  if (fine) {
    // Reworded scripts: finer groups whose members make the same points (paraphrase-v2.ts).
    // They replace any density cluster they overlap, and may take in exact copies too.
    const scripts = findScriptCampaigns(
      fine,
      themeRuns.sub.flatMap((sub) => sub.rows),
      (p) =>
        splitSentences((uniques[(points[p] as Point).rep] as Unique).norm).map((t) => tokenise(t, localOpts)),
      Int32Array.from(points, (pt) => pt.copies),
      { minSize: o.minParaphraseSize, sentenceCut: FINE_CUT },
    );
    const inScript = new Set(scripts.flatMap((sc) => sc.rows));
    for (let k = paraphrases.length - 1; k >= 0; k--)
      if ((paraphrases[k] as ParaphraseCluster).rows.some((p) => inScript.has(p))) paraphrases.splice(k, 1);
    paraphrases.push(...scripts);
  }
  // A paraphrase cluster made mostly of one verified form letter is that form letter and some
  // neighbours, not a separate script: the form letter stays, the cluster is dropped.
  for (let k = paraphrases.length - 1; k >= 0; k--) {
    const pc = paraphrases[k] as (typeof paraphrases)[number];
    const total = pc.rows.reduce((s, p) => s + (points[p] as Point).copies, 0);
    if (pc.rows.some((p) => campaignPoint[p] !== 0 && (points[p] as Point).copies * 2 >= total))
      paraphrases.splice(k, 1);
  }
  const absorbed = new Set(paraphrases.flatMap((pc) => pc.rows));
  for (let d = drafts.length - 1; d >= 0; d--) {
    const pt = (drafts[d] as Draft).point;
    if (pt !== undefined && absorbed.has(pt)) drafts.splice(d, 1);
  }
  for (const pc of paraphrases) {
    const its = pc.rows.flatMap((p) => (points[p] as Point).items).sort((a, b) => a - b);
    if (its.length < o.minParaphraseSize) continue;
    const centralItem = (uniques[(points[pc.central] as Point).rep] as Unique).first;
    drafts.push({
      kind: 'paraphrase',
      size: its.length,
      uniqueSize: pc.rows.reduce((s, p) => s + (points[p] as Point).uniques.length, 0),
      memberIds: its.map(idOf),
      canonicalText: (items[centralItem] as AnalysisInput).text,
      additions: [],
      cohesion: pc.cohesion,
      firstItem: its[0] as number,
      items: its,
    });
  }
  progress(3, 3, 'cluster');
  lap('paraphrases');

  // 6. Campaign ids, bursts.
  drafts.sort((a, b) => b.size - a.size || a.firstItem - b.firstItem);
  const times = items.map((it) => toMillis(it.receivedAt));
  let tMin = Infinity;
  let tMax = -Infinity;
  for (const t of times)
    if (Number.isFinite(t)) {
      if (t < tMin) tMin = t;
      if (t > tMax) tMax = t;
    }
  const windowMs = o.burstWindowMinutes * 60_000;
  const campaignOfItem = new Map<number, string>();
  const bursts: CampaignBurst[] = [];
  const campaigns: Campaign[] = drafts.map((d, k) => {
    const id = `c${k + 1}`;
    for (const i of d.items) if (!campaignOfItem.has(i)) campaignOfItem.set(i, id);
    const { firstItem: _f, items: its, point: _p, ...rest } = d;
    const c: Campaign = { id, ...rest };
    const b = densestBurst(
      its.map((i) => times[i] as number),
      { windowMs, periodMs: tMax - tMin, minCount: 5, minRatio: 3 },
    );
    if (b) {
      const { ratio, ...burst } = b;
      c.burst = burst;
      bursts.push({ campaignId: id, ...burst, ratio });
    }
    return c;
  });
  bursts.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0) || b.count - a.count);
  lap('campaigns');

  // 7. Themes with key terms and representatives.
  const reps = o.representatives;
  const repId = (p: number): CommentId => idOf((uniques[(points[p] as Point).rep] as Unique).first);
  const describe = (
    rows: number[],
    centroid: Float64Array,
    keyTerms: ClusterGroup['keyTerms'],
    id: string,
  ): ClusterGroup => {
    const its = rows.flatMap((p) => (points[p] as Point).items).sort((a, b) => a - b);
    // Representatives carry the group's key terms; the label is a clause of a member's text.
    const keyIds = new Set(keyTerms.map((k) => termId.get(k.term)));
    const hits = (p: number): number => {
      let c = 0;
      for (const id of counts[p]?.ids ?? []) if (keyIds.has(id)) c++;
      return c;
    };
    const repRows = representatives(matrix, rows, centroid, reps, hits);
    const textOf = (p: number): string =>
      (items[(uniques[(points[p] as Point).rep] as Unique).first] as AnalysisInput).text;
    return {
      id,
      label: extractLabel([...repRows, ...rows.slice(0, 50)].map(textOf), keyTerms),
      keyTerms,
      size: its.length,
      uniqueSize: rows.reduce((s, p) => s + (points[p] as Point).uniques.length, 0),
      representativeIds: repRows.map(repId),
      memberIds: its.map(idOf),
    };
  };
  const termId = new Map(vocab.terms.map((t, i) => [t, i]));
  const dims = matrix.dims;
  const allFine = themeRuns.sub.flatMap((s) => s.rows);
  const fineTerms = classKeyTerms(allFine, counts, weights, vocab.terms);
  const topTerms = classKeyTerms(themeRuns.rows, counts, weights, vocab.terms);
  let fineIdx = 0;
  const themeDrafts = themeRuns.rows.map((rows, t) => {
    const sub = themeRuns.sub[t] as { res: KMeansResult; rows: number[][] };
    const groups = sub.rows.map((gr, g) => {
      const kt = fineTerms[fineIdx++] ?? [];
      return { rows: gr, group: describe(gr, sub.res.centroids.subarray(g * dims, (g + 1) * dims), kt, '') };
    });
    return {
      rows,
      theme: describe(
        rows,
        themeRuns.top.centroids.subarray(t * dims, (t + 1) * dims),
        topTerms[t] ?? [],
        '',
      ),
      groups,
    };
  });
  const bySize = <T extends { rows: number[] }>(a: T, b: T): number =>
    sizeOf(b.rows) - sizeOf(a.rows) || firstItemOf(a.rows) - firstItemOf(b.rows);
  const sizeOf = (rows: number[]): number => rows.reduce((s, p) => s + (points[p] as Point).copies, 0);
  const firstItemOf = (rows: number[]): number =>
    rows.reduce((m, p) => Math.min(m, (points[p] as Point).items[0] as number), Infinity);
  const themes: Theme[] = themeDrafts
    .filter((td) => td.rows.length > 0)
    .sort(bySize)
    .map((td, t) => ({
      ...td.theme,
      id: `t${t + 1}`,
      groups: td.groups
        .filter((g) => g.rows.length > 0)
        .sort(bySize)
        .map((g, k) => ({ ...g.group, id: `t${t + 1}.g${k + 1}` })),
    }));
  if (unclassified.length > 0) {
    const id = `t${themes.length + 1}`;
    const its = unclassified.flatMap((p) => (points[p] as Point).items).sort((a, b) => a - b);
    const base: ClusterGroup = {
      id,
      label: '',
      keyTerms: [],
      size: its.length,
      uniqueSize: unclassified.reduce((s, p) => s + (points[p] as Point).uniques.length, 0),
      representativeIds: unclassified.slice(0, reps).map(repId),
      memberIds: its.map(idOf),
    };
    themes.push({ ...base, groups: [{ ...base, id: `${id}.g1` }], unclassified: true });
  }
  lap('keyTerms');

  // 8. Per-comment assignments and breakdowns.
  const themeOfItem = new Array<string>(n).fill('');
  const groupOfItem = new Array<string>(n).fill('');
  const indexOfId = new Map<CommentId, number[]>();
  items.forEach((it, i) => {
    const l = indexOfId.get(it.id);
    if (l) l.push(i);
    else indexOfId.set(it.id, [i]);
  });
  for (const th of themes) {
    for (const g of th.groups) {
      for (const id of g.memberIds) {
        for (const i of indexOfId.get(id) ?? []) {
          themeOfItem[i] = th.id;
          groupOfItem[i] = g.id;
        }
      }
    }
  }
  const assignments: Assignment[] = items.map((it, i) => {
    const a: Assignment = { id: it.id, theme: themeOfItem[i] ?? '', group: groupOfItem[i] ?? '' };
    const d = duplicateOfUnique.get(uniqueOf[i] as number);
    if (d) a.duplicateGroup = d;
    const c = campaignOfItem.get(i);
    if (c) a.campaign = c;
    return a;
  });
  const breakdowns = computeBreakdowns(items, times);
  lap('assign');

  const parameters = {
    minCampaignSize: o.minCampaignSize,
    minParaphraseSize: o.minParaphraseSize,
    paraphraseSimilarity: o.paraphraseSimilarity,
    burstWindowMinutes: o.burstWindowMinutes,
    seed: o.seed,
    themes: themeRuns.top.k,
    shingle: 4,
    minhashBins: 64,
    nearDuplicateJaccard: 0.5,
    templateContainment: 0.8,
  };
  const result: AnalysisResult = {
    version: 1,
    duplicates,
    campaigns,
    bursts,
    themes,
    assignments,
    breakdowns,
    method: {
      ja:
        '全角・半角、句読点、記号の違いをそろえた上で、同一の文面をまとめました。文字の並び（4文字単位）の重なりが大きい意見は「ほぼ同一」とし、共通部分（ひな形）と各意見で追加された部分を分けて示しています。' +
        '言い回しは違っても同じ主張を述べる意見が不自然に密集している場合は「言い換えによる組織的な意見」として示します。' +
        `内容の分類は、語の重み（TF-IDF）に基づく自動分類（k-means、乱数の種 ${o.seed}）で大きなテーマと細かなグループの2段階に分けたものです。同一・類似の文面は1件として分類し、件数は別に数えています。` +
        '件数は賛否の票数ではありません。意見は件数ではなく内容で検討されます。自動分類は職員による整理の参考であり、誤りを含むことがあります。',
      en:
        'Texts were compared after folding width, punctuation and symbol variants; identical texts are grouped. Texts sharing most of their 4-character shingles are near-identical: the shared template and what each copy added are shown separately. ' +
        'Comments that make the same point in different words and sit unusually close together are flagged as a paraphrase campaign. ' +
        `Topics come from automatic clustering of term weights (TF-IDF, spherical k-means, seed ${o.seed}) in two levels: themes and finer groups. Identical and near-identical texts are clustered once; their copies are counted separately. ` +
        'Counts are not votes: comments are weighed by content, not by number. The automatic grouping is an aid for staff and can be wrong.',
      parameters,
    },
    stats: {
      comments: n,
      uniqueTexts: uniques.length,
      clusteredPoints: clusterable.length,
      vocabulary: vocab.terms.length,
    },
  };
  if (opts.timings) result.stats.timingsMs = timings;
  progress(n, n, 'done');
  return result;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function splitByLabel(rows: readonly number[], labels: Int32Array, k: number): number[][] {
  const out: number[][] = Array.from({ length: k }, () => []);
  rows.forEach((r, i) => {
    out[labels[i] as number]?.push(r);
  });
  return out;
}

function sortedRecord(m: Map<string, number>): Record<string, number> {
  const keys = [...m.keys()].sort((a, b) => compareIds(a, b));
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = m.get(k) ?? 0;
  return out;
}

function computeBreakdowns(items: readonly AnalysisInput[], times: readonly number[]): Breakdowns {
  const section = new Map<string, number>();
  const category = new Map<string, number>();
  const channel = new Map<string, number>();
  const day = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string): void => {
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  items.forEach((it, i) => {
    const secs = [...new Set((it.sectionIds ?? []).map(String))];
    if (secs.length === 0) inc(section, 'none');
    for (const s of secs) inc(section, s);
    inc(category, it.category ?? 'none');
    inc(channel, it.channel ?? 'none');
    const t = times[i] as number;
    inc(day, Number.isFinite(t) ? tokyoDate(t) : 'unknown');
  });
  return {
    bySection: sortedRecord(section),
    byCategory: sortedRecord(category),
    byChannel: sortedRecord(channel),
    byDay: sortedRecord(day),
  };
}
