/** Clustering agreement measures, for testing the clusters against hand labels. */

function contingency(a: readonly (string | number)[], b: readonly (string | number)[]) {
  if (a.length !== b.length) throw new Error('label arrays differ in length');
  const cell = new Map<string, number>();
  const ra = new Map<string | number, number>();
  const cb = new Map<string | number, number>();
  a.forEach((x, i) => {
    const y = b[i] as string | number;
    const k = `${typeof x}:${x}\u0000${typeof y}:${y}`;
    cell.set(k, (cell.get(k) ?? 0) + 1);
    ra.set(x, (ra.get(x) ?? 0) + 1);
    cb.set(y, (cb.get(y) ?? 0) + 1);
  });
  return { cell: [...cell.values()], ra: [...ra.values()], cb: [...cb.values()], n: a.length };
}

const choose2 = (x: number): number => (x * (x - 1)) / 2;

/** Adjusted Rand index (Hubert & Arabie): 1 = identical partitions, ~0 = chance. */
export function adjustedRandIndex(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  const { cell, ra, cb, n } = contingency(a, b);
  const index = cell.reduce((s, v) => s + choose2(v), 0);
  const sa = ra.reduce((s, v) => s + choose2(v), 0);
  const sb = cb.reduce((s, v) => s + choose2(v), 0);
  const expected = (sa * sb) / choose2(n);
  const max = (sa + sb) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Normalised mutual information, arithmetic-mean normalisation (as scikit-learn's default). */
export function normalisedMutualInformation(
  a: readonly (string | number)[],
  b: readonly (string | number)[],
): number {
  const n = a.length;
  const ha = entropy(contingency(a, a).ra, n);
  const hb = entropy(contingency(b, b).ra, n);
  const joint = new Map<string, number>();
  const pa = new Map<string | number, number>();
  const pb = new Map<string | number, number>();
  a.forEach((x, i) => {
    const y = b[i] as string | number;
    const k = `${typeof x}:${x}\u0000${typeof y}:${y}`;
    joint.set(k, (joint.get(k) ?? 0) + 1);
    pa.set(x, (pa.get(x) ?? 0) + 1);
    pb.set(y, (pb.get(y) ?? 0) + 1);
  });
  let mi = 0;
  const seen = new Map<string, [string | number, string | number]>();
  a.forEach((x, i) => {
    seen.set(`${typeof x}:${x}\u0000${typeof b[i]}:${b[i]}`, [x, b[i] as string | number]);
  });
  for (const [k, v] of joint) {
    const [x, y] = seen.get(k) as [string | number, string | number];
    mi += (v / n) * Math.log((v * n) / ((pa.get(x) ?? 1) * (pb.get(y) ?? 1)));
  }
  const denom = (ha + hb) / 2;
  return denom === 0 ? 1 : mi / denom;
}

function entropy(counts: readonly number[], n: number): number {
  return -counts.reduce((s, c) => s + (c > 0 ? (c / n) * Math.log(c / n) : 0), 0);
}
