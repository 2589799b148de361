// Per-feature quantile bins for histogram trees. Each column becomes at most maxBins codes (one byte
// each), so a split search scans bins instead of sorting values. A column with few distinct values
// (0/1 dummies) keeps one bin per value, so its splits are exact. Split thresholds are stored as raw
// values (midway between the largest value of a bin and the smallest of the next), so prediction on
// new rows needs no binning and training rows fall on the same side as their codes.
import type { Matrix } from "../numeric/matrix";

/** Codes are one byte, so at most 256 bins per feature. */
export const MAX_BINS = 256;

export interface Binned {
  n: number;
  p: number;
  /** codes[f * n + i]: bin of row i in feature f (column-major, like Matrix). */
  codes: Uint8Array;
  /** Number of bins of each feature. */
  nBins: Int32Array;
  /** thresholds[f * MAX_BINS + b]: raw cut between bin b and b + 1 ("x <= t" goes left). */
  thresholds: Float64Array;
  /**
   * Sparse view of mostly-constant columns (dummies): the bin holding most rows, and the other rows
   * as exRows[exStart[f] .. exStart[f + 1]]; empty for columns without a majority bin.
   */
  modeBin: Int32Array;
  exStart: Int32Array;
  exRows: Int32Array;
}

export function binMatrix(X: Matrix, maxBins: number): Binned {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS) {
    throw new RangeError(`maxBins must be an integer in 2..${MAX_BINS}, got ${maxBins}`);
  }
  const { nrow: n, ncol: p } = X;
  const codes = new Uint8Array(n * p);
  const nBins = new Int32Array(p);
  const thresholds = new Float64Array(p * MAX_BINS);
  const sorted = new Float64Array(n);
  for (let f = 0; f < p; f++) {
    const col = X.data.subarray(f * n, (f + 1) * n);
    sorted.set(col);
    sorted.sort();
    const upper = binUpperBounds(sorted, maxBins);
    nBins[f] = upper.length;
    // Threshold between bins: midpoint of a bin's largest value and the next distinct value.
    for (let b = 0; b + 1 < upper.length; b++) {
      thresholds[f * MAX_BINS + b] = (upper[b].value + sorted[upper[b].end]) / 2;
    }
    const bounds = upper.map((u) => u.value);
    for (let i = 0; i < n; i++) codes[f * n + i] = findBin(bounds, col[i]);
  }
  return { n, p, codes, nBins, thresholds, ...sparseView(codes, n, p) };
}

/** Rows outside each column's majority bin, for columns where one bin holds more than half the rows. */
function sparseView(codes: Uint8Array, n: number, p: number): Pick<Binned, "modeBin" | "exStart" | "exRows"> {
  const modeBin = new Int32Array(p).fill(-1);
  const exStart = new Int32Array(p + 1);
  const ex: number[] = [];
  const counts = new Int32Array(MAX_BINS);
  for (let f = 0; f < p; f++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[codes[f * n + i]]++;
    let mode = 0;
    for (let b = 1; b < MAX_BINS; b++) if (counts[b] > counts[mode]) mode = b;
    if (2 * counts[mode] > n) {
      modeBin[f] = mode;
      for (let i = 0; i < n; i++) if (codes[f * n + i] !== mode) ex.push(i);
    }
    exStart[f + 1] = ex.length;
  }
  return { modeBin, exStart, exRows: Int32Array.from(ex) };
}

/** Bins as runs of the sorted column: each ends after value (sorted[end] is the next distinct value). */
function binUpperBounds(sorted: Float64Array, maxBins: number): { value: number; end: number }[] {
  const n = sorted.length;
  const runs: { value: number; end: number }[] = [];
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    runs.push({ value: sorted[i], end: j });
    i = j;
  }
  if (runs.length <= maxBins) return runs;
  // Quantile bins: close a bin once it reaches the next multiple of n / maxBins rows.
  const out: { value: number; end: number }[] = [];
  let target = n / maxBins;
  for (let r = 0; r < runs.length; r++) {
    const last = r === runs.length - 1;
    if (last || (runs[r].end >= target && out.length < maxBins - 1)) {
      out.push(runs[r]);
      while (target <= runs[r].end) target += n / maxBins;
    }
  }
  return out;
}

/** First bin whose upper bound is >= v (binary search). */
function findBin(bounds: number[], v: number): number {
  let lo = 0, hi = bounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] >= v) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
