// RBF kernel matrices exp(-gamma |u - v|^2) on standardised rows, for the SVM (which hands them to libsvm
// as a precomputed kernel). A distance does not change when a column is shifted, so a column that is zero
// in at least half the training rows (a dummy) is kept scaled but not centred, hence sparse, and its part of
// u.v costs only its non-zero pairs; every other column is centred and scaled as usual. On the paper's
// design (~20 controls and ~290 year and city dummies) a kernel entry then costs ~20 products, not ~300.
import type { Matrix } from "../numeric/matrix";
import type { Scaling } from "./standardise";

/** Which columns are sparse, and the shift and scale of each (the training design's). */
export interface KernelColumns {
  readonly dense: Int32Array;
  readonly sparse: Int32Array;
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

/** Rows in the kernel's representation: dense part row-major, sparse columns as (row, value) lists, |row|^2. */
export interface KernelRows {
  readonly n: number;
  readonly dense: Float64Array;
  readonly sparseRows: Int32Array[];
  readonly sparseVals: Float64Array[];
  readonly sq: Float64Array;
}

/** Split the columns of the training design X: sparse where at least half of the rows are zero. */
export function kernelColumns(X: Matrix, sc: Scaling): KernelColumns {
  const dense: number[] = [], sparse: number[] = [];
  for (let j = 0; j < X.ncol; j++) {
    let zeros = 0;
    for (let i = 0; i < X.nrow; i++) if (X.data[j * X.nrow + i] === 0) zeros++;
    (2 * zeros >= X.nrow ? sparse : dense).push(j);
  }
  return { dense: Int32Array.from(dense), sparse: Int32Array.from(sparse), mean: sc.mean, scale: sc.scale };
}

/** The rows of X (any rows: training or new) in the representation of `cols`. */
export function kernelRows(X: Matrix, cols: KernelColumns): KernelRows {
  const n = X.nrow, nd = cols.dense.length;
  const dense = new Float64Array(n * nd), sq = new Float64Array(n);
  cols.dense.forEach((j, t) => {
    const m = cols.mean[j], s = cols.scale[j];
    for (let i = 0; i < n; i++) {
      const z = (X.data[j * n + i] - m) / s;
      dense[i * nd + t] = z;
      sq[i] += z * z;
    }
  });
  const sparseRows: Int32Array[] = [], sparseVals: Float64Array[] = [];
  for (const j of cols.sparse) {
    const rows: number[] = [], vals: number[] = [];
    for (let i = 0; i < n; i++) {
      const x = X.data[j * n + i];
      if (x === 0) continue;
      const u = x / cols.scale[j];
      rows.push(i); vals.push(u);
      sq[i] += u * u;
    }
    sparseRows.push(Int32Array.from(rows)); sparseVals.push(Float64Array.from(vals));
  }
  return { n, dense, sparseRows, sparseVals, sq };
}

/** The rows `idx` of R, in the same representation. */
export function subsetRows(R: KernelRows, idx: ArrayLike<number>): KernelRows {
  const nd = R.dense.length / Math.max(R.n, 1), m = idx.length;
  const pos = new Int32Array(R.n).fill(-1);
  const dense = new Float64Array(m * nd), sq = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    pos[idx[t]] = t;
    dense.set(R.dense.subarray(idx[t] * nd, (idx[t] + 1) * nd), t * nd);
    sq[t] = R.sq[idx[t]];
  }
  const sparseRows: Int32Array[] = [], sparseVals: Float64Array[] = [];
  R.sparseRows.forEach((rows, c) => {
    const r: number[] = [], v: number[] = [];
    rows.forEach((i, k) => { if (pos[i] >= 0) { r.push(pos[i]); v.push(R.sparseVals[c][k]); } });
    // Keep each list in increasing row order, as kernelRows makes it.
    const order = r.map((_, k) => k).sort((a, b) => r[a] - r[b]);
    sparseRows.push(Int32Array.from(order, (k) => r[k])); sparseVals.push(Float64Array.from(order, (k) => v[k]));
  });
  return { n: m, dense, sparseRows, sparseVals, sq };
}

/** The block of rows and columns `idx` of a square n x n kernel matrix K (row-major). */
export function kernelBlock(K: Float64Array, n: number, idx: ArrayLike<number>): Float64Array {
  const m = idx.length, out = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    const ko = idx[a] * n;
    for (let b = 0; b < m; b++) out[a * m + b] = K[ko + idx[b]];
  }
  return out;
}

/** K[a * B.n + b] = exp(-gamma |A_a - B_b|^2), row-major A.n x B.n. With B === A only one triangle is computed. */
export function rbfKernel(A: KernelRows, B: KernelRows, gamma: number): Float64Array {
  const nd = A.dense.length / Math.max(A.n, 1), sym = A === B;
  const K = new Float64Array(A.n * B.n);
  // First the inner products A_a . B_b: dense part, then the sparse columns' non-zero pairs.
  for (let a = 0; a < A.n; a++) {
    const ao = a * nd, ko = a * B.n;
    for (let b = sym ? a : 0; b < B.n; b++) {
      const bo = b * nd;
      let s = 0;
      for (let t = 0; t < nd; t++) s += A.dense[ao + t] * B.dense[bo + t];
      K[ko + b] = s;
    }
  }
  A.sparseRows.forEach((ra, c) => {
    const va = A.sparseVals[c], rb = B.sparseRows[c], vb = B.sparseVals[c];
    for (let x = 0; x < ra.length; x++) {
      const ko = ra[x] * B.n, u = va[x];
      // Lists are in increasing row order: in the symmetric case the upper triangle starts at y = x.
      for (let y = sym ? x : 0; y < rb.length; y++) K[ko + rb[y]] += u * vb[y];
    }
  });
  for (let a = 0; a < A.n; a++) {
    const ko = a * B.n;
    for (let b = sym ? a : 0; b < B.n; b++) K[ko + b] = Math.exp(-gamma * Math.max(0, A.sq[a] + B.sq[b] - 2 * K[ko + b]));
  }
  if (sym) for (let a = 0; a < A.n; a++) for (let b = 0; b < a; b++) K[a * B.n + b] = K[b * B.n + a];
  return K;
}
