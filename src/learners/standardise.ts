// Column centring and scaling for learners whose fit depends on feature scale (lasso, SVM).
// Constant columns get scale 1 so they become all-zero rather than NaN.
import type { Matrix } from "../numeric/matrix";

export interface Scaling {
  readonly mean: Float64Array;
  /** Population standard deviation (divide by n), or 1 for a constant column. */
  readonly scale: Float64Array;
}

export function meanSd(v: ArrayLike<number>): { mean: number; sd: number } {
  const n = v.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += v[i];
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i] - m) ** 2;
  return { mean: m, sd: Math.sqrt(ss / n) };
}

export function fitScaling(X: Matrix): Scaling {
  const mean = new Float64Array(X.ncol), scale = new Float64Array(X.ncol);
  for (let j = 0; j < X.ncol; j++) {
    const { mean: m, sd } = meanSd(X.data.subarray(j * X.nrow, (j + 1) * X.nrow));
    mean[j] = m;
    // A relative threshold: a column that is constant up to rounding is treated as constant.
    scale[j] = sd > 1e-12 * Math.max(1, Math.abs(m)) ? sd : 1;
  }
  return { mean, scale };
}

/** (X - mean) / scale, column by column, as a new matrix. */
export function applyScaling(X: Matrix, s: Scaling): Matrix {
  const out = new Float64Array(X.data.length);
  for (let j = 0; j < X.ncol; j++) {
    const off = j * X.nrow, m = s.mean[j], sc = s.scale[j];
    for (let i = 0; i < X.nrow; i++) out[off + i] = (X.data[off + i] - m) / sc;
  }
  return { nrow: X.nrow, ncol: X.ncol, data: out, colnames: X.colnames };
}
