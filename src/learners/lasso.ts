// Lasso regression: minimise (1/2n)||y - b0 - X b||^2 + lambda ||b||_1 with the features standardised
// (mean 0, population sd 1; glmnet's convention) and the intercept unpenalised. Cyclic coordinate
// descent (covariance form) with an active set, warm-started down a log-spaced lambda path, and an
// exact active-set solve when descent crawls on collinear columns; lambda chosen by seeded K-fold
// cross-validation (minimum CV error, or the one-standard-error rule).
// Coefficients are reported on the original scale.
import { InputError } from "../errors";
import { takeRows, take, type Matrix } from "../numeric/matrix";
import type { LearnerOptions, Regressor } from "./types";
import { applyScaling, fitScaling, meanSd, type Scaling } from "./standardise";
import { assignFolds, splitFold } from "./folds";
import { checkFit, checkPredict } from "./validate";

export interface LassoOptions extends LearnerOptions {
  /** Fix the penalty (on the standardised scale) and skip cross-validation. */
  lambda?: number;
  nLambda?: number;        // default 100
  lambdaMinRatio?: number; // default 1e-4 when n > p, else 1e-2 (glmnet's)
  folds?: number;          // default 5
  rule?: "min" | "1se";    // default "min"
  /**
   * Convergence, relative to the problem as in glmnet: stop when a full sweep changes no fitted value by more
   * than tol * var(y) in mean square (d_j * change^2 on the standardised scale). Default 1e-7.
   */
  tol?: number;
}

export class Lasso implements Regressor {
  readonly name = "lasso";
  intercept = NaN;
  coef: Float64Array = new Float64Array(0);
  /** The penalty used for the final fit, on the standardised scale. */
  lambda = NaN;
  /** The path and CV curve (empty when lambda was fixed). */
  path: { lambda: Float64Array; cvMean: Float64Array; cvSe: Float64Array } | undefined;
  private ncol?: number;

  constructor(readonly opts: LassoOptions = {}) {
    if (opts.rule !== undefined && opts.rule !== "min" && opts.rule !== "1se") throw new InputError(`lasso: rule must be "min" or "1se", got ${String(opts.rule)}`);
    if (opts.lambda !== undefined && !(opts.lambda >= 0)) throw new InputError(`lasso: lambda must be >= 0, got ${opts.lambda}`);
  }

  async fit(X: Matrix, y: Float64Array): Promise<void> {
    checkFit(X, y, "regression", "lasso");
    const tol = this.opts.tol ?? 1e-7;
    let chosen: number;
    let lambdas: Float64Array;
    if (this.opts.lambda !== undefined) {
      chosen = this.opts.lambda;
      lambdas = Float64Array.of(chosen);
      this.path = undefined;
    } else {
      lambdas = lambdaPath(X, y, this.opts.nLambda ?? 100, this.opts.lambdaMinRatio ?? defaultMinRatio(X));
      const cv = this.crossValidate(X, y, lambdas, tol);
      this.path = { lambda: lambdas, ...cv };
      chosen = lambdas[pickLambda(cv.cvMean, cv.cvSe, this.opts.rule ?? "min")];
      lambdas = lambdas.filter((l) => l >= chosen);
    }
    const fit = solvePath(X, y, lambdas, tol);
    const last = fit[fit.length - 1];
    this.intercept = last.intercept;
    this.coef = last.coef;
    this.lambda = chosen;
    this.ncol = X.ncol;
  }

  private crossValidate(X: Matrix, y: Float64Array, lambdas: Float64Array, tol: number) {
    return crossValidatePath(X, y, this.opts.folds ?? 5, this.opts.seed ?? 0, "lasso",
      (Xtr, ytr) => solvePath(Xtr, ytr, lambdas, tol),
      (f, Xte, yte) => {
        const pred = linearPredict(Xte, f.intercept, f.coef);
        let s = 0;
        for (let i = 0; i < yte.length; i++) s += (yte[i] - pred[i]) ** 2;
        return s / yte.length;
      });
  }

