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
 * Build term ids (in order of first appearance, so ids are deterministic) and per-row term counts.
 */
export function buildVocabulary(docs: readonly (readonly string[])[]): {
  vocab: Vocabulary;
  counts: { ids: Int32Array; tf: Int32Array }[];
} {
  const index = new Map<string, number>();
  const terms: string[] = [];
  const dfList: number[] = [];
  const counts: { ids: Int32Array; tf: Int32Array }[] = [];
  // Per-document counts in a scratch array indexed by term id (grown as the vocabulary grows),
  // with the ids touched by this document listed apart.
  let tfOf = new Int32Array(1024);
  let touched = new Int32Array(256);
  for (const doc of docs) {
    let nt = 0;
    for (const t of doc) {
      let id = index.get(t);
      if (id === undefined) {
        id = terms.length;
        index.set(t, id);
        terms.push(t);
        dfList.push(0);
        if (id >= tfOf.length) {
          const grown = new Int32Array(tfOf.length * 2);
          grown.set(tfOf);
          tfOf = grown;
        }
      }
      if (tfOf[id] === 0) {
        if (nt === touched.length) {
          const grown = new Int32Array(touched.length * 2);
          grown.set(touched);
          touched = grown;
        }
        touched[nt++] = id;
      }
      tfOf[id] = (tfOf[id] as number) + 1;
    }
    const ids = touched.slice(0, nt).sort();
    const tf = new Int32Array(nt);
    for (let i = 0; i < nt; i++) {
      const id = ids[i] as number;
      tf[i] = tfOf[id] as number;
      tfOf[id] = 0;
      dfList[id] = (dfList[id] as number) + 1;
    }
    counts.push({ ids, tf });
  }
  return { vocab: { terms, df: Int32Array.from(dfList) }, counts };
}

/**
 * L2-normalised TF-IDF rows. Terms seen in fewer than `minDf` rows are dropped: they cannot make
 * two comments similar, they only cost memory.
 */
export function tfidfMatrix(
  counts: readonly { ids: Int32Array; tf: Int32Array }[],
  vocab: Vocabulary,
  minDf: number,
): SparseMatrix {
  const n = counts.length;
  const offsets = new Int32Array(n + 1);
  // Columns are the kept terms only (df ≥ minDf), renumbered in term-id order: dense centroids
  // then have the size of the useful vocabulary, not of every typo seen once.
  const colOf = new Int32Array(vocab.terms.length).fill(-1);
  let dims = 0;
  for (let id = 0; id < vocab.terms.length; id++) if ((vocab.df[id] as number) >= minDf) colOf[id] = dims++;
  let nnz = 0;
  for (let r = 0; r < n; r++) {
    const c = counts[r];
    if (c)
      for (let i = 0; i < c.ids.length; i++) if ((vocab.df[c.ids[i] as number] as number) >= minDf) nnz++;
    offsets[r + 1] = nnz;
  }
  const cols = new Int32Array(nnz);
  const vals = new Float32Array(nnz);
  let p = 0;
  for (let r = 0; r < n; r++) {
    const c = counts[r];
    if (!c) continue;
    const start = p;
    let norm = 0;
    for (let i = 0; i < c.ids.length; i++) {
      const id = c.ids[i] as number;
      const df = vocab.df[id] as number;
      if (df < minDf) continue;
      const w = (1 + Math.log(c.tf[i] as number)) * (Math.log((1 + n) / (1 + df)) + 1);
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
