// One histogram regression tree, grown depth-first on binned data. Each row carries a numerator and a
// denominator: (y, 1) gives the variance criterion and leaf means of a random forest; (-gradient,
// hessian) gives the Newton criterion and leaf steps of logistic boosting. A split maximises
// sum(num)^2 / sum(den) over the two children; a leaf's value is sum(num) / sum(den).
import type { Rng } from "../numeric/rng";
import { InputError } from "../errors";
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
 * num and den are indexed by original row; den null means one per copy (a forest's variance criterion),
 * which lets the histograms skip a separate count. Repeated rows are merged into one row carrying the sums of
 * its copies (and the number of copies, which minNodeSize counts), so a bootstrap tree scans about
 * 63% of the rows it would scan with the copies spelled out.
 */
export function growTree(data: Binned, rows: Int32Array, num: Float64Array, den: Float64Array | null, params: TreeParams, rng: Rng): FlatTree {
  const { n, p, codes, nBins, thresholds, modeBin, exStart, exRows, group, groupFirst } = data;
  const mtry = Math.min(p, Math.max(1, params.mtry));
  const minLeaf = Math.max(1, params.minNodeSize);
  checkTreeRows(n);
  const ws = workspace(n, p, groupFirst.length, rows.length);
  ws.busy = true;
  const { feature, threshold, bin, left, right, value, bn, bd, bc, blockNode, nPresent, perm } = ws;
  // With den null the denominator is the count, so counts are not kept apart (HC, CS and bd unused).
  const counted = den !== null;
  const sparse = exRows.length > 0; // only the sparse histograms look rows up by node
  let m = 0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    if (MULT[r]++ === 0) m++;
    MN[r] += num[r]; MD[r] += den === null ? 1 : den[r]; NODE_OF[r] = 0;
  }
  // Node-ordered distinct rows and their sums (the first m entries), partitioned in place as the tree splits.
  for (let r = 0, k = 0; r < n; r++) {
    if (MULT[r] === 0) continue;
    IDX[k] = r; NS[k] = MN[r]; DS[k] = MD[r]; if (counted) CS[k] = MULT[r]; k++;
  }
  // Block sums start clear: a workspace reused across data sets of one shape may have other blocks.
  blockNode.fill(-1); nPresent.fill(0); bn.fill(0); bd.fill(0); bc.fill(0);
  for (let f = 0; f < p; f++) perm[f] = f;

  let count = 1;
  // Stack of open nodes: id, start, end, depth. Open node number s (from the bottom) keeps the features
  // known to be constant in it in slot s of `constant` (constant in a node means constant in all its
  // descendants, so their histograms can be skipped); slots are reused, nothing is allocated per node.
  const stack: number[] = [0, 0, m, 0];
  let constant = ws.constant;
  constant.fill(0, 0, p);
  while (stack.length) {
    const depth = stack.pop()!, end = stack.pop()!, start = stack.pop()!, node = stack.pop()!;
    const slot = stack.length >> 2;
    const cb = slot * p; // this node's flags: constant[cb + f]
    // A leaf until a split is found (the workspace holds the previous tree's nodes).
    feature[node] = -1; threshold[node] = 0; bin[node] = 0; left[node] = 0; right[node] = 0;
    let sn = 0, sd = 0, sq = 0;
    for (let k = start; k < end; k++) { sn += NS[k]; sd += DS[k]; sq += NS[k] * NS[k] / DS[k]; }
    let sc = sd;
    if (counted) { sc = 0; for (let k = start; k < end; k++) sc += CS[k]; }
    value[node] = sn / sd;
    const parentScore = sn * sn / sd;
    // Leaf if too small, too deep, or pure (no spread left to explain, up to rounding).
    if (sc < 2 * minLeaf || depth >= params.maxDepth || sq - parentScore <= 1e-12 * Math.abs(sq)) continue;

    let bestGain = 1e-12 * Math.abs(sq), bestF = -1, bestB = -1;
    for (let t = 0; t < mtry; t++) {
      // Partial Fisher-Yates: perm[0..mtry) become this split's features (all of them, in order, if mtry = p).
      let f = t;
      if (mtry < p) { const j = t + rng.int(p - t); f = perm[j]; perm[j] = perm[t]; perm[t] = f; }
      if (nBins[f] < 2 || constant[cb + f]) continue;
      const g = group[f];
      if (g >= 0) {
        if (blockNode[g] !== node) {
          sumBlock(data, ws, counted, g, node, start, end);
          blockNode[g] = node;
        }
        // The member's split: rows where it is 1 go right.
        const rn = bn[f], rc = bc[f], rd = counted ? bd[f] : rc;
        if (rc < minLeaf || sc - rc < minLeaf) continue;
        const ln = sn - rn, ld = sd - rd;
        if (ld <= 0 || rd <= 0) continue;
        const gain = ln * ln / ld + rn * rn / rd - parentScore;
        if (gain > bestGain) { bestGain = gain; bestF = f; bestB = 0; }
        continue;
      }
      // Histogram of the node's rows over this feature's bins.
      const col = f * n;
      const mode = modeBin[f], e0 = exStart[f], e1 = exStart[f + 1];
      if (mode >= 0 && e1 - e0 < end - start) {
        // Sparse: visit only rows outside the majority bin; that bin gets the node's remainder.
        let on = 0, od = 0, oc = 0;
        for (let e = e0; e < e1; e++) {
          const r = exRows[e];
          if (NODE_OF[r] !== node) continue;
          const b = codes[col + r];
          TOUCHED[b >> 5] |= 1 << (b & 31);
          HN[b] += MN[r]; HD[b] += MD[r];
          if (counted) HC[b] += MULT[r];
          on += MN[r]; od += MD[r]; oc += MULT[r];
        }
        if (oc < sc) { TOUCHED[mode >> 5] |= 1 << (mode & 31); HN[mode] = sn - on; HD[mode] = sd - od; if (counted) HC[mode] = sc - oc; }
      } else if (end - start > nBins[f]) {
        // A big node fills most bins: mark them all and let the scan skip the empty ones.
        markAll(TOUCHED, nBins[f]);
        for (let k = start; k < end; k++) {
          const b = codes[col + IDX[k]];
          HN[b] += NS[k]; HD[b] += DS[k];
          if (counted) HC[b] += CS[k];
        }
      } else {
        for (let k = start; k < end; k++) {
          const b = codes[col + IDX[k]];
          TOUCHED[b >> 5] |= 1 << (b & 31);
          HN[b] += NS[k]; HD[b] += DS[k];
          if (counted) HC[b] += CS[k];
        }
      }
      // Scan the non-empty bins in order (a cut lies after each but the last), emptying them as we go.
      let ln = 0, ld = 0, lc = 0, nUsed = 0;
      for (let w = 0; w < TOUCHED.length; w++) {
        let bits = TOUCHED[w];
        TOUCHED[w] = 0;
        while (bits !== 0) {
          const low = bits & -bits;
          bits ^= low;
          const b = (w << 5) + 31 - Math.clz32(low);
          const cnt = counted ? HC[b] : HD[b];
          if (cnt === 0) continue;
          ln += HN[b]; ld += HD[b]; lc += cnt;
          HN[b] = 0; HD[b] = 0; HC[b] = 0;
          nUsed++;
          if (lc < minLeaf || sc - lc < minLeaf) continue;
          const rn = sn - ln, rd = sd - ld;
          if (ld <= 0 || rd <= 0) continue;
          const gain = ln * ln / ld + rn * rn / rd - parentScore;
          if (gain > bestGain) { bestGain = gain; bestF = f; bestB = b; }
        }
      }
      if (nUsed === 1) constant[cb + f] = 1;
    }
    if (bestF < 0) continue;

    // Partition rows [start, end) so that code <= bestB comes first; each row's side is final when the
    // scan passes it, so the node labels of the sparse histograms are set on the way.
    const col = bestF * n;
    const l = count++, r = count++;
    let i = start, j = end - 1;
    while (i <= j) {
      if (codes[col + IDX[i]] <= bestB) {
        if (sparse) NODE_OF[IDX[i]] = l;
        i++;
        continue;
      }
      swapRows(i, j, counted);
      if (sparse) NODE_OF[IDX[j]] = r;
      j--;
    }
    // A valid cut leaves rows on both sides; anything else is a bug, and would never stop splitting.
    if (i === start || i === end) throw new Error(`growTree: the split of node ${node} (feature ${bestF}, bin ${bestB}) leaves one side empty`);
    feature[node] = bestF;
    threshold[node] = thresholds[bestF * MAX_BINS + bestB];
    bin[node] = bestB;
    left[node] = l; right[node] = r;
    // The right child keeps this slot; the left child, next on the stack, gets a copy in the next one.
    stack.push(r, i, end, depth + 1, l, start, i, depth + 1);
    if (constant.length < (slot + 2) * p) { const grown = new Uint8Array(constant.length * 2); grown.set(constant); constant = ws.constant = grown; }
    constant.copyWithin((slot + 1) * p, slot * p, (slot + 1) * p);
  }
  // Leave the per-row arrays clean for the next tree (only the sampled rows were touched).
  for (let k = 0; k < m; k++) { const r = IDX[k]; MULT[r] = 0; MN[r] = 0; MD[r] = 0; NODE_OF[r] = -1; }
  ws.busy = false;
  return {
    feature: feature.slice(0, count), threshold: threshold.slice(0, count), bin: bin.slice(0, count),
    left: left.slice(0, count), right: right.slice(0, count), value: value.slice(0, count),
  };
}