  predict(X: Matrix): Float64Array {
    checkPredict(X, this.ncol, "lasso");
    return linearPredict(X, this.intercept, this.coef);
  }

  clone(): Lasso {
    return new Lasso({ ...this.opts });
  }
}

/**
 * K-fold cross-validation of a whole lambda path (seeded folds): fit the path on each training part and
 * score every fit of it on the held-out part; then cvSummary. Shared by the lasso and the L1-logistic.
 */
export function crossValidatePath<F>(
  X: Matrix, y: Float64Array, K: number, seed: number, who: string,
  fitPath: (X: Matrix, y: Float64Array, fold: number) => F[],
  loss: (fit: F, X: Matrix, y: Float64Array) => number,
): { cvMean: Float64Array; cvSe: Float64Array } {
  const n = X.nrow;
  if (!Number.isInteger(K) || K < 2 || K > n) throw new InputError(`${who}: folds must be an integer in 2..${n}, got ${K}`);
  const fold = assignFolds(n, K, seed);
  const losses: Float64Array[] = [], sizes: number[] = [];
  for (let k = 0; k < K; k++) {
    const { train, test } = splitFold(fold, k);
    const Xte = takeRows(X, test), yte = take(y, test);
    losses.push(Float64Array.from(fitPath(takeRows(X, train), take(y, train), k), (f) => loss(f, Xte, yte)));
    sizes.push(test.length);
  }
  return cvSummary(losses, sizes);
}

/** Fold-size-weighted mean CV loss per lambda and its standard error across folds, as glmnet's cv.glmnet. */
export function cvSummary(foldLoss: Float64Array[], foldSize: number[]): { cvMean: Float64Array; cvSe: Float64Array } {
  const K = foldLoss.length, L = foldLoss[0].length, n = foldSize.reduce((a, b) => a + b, 0);
  const cvMean = new Float64Array(L), cvSe = new Float64Array(L);
  for (let l = 0; l < L; l++) {
    let m = 0;
    for (let k = 0; k < K; k++) m += foldSize[k] * foldLoss[k][l];
    m /= n;
    let v = 0;
    for (let k = 0; k < K; k++) v += foldSize[k] * (foldLoss[k][l] - m) ** 2;
    cvMean[l] = m;
    cvSe[l] = Math.sqrt(v / n / (K - 1));
  }
  return { cvMean, cvSe };
}

/** Index of the chosen lambda: minimum CV error, or the largest lambda within one SE of it. Path is decreasing. */
export function pickLambda(cvMean: Float64Array, cvSe: Float64Array, rule: "min" | "1se"): number {
  let best = 0;
  for (let l = 1; l < cvMean.length; l++) if (cvMean[l] < cvMean[best]) best = l;
  if (rule === "min") return best;
  const bound = cvMean[best] + cvSe[best];
  for (let l = 0; l <= best; l++) if (cvMean[l] <= bound) return l;
  return best;
}

/** lambda_max (the smallest penalty giving all-zero coefficients) down to lambda_max * minRatio, log-spaced. */
export function lambdaPath(X: Matrix, y: ArrayLike<number>, nLambda: number, minRatio: number): Float64Array {
  const sc = fitScaling(X);
  const Z = applyScaling(X, sc);
  const { mean: ybar } = meanSd(y);
  let lmax = 0;
  for (let j = 0; j < Z.ncol; j++) {
    let s = 0;
    for (let i = 0; i < Z.nrow; i++) s += Z.data[j * Z.nrow + i] * (y[i] - ybar);
    lmax = Math.max(lmax, Math.abs(s) / Z.nrow);
  }
  const out = new Float64Array(nLambda);
  for (let l = 0; l < nLambda; l++) out[l] = lmax * Math.pow(minRatio, nLambda > 1 ? l / (nLambda - 1) : 0);
  return out;
}

/** glmnet's default end of the path: a near-unpenalised fit when n > p, a sparser one otherwise. */
export function defaultMinRatio(X: Matrix): number {
  return X.nrow > X.ncol ? 1e-4 : 1e-2;
}

