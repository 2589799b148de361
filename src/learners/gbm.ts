// Gradient boosting on the same histogram trees as the forest, one round after another in-process.
// Regression: squared loss, each tree fits the residuals (leaf = mean residual). Classification:
// logistic loss, each tree is a Newton step (split and leaf from gradient and hessian, leaf =
// sum(y - p) / sum(p(1 - p))). Round r subsamples rows with deriveSeed(seed, r).
import type { Matrix } from "../numeric/matrix";
import { deriveSeed, makeRng } from "../numeric/rng";
import { sampleRows } from "./bagging";
import { binMatrixCached } from "./binning";
import { growTree, predictBinnedRow, predictRow, type FlatTree } from "./tree";
import { isFraction, isPosInt, numOption, resolveMtry } from "./tree-options";
import type { Classifier, LearnerOptions, Regressor } from "./types";
import { checkFit, checkPredict, type FitKind } from "./validate";

export interface GbmOptions extends LearnerOptions {
  nRounds?: number;
  learningRate?: number;
  maxDepth?: number;
  /** Fraction of rows drawn (without replacement) for each round's tree. */
  subsample?: number;
  /** Smallest leaf (rows). */
  minNodeSize?: number;
  /** Features tried per split: a count or a fraction of p (default all). */
  mtry?: number;
  maxBins?: number;
}

abstract class Boosting {
  abstract readonly name: string;
  private trees: FlatTree[] = [];
  private base = 0;
  private ncol: number | undefined;

  constructor(protected readonly opts: GbmOptions, private readonly kind: FitKind) {
    this.settings(1);
  }

  private who(): string {
    return this.kind === "regression" ? "GradientBoostingRegressor" : "GradientBoostingClassifier";
  }

  private settings(p: number) {
    const o = this.opts, who = this.who();
    return {
      nRounds: numOption(o, "nRounds", 100, isPosInt, "an integer >= 1", who),
      learningRate: numOption(o, "learningRate", 0.1, (v) => v > 0 && v <= 1, "in (0, 1]", who),
      subsample: numOption(o, "subsample", 1, isFraction, "in (0, 1]", who),
      maxBins: numOption(o, "maxBins", 255, (v) => Number.isInteger(v) && v >= 2 && v <= 256, "an integer in 2..256", who),
      seed: numOption(o, "seed", 1, Number.isFinite, "a finite number", who),
      params: {
        mtry: resolveMtry(o.mtry, p, p, who),
        minNodeSize: numOption(o, "minNodeSize", 5, isPosInt, "an integer >= 1", who),
        maxDepth: numOption(o, "maxDepth", 3, (v) => v === Infinity || (Number.isInteger(v) && v >= 1), "an integer >= 1", who),
      },
    };
  }

  async fit(X: Matrix, y: Float64Array): Promise<void> {
    const who = this.who();
    checkFit(X, y, this.kind, who);
    const s = this.settings(X.ncol);
    const n = X.nrow;
    const data = binMatrixCached(X, s.maxBins);
    const logistic = this.kind === "classification";
    let mean = 0;
    for (let i = 0; i < n; i++) mean += y[i] / n;
    this.base = logistic ? Math.log(mean / (1 - mean)) : mean;
    const F = new Float64Array(n).fill(this.base);
    const num = new Float64Array(n), den = new Float64Array(n).fill(1);
    this.trees = [];
    for (let r = 0; r < s.nRounds; r++) {
      for (let i = 0; i < n; i++) {
        if (logistic) {
          const p = sigmoid(F[i]);
          num[i] = y[i] - p;
          den[i] = Math.max(p * (1 - p), 1e-12); // guards a leaf of rows already fitted to certainty
        } else {
          num[i] = y[i] - F[i];
        }
      }
      const rng = makeRng(deriveSeed(s.seed, r));
      const rows = sampleRows(n, s.subsample, false, rng);
      const tree = growTree(data, rows, num, den, s.params, rng);
      for (let k = 0; k < tree.value.length; k++) tree.value[k] *= s.learningRate;
      for (let i = 0; i < n; i++) F[i] += predictBinnedRow(tree, data, i);
      this.trees.push(tree);
    }
    this.ncol = X.ncol;
  }

  /** Base score plus the sum of the (shrunken) trees: the prediction, or the log-odds. */
  protected score(X: Matrix): Float64Array {
    checkPredict(X, this.ncol, this.who());
    const out = new Float64Array(X.nrow).fill(this.base);
    for (const tree of this.trees) {
      for (let i = 0; i < X.nrow; i++) out[i] += predictRow(tree, X.data, X.nrow, i);
    }
    return out;
  }
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export class GradientBoostingRegressor extends Boosting implements Regressor {
  readonly name = "gbm";
  constructor(opts: GbmOptions = {}) {
    super({ ...opts }, "regression");
  }
  predict(X: Matrix): Float64Array {
    return this.score(X);
  }
  clone(): GradientBoostingRegressor {
    return new GradientBoostingRegressor(this.opts);
  }
}

export class GradientBoostingClassifier extends Boosting implements Classifier {
  readonly name = "gbm";
  constructor(opts: GbmOptions = {}) {
    super({ ...opts }, "classification");
  }
  predictProba(X: Matrix): Float64Array {
    return this.score(X).map(sigmoid);
  }
  clone(): GradientBoostingClassifier {
    return new GradientBoostingClassifier(this.opts);
  }
}
