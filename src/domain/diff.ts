/**
 * Character-level differences between the draft and the final text, readable for Japanese.
 *
 * Japanese has no spaces, so a word diff is meaningless and a raw character diff is choppy:
 * two rewritten sentences share many particles (の、は、を) and the diff shreds into one-letter
 * islands. So: Myers' O(ND) diff over graphemes (so that combining marks and emoji stay whole),
 * then a cleanup pass in the spirit of diff-match-patch's semantic cleanup that folds an
 * equality into the surrounding edits when it is no longer than the edits on both sides.
 */

export type DiffOp = { op: 'equal' | 'insert' | 'delete'; text: string };

const segmenter = new Intl.Segmenter('ja', { granularity: 'grapheme' });

function graphemes(s: string): string[] {
  const out: string[] = [];
  for (const seg of segmenter.segment(s)) out.push(seg.segment);
  return out;
}

/** Past this many edits the texts have little in common: show one removal and one addition. */
const MAX_EDITS = 2000;

/** Myers' greedy shortest edit script over two arrays of graphemes. */
function myers(a: string[], b: string[]): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
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
  if (found < 0) {
    return [
      ...(n > 0 ? [{ op: 'delete' as const, text: a.join('') }] : []),
      ...(m > 0 ? [{ op: 'insert' as const, text: b.join('') }] : []),
    ];
  }
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

/**
 * The differences from `before` to `after`, as equal / delete / insert pieces. Joining the
 * equal and delete pieces gives `before`; joining the equal and insert pieces gives `after`.
 * Within one edit the deletion always comes first.
 */
export function diffText(before: string, after: string): DiffOp[] {
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
  ops.push(...myers(a.slice(start, endA), b.slice(start, endB)));
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