/**
 * The standardised design stored so that dummies stay cheap: z_j = u_j + off_j, with u_j kept only on
 * the rows idx_j. A column that is zero in at least half its rows (a dummy) keeps u_j = x_j / sd_j on
 * its non-zero rows and off_j = -mean_j / sd_j; any other column is kept whole (u_j = z_j, off_j = 0),
 * which avoids cancellation when its mean is large. Work per column is then proportional to its non-zeros.
 */
export interface SparseStd {
  readonly n: number;
  readonly idx: Int32Array[];
  readonly val: Float64Array[];
  readonly off: Float64Array;
}

export function sparseStandardised(X: Matrix, sc: Scaling): SparseStd {
  const n = X.nrow, idx: Int32Array[] = [], val: Float64Array[] = [], off = new Float64Array(X.ncol);
  for (let j = 0; j < X.ncol; j++) {
    const col = X.data.subarray(j * n, (j + 1) * n);
    let nz = 0;
    for (let i = 0; i < n; i++) if (col[i] !== 0) nz++;
    if (2 * nz <= n) {
      const rows = new Int32Array(nz), v = new Float64Array(nz);
      for (let i = 0, t = 0; i < n; i++) if (col[i] !== 0) { rows[t] = i; v[t++] = col[i] / sc.scale[j]; }
      idx.push(rows); val.push(v);
      off[j] = -sc.mean[j] / sc.scale[j];
    } else {
      const rows = new Int32Array(n), v = new Float64Array(n), m = sc.mean[j], s = sc.scale[j];
      for (let i = 0; i < n; i++) { rows[i] = i; v[i] = (col[i] - m) / s; }
      idx.push(rows); val.push(v);
    }
  }
  return { n, idx, val, off };
}

interface PathFit { intercept: number; coef: Float64Array }

/** Sweeps allowed per lambda (glmnet's maxit), a guard against a stalled problem. */
const MAX_SWEEPS = 100000;
/** Active-set sweeps after which a still-moving coordinate descent tries the exact active-set solution. */
const SWEEPS_BEFORE_EXACT = 10;

/**
 * Lasso solutions (original scale) at each lambda of a decreasing sequence, warm-starting each from the last.
 * Converged when a full sweep moves no coefficient by more than tol in glmnet's sense: d_j (change)^2, the
 * mean-square change of the fitted values, below tol * var(y).
 */
export function solvePath(X: Matrix, y: ArrayLike<number>, lambdas: ArrayLike<number>, tol: number): PathFit[] {
  const sc = fitScaling(X);
  const cd = new CoordinateDescent(applyScaling(X, sc), sparseStandardised(X, sc), y);
  const thresh = tol * meanSd(y).sd ** 2;
  const out: PathFit[] = [];
  for (let l = 0; l < lambdas.length; l++) {
    const lam = lambdas[l];
    // A full sweep (which may grow the active set, and checks the KKT conditions) alternates with
    // sweeps over the non-zero coefficients only, until a full sweep changes nothing beyond the threshold.
    for (let sweeps = 0; sweeps < MAX_SWEEPS;) {
      sweeps++;
      if (cd.sweep(lam, null) <= thresh) break;
      const active: number[] = [];
      for (let j = 0; j < cd.b.length; j++) if (cd.b[j] !== 0) active.push(j);
      // Coordinate descent crawls when active columns are nearly collinear (a control and its square,
      // controls that barely vary within a city); if it is still moving after a few sweeps, try the
      // exact solution on the active set instead.
      for (let inner = 1; sweeps++ < MAX_SWEEPS && cd.sweep(lam, active) > thresh; inner++) {
        if (inner === SWEEPS_BEFORE_EXACT && cd.exactStep(lam)) break;
      }
    }
    out.push(toOriginalScale(cd.b, sc, cd.ybar));
  }
  return out;
}

/**
 * Coordinate descent in "covariance" form: it keeps the gradient g = Z'(y - ybar - Z b)/n and updates
 * it with the Gram column Z'z_j/n when b_j changes, so a sweep costs O(p) per changed coefficient
 * instead of O(n p). Gram columns are computed only for variables that ever enter the model.
 */
