// Ordinary least squares with an intercept, for exact DML checks. Solved by pivoted Householder QR
// (qr.ts), so collinear dummy sets are handled like R's lm: aliased columns get coefficient 0 and the
// fitted values equal those of any full-rank reparametrisation.
import type { Matrix } from "../numeric/matrix";
import type { Classifier, LearnerOptions, Regressor } from "./types";
import { leastSquaresQR } from "./qr";
import { checkFit, checkPredict } from "./validate";

export interface OlsOptions extends LearnerOptions {
  /** Relative rank tolerance of the QR (R's default 1e-7). */
  tol?: number;
}

export class OLS implements Regressor {
  readonly name = "ols";
  intercept = NaN;
  /** Slope per column of X; 0 where the column is aliased. */
  coef: Float64Array = new Float64Array(0);
  aliased: boolean[] = [];
  rank = 0;
  private ncol?: number;

  constructor(readonly opts: OlsOptions = {}) {}

  async fit(X: Matrix, y: Float64Array): Promise<void> {
    this.fitSync(X, y);
  }

  /** Synchronous fit, for callers (tests, the linear probability model) that need no await. */
  fitSync(X: Matrix, y: ArrayLike<number>): void {
    checkFit(X, y, "regression", "ols");
    const n = X.nrow, p = X.ncol;
    // Intercept first so that it is always kept and a dummy, not the constant, is the aliased column.
    const A = new Float64Array(n * (p + 1));
    A.fill(1, 0, n);
    A.set(X.data, n);
    const fit = leastSquaresQR(n, p + 1, A, y, this.opts.tol ?? 1e-7);
    this.intercept = fit.coef[0];
    this.coef = fit.coef.slice(1);
    this.aliased = fit.aliased.slice(1);
    this.rank = fit.rank;
    this.ncol = p;
  }

  predict(X: Matrix): Float64Array {
    checkPredict(X, this.ncol, "ols");
    const out = new Float64Array(X.nrow).fill(this.intercept);
    for (let j = 0; j < X.ncol; j++) {
      const b = this.coef[j];
      if (b === 0) continue;
      const off = j * X.nrow;
      for (let i = 0; i < X.nrow; i++) out[i] += b * X.data[off + i];
    }
    return out;
  }

  clone(): OLS {
    return new OLS({ ...this.opts });
  }
}

/** The linear probability model: OLS of the 0/1 target, predictions clipped to [0, 1]. */
export class LinearProbabilityClassifier implements Classifier {
  readonly name = "ols";
  private readonly ols: OLS;

  constructor(readonly opts: OlsOptions = {}) {
    this.ols = new OLS(opts);
  }

  async fit(X: Matrix, y: Float64Array): Promise<void> {
    checkFit(X, y, "classification", "ols (linear probability)");
    this.ols.fitSync(X, y);
  }

  predictProba(X: Matrix): Float64Array {
    return this.ols.predict(X).map((p) => Math.min(1, Math.max(0, p)));
  }

  clone(): LinearProbabilityClassifier {
    return new LinearProbabilityClassifier({ ...this.opts });
  }
}