/**
 * Sums of block g's members over the rows start..end of a node. Only the members present in the node are
 * touched (listed in present[groupFirst[g] ..)), and only they are cleared at the block's next sum, so a
 * node costs its rows, not the block's size. An absent member reads 0 and a member on every row reads the
 * node's count; both fail the leaf-size test, so neither needs marking as constant.
 * It is a top-level function, not a closure inside growTree: capturing growTree's arrays would move them
 * into a context object, and growTree's own loops would then load each array from it on every access
 * (measured: trees grow about 10% faster this way).
 */
function sumBlock(data: Binned, ws: Workspace, counted: boolean, g: number, node: number, start: number, end: number): void {
  const { n, groupFirst, groupEnd, exStart, exRows, hot } = data;
  const { bn, bd, bc, present, nPresent } = ws;
  const f0 = groupFirst[g], f1 = groupEnd[g], at = g * n;
  for (let t = f0, t1 = f0 + nPresent[g]; t < t1; t++) { const f = present[t]; bn[f] = 0; bd[f] = 0; bc[f] = 0; }
  let np = f0;
  if (exStart[f1] - exStart[f0] < end - start) {
    for (let e = exStart[f0]; e < exStart[f1]; e++) {
      const r = exRows[e];
      if (NODE_OF[r] !== node) continue;
      const c = hot[at + r];
      if (bc[c] === 0) present[np++] = c;
      bn[c] += MN[r]; bd[c] += MD[r]; bc[c] += MULT[r];
    }
  } else if (!counted) {
    // Denominator = count (a forest): bd is not summed; the caller reads bc for both.
    for (let k = start; k < end; k++) {
      const c = hot[at + IDX[k]];
      if (c < 0) continue;
      if (bc[c] === 0) present[np++] = c;
      bn[c] += NS[k]; bc[c] += DS[k];
    }
  } else {
    for (let k = start; k < end; k++) {
      const c = hot[at + IDX[k]];
      if (c < 0) continue;
      if (bc[c] === 0) present[np++] = c;
      bn[c] += NS[k]; bd[c] += DS[k]; bc[c] += CS[k];
    }
  }
  nPresent[g] = np - f0;
}

