// Least squares by Householder QR with R's "limited pivoting": columns are taken in order, and a column
// whose remaining norm (after projecting out the kept columns) is below tol times its original norm is
// aliased, i.e. dropped with coefficient 0. So a full set of dummies plus an intercept keeps the
// intercept and drops the last dummy, as lm() does, and the fitted values are exact.

export interface LeastSquaresFit {
  /** One coefficient per column of A; 0 for aliased columns. */
  readonly coef: Float64Array;
  readonly aliased: boolean[];
  readonly rank: number;
}

/**
 * Minimise ||y - A b|| for A given column-major (nrow x ncol). A and y are not modified.
 * tol: relative rank tolerance (R's lm default 1e-7).
 */
export function leastSquaresQR(nrow: number, ncol: number, A: Float64Array, y: ArrayLike<number>, tol = 1e-7): LeastSquaresFit {
  const a = Float64Array.from(A);
  const qty = Float64Array.from(y);
  const origNorm = new Float64Array(ncol);
  for (let j = 0; j < ncol; j++) origNorm[j] = norm(a, j * nrow, 0, nrow);
  const kept: number[] = [];
  const aliased = new Array<boolean>(ncol).fill(false);
  const v = new Float64Array(nrow);
  for (let j = 0; j < ncol; j++) {
    const k = kept.length;
    const off = j * nrow;
    const rest = k < nrow ? norm(a, off, k, nrow) : 0;
    if (rest <= tol * origNorm[j] || rest === 0) { aliased[j] = true; continue; }
    // Householder vector v (rows k..n-1) mapping column j onto alpha * e_k; sign chosen to avoid cancellation.
    const alpha = a[off + k] > 0 ? -rest : rest;
    for (let i = k; i < nrow; i++) v[i] = a[off + i];
    v[k] -= alpha;
    let vv = 0;
    for (let i = k; i < nrow; i++) vv += v[i] * v[i];
    const beta = 2 / vv;
    for (let jj = j + 1; jj < ncol; jj++) reflect(a, jj * nrow, v, k, nrow, beta);
    reflect(qty, 0, v, k, nrow, beta);
    a[off + k] = alpha;
    kept.push(j);
  }
  // Back-substitution R b = Q'y over the kept columns; R[m][l] sits at a[kept[l] * nrow + m].
  const coef = new Float64Array(ncol);
  for (let m = kept.length - 1; m >= 0; m--) {
    let s = qty[m];
    for (let l = m + 1; l < kept.length; l++) s -= a[kept[l] * nrow + m] * coef[kept[l]];
    coef[kept[m]] = s / a[kept[m] * nrow + m];
  }
  return { coef, aliased, rank: kept.length };
}

/** Euclidean norm of x[off+from .. off+to), scaled to avoid overflow/underflow. */
function norm(x: Float64Array, off: number, from: number, to: number): number {
  let scale = 0;
  for (let i = from; i < to; i++) scale = Math.max(scale, Math.abs(x[off + i]));
  if (scale === 0) return 0;
  let s = 0;
  for (let i = from; i < to; i++) { const t = x[off + i] / scale; s += t * t; }
  return scale * Math.sqrt(s);
}

/** c <- (I - beta v v') c on rows k..n-1 of the column starting at off. */
function reflect(c: Float64Array, off: number, v: Float64Array, k: number, n: number, beta: number): void {
  let d = 0;
  for (let i = k; i < n; i++) d += v[i] * c[off + i];
  d *= beta;
  if (d === 0) return;
  for (let i = k; i < n; i++) c[off + i] -= d * v[i];
}
