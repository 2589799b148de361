// Per-feature quantile bins for histogram trees. Each column becomes at most maxBins codes (one byte
// each), so a split search scans bins instead of sorting values. A column with few distinct values
// (0/1 dummies) keeps one bin per value, so its splits are exact. Split thresholds are stored as raw
// values (midway between the largest value of a bin and the smallest of the next), so prediction on
// new rows needs no binning and training rows fall on the same side as their codes.
import { sameBytes, type Matrix } from "../numeric/matrix";

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
  /**
   * One-hot blocks: runs of adjacent 0/1 columns (mostly 0) whose 1s fall on disjoint rows, like the
   * city or year dummies of a fixed-effects design. A tree sums a node's rows per member in one pass
   * and then scores every member's split from those sums, instead of one pass per dummy.
   * group[f]: block of feature f, or -1; block g spans features groupFirst[g] .. groupEnd[g] - 1;
   * hot[g * n + i]: the member that is 1 in row i, or -1.
   */
  group: Int32Array;
  groupFirst: Int32Array;
  groupEnd: Int32Array;
  hot: Int32Array;
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
  const runValue = new Float64Array(n), runEnd = new Int32Array(n);
  for (let f = 0; f < p; f++) {
    const col = X.data.subarray(f * n, (f + 1) * n);
    const codesF = codes.subarray(f * n, (f + 1) * n), thresholdsF = thresholds.subarray(f * MAX_BINS, (f + 1) * MAX_BINS);
    nBins[f] = fewValueBins(col, maxBins, codesF, thresholdsF) ?? quantileBins(col, maxBins, sorted, runValue, runEnd, codesF, thresholdsF);
  }
  const sparse = sparseView(codes, n, p);
  return { n, p, codes, nBins, thresholds, ...sparse, ...oneHotBlocks(n, p, nBins, sparse) };
}

/**
 * binMatrix, remembered for the last few matrices by content. The two nuisance learners of a DML fold
 * bin the same training matrix, and so do the draws of a placebo test (only the treatment changes), so
 * many calls find their binning here. A hit needs the same shape, maxBins and the same bytes (against the
 * cache's own copy, so a caller changing its matrix later cannot alter a hit); the result is then the
 * identical object, which no learner modifies.
 */
export function binMatrixCached(X: Matrix, maxBins: number): Binned {
  const at = recent.findIndex((e) => e.maxBins === maxBins && e.binned.n === X.nrow && e.binned.p === X.ncol && sameBytes(e.data, X.data));
  const entry = at >= 0 ? recent.splice(at, 1)[0] : { data: X.data.slice(), maxBins, binned: binMatrix(X, maxBins) };
  recent.unshift(entry);
  if (recent.length > REMEMBERED) recent.pop();
  return entry.binned;
}

/** Enough for the five folds of a placebo draw, each binned once. */
const REMEMBERED = 6;
const recent: { data: Float64Array; maxBins: number; binned: Binned }[] = [];

/** Columns with at most this many distinct values (dummies, small counts) are binned without sorting. */
const FEW_VALUES = 8;

/**
 * One bin per distinct value, for a column with at most FEW_VALUES of them: the same bins, thresholds and
 * codes as quantileBins gives such a column (it keeps every run), found in one pass instead of a sort.
 * Returns the number of bins, or undefined (nothing written) when the column has more distinct values.
 */
function fewValueBins(col: Float64Array, maxBins: number, codes: Uint8Array, thresholds: Float64Array): number | undefined {
  const limit = Math.min(FEW_VALUES, maxBins);
  const values: number[] = [];
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (values.length > 0 && v === values[0]) continue;
    if (!values.includes(v)) {
      if (values.length === limit) return undefined;
      values.push(v);
    }
  }
  values.sort((a, b) => a - b);
  for (let b = 0; b + 1 < values.length; b++) thresholds[b] = (values[b] + values[b + 1]) / 2;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    let b = 0;
    while (values[b] !== v) b++;
    codes[i] = b;
  }
  return values.length;
}

/**
 * Quantile bins of a column: runs of equal values in sorted order, merged into at most maxBins bins
 * (binUpperBounds); each row's code is its bin. `sorted`, `runValue` and `runEnd` are scratch of length n.
 */
