/**
 * `koe analyse <file.csv> [--column <name>] [--json]`: run the text analysis on a CSV export
 * (UTF-8 or Shift_JIS) and print a readable report, or JSON with one row per input line.
 */
import { readFile } from 'node:fs/promises';
import { analyse } from '../../analysis/index.ts';
import type { AnalysisInput, AnalysisResult, ClusterGroup } from '../../analysis/types.ts';
import { CsvFormatError, readCsvBytes } from '../../lib/csv.ts';

const TEXT_COLUMNS = ['comment-body', 'body', 'text', 'comment', '意見', '意見内容'];
const ID_COLUMNS = ['comment-id', 'id', '受付番号'];

const USAGE = 'usage: koe analyse <file.csv> [--column <name>] [--json]';

/** Parse a timestamp column: epoch seconds or milliseconds, or anything Date.parse accepts. */
function parseTime(v: string | undefined): string | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const t = v.trim();
  if (/^\d+(\.\d+)?$/.test(t)) {
    const x = Number(t);
    // Seconds until the year 2286; anything larger is milliseconds.
    const ms = x < 1e10 ? x * 1000 : x;
    return new Date(ms).toISOString();
  }
  const ms = Date.parse(t.replace(/ WIB /, ' GMT+0700 '));
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** Pick the text column: explicit, a known name, else the longest on average. */
function pickTextColumn(header: readonly string[], rows: readonly string[][], wanted?: string): number {
  const lower = header.map((h) => h.trim().toLowerCase());
  if (wanted !== undefined) return lower.indexOf(wanted.trim().toLowerCase());
  for (const name of TEXT_COLUMNS) {
    const i = lower.indexOf(name);
    if (i >= 0) return i;
  }
  let best = 0;
  let bestLen = -1;
  header.forEach((_, c) => {
    let sum = 0;
    for (const r of rows) sum += (r[c] ?? '').length;
    const avg = rows.length > 0 ? sum / rows.length : 0;
    if (avg > bestLen) {
      bestLen = avg;
      best = c;
    }
  });
  return best;
}

/** Entry point called by src/cli/main.ts. Returns the process exit code. */
export async function run(args: string[]): Promise<number> {
  let file: string | undefined;
  let column: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--column') column = args[++i];
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (a !== undefined && !a.startsWith('--') && file === undefined) file = a;
    else {
      console.error(`unknown argument: ${a}\n${USAGE}`);
      return 2;
    }
  }
  if (file === undefined) {
    console.error(USAGE);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    console.error(`cannot read ${file}: ${(e as Error).message}`);
    return 1;
  }
  let table: string[][];
  try {
    table = readCsvBytes(bytes);
  } catch (e) {
    if (!(e instanceof CsvFormatError)) throw e;
    console.error(`${file} is not CSV (near line ${e.line}): ${e.message}`);
    return 1;
  }
  const header = table[0];
  if (header === undefined) {
    console.error('empty CSV');
    return 1;
  }
  const rows = table.slice(1);
  const textCol = pickTextColumn(header, rows, column);
  if (textCol < 0) {
    console.error(`no column named "${column}" (columns: ${header.join(', ')})`);
    return 2;
  }
  const lower = header.map((h) => h.trim().toLowerCase());
  const idCol = ID_COLUMNS.map((n) => lower.indexOf(n)).find((i) => i >= 0) ?? -1;
  const tsCol = lower.indexOf('timestamp');
  const dtCol = lower.indexOf('datetime');
  const items: AnalysisInput[] = rows.map((r, i) => {
    const item: AnalysisInput = {
      id: idCol >= 0 && r[idCol] ? (r[idCol] as string) : i + 1,
      text: r[textCol] ?? '',
    };
    const at = parseTime(tsCol >= 0 ? r[tsCol] : undefined) ?? parseTime(dtCol >= 0 ? r[dtCol] : undefined);
    if (at !== undefined) item.receivedAt = at;
    return item;
  });
  const textOf = new Map(items.map((it) => [it.id, it.text]));
  const result = analyse(items, { timings: !json }, (done, total, phase) => {
    if (!json && process.stderr.isTTY) process.stderr.write(`\r${phase} ${done}/${total}   `);
  });
  if (!json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
  if (json) {
    console.log(JSON.stringify(toJson(result, items, header[textCol] ?? ''), null, 1));
  } else {
    printReport(result, textOf, header[textCol] ?? '');
  }
  return 0;
}

function toJson(result: AnalysisResult, items: readonly AnalysisInput[], column: string): unknown {
  const strip = (g: ClusterGroup): Omit<ClusterGroup, 'memberIds'> => {
    const { memberIds: _m, ...rest } = g;
    return rest;
  };
  return {
    column,
    rows: result.assignments.map((a, i) => ({ row: i + 1, ...a })),
    duplicates: result.duplicates,
    campaigns: result.campaigns,
    bursts: result.bursts,
    themes: result.themes.map((t) => ({ ...strip(t), groups: t.groups.map(strip) })),
    breakdowns: result.breakdowns,
    method: result.method,
    stats: result.stats,
    count: items.length,
  };
}

function clip(s: string | undefined, n = 100): string {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n)}…` : t;
}

function printReport(r: AnalysisResult, textOf: Map<string | number, string>, column: string): void {
  const s = r.stats;
  console.log(`Comments: ${s.comments}  (text column: ${column})`);
  console.log(
    `Distinct texts: ${s.uniqueTexts}; identical groups: ${r.duplicates.length}; campaigns: ${r.campaigns.length}`,
  );
  console.log(`Counts are not votes: comments are weighed by content. / 件数は賛否の票数ではありません。\n`);
  if (r.campaigns.length > 0) {
    console.log('== Campaigns / 同一・類似意見 ==');
    for (const c of r.campaigns.slice(0, 20)) {
      console.log(
        `[${c.id}] ${c.kind} ×${c.size} (${c.uniqueSize} distinct, cohesion ${c.cohesion})${c.burst ? ` burst ${c.burst.count} in ${c.burst.start}..${c.burst.end}` : ''}`,
      );
      console.log(`    ${clip(c.canonicalText, 160)}`);
      for (const a of c.additions.slice(0, 5)) console.log(`    + ${a.id}: ${clip(a.addedText, 120)}`);
      if (c.additions.length > 5) console.log(`    + … ${c.additions.length - 5} more additions`);
    }
    if (r.campaigns.length > 20) console.log(`… ${r.campaigns.length - 20} more campaigns`);
    console.log('');
  }
  console.log('== Themes / テーマ ==');
  for (const t of r.themes) {
    console.log(
      `[${t.id}] ${t.size} comments (${t.uniqueSize} distinct): ${t.keyTerms.map((k) => k.term).join(', ') || '(no terms)'}`,
    );
    for (const g of t.groups) {
      console.log(`   [${g.id}] ${g.size}: ${g.keyTerms.map((k) => k.term).join(', ')}`);
      for (const id of g.representativeIds.slice(0, 2)) console.log(`       - ${clip(textOf.get(id))}`);
    }
  }
  if (s.timingsMs) console.log(`\nTimings (ms): ${JSON.stringify(s.timingsMs)}`);
}
