// L1-penalised logistic regression, the classification sibling of the lasso (learner "lasso" for
// propensities): minimise -(1/n) loglik(b0, b) + lambda ||b||_1 on standardised features, intercept
// unpenalised. Outer loop: Newton's quadratic approximation of the log-likelihood (IRLS); inner loop:
// weighted coordinate descent. Same lambda path (lambda_max down to lambda_max * 1e-4 when n > p) and seeded
// K-fold cross-validation (binomial deviance) as the lasso regressor, warm-started along the path.
import { InputError } from "../errors";
import type { Matrix } from "../numeric/matrix";
import type { Classifier, LearnerOptions } from "./types";
import { crossValidatePath, defaultMinRatio, lambdaPath, pickLambda, sparseStandardised, type SparseStd } from "./lasso";
import { sigmoid } from "./logistic";
import { fitScaling } from "./standardise";
import { checkFit, checkPredict } from "./validate";

export interface LassoLogisticOptions extends LearnerOptions {
  /** Fix the penalty (on the standardised scale) and skip cross-validation. */
  lambda?: number;
  nLambda?: number;        // default 100
  lambdaMinRatio?: number; // default 1e-4 when n > p, else 1e-2 (glmnet's)
  folds?: number;          // default 5
  rule?: "min" | "1se";    // default "min"
  /** Convergence relative to the problem (glmnet's): see logisticPath. Default 1e-7. */
  tol?: number;
}

interface Fit { intercept: number; coef: Float64Array }

export class LassoLogistic implements Classifier {
  readonly name = "lasso";
  intercept = NaN;
  coef: Float64Array = new Float64Array(0);
  lambda = NaN;
  path: { lambda: Float64Array; cvMean: Float64Array; cvSe: Float64Array } | undefined;
  private ncol?: number;

  constructor(readonly opts: LassoLogisticOptions = {}) {
    if (opts.rule !== undefined && opts.rule !== "min" && opts.rule !== "1se") throw new InputError(`lasso (logistic): rule must be "min" or "1se", got ${String(opts.rule)}`);
    if (opts.lambda !== undefined && !(opts.lambda >= 0)) throw new InputError(`lasso (logistic): lambda must be >= 0, got ${opts.lambda}`);
  }

  async fit(X: Matrix, y: Float64Array): Promise<void> {
    checkFit(X, y, "classification", "lasso (logistic)");
    const tol = this.opts.tol ?? 1e-7;
    let lambdas: Float64Array;
    if (this.opts.lambda !== undefined) {
      lambdas = Float64Array.of(this.opts.lambda);
      this.path = undefined;
    } else {
      const all = lambdaPath(X, y, this.opts.nLambda ?? 100, this.opts.lambdaMinRatio ?? defaultMinRatio(X));
      const cv = this.crossValidate(X, y, all, tol);
      this.path = { lambda: all, ...cv };
      const chosen = all[pickLambda(cv.cvMean, cv.cvSe, this.opts.rule ?? "min")];
      lambdas = all.filter((l) => l >= chosen);
    }
    const fits = logisticPath(X, y, lambdas, tol);
    ({ intercept: this.intercept, coef: this.coef } = fits[fits.length - 1]);
    this.lambda = lambdas[lambdas.length - 1];
    this.ncol = X.ncol;
  }

  private crossValidate(X: Matrix, y: Float64Array, lambdas: Float64Array, tol: number) {
    return crossValidatePath(X, y, this.opts.folds ?? 5, this.opts.seed ?? 0, "lasso (logistic)",
      (Xtr, ytr, k) => {
        const ones = ytr.reduce((s, v) => s + v, 0);
        if (ones === 0 || ones === ytr.length) throw new InputError(`lasso (logistic): cross-validation fold ${k + 1} has one class only; too few rows of the rarer class`);
        return logisticPath(Xtr, ytr, lambdas, tol);
      },
      (f, Xte, yte) => {
        const p = probabilities(Xte, f);
        let s = 0;
        for (let i = 0; i < yte.length; i++) s -= 2 * Math.log(Math.max(yte[i] === 1 ? p[i] : 1 - p[i], 1e-15));
        return s / yte.length;
      });
  }