function quantileBins(col: Float64Array, maxBins: number, sorted: Float64Array, runValue: Float64Array, runEnd: Int32Array, codes: Uint8Array, thresholds: Float64Array): number {
  sorted.set(col);
  sorted.sort();
  const nb = binUpperBounds(sorted, maxBins, runValue, runEnd);
  // Threshold between bins: midpoint of a bin's largest value and the next distinct value.
  for (let b = 0; b + 1 < nb; b++) thresholds[b] = (runValue[b] + sorted[runEnd[b]]) / 2;
  const bounds = runValue.subarray(0, nb);
  for (let i = 0; i < col.length; i++) codes[i] = findBin(bounds, col[i]);
  return nb;
}

/** Adjacent dummy columns (two bins, zeros the majority) with disjoint 1-rows, grouped greedily. */
function oneHotBlocks(n: number, p: number, nBins: Int32Array, sp: Pick<Binned, "modeBin" | "exStart" | "exRows">): Pick<Binned, "group" | "groupFirst" | "groupEnd" | "hot"> {
  const { modeBin, exStart, exRows } = sp;
  // A constant column inside a run (a level with no rows) stays in the block; trees never split it.
  const isDummy = (f: number): boolean => nBins[f] === 1 || (nBins[f] === 2 && modeBin[f] === 0);
  const group = new Int32Array(p).fill(-1);
  const blocks: { first: number; end: number }[] = [];
  const claimed = new Int32Array(n).fill(-1); // block that holds a 1 in the row, while scanning
  for (let f = 0; f < p; ) {
    if (!isDummy(f)) { f++; continue; }
    const id = blocks.length;
    let g = f;
    for (; g < p && isDummy(g); g++) {
      let clash = false;
      for (let e = exStart[g]; e < exStart[g + 1]; e++) if (claimed[exRows[e]] === id) { clash = true; break; }
      if (clash) break;
      for (let e = exStart[g]; e < exStart[g + 1]; e++) claimed[exRows[e]] = id;
    }
    let members = 0;
    for (let h = f; h < g; h++) if (nBins[h] === 2) members++;
    if (members >= 2) blocks.push({ first: f, end: g });
    else for (let e = exStart[f]; e < exStart[g]; e++) claimed[exRows[e]] = -1; // a lone dummy: no block
    f = g;
  }
  const hot = new Int32Array(blocks.length * n).fill(-1);
  blocks.forEach((b, id) => {
    for (let f = b.first; f < b.end; f++) {
      group[f] = id;
      for (let e = exStart[f]; e < exStart[f + 1]; e++) hot[id * n + exRows[e]] = f;
    }
  });
  return {
    group, hot,
    groupFirst: Int32Array.from(blocks, (b) => b.first), groupEnd: Int32Array.from(blocks, (b) => b.end),
  };
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

/**
 * Bins as runs of the sorted column, written to value[0..nb) (the bin's largest value) and end[0..nb)
 * (sorted[end] is the next distinct value); returns nb. Every run is a bin when there are at most maxBins.
 */
function binUpperBounds(sorted: Float64Array, maxBins: number, value: Float64Array, end: Int32Array): number {
  const n = sorted.length;
  let runs = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    value[runs] = sorted[i];
    end[runs++] = j;
    i = j;
  }
  if (runs <= maxBins) return runs;
  // Quantile bins: close a bin once it reaches the next multiple of n / maxBins rows (in place: the
  // bins kept are a subsequence of the runs, so bin k is written at or before run k).
  let nb = 0;
  let target = n / maxBins;
  for (let r = 0; r < runs; r++) {
    const last = r === runs - 1;
    if (last || (end[r] >= target && nb < maxBins - 1)) {
      value[nb] = value[r];
      end[nb++] = end[r];
      while (target <= end[r]) target += n / maxBins;
    }
  }
  return nb;
}

/** First bin whose upper bound is >= v (binary search). */
function findBin(bounds: Float64Array, v: number): number {
  let lo = 0, hi = bounds.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid] >= v) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
