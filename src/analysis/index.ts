/**
 * Koe's offline text analysis: duplicates, campaigns (identical, form letters, paraphrases),
 * bursts, two-level themes with key terms and representatives, and simple breakdowns.
 * Data in, data out: no database, no network, deterministic for the same input.
 */
import { assemble } from './pipeline/assemble.ts';
import { campaignBursts, receivedTimes } from './pipeline/campaign-bursts.ts';
import { copyCampaigns } from './pipeline/copy-campaigns.ts';
import { identicalTexts } from './pipeline/identical-texts.ts';
import { nearDuplicatePoints } from './pipeline/near-duplicate-points.ts';
import { paraphraseCampaigns } from './pipeline/paraphrase-campaigns.ts';
import { startRun } from './pipeline/run.ts';
import { TERM_OPTIONS, termVectors } from './pipeline/term-vectors.ts';
import { themesWithKeyTerms } from './pipeline/theme-key-terms.ts';
import { clusterThemes } from './pipeline/themes.ts';
import { startTokenising } from './tokenise-pool.ts';
import type { AnalyseOptions, AnalysisInput, AnalysisResult, ProgressCallback } from './types.ts';

export type * from './types.ts';
export { normaliseText, identityKey } from './normalise.ts';
export { tokenise } from './tokenise.ts';

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
  const run = startRun(items, opts, onProgress);
  // Terms are needed from the term vectors on; on large inputs a worker thread starts on them
  // now and works while this thread normalises and finds near-duplicates (it is told which texts
  // turn out to be copies, so it can skip them).
  const terms = startTokenising(
    items.map((it) => it.text ?? ''),
    TERM_OPTIONS,
  );
  const texts = run.step('normalise', () => identicalTexts(run, terms));
  const points = run.step('nearDuplicates', () => nearDuplicatePoints(run, texts, terms));
  const copies = run.step('formLetters', () => copyCampaigns(run, points));
  const vectors = run.step('tokenise', () => termVectors(run, texts, points, terms));
  const clusters = run.step('cluster', () => clusterThemes(run, points, vectors));
  const drafts = run.step('paraphrases', () => paraphraseCampaigns(run, points, vectors, clusters, copies));
  const times = receivedTimes(items);
  const campaigns = run.step('campaigns', () => campaignBursts(run, drafts, times));
  const themes = run.step('keyTerms', () => themesWithKeyTerms(run, points, vectors, clusters));
  const result = run.step('assign', () =>
    assemble(run, { texts, vectors, clusters, campaigns, themes, times }),
  );
  if (opts.timings) {
    result.stats.timingsMs = run.timings;
    result.stats.peakRssMB = run.peakRss;
  }
  run.progress(items.length, items.length, 'done');
  return result;
}