  predictProba(X: Matrix): Float64Array {
    checkPredict(X, this.ncol, "lasso (logistic)");
    return probabilities(X, this);
  }

  clone(): LassoLogistic {
    return new LassoLogistic({ ...this.opts });
  }
}

function probabilities(X: Matrix, f: Fit): Float64Array {
  const eta = new Float64Array(X.nrow).fill(f.intercept);
  for (let j = 0; j < X.ncol; j++) {
    const c = f.coef[j];
    if (c !== 0) for (let i = 0; i < X.nrow; i++) eta[i] += c * X.data[j * X.nrow + i];
  }
  return eta.map(sigmoid);
}

/** Sweeps allowed per quadratic approximation (glmnet's maxit), a guard against a stalled problem. */
const MAX_SWEEPS = 100000;

/**
 * Solutions (original scale) along a decreasing lambda sequence, each warm-started from the previous.
 * Coordinate descent runs over a candidate set from the sequential strong rule (Tibshirani et al. 2012):
 * features with |score| >= 2 lambda - lambda_prev; features outside it that violate the KKT condition
 * at the solution are added and the fit repeated, so the result is the exact lasso solution.
 * Convergence is relative to the problem, as in glmnet: no coordinate changes the linear predictor by
 * more than tol * (null deviance / n) in weighted mean square.
 */
export function logisticPath(X: Matrix, y: ArrayLike<number>, lambdas: ArrayLike<number>, tol: number): Fit[] {
  const sc = fitScaling(X);
  const cols = sparseStandardised(X, sc);
  const n = X.nrow, p = X.ncol;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i] / n;
  const thresh = tol * -2 * (ybar * Math.log(ybar) + (1 - ybar) * Math.log(1 - ybar));
  const state = { b0: Math.log(ybar / (1 - ybar)), b: new Float64Array(p), eta: new Float64Array(n).fill(Math.log(ybar / (1 - ybar))) };
  const out: Fit[] = [];
  let prev = lambdas.length ? lambdas[0] : 0;
  for (let l = 0; l < lambdas.length; l++) {
    const lam = lambdas[l];
    let g = scores(cols, y, state.eta);
    const inSet = new Uint8Array(p);
    for (let j = 0; j < p; j++) if (state.b[j] !== 0 || Math.abs(g[j]) >= 2 * lam - prev) inSet[j] = 1;
    for (;;) {
      const cand: number[] = [];
      for (let j = 0; j < p; j++) if (inSet[j]) cand.push(j);
      irls(cols, y, state, cand, lam, thresh);
      g = scores(cols, y, state.eta);
      let violated = false;
      for (let j = 0; j < p; j++) if (!inSet[j] && Math.abs(g[j]) > lam) { inSet[j] = 1; violated = true; }
      if (!violated) break;
    }
    prev = lam;
    const coef = new Float64Array(p);
    let intercept = state.b0;
    for (let j = 0; j < p; j++) { coef[j] = state.b[j] / sc.scale[j]; intercept -= coef[j] * sc.mean[j]; }
    out.push({ intercept, coef });
  }
  return out;
}

/** Log-likelihood score per observation, (1/n) z_j'(y - p), for every feature. */
function scores(c: SparseStd, y: ArrayLike<number>, eta: Float64Array): Float64Array {
  const n = c.n;
  const res = Float64Array.from(eta, (e, i) => y[i] - sigmoid(e));
  const total = res.reduce((s, v) => s + v, 0);
  return Float64Array.from(c.idx, (rows, j) => {
    const v = c.val[j];
    let s = c.off[j] * total;
    for (let t = 0; t < rows.length; t++) s += v[t] * res[rows[t]];
    return s / n;
  });
}

interface State { b0: number; b: Float64Array; eta: Float64Array }