class CoordinateDescent {
  readonly b: Float64Array;
  readonly ybar: number;
  private readonly g: Float64Array;
  /** d[j] = z_j'z_j / n: 1 for a varying column, 0 for a constant one (which then stays at 0). */
  private readonly d: Float64Array;
  private readonly gram: (Float64Array | undefined)[];

  /** Z'(y - ybar)/n, the gradient at b = 0. */
  private readonly c: Float64Array;
  /**
   * Cholesky factor of the Gram block of the last exact step's active set, reused while that set stays;
   * `spare` holds the factor as it was while refreshFactor edits it, so a failed refresh can put it back.
   */
  private factor: ActiveFactor;
  private spare: ActiveFactor;
  /** exactStep's per-position scratch (start signs, current point, right-hand side, solution). */
  private readonly sgn: Float64Array;
  private readonly cur: Float64Array;
  private readonly rhs: Float64Array;
  private readonly x: Float64Array;

  constructor(private readonly Z: Matrix, private readonly sparse: SparseStd, y: ArrayLike<number>) {
    const n = Z.nrow, p = Z.ncol;
    this.ybar = meanSd(y).mean;
    this.b = new Float64Array(p);
    this.g = new Float64Array(p);
    this.c = new Float64Array(p);
    this.d = new Float64Array(p);
    this.gram = new Array(p).fill(undefined);
    for (let j = 0; j < p; j++) {
      let gy = 0, zz = 0;
      for (let i = 0; i < n; i++) { const z = Z.data[j * n + i]; gy += z * (y[i] - this.ybar); zz += z * z; }
      this.g[j] = this.c[j] = gy / n;
      this.d[j] = zz / n < 1e-12 ? 0 : zz / n;
    }
    this.factor = new ActiveFactor(p);
    this.spare = new ActiveFactor(p);
    this.sgn = new Float64Array(p);
    this.cur = new Float64Array(p);
    this.rhs = new Float64Array(p);
    this.x = new Float64Array(p);
  }

  /** z_k'z_j / n for all k. Every z_k is centred, so z_k'z_j = z_k'u_j: only the stored rows of column j count. */
  private gramColumn(j: number): Float64Array {
    let col = this.gram[j];
    if (!col) {
      const { nrow: n, ncol: p, data } = this.Z;
      const rows = this.sparse.idx[j], v = this.sparse.val[j];
      col = new Float64Array(p);
      for (let k = 0; k < p; k++) {
        const off = k * n;
        let s = 0;
        for (let t = 0; t < rows.length; t++) s += data[off + rows[t]] * v[t];
        col[k] = s / n;
      }
      this.gram[j] = col;
    }
    return col;
  }

  /**
   * Feature-sign search on the non-zero coefficients (set A, signs s): with s held fixed the lasso
   * solution solves G_AA x = c_A - lam s_A. If x has signs s, take it (the next full sweep then checks
   * the KKT conditions of the other coefficients). If not, move from b towards x up to the first
   * coefficient that reaches zero (the objective decreases along the way), drop it from A and solve
   * again. False, and b unchanged, if G_AA is numerically singular. Along the path's near-unpenalised
   * end A rarely changes, so the Cholesky factor is reused.
   */
  exactStep(lam: number): boolean {
    if (!this.refreshFactor()) return false;
    const { b, g, c, factor: f, sgn, cur, rhs, x } = this;
    const set = f.set;
    // sgn and cur are indexed by position in the factor, and shift down with it when a variable leaves.
    for (let t = 0; t < f.m; t++) { sgn[t] = Math.sign(b[set[t]]); cur[t] = b[set[t]]; }
    for (;;) {
      const m = f.m;
      for (let t = 0; t < m; t++) rhs[t] = c[set[t]] - lam * sgn[t];
      f.solve(rhs, x);
      let step = 1, hit = -1;
      for (let t = 0; t < m; t++) {
        if (Math.sign(x[t]) === sgn[t]) continue;
        const s = cur[t] / (cur[t] - x[t]);
        if (s < step) { step = s; hit = t; }
      }
      if (hit < 0) {
        for (let t = 0; t < m; t++) b[set[t]] = x[t];
        break;
      }
      for (let t = 0; t < m; t++) cur[t] = cur[t] + step * (x[t] - cur[t]);
      b[set[hit]] = 0; // it leaves A; b is not read again before the end
      f.drop(hit);
      sgn.copyWithin(hit, hit + 1, m);
      cur.copyWithin(hit, hit + 1, m);
    }
    g.set(c);
    for (let t = 0; t < f.m; t++) {
      const j = set[t], col = this.gramColumn(j);
      for (let k = 0; k < g.length; k++) g[k] -= b[j] * col[k];
    }
    return true;
  }