/** Working arrays of growTree, kept between trees of the same shape: a forest allocates them once per thread. */
interface Workspace {
  n: number; p: number; groups: number; capacity: number;
  /** Set while a tree is growing; a workspace left busy (an exception midway) is not reused. */
  busy: boolean;
  feature: Int32Array; threshold: Float64Array; bin: Uint8Array; left: Int32Array; right: Int32Array; value: Float64Array;
  bn: Float64Array; bd: Float64Array; bc: Float64Array; blockNode: Int32Array; perm: Int32Array;
  /** Members with non-zero block sums (block g's list starts at groupFirst[g]) and their number per block. */
  present: Int32Array; nPresent: Int32Array;
  constant: Uint8Array;
}

/**
 * The histogram of one feature in one node: sums of num, den and (when den is not the count) the count per
 * bin, and a bit per bin touched. Fixed-size, so module constants (one set per thread) rather than workspace
 * fields: V8 (Node 20) re-checks a typed array held in a variable at every access inside a loop, but not a
 * constant one, and the histogram loops are the trees' hottest code. Every scan leaves them zero, and nothing
 * between filling and scanning can throw, so a tree that fails midway leaves them zero too.
 */
const HN = new Float64Array(MAX_BINS), HD = new Float64Array(MAX_BINS), HC = new Float64Array(MAX_BINS);
const TOUCHED = new Int32Array(MAX_BINS >> 5);

