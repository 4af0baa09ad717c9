/**
 * Sparse TF-IDF vectors in CSR form (typed arrays: 100,000 comments × ~30 terms is a few MB,
 * where an array of Maps would be hundreds).
 */

export interface SparseMatrix {
  rows: number;
  /** Number of distinct terms (columns). */
  dims: number;
  /** Row r's entries are offsets[r] .. offsets[r+1]-1. */
  offsets: Int32Array;
  cols: Int32Array;
  vals: Float32Array;
}

export interface Vocabulary {
  terms: string[];
  /** Number of rows (points) the term occurs in. */
  df: Int32Array;
}

/**
 * Term counts of every row in CSR form: row r's distinct term ids (ascending) are
 * ids[offsets[r] .. offsets[r+1]) and their counts are in `tf` at the same places. Three typed
 * arrays instead of two per row: at a million comments, per-row typed arrays cost more in
 * headers than in data.
 */
export interface TermCounts {
  rows: number;
  offsets: Int32Array;
  ids: Int32Array;
  /** Counts, capped at 65,535 (a term repeated more often in one comment counts that much). */
  tf: Uint16Array;
}

/**
 * Builds the vocabulary and the term counts from documents given in any order (the tokenising
 * worker delivers chunks as they are done). Term ids are numbered at the end in order of first
 * appearance in row order, so they are the same whatever order the rows came in.
 */
export class CountsBuilder {
  private readonly index = new Map<string, number>();
  private readonly termOf: string[] = [];
  private readonly start: Int32Array;
  private readonly len: Int32Array;
  private ids = new Int32Array(1 << 16);
  private tf = new Uint16Array(1 << 16);
  private used = 0;
  // Per-document counts in a scratch array indexed by provisional id (grown with the
  // vocabulary), with the ids this document touched listed apart, in order of first occurrence.
  private tfOf = new Int32Array(1024);
  private touched = new Int32Array(256);

  constructor(readonly rows: number) {
    this.start = new Int32Array(rows).fill(-1);
    this.len = new Int32Array(rows);
  }

  add(row: number, doc: readonly string[]): void {
    let nt = 0;
    for (const t of doc) {
      let id = this.index.get(t);
      if (id === undefined) {
        id = this.termOf.length;
        this.index.set(t, id);
        this.termOf.push(t);
        if (id >= this.tfOf.length) this.tfOf = grow(this.tfOf, id + 1);
      }
      if (this.tfOf[id] === 0) {
        if (nt === this.touched.length) this.touched = grow(this.touched, nt + 1);
        this.touched[nt++] = id;
      }
      this.tfOf[id] = (this.tfOf[id] as number) + 1;
    }
    if (this.used + nt > this.ids.length) {
      this.ids = grow(this.ids, this.used + nt);
      this.tf = grow(this.tf, this.used + nt);
    }
    this.start[row] = this.used;
    this.len[row] = nt;
    for (let i = 0; i < nt; i++) {
      const id = this.touched[i] as number;
      this.ids[this.used + i] = id;
      this.tf[this.used + i] = Math.min(0xffff, this.tfOf[id] as number);
      this.tfOf[id] = 0;
    }
    this.used += nt;
  }

  /** The vocabulary and counts; rows never added are empty. */
  finish(): { vocab: Vocabulary; counts: TermCounts } {
    const v = this.termOf.length;
    const finalOf = new Int32Array(v).fill(-1);
    const terms: string[] = [];
    const offsets = new Int32Array(this.rows + 1);
    for (let r = 0; r < this.rows; r++) offsets[r + 1] = (offsets[r] as number) + (this.len[r] as number);
    const total = offsets[this.rows] as number;
    const ids = new Int32Array(total);
    const tf = new Uint16Array(total);
    const df = new Int32Array(v);
    let scratch = new Int32Array(256);
    for (let r = 0; r < this.rows; r++) {
      const s = this.start[r] as number;
      const nt = this.len[r] as number;
      if (s < 0 || nt === 0) continue;
      if (nt > scratch.length) scratch = new Int32Array(nt * 2);
      for (let i = 0; i < nt; i++) {
        const p = this.ids[s + i] as number;
        let f = finalOf[p] as number;
        if (f < 0) {
          f = terms.length;
          finalOf[p] = f;
          terms.push(this.termOf[p] as string);
        }
        df[f] = (df[f] as number) + 1;
        scratch[i] = i;
      }
      // Ascending final id within the row, counts alongside.
      const idx = scratch
        .subarray(0, nt)
        .sort(
          (a, b) =>
            (finalOf[this.ids[s + a] as number] as number) - (finalOf[this.ids[s + b] as number] as number),
        );
      const o = offsets[r] as number;
      for (let i = 0; i < nt; i++) {
        const j = s + (idx[i] as number);
        ids[o + i] = finalOf[this.ids[j] as number] as number;
        tf[o + i] = this.tf[j] as number;
      }
    }
    return { vocab: { terms, df }, counts: { rows: this.rows, offsets, ids, tf } };
  }
}