/** Newton (IRLS) iterations on the candidate features until the coefficients settle. */
function irls(c: SparseStd, y: ArrayLike<number>, st: State, cand: number[], lam: number, thresh: number): void {
  const n = c.n;
  const w = new Float64Array(n), r = new Float64Array(n);
  for (let outer = 0; outer < 100; outer++) {
    // Quadratic approximation at the current fit. Clamping p only changes the weights, not the
    // fixed point: w (z - eta) = y - p exactly, so the converged solution solves the true problem.
    for (let i = 0; i < n; i++) {
      const mu = sigmoid(st.eta[i]);
      const mc = Math.min(Math.max(mu, 1e-5), 1 - 1e-5);
      w[i] = mc * (1 - mc);
      r[i] = (y[i] - mu) / w[i]; // working residual z - eta
    }
    if (weightedLasso(c, w, r, st, cand, lam, thresh) <= thresh) break;
  }
}

/**
 * Coordinate descent on (1/2n) sum w_i (r_i - change in eta_i)^2 + lam ||b||_1 over the candidate
 * features, updating b, b0 and eta in place; active-set sweeps between full ones. r and eta are held
 * as stored value + a shift common to all rows, so the offset of a sparse column costs O(1) and an
 * update touches only its stored rows. Returns the largest weighted mean-square change of the linear
 * predictor due to one coordinate (intercept included) between start and end.
 */
function weightedLasso(c: SparseStd, w: Float64Array, r: Float64Array, st: State, cand: number[], lam: number, thresh: number): number {
  const n = c.n;
  const { b, eta } = st;
  let W = 0;
  for (let i = 0; i < n; i++) W += w[i];
  // Per candidate: h_j = z_j'W z_j / n and wu_j = sum of w u_j over the stored rows.
  const h = new Map<number, number>(), wu = new Map<number, number>();
  for (const j of cand) {
    const rows = c.idx[j], v = c.val[j], o = c.off[j];
    let zz = 0, wsub = 0, su = 0;
    for (let t = 0; t < rows.length; t++) { const wi = w[rows[t]], z = v[t] + o; zz += wi * z * z; wsub += wi; su += wi * v[t]; }
    h.set(j, (zz + o * o * (W - wsub)) / n);
    wu.set(j, su);
  }
  const start = cand.map((j) => b[j]), b0Start = st.b0;
  let rShift = 0, etaShift = 0;
  const sweep = (list: number[]): number => {
    let swr = 0; // sum of w * stored r, recomputed each sweep so rounding cannot drift
    for (let i = 0; i < n; i++) swr += w[i] * r[i];
    // The unpenalised intercept: exact weighted-mean step.
    const d0 = (swr + rShift * W) / W;
    st.b0 += d0; rShift -= d0; etaShift += d0;
    let moved = (W / n) * d0 * d0;
    for (const j of list) {
      const hj = h.get(j)!;
      if (hj < 1e-12) continue;
      const rows = c.idx[j], v = c.val[j], o = c.off[j], wuj = wu.get(j)!;
      let dot = 0;
      for (let t = 0; t < rows.length; t++) dot += w[rows[t]] * v[t] * r[rows[t]];
      const g = (dot + rShift * wuj + o * (swr + rShift * W)) / n;
      const z = hj * b[j] + g;
      const bNew = Math.sign(z) * Math.max(Math.abs(z) - lam, 0) / hj;
      const delta = bNew - b[j];
      if (delta === 0) continue;
      for (let t = 0; t < rows.length; t++) { const dz = delta * v[t]; r[rows[t]] -= dz; eta[rows[t]] += dz; }
      rShift -= delta * o; etaShift += delta * o;
      swr -= delta * wuj;
      b[j] = bNew;
      moved = Math.max(moved, hj * delta * delta);
    }
    return moved;
  };
  for (let sweeps = 0; sweeps < MAX_SWEEPS;) {
    sweeps++;
    if (sweep(cand) <= thresh) break;
    const active = cand.filter((j) => b[j] !== 0);
    while (sweeps++ < MAX_SWEEPS && sweep(active) > thresh);
  }
  for (let i = 0; i < n; i++) { r[i] += rShift; eta[i] += etaShift; }
  let change = (W / n) * (st.b0 - b0Start) ** 2;
  cand.forEach((j, t) => { change = Math.max(change, h.get(j)! * (b[j] - start[t]) ** 2); });
  return change;
}
