// Logistic regression with an intercept, by Newton's method (IRLS) with step halving. Each Newton step
// is a weighted least-squares solve by pivoted QR, so collinear dummies are dropped rather than making
// the Hessian singular. Optional L2 penalty (l2/2)||b||^2 per observation on standardised features,
// intercept unpenalised. Unpenalised fits under (quasi-)separation diverge; that is detected and
// reported (once per process) as a warning, and the predictions are then near 0/1 (use l2 > 0 to avoid it).
import { InputError } from "../errors";
import type { Matrix } from "../numeric/matrix";
import type { Classifier, LearnerOptions } from "./types";
import { leastSquaresQR } from "./qr";
import { applyScaling, fitScaling } from "./standardise";
import { checkFit, checkPredict } from "./validate";

export interface LogisticOptions extends LearnerOptions {
  /** L2 penalty on the standardised coefficients; default 0 (plain maximum likelihood). */
  l2?: number;
  maxIter?: number; // default 100
  /** Relative change in the penalised deviance that counts as converged; default 1e-10. */
  tol?: number;
}

let warnedSeparation = false;

export class LogisticRegression implements Classifier {
  readonly name = "logit";
  intercept = NaN;
  coef: Float64Array = new Float64Array(0);
  iterations = 0;
  converged = false;
  /** True when the fit looks separated: probabilities pinned at 0/1 and coefficients still growing. */
  separated = false;
  private ncol?: number;

  constructor(readonly opts: LogisticOptions = {}) {
    if (opts.l2 !== undefined && !(opts.l2 >= 0)) throw new InputError(`logit: l2 must be >= 0, got ${opts.l2}`);
  }

  async fit(X: Matrix, y: Float64Array): Promise<void> {
    checkFit(X, y, "classification", "logit");
    const n = X.nrow, p = X.ncol;
    const l2 = this.opts.l2 ?? 0, maxIter = this.opts.maxIter ?? 100, tol = this.opts.tol ?? 1e-10;
    const sc = fitScaling(X);
    const Z = applyScaling(X, sc);
    // Design [1, Z] plus, for the ridge, p extra rows sqrt(n*l2)*I with target 0 (data augmentation).
    const extra = l2 > 0 ? p : 0;
    const rows = n + extra;
    const ridge = Math.sqrt(n * l2);
    const objective = (beta: Float64Array): number => {
      const eta = linear(Z, beta);
      let dev = 0;
      for (let i = 0; i < n; i++) dev += logLoss(eta[i], y[i]);
      let pen = 0;
      for (let j = 1; j <= p; j++) pen += beta[j] * beta[j];
      return dev + 0.5 * n * l2 * pen;
    };
    let beta = new Float64Array(p + 1);
    const ybar = y.reduce((s, v) => s + v, 0) / n;
    beta[0] = Math.log(ybar / (1 - ybar));
    let obj = objective(beta);
    this.converged = false;
    let it = 0;
    for (; it < maxIter && !this.converged; it++) {
      const eta = linear(Z, beta);
      const A = new Float64Array(rows * (p + 1));
      const t = new Float64Array(rows);
      for (let i = 0; i < n; i++) {
        const mu = sigmoid(eta[i]);
        const w = Math.max(mu * (1 - mu), 1e-12);
        const sw = Math.sqrt(w);
        t[i] = sw * eta[i] + (y[i] - mu) / sw; // sqrt(w) * working response
        A[i] = sw;
        for (let j = 0; j < p; j++) A[(j + 1) * rows + i] = sw * Z.data[j * n + i];
      }
      for (let j = 0; j < extra; j++) A[(j + 1) * rows + n + j] = ridge;
      let next = leastSquaresQR(rows, p + 1, A, t).coef;
      let nextObj = objective(next);
      // Step halving: Newton steps can overshoot far from the optimum.
      for (let h = 0; h < 30 && !(nextObj <= obj); h++) {
        next = next.map((v, j) => 0.5 * (v + beta[j]));
        nextObj = objective(next);
      }
      if (!(nextObj <= obj)) { this.converged = true; break; } // no descent left: at the optimum to rounding
      this.converged = Math.abs(obj - nextObj) <= tol * (Math.abs(nextObj) + 0.1);
      beta = next;
      obj = nextObj;
    }
    this.iterations = it;
    const eta = linear(Z, beta);
    this.separated = l2 === 0 && eta.some((e) => Math.abs(e) > 30);
    if (this.separated && !warnedSeparation) {
      warnedSeparation = true; // once per process: DML refits the same model on every fold
      process.emitWarning("logit: the classes look (quasi-)separated; coefficients diverge and probabilities are near 0/1. Consider l2 > 0.");
    }
    // Back to the original feature scale.
    this.coef = new Float64Array(p);
    this.intercept = beta[0];
    for (let j = 0; j < p; j++) {
      this.coef[j] = beta[j + 1] / sc.scale[j];
      this.intercept -= this.coef[j] * sc.mean[j];
    }
    this.ncol = p;
  }

  predictProba(X: Matrix): Float64Array {
    checkPredict(X, this.ncol, "logit");
    const out = new Float64Array(X.nrow).fill(this.intercept);
    for (let j = 0; j < X.ncol; j++) {
      const c = this.coef[j];
      for (let i = 0; i < X.nrow; i++) out[i] += c * X.data[j * X.nrow + i];
    }
    return out.map(sigmoid);
  }

  clone(): LogisticRegression {
    return new LogisticRegression({ ...this.opts });
  }
}

function linear(Z: Matrix, beta: Float64Array): Float64Array {
  const out = new Float64Array(Z.nrow).fill(beta[0]);
  for (let j = 0; j < Z.ncol; j++) {
    const c = beta[j + 1];
    for (let i = 0; i < Z.nrow; i++) out[i] += c * Z.data[j * Z.nrow + i];
  }
  return out;
}

export function sigmoid(e: number): number {
  return e >= 0 ? 1 / (1 + Math.exp(-e)) : Math.exp(e) / (1 + Math.exp(e));
}

/** -log P(y | eta), computed stably: log(1 + exp(eta)) - y * eta. */
function logLoss(eta: number, y: number): number {
  const softplus = eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
  return softplus - y * eta;
}
