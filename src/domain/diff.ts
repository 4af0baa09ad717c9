/**
 * Character-level differences between the draft and the final text, readable for Japanese.
 *
 * Japanese has no spaces, so a word diff is meaningless and a raw character diff is choppy:
 * two rewritten sentences share many particles (の、は、を) and the diff shreds into one-letter
 * islands. So: Myers' O(ND) diff over graphemes (so that combining marks and emoji stay whole),
 * then a cleanup pass in the spirit of diff-match-patch's semantic cleanup that folds an
 * equality into the surrounding edits when it is no longer than the edits on both sides.
 *
 * Long texts are compared line by line first (`diffLines`), and each pair of changed lines
 * character by character, so the work grows with the size of the changes, not of the text.
 * A `DiffBudget` caps the work of one section: past it, a line is shown as removed and added.
 */
import type { DiffOp } from '../../db/published-result.ts';

export type { DiffOp };

const segmenter = new Intl.Segmenter('ja', { granularity: 'grapheme' });

function graphemes(s: string): string[] {
  const out: string[] = [];
  for (const seg of segmenter.segment(s)) out.push(seg.segment);
  return out;
}

/** Past this many edits the texts have little in common: show one removal and one addition. */
const MAX_EDITS = 2000;

/**
 * How much comparing one section may cost, in steps of Myers' algorithm (about (n + m) × edits).
 * Twenty million steps are about a tenth of a second here; ordinary revisions use a tiny part.
 */
export class DiffBudget {
  constructor(public remaining = 20_000_000) {}
}

/**
 * Myers' greedy shortest edit script over two arrays (graphemes, or lines), or undefined when it
 * needs more than the budget allows.
 */
function myers(a: string[], b: string[], budget: DiffBudget): DiffOp[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.max(0, Math.min(n + m, MAX_EDITS, Math.floor(budget.remaining / Math.max(1, n + m))));
  const offset = max + 1;
  let v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    const next = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))) {
        x = v[offset + k + 1] ?? 0;
      } else {
        x = (v[offset + k - 1] ?? 0) + 1;
      }
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
    if (found >= 0) {
      trace.push(v);
      break;
    }
  }
  budget.remaining -= (n + m) * (found < 0 ? max + 1 : found + 1);
  if (found < 0) return undefined;
  // Walk back through the saved frontiers; trace[d + 1] holds the frontier after step d.
  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (prev[offset + k - 1] ?? 0) < (prev[offset + k + 1] ?? 0));
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[offset + prevK] ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ op: 'equal', text: a[x - 1] as string });
      x--;
      y--;
    }
    if (down) ops.push({ op: 'insert', text: b[prevY] as string });
    else ops.push({ op: 'delete', text: a[prevX] as string });
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    ops.push({ op: 'equal', text: a[x - 1] as string });
    x--;
    y--;
  }
  return ops.reverse();
}

/** One stretch of the text: unchanged, or an edit that removes `del` and adds `ins`. */
type Run = { kind: 'equal'; text: string } | { kind: 'edit'; del: string; ins: string };

function toRuns(ops: DiffOp[]): Run[] {
  const runs: Run[] = [];
  for (const o of ops) {
    if (o.text === '') continue;
    const last = runs[runs.length - 1];
    if (o.op === 'equal') {
      if (last?.kind === 'equal') last.text += o.text;
      else runs.push({ kind: 'equal', text: o.text });
    } else if (last?.kind === 'edit') {
      if (o.op === 'delete') last.del += o.text;
      else last.ins += o.text;
    } else {
      runs.push({ kind: 'edit', del: o.op === 'delete' ? o.text : '', ins: o.op === 'insert' ? o.text : '' });
    }
  }
  return runs;
}

// Code points are close enough to graphemes for comparing lengths, and much cheaper.
const len = (s: string) => [...s].length;

/**
 * Folds each equality that is no longer than the edits on either side of it into one larger
 * edit, until nothing changes: "A の B" rewritten as "C の D" reads as one replacement.
 */
function cleanup(runs: Run[]): Run[] {
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 1; i + 1 < runs.length; i++) {
      const before = runs[i - 1];
      const eq = runs[i];
      const after = runs[i + 1];
      if (eq?.kind !== 'equal' || before?.kind !== 'edit' || after?.kind !== 'edit') continue;
      const size = len(eq.text);
      if (
        size <= Math.max(len(before.del), len(before.ins)) &&
        size <= Math.max(len(after.del), len(after.ins))
      ) {
        runs.splice(i - 1, 3, {
          kind: 'edit',
          del: before.del + eq.text + after.del,
          ins: before.ins + eq.text + after.ins,
        });
        changed = true;
        break;
      }
    }
  }
  return runs;
}

function fromRuns(runs: Run[]): DiffOp[] {
  const ops: DiffOp[] = [];
  for (const r of runs) {
    if (r.kind === 'equal') ops.push({ op: 'equal', text: r.text });
    else {
      if (r.del) ops.push({ op: 'delete', text: r.del });
      if (r.ins) ops.push({ op: 'insert', text: r.ins });
    }
  }
  return ops;
}

function replaceWhole(before: string, after: string): DiffOp[] {
  return [
    ...(before ? [{ op: 'delete' as const, text: before }] : []),
    ...(after ? [{ op: 'insert' as const, text: after }] : []),
  ];
}