/**
 * A copy of `a` with room for `need` values: half as large again (not twice), since at a million
 * comments the old and new arrays of every term of every comment are held at once.
 */
function grow<A extends Int32Array<ArrayBuffer> | Uint16Array<ArrayBuffer>>(a: A, need: number): A {
  const b = new (a.constructor as new (length: number) => A)(Math.max(need, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}

/**
 * Build term ids (in order of first appearance, so ids are deterministic) and per-row term counts.
 */
export function buildVocabulary(docs: readonly (readonly string[])[]): {
  vocab: Vocabulary;
  counts: TermCounts;
} {
  const b = new CountsBuilder(docs.length);
  docs.forEach((d, r) => {
    b.add(r, d);
  });
  return b.finish();
}

/**
 * L2-normalised TF-IDF rows. Terms seen in fewer than `minDf` rows are dropped: they cannot make
 * two comments similar, they only cost memory.
 */
export function tfidfMatrix(counts: TermCounts, vocab: Vocabulary, minDf: number): SparseMatrix {
  const n = counts.rows;
  // On shared memory: a helper thread clustering part of the rows reads them where they are
  // (parallel.ts), where a copy would cost hundreds of MB at a million comments.
  const offsets = new Int32Array(new SharedArrayBuffer(4 * (n + 1)));
  // Columns are the kept terms only (df ≥ minDf), renumbered in term-id order: dense centroids
  // then have the size of the useful vocabulary, not of every typo seen once.
  const colOf = new Int32Array(vocab.terms.length).fill(-1);
  let dims = 0;
  for (let id = 0; id < vocab.terms.length; id++) if ((vocab.df[id] as number) >= minDf) colOf[id] = dims++;
  let nnz = 0;
  for (let r = 0; r < n; r++) {
    const end = counts.offsets[r + 1] as number;
    for (let i = counts.offsets[r] as number; i < end; i++)
      if ((colOf[counts.ids[i] as number] as number) >= 0) nnz++;
    offsets[r + 1] = nnz;
  }
  const cols = new Int32Array(new SharedArrayBuffer(4 * nnz));
  const vals = new Float32Array(new SharedArrayBuffer(4 * nnz));
  let p = 0;
  for (let r = 0; r < n; r++) {
    const start = p;
    let norm = 0;
    const end = counts.offsets[r + 1] as number;
    for (let i = counts.offsets[r] as number; i < end; i++) {
      const id = counts.ids[i] as number;
      const df = vocab.df[id] as number;
      if (df < minDf) continue;
      const w = (1 + Math.log(counts.tf[i] as number)) * (Math.log((1 + n) / (1 + df)) + 1);
      cols[p] = colOf[id] as number;
      vals[p] = w;
      norm += w * w;
      p++;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = start; i < p; i++) vals[i] = (vals[i] as number) * inv;
  }
  return { rows: n, dims, offsets, cols, vals };
}

/** Dot product of row r with a dense vector stored at dense[base .. base+dims). */
export function dotDense(m: SparseMatrix, r: number, dense: Float64Array, base: number): number {
  let s = 0;
  const end = m.offsets[r + 1] as number;
  for (let i = m.offsets[r] as number; i < end; i++)
    s += (m.vals[i] as number) * (dense[base + (m.cols[i] as number)] as number);
  return s;
}

/** Scatter row r into a dense scratch vector (value = weight); pair with {@link clearRow}. */
export function scatterRow(m: SparseMatrix, r: number, dense: Float64Array): void {
  const end = m.offsets[r + 1] as number;
  for (let i = m.offsets[r] as number; i < end; i++) dense[m.cols[i] as number] = m.vals[i] as number;
}

export function clearRow(m: SparseMatrix, r: number, dense: Float64Array): void {
  const end = m.offsets[r + 1] as number;
  for (let i = m.offsets[r] as number; i < end; i++) dense[m.cols[i] as number] = 0;
}

export function rowIsEmpty(m: SparseMatrix, r: number): boolean {
  return m.offsets[r] === m.offsets[r + 1];
}

/** Add row r (times `w`) into a dense vector. */
export function addRow(m: SparseMatrix, r: number, dense: Float64Array, w = 1): void {
  const end = m.offsets[r + 1] as number;
  for (let i = m.offsets[r] as number; i < end; i++)
    dense[m.cols[i] as number] = (dense[m.cols[i] as number] as number) + w * (m.vals[i] as number);
}