  /**
   * Brings the factor to the Gram block of the non-zero coefficients, in the factor's own order of the
   * variables: the variables that left are dropped (last position first) and those that entered appended
   * (in index order), each O(m^2), instead of a new O(m^3) factorisation whenever the set changes along
   * the path. False, with the factor left as it was, if the block is numerically singular.
   */
  private refreshFactor(): boolean {
    const { b } = this;
    if (this.factor.isSupportOf(b)) return true;
    this.spare.copyFrom(this.factor);
    const f = this.factor;
    for (let t = f.m - 1; t >= 0; t--) if (b[f.set[t]] === 0) f.drop(t);
    for (let j = 0; j < b.length; j++) {
      if (b[j] === 0 || f.pos[j] >= 0) continue;
      if (!f.append(this.gramColumn(j), j)) {
        [this.factor, this.spare] = [this.spare, f];
        return false;
      }
    }
    return true;
  }

  /** One pass over all coordinates (or only those listed); returns the largest d_j (change)^2. */
  sweep(lam: number, only: number[] | null): number {
    const { b, g, d } = this;
    let moved = 0;
    const count = only ? only.length : b.length;
    for (let t = 0; t < count; t++) {
      const j = only ? only[t] : t;
      if (d[j] === 0) continue;
      const z = d[j] * b[j] + g[j];
      const bNew = Math.sign(z) * Math.max(Math.abs(z) - lam, 0) / d[j];
      const delta = bNew - b[j];
      if (delta === 0) continue;
      const col = this.gramColumn(j);
      for (let k = 0; k < g.length; k++) g[k] -= delta * col[k];
      b[j] = bNew;
      moved = Math.max(moved, d[j] * delta * delta);
    }
    return moved;
  }
}

/**
 * A Cholesky factor L (L L' = G, row-major) of the Gram block G of the variables set[0..m), in that order.
 * L lives in one buffer with a fixed row stride (the number of variables, which bounds m) and is updated
 * in place, so growing and shrinking the set along the path allocates nothing once the buffer has grown.
 */
class ActiveFactor {
  /** The number of variables in the factor. */
  m = 0;
  readonly set: Int32Array;
  /** pos[j] is the position of variable j in set, or -1. */
  readonly pos: Int32Array;
  /**
   * Rows 0..m-1 of L, row i at i * stride. Rows are allocated as m grows rather than all p up front, so a
   * wide design whose active set stays small does not pay for a p x p buffer.
   */
  private L = new Float64Array(0);
  /** drop's scratch: the dropped column of L below the diagonal. */
  private readonly v: Float64Array;

  constructor(private readonly stride: number) {
    this.set = new Int32Array(stride);
    this.pos = new Int32Array(stride).fill(-1);
    this.v = new Float64Array(stride);
  }

  /** True if set holds exactly the variables with b_j !== 0. */
  isSupportOf(b: Float64Array): boolean {
    let nonzero = 0;
    for (let j = 0; j < b.length; j++) if (b[j] !== 0) nonzero++;
    if (nonzero !== this.m) return false;
    for (let t = 0; t < this.m; t++) if (b[this.set[t]] === 0) return false;
    return true;
  }

  /** Becomes a copy of o (same stride). */
  copyFrom(o: ActiveFactor): void {
    const s = this.stride;
    if (this.L.length < o.m * s) this.L = new Float64Array(o.L.length);
    for (let i = 0; i < o.m; i++) this.L.set(o.L.subarray(i * s, i * s + i + 1), i * s);
    this.set.set(o.set.subarray(0, o.m));
    this.pos.set(o.pos);
    this.m = o.m;
  }

