// Lasso regression: minimise (1/2n)||y - b0 - X b||^2 + lambda ||b||_1 with the features standardised
// (mean 0, population sd 1; glmnet's convention) and the intercept unpenalised. Cyclic coordinate
// descent (covariance form) with an active set, warm-started down a log-spaced lambda path; lambda
// chosen by seeded K-fold cross-validation (minimum CV error, or the one-standard-error rule).
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
  lambdaMinRatio?: number; // default 1e-3
  folds?: number;          // default 5
  rule?: "min" | "1se";    // default "min"
  /** Convergence: stop when no standardised coefficient moves by more than tol * sd(y) in a sweep. Default 1e-10. */
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
    const tol = this.opts.tol ?? 1e-10;
    let chosen: number;
    let lambdas: Float64Array;
    if (this.opts.lambda !== undefined) {
      chosen = this.opts.lambda;
      lambdas = Float64Array.of(chosen);
      this.path = undefined;
    } else {
      lambdas = lambdaPath(X, y, this.opts.nLambda ?? 100, this.opts.lambdaMinRatio ?? 1e-3);
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
    const n = X.nrow;
    const K = this.opts.folds ?? 5;
    if (!Number.isInteger(K) || K < 2 || K > n) throw new InputError(`lasso: folds must be an integer in 2..${n}, got ${K}`);
    const fold = assignFolds(n, K, this.opts.seed ?? 0);
    const L = lambdas.length;
    const foldMse: Float64Array[] = [];
    const foldSize: number[] = [];
    for (let k = 0; k < K; k++) {
      const { train, test } = splitFold(fold, k);
      const Xte = takeRows(X, test), yte = take(y, test);
      const fits = solvePath(takeRows(X, train), take(y, train), lambdas, tol);
      const mse = new Float64Array(L);
      fits.forEach((f, l) => {
        const pred = linearPredict(Xte, f.intercept, f.coef);
        let s = 0;
        for (let i = 0; i < test.length; i++) s += (yte[i] - pred[i]) ** 2;
        mse[l] = s / test.length;
      });
      foldMse.push(mse);
      foldSize.push(test.length);
    }
    // Fold-size-weighted mean and its standard error across folds, as glmnet's cv.glmnet.
    const cvMean = new Float64Array(L), cvSe = new Float64Array(L);
    for (let l = 0; l < L; l++) {
      let m = 0;
      for (let k = 0; k < K; k++) m += foldSize[k] * foldMse[k][l];
      m /= n;
      let v = 0;
      for (let k = 0; k < K; k++) v += foldSize[k] * (foldMse[k][l] - m) ** 2;
      cvMean[l] = m;
      cvSe[l] = Math.sqrt(v / n / (K - 1));
    }
    return { cvMean, cvSe };
  }

  predict(X: Matrix): Float64Array {
    checkPredict(X, this.ncol, "lasso");
    return linearPredict(X, this.intercept, this.coef);
  }

  clone(): Lasso {
    return new Lasso({ ...this.opts });
  }
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

interface PathFit { intercept: number; coef: Float64Array }

/** Lasso solutions (original scale) at each lambda of a decreasing sequence, warm-starting each from the last. */
export function solvePath(X: Matrix, y: ArrayLike<number>, lambdas: ArrayLike<number>, tol: number): PathFit[] {
  const sc = fitScaling(X);
  const cd = new CoordinateDescent(applyScaling(X, sc), y);
  const thresh = tol * Math.max(meanSd(y).sd, 1e-300);
  const out: PathFit[] = [];
  for (let l = 0; l < lambdas.length; l++) {
    const lam = lambdas[l];
    // Alternate a full sweep (which may grow the active set) with sweeps over the active set only,
    // until a full sweep changes nothing beyond the threshold.
    for (let outer = 0; outer < 10000; outer++) {
      if (cd.sweep(lam, null) <= thresh) break;
      const active: number[] = [];
      for (let j = 0; j < cd.b.length; j++) if (cd.b[j] !== 0) active.push(j);
      for (let inner = 0; inner < 100000; inner++) if (cd.sweep(lam, active) <= thresh) break;
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

  constructor(private readonly Z: Matrix, y: ArrayLike<number>) {
    const n = Z.nrow, p = Z.ncol;
    this.ybar = meanSd(y).mean;
    this.b = new Float64Array(p);
    this.g = new Float64Array(p);
    this.d = new Float64Array(p);
    this.gram = new Array(p).fill(undefined);
    for (let j = 0; j < p; j++) {
      let gy = 0, zz = 0;
      for (let i = 0; i < n; i++) { const z = Z.data[j * n + i]; gy += z * (y[i] - this.ybar); zz += z * z; }
      this.g[j] = gy / n;
      this.d[j] = zz / n < 1e-12 ? 0 : zz / n;
    }
  }

  private gramColumn(j: number): Float64Array {
    let col = this.gram[j];
    if (!col) {
      const { nrow: n, ncol: p, data } = this.Z;
      col = new Float64Array(p);
      for (let k = 0; k < p; k++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += data[k * n + i] * data[j * n + i];
        col[k] = s / n;
      }
      this.gram[j] = col;
    }
    return col;
  }

  /** One pass over all coordinates (or only those listed); returns the largest change, scaled by sqrt(d_j). */
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
      moved = Math.max(moved, Math.abs(delta) * Math.sqrt(d[j]));
    }
    return moved;
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