/**
 * The differences from `before` to `after`, as equal / delete / insert pieces. Joining the
 * equal and delete pieces gives `before`; joining the equal and insert pieces gives `after`.
 * Within one edit the deletion always comes first.
 */
export function diffText(before: string, after: string, budget = new DiffBudget()): DiffOp[] {
  if (before === after) return before === '' ? [] : [{ op: 'equal', text: before }];
  const a = graphemes(before);
  const b = graphemes(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const ops: DiffOp[] = [];
  if (start > 0) ops.push({ op: 'equal', text: a.slice(0, start).join('') });
  const middle = myers(a.slice(start, endA), b.slice(start, endB), budget);
  ops.push(...(middle ?? replaceWhole(a.slice(start, endA).join(''), b.slice(start, endB).join(''))));
  if (endA < a.length) ops.push({ op: 'equal', text: a.slice(endA).join('') });
  return fromRuns(cleanup(toRuns(ops)));
}

/** True when the diff changes anything. */
export function hasChanges(ops: DiffOp[]): boolean {
  return ops.some((o) => o.op !== 'equal');
}

/** The text on one side of a diff. */
export function sideOf(ops: DiffOp[], side: 'before' | 'after'): string {
  const skip = side === 'before' ? 'insert' : 'delete';
  return ops
    .filter((o) => o.op !== skip)
    .map((o) => o.text)
    .join('');
}

/** A stretch of lines: unchanged, or lines removed and lines added in their place. */
export type LineHunk =
  | { kind: 'equal'; lines: string[] }
  | { kind: 'edit'; removed: string[]; added: string[] };

/**
 * The lines of `before` and `after` aligned. Each line keeps its line break, so joining the
 * lines of the equal and removed parts gives `before` exactly.
 */
export function diffLines(before: string, after: string, budget = new DiffBudget()): LineHunk[] {
  const a = before === '' ? [] : before.split(/(?<=\n)/);
  const b = after === '' ? [] : after.split(/(?<=\n)/);
  const ops = myers(a, b, budget) ?? [
    ...a.map((text) => ({ op: 'delete' as const, text })),
    ...b.map((text) => ({ op: 'insert' as const, text })),
  ];
  const hunks: LineHunk[] = [];
  for (const o of ops) {
    const last = hunks[hunks.length - 1];
    if (o.op === 'equal') {
      if (last?.kind === 'equal') last.lines.push(o.text);
      else hunks.push({ kind: 'equal', lines: [o.text] });
    } else {
      const edit = last?.kind === 'edit' ? last : { kind: 'edit' as const, removed: [], added: [] };
      if (edit !== last) hunks.push(edit);
      (o.op === 'delete' ? edit.removed : edit.added).push(o.text);
    }
  }
  return hunks;
}

function grams(s: string, size: 1 | 2): Map<string, number> {
  const out = new Map<string, number>();
  const text = s.replace(/\s+/g, '');
  for (let i = 0; i + size <= text.length; i++) {
    const g = text.slice(i, i + size);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/**
 * Dice's coefficient, 1 for the same text and 0 for nothing in common: over pairs of characters,
 * or over single characters when a line is short (「二」 rewritten as 「二を直した」 shares no pair).
 */
function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const size = Math.min(a.length, b.length) < 8 ? 1 : 2;
  const x = grams(a, size);
  const y = grams(b, size);
  let shared = 0;
  let total = 0;
  for (const [g, n] of x) {
    shared += Math.min(n, y.get(g) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? 0 : (2 * shared) / total;
}

/** Lines at least this alike are one line rewritten; less alike, one removed and one added. */
const SAME_LINE = 0.3;
/** Beyond this many lines on a side, pair lines in order instead of by likeness. */
const PAIRING_LIMIT = 60;

/**
 * The removed and added lines of one edit, in reading order, each removed line paired with the
 * added line that rewrites it (the most alike, keeping the order), the others alone.
 */
export function pairLines(removed: string[], added: string[]): { before?: string; after?: string }[] {
  const n = removed.length;
  const m = added.length;
  if (n === 0 || m === 0 || n > PAIRING_LIMIT || m > PAIRING_LIMIT) {
    const out: { before?: string; after?: string }[] = [];
    for (let i = 0; i < Math.max(n, m); i++) out.push({ before: removed[i], after: added[i] });
    return out;
  }
  // Order-keeping alignment that maximises the total likeness of the pairs (like an LCS).
  const score: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  const sim: number[][] = removed.map((r) => added.map((a) => similarity(r, a)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const s = sim[i - 1]?.[j - 1] ?? 0;
      const row = score[i] as number[];
      const up = score[i - 1] as number[];
      row[j] = Math.max(up[j] ?? 0, row[j - 1] ?? 0, s >= SAME_LINE ? (up[j - 1] ?? 0) + s : 0);
    }
  }
  const out: { before?: string; after?: string }[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    const here = score[i]?.[j] ?? 0;
    const s = i > 0 && j > 0 ? (sim[i - 1]?.[j - 1] ?? 0) : 0;
    if (i > 0 && j > 0 && s >= SAME_LINE && here === (score[i - 1]?.[j - 1] ?? 0) + s) {
      out.push({ before: removed[i - 1], after: added[j - 1] });
      i--;
      j--;
    } else if (j > 0 && (i === 0 || here === (score[i]?.[j - 1] ?? 0))) {
      out.push({ after: added[j - 1] });
      j--;
    } else {
      out.push({ before: removed[i - 1] });
      i--;
    }
  }
  return out.reverse();
}
