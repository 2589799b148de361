// One histogram regression tree, grown depth-first on binned data. Each row carries a numerator and a
// denominator: (y, 1) gives the variance criterion and leaf means of a random forest; (-gradient,
// hessian) gives the Newton criterion and leaf steps of logistic boosting. A split maximises
// sum(num)^2 / sum(den) over the two children; a leaf's value is sum(num) / sum(den).
import type { Rng } from "../numeric/rng";
import { MAX_BINS, type Binned } from "./binning";

export interface TreeParams {
  /** Features tried at each split (drawn afresh per split). */
  mtry: number;
  /** Smallest number of sample rows in a leaf. */
  minNodeSize: number;
  /** Deepest level a split may create (root is depth 0). */
  maxDepth: number;
}

/** Flat node arrays; feature -1 marks a leaf. Node 0 is the root. */
export interface FlatTree {
  feature: Int32Array;
  threshold: Float64Array;
  /** The same cut as a bin code (code <= bin goes left), for fast passes over training rows. */
  bin: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

/**
 * Grow a tree on the sample rows listed in `rows` (repeats allowed: a bootstrap sample).
 * num and den are indexed by original row.
 */
export function growTree(data: Binned, rows: Int32Array, num: Float64Array, den: Float64Array, params: TreeParams, rng: Rng): FlatTree {
  const { n, p, codes, nBins, thresholds, modeBin, exStart, exRows } = data;
  const m = rows.length;
  const mtry = Math.min(p, Math.max(1, params.mtry));
  const minLeaf = Math.max(1, params.minNodeSize);
  // Node-ordered copies, partitioned in place as the tree splits.
  const idx = Int32Array.from(rows);
  const ns = new Float64Array(m), ds = new Float64Array(m);
  for (let k = 0; k < m; k++) { ns[k] = num[idx[k]]; ds[k] = den[idx[k]]; }
  // Per original row: copies in the sample, their summed num/den, and the node holding them (all copies
  // of a row always share a node). These serve the sparse histogram of mostly-constant columns.
  const mult = new Int32Array(n), mn = new Float64Array(n), md = new Float64Array(n);
  const nodeOf = new Int32Array(n).fill(-1);
  for (let k = 0; k < m; k++) { const r = idx[k]; mult[r]++; mn[r] += ns[k]; md[r] += ds[k]; nodeOf[r] = 0; }
  const maxNodes = 2 * m + 1;
  const feature = new Int32Array(maxNodes).fill(-1);
  const threshold = new Float64Array(maxNodes);
  const bin = new Uint8Array(maxNodes);
  const left = new Int32Array(maxNodes), right = new Int32Array(maxNodes);
  const value = new Float64Array(maxNodes);
  const hn = new Float64Array(MAX_BINS), hd = new Float64Array(MAX_BINS), hc = new Int32Array(MAX_BINS);
  const used = new Int32Array(MAX_BINS);
  const perm = new Int32Array(p);
  for (let f = 0; f < p; f++) perm[f] = f;

  let count = 1;
  // Stack of open nodes: id, start, end, depth; and per node the features known to be constant in it
  // (constant in a node means constant in all its descendants, so their histograms can be skipped).
  const stack: number[] = [0, 0, m, 0];
  const constStack: Uint8Array[] = [new Uint8Array(p)];
  while (stack.length) {
    const depth = stack.pop()!, end = stack.pop()!, start = stack.pop()!, node = stack.pop()!;
    const isConst = constStack.pop()!;
    let sn = 0, sd = 0, sq = 0;
    for (let k = start; k < end; k++) { sn += ns[k]; sd += ds[k]; sq += ns[k] * ns[k] / ds[k]; }
    value[node] = sn / sd;
    const size = end - start;
    const parentScore = sn * sn / sd;
    // Leaf if too small, too deep, or pure (no spread left to explain, up to rounding).
    if (size < 2 * minLeaf || depth >= params.maxDepth || sq - parentScore <= 1e-12 * Math.abs(sq)) continue;

    let bestGain = 1e-12 * Math.abs(sq), bestF = -1, bestB = -1;
    for (let t = 0; t < mtry; t++) {
      // Partial Fisher-Yates: perm[0..mtry) become this split's features.
      const j = t + rng.int(p - t);
      const f = perm[j]; perm[j] = perm[t]; perm[t] = f;
      const nb = nBins[f];
      if (nb < 2 || isConst[f]) continue;
      // Histogram of the node's rows over this feature's bins; `used` lists the non-empty bins.
      let nUsed = 0;
      const col = f * n;
      const mode = modeBin[f], e0 = exStart[f], e1 = exStart[f + 1];
      if (mode >= 0 && e1 - e0 < size) {
        // Sparse: visit only rows outside the majority bin; that bin gets the node's remainder.
        let on = 0, od = 0, oc = 0;
        for (let e = e0; e < e1; e++) {
          const r = exRows[e];
          if (nodeOf[r] !== node) continue;
          const b = codes[col + r];
          if (hc[b] === 0) used[nUsed++] = b;
          hn[b] += mn[r]; hd[b] += md[r]; hc[b] += mult[r];
          on += mn[r]; od += md[r]; oc += mult[r];
        }
        if (oc < size) { used[nUsed++] = mode; hn[mode] = sn - on; hd[mode] = sd - od; hc[mode] = size - oc; }
      } else {
        for (let k = start; k < end; k++) {
          const b = codes[col + idx[k]];
          if (hc[b] === 0) used[nUsed++] = b;
          hn[b] += ns[k]; hd[b] += ds[k]; hc[b]++;
        }
      }
      // Cuts lie between consecutive non-empty bins: order them (few: insertion sort; many: a pass).
      if (nUsed * 8 < nb) {
        for (let u = 1; u < nUsed; u++) {
          const b = used[u];
          let v = u - 1;
          while (v >= 0 && used[v] > b) { used[v + 1] = used[v]; v--; }
          used[v + 1] = b;
        }
      } else {
        nUsed = 0;
        for (let b = 0; b < nb; b++) if (hc[b] !== 0) used[nUsed++] = b;
      }
      let ln = 0, ld = 0, lc = 0;
      for (let u = 0; u < nUsed - 1; u++) {
        const b = used[u];
        ln += hn[b]; ld += hd[b]; lc += hc[b];
        if (lc < minLeaf) continue;
        if (size - lc < minLeaf) break;
        const rn = sn - ln, rd = sd - ld;
        if (ld <= 0 || rd <= 0) continue;
        const gain = ln * ln / ld + rn * rn / rd - parentScore;
        if (gain > bestGain) { bestGain = gain; bestF = f; bestB = b; }
      }
      for (let u = 0; u < nUsed; u++) { const b = used[u]; hn[b] = 0; hd[b] = 0; hc[b] = 0; }
      if (nUsed === 1) isConst[f] = 1;
    }
    if (bestF < 0) continue;

    // Partition rows [start, end) so that code <= bestB comes first.
    const col = bestF * n;
    let i = start, j = end - 1;
    while (i <= j) {
      if (codes[col + idx[i]] <= bestB) { i++; continue; }
      swap(idx, ns, ds, i, j);
      j--;
    }
    const l = count++, r = count++;
    for (let k = start; k < i; k++) nodeOf[idx[k]] = l;
    for (let k = i; k < end; k++) nodeOf[idx[k]] = r;
    feature[node] = bestF;
    threshold[node] = thresholds[bestF * MAX_BINS + bestB];
    bin[node] = bestB;
    left[node] = l; right[node] = r;
    stack.push(r, i, end, depth + 1, l, start, i, depth + 1);
    constStack.push(isConst.slice(), isConst);
  }
  return {
    feature: feature.slice(0, count), threshold: threshold.slice(0, count), bin: bin.slice(0, count),
    left: left.slice(0, count), right: right.slice(0, count), value: value.slice(0, count),
  };
}

function swap(idx: Int32Array, ns: Float64Array, ds: Float64Array, i: number, j: number): void {
  const a = idx[i]; idx[i] = idx[j]; idx[j] = a;
  const b = ns[i]; ns[i] = ns[j]; ns[j] = b;
  const c = ds[i]; ds[i] = ds[j]; ds[j] = c;
}

/** Leaf value for row i of a column-major matrix (nrow rows), using raw thresholds. */
export function predictRow(tree: FlatTree, data: Float64Array, nrow: number, i: number): number {
  const { feature, threshold, left, right, value } = tree;
  let node = 0;
  for (let f = feature[0]; f >= 0; f = feature[node]) {
    node = data[f * nrow + i] <= threshold[node] ? left[node] : right[node];
  }
  return value[node];
}

/** Leaf value for training row i through its bin codes (same answer as predictRow on that row). */
export function predictBinnedRow(tree: FlatTree, data: Binned, i: number): number {
  const { feature, bin, left, right, value } = tree;
  let node = 0;
  for (let f = feature[0]; f >= 0; f = feature[node]) {
    node = data.codes[f * data.n + i] <= bin[node] ? left[node] : right[node];
  }
  return value[node];
}