/**
 * The rows' arrays, module constants for the same reason (measured: trees about 7% faster than with them in
 * the workspace), so of a fixed size: at most MAX_ROWS training rows per tree (STII_FOREST_MAX_ROWS, default
 * 2^20; 52 bytes per row and thread, of which only the pages a data set's rows use are ever touched). By original row r: copies drawn (MULT), their num and den sums (MN, MD), the node holding the row
 * (NODE_OF, -1 if not drawn). By position k in node order: the row (IDX), its num, den and count sums
 * (NS, DS, CS). Each tree leaves the by-row arrays clean for the next; the by-position ones are rewritten.
 */
const MAX_ROWS = maxRows();
const MULT = new Int32Array(MAX_ROWS), MN = new Float64Array(MAX_ROWS), MD = new Float64Array(MAX_ROWS);
const NODE_OF = new Int32Array(MAX_ROWS).fill(-1);
const IDX = new Int32Array(MAX_ROWS), NS = new Float64Array(MAX_ROWS), DS = new Float64Array(MAX_ROWS), CS = new Float64Array(MAX_ROWS);

/**
 * One clear error when n training rows exceed the trees' limit. growTree checks it, and so does a forest
 * before it sends trees to worker threads, whose errors would reach the caller only as a stack text.
 */
export function checkTreeRows(n: number): void {
  if (n > MAX_ROWS) throw new InputError(`random forest / boosting: ${n} training rows, more than the trees' limit of ${MAX_ROWS}; set STII_FOREST_MAX_ROWS to at least ${n}`);
}

function maxRows(): number {
  const v = process.env.STII_FOREST_MAX_ROWS;
  if (v === undefined || v === "") return 1 << 20;
  const k = Number(v);
  if (!Number.isInteger(k) || k < 1) throw new InputError(`STII_FOREST_MAX_ROWS must be an integer >= 1, got ${v}`);
  return k;
}

let cached: Workspace | undefined;

function workspace(n: number, p: number, groups: number, sampleSize: number): Workspace {
  const c = cached;
  if (c && !c.busy && c.n === n && c.p === p && c.groups === groups && c.capacity >= sampleSize) return c;
  // A tree that failed midway may have left sums on its rows.
  if (c?.busy) { MULT.fill(0, 0, c.n); MN.fill(0, 0, c.n); MD.fill(0, 0, c.n); NODE_OF.fill(-1, 0, c.n); }
  const cap = Math.max(sampleSize, n), nodes = 2 * cap + 1;
  cached = {
    n, p, groups, capacity: cap, busy: false,
    feature: new Int32Array(nodes), threshold: new Float64Array(nodes), bin: new Uint8Array(nodes),
    left: new Int32Array(nodes), right: new Int32Array(nodes), value: new Float64Array(nodes),
    bn: new Float64Array(p), bd: new Float64Array(p), bc: new Float64Array(p), blockNode: new Int32Array(groups), perm: new Int32Array(p),
    present: new Int32Array(p), nPresent: new Int32Array(groups),
    constant: new Uint8Array(p * 16),
  };
  return cached;
}

/** Set bits 0..nb-1. */
function markAll(bits: Int32Array, nb: number): void {
  for (let w = 0; w < bits.length; w++) {
    const lo = w << 5;
    bits[w] = nb >= lo + 32 ? -1 : nb <= lo ? 0 : (1 << (nb - lo)) - 1;
  }
}

/** Swap positions i and j of the node-ordered rows. */
function swapRows(i: number, j: number, counted: boolean): void {
  const a = IDX[i]; IDX[i] = IDX[j]; IDX[j] = a;
  const b = NS[i]; NS[i] = NS[j]; NS[j] = b;
  const c = DS[i]; DS[i] = DS[j]; DS[j] = c;
  if (counted) { const d = CS[i]; CS[i] = CS[j]; CS[j] = d; }
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