  /**
   * Appends variable j given its Gram column: the new last row is l = L^-1 G[set, j] and sqrt(G[j, j] - l.l).
   * False, and the factor unchanged, when that pivot is too small relative to G[j, j] (near-collinear
   * columns: left to coordinate descent).
   */
  append(colJ: Float64Array, j: number): boolean {
    const { m, stride: s, set } = this;
    if (this.L.length < (m + 1) * s) this.growRows(m + 1);
    const L = this.L, row = m * s;
    let ss = 0;
    for (let i = 0; i < m; i++) {
      let v = colJ[set[i]];
      for (let k = 0; k < i; k++) v -= L[i * s + k] * L[row + k];
      v /= L[i * s + i];
      L[row + i] = v;
      ss += v * v;
    }
    const pivot = colJ[j] - ss;
    if (!(pivot > 1e-10 * colJ[j])) return false;
    L[row + m] = Math.sqrt(pivot);
    set[m] = j;
    this.pos[j] = m;
    this.m = m + 1;
    return true;
  }

  /** Room for at least `rows` rows: doubling, so appends stay amortised O(m^2). */
  private growRows(rows: number): void {
    const s = this.stride;
    const grown = new Float64Array(Math.min(s, Math.max(16, 2 * rows)) * s);
    grown.set(this.L);
    this.L = grown;
  }

  /**
   * Removes the variable at position t: the rows below t move up a row without their column t, and then
   * pick up that column by a rank-one update (Givens rotations), O(m^2) instead of O(m^3).
   */
  drop(t: number): void {
    const { m, stride: s, L, set, pos, v } = this;
    pos[set[t]] = -1;
    for (let i = t + 1; i < m; i++) {
      v[i - t - 1] = L[i * s + t];
      L.copyWithin((i - 1) * s, i * s, i * s + t);
      L.copyWithin((i - 1) * s + t, i * s + t + 1, i * s + i + 1);
      set[i - 1] = set[i];
      pos[set[i]] = i - 1;
    }
    const r = this.m = m - 1;
    for (let k = t; k < r; k++) {
      const lkk = L[k * s + k], vk = v[k - t];
      const rr = Math.hypot(lkk, vk), co = rr / lkk, si = vk / lkk;
      L[k * s + k] = rr;
      for (let i = k + 1; i < r; i++) {
        L[i * s + k] = (L[i * s + k] + si * v[i - t]) / co;
        v[i - t] = co * v[i - t] - si * L[i * s + k];
      }
    }
  }

  /** x (first m entries) with L L' x = r. */
  solve(r: Float64Array, x: Float64Array): void {
    const { m, stride: s, L } = this;
    for (let i = 0; i < m; i++) {
      let xi = r[i];
      for (let k = 0; k < i; k++) xi -= L[i * s + k] * x[k];
      x[i] = xi / L[i * s + i];
    }
    for (let i = m - 1; i >= 0; i--) {
      let xi = x[i];
      for (let k = i + 1; k < m; k++) xi -= L[k * s + i] * x[k];
      x[i] = xi / L[i * s + i];
    }
  }
}

function toOriginalScale(b: Float64Array, sc: Scaling, ybar: number): PathFit {
  const coef = new Float64Array(b.length);
  let intercept = ybar;
  for (let j = 0; j < b.length; j++) {
    coef[j] = b[j] / sc.scale[j];
    intercept -= coef[j] * sc.mean[j];
  }
  return { intercept, coef };
}

function linearPredict(X: Matrix, intercept: number, coef: Float64Array): Float64Array {
  const out = new Float64Array(X.nrow).fill(intercept);
  for (let j = 0; j < X.ncol; j++) {
    const c = coef[j];
    if (c === 0) continue;
    for (let i = 0; i < X.nrow; i++) out[i] += c * X.data[j * X.nrow + i];
  }
  return out;
}
