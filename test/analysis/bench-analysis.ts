/**
 * Benchmark of the analysis engine on synthetic Japanese comments with planted campaigns.
 * Run: npm run bench:analysis -- [sizes…]   (default 10000 100000; e.g. -- 1000000)
 * Each size runs in its own child process so that the peak RSS (getrusage maxrss) belongs to it;
 * the baseline's garbage is collected (--expose-gc) before analyse() starts.
 * Printed per size: wall and CPU time (all threads) of analyse() and of the baseline measured
 * in the same process (NFKC + segmenting every text, the least any analysis must do), their
 * ratio, the load average, peak RSS (and after each phase), and campaign precision/recall.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { analyse } from '../../src/analysis/index.ts';
import { generateComments, scoreCampaigns } from './synthetic.ts';
import { normaliseText } from '../../src/analysis/normalise.ts';
import { poolStats } from '../../src/analysis/tokenise-pool.ts';

const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

function countKinds(cs: readonly { kind: string }[]): Record<string, number> {
  const m: Record<string, number> = {};
  for (const c of cs) m[c.kind] = (m[c.kind] ?? 0) + 1;
  return m;
}

function cpuMs(u: NodeJS.CpuUsage): number {
  return Math.round((u.user + u.system) / 1000);
}

function runOne(n: number): void {
  const comments = generateComments(n);
  const rssBefore = process.memoryUsage().rss;
  // Baseline: the least any analysis must do — NFKC-normalise and segment every text.
  const rssGenerated = Math.round(process.resourceUsage().maxRSS / 1024);
  let t = performance.now();
  let cpu = process.cpuUsage();
  let segments = 0;
  for (const c of comments) for (const _ of segmenter.segment(normaliseText(c.text))) segments++;
  const baselineMs = performance.now() - t;
  const baselineCpuMs = cpuMs(process.cpuUsage(cpu));
  // The baseline's garbage (a normal form of every text) is collected before analyse() starts,
  // as it would be in the runner's fresh worker: the peak that follows is the analysis's own.
  const rssAfterBaselineMB = Math.round(process.resourceUsage().maxRSS / 1024);
  (globalThis as { gc?: () => void }).gc?.();
  t = performance.now();
  cpu = process.cpuUsage();
  let peakSampled = 0;
  const result = analyse(comments, { timings: true }, () => {
    const r = process.memoryUsage().rss;
    if (r > peakSampled) peakSampled = r;
  });
  const ms = performance.now() - t;
  const analyseCpuMs = cpuMs(process.cpuUsage(cpu));
  const predicted = new Map(result.assignments.map((a) => [a.id, a.campaign]));
  const score = scoreCampaigns(
    comments.map((c) => c.campaign),
    comments.map((c) => predicted.get(c.id)),
  );
  const out = {
    n,
    analyseMs: Math.round(ms),
    baselineMs: Math.round(baselineMs),
    analyseCpuMs,
    baselineCpuMs,
    rssGeneratedMB: rssGenerated,
    rssAfterBaselineMB,
    peakRssByPhase: result.stats.peakRssMB,
    segments,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    peakRssSampledMB: Math.round(peakSampled / 1048576),
    rssBeforeMB: Math.round(rssBefore / 1048576),
    campaigns: result.campaigns.length,
    byKind: countKinds(result.campaigns),
    themes: result.themes.length,
    groups: result.themes.reduce((s, th) => s + th.groups.length, 0),
    score,
    timingsMs: result.stats.timingsMs,
    worker: { ...poolStats },
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function main(): void {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    runOne(Number(args[1]));
    return;
  }
  const sizes = args.length > 0 ? args.map(Number) : [10_000, 100_000];
  const self = fileURLToPath(import.meta.url);
  console.log('Koe analysis benchmark: synthetic Japanese comments, 20% planted in 9 campaigns');
  console.log(
    '(3 identical, 3 form letters of 3-6 sentences with own paragraphs in 70% of copies, 3 paraphrase',
  );
  console.log(
    'scripts restating 2-3 points with synonyms in varying order; organic comments 1-8 sentences).',
  );
  console.log('precision/recall per comment: "is in some campaign" (predicted vs planted);');
  console.log('pair precision/recall: pairs of comments put in the same campaign vs planted together.\n');
  for (const n of sizes) {
    const loadBefore = loadavg().map((x) => x.toFixed(2));
    const r = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', self, '--child', String(n)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (r.status !== 0) {
      console.error(r.stderr);
      process.exitCode = 1;
      continue;
    }
    const line = r.stdout.trim().split('\n').pop() ?? '{}';
    const o = JSON.parse(line) as {
      n: number;
      analyseMs: number;
      baselineMs: number;
      analyseCpuMs: number;
      baselineCpuMs: number;
      rssGeneratedMB: number;
      rssAfterBaselineMB: number;
      peakRssByPhase: Record<string, number>;
      peakRssMB: number;
      campaigns: number;
      byKind: Record<string, number>;
      themes: number;
      groups: number;
      score: { precision: number; recall: number; pairPrecision: number; pairRecall: number };
      timingsMs: Record<string, number>;
      worker: { workerItems: number; workerNormChunks: number; chunks: number };
    };
    const f = (x: number): string => x.toFixed(3);
    const load = loadavg().map((x) => x.toFixed(2));
    console.log(
      `n=${o.n.toLocaleString('en')}   (load average before: ${loadBefore.join(' ')}, after: ${load.join(' ')})`,
    );
    const sec = (x: number): string => `${(x / 1000).toFixed(2)} s`;
    console.log(
      `  analyse(): ${sec(o.analyseMs)} (CPU ${sec(o.analyseCpuMs)})   baseline NFKC+segment only: ${sec(o.baselineMs)} (CPU ${sec(o.baselineCpuMs)})   ratio ${(o.analyseMs / o.baselineMs).toFixed(2)}`,
    );
    console.log(
      `  peak RSS: ${o.peakRssMB} MB (process, incl. ${o.rssGeneratedMB} MB with the generated data; ${o.rssAfterBaselineMB} MB after the baseline, whose garbage is collected before analyse()); after each phase: ${JSON.stringify(o.peakRssByPhase)}`,
    );
    console.log(
      `  campaigns: ${o.campaigns} ${JSON.stringify(o.byKind)}   themes: ${o.themes}, groups: ${o.groups}`,
    );
    console.log(
      `  per-comment precision ${f(o.score.precision)} recall ${f(o.score.recall)}   pair precision ${f(o.score.pairPrecision)} recall ${f(o.score.pairRecall)}`,
    );
    console.log(`  phases (ms): ${JSON.stringify(o.timingsMs)}`);
    console.log(
      `  worker: normalised ${o.worker.workerNormChunks} of ${o.worker.chunks} chunks, terms of ${o.worker.workerItems.toLocaleString('en')} texts\n`,
    );
  }
}

main();
