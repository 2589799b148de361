// Adapter for the ml-random-forest package (the forest the project started from), selectable as
// learner "mlrf" to cross-check our own forest. Note its design differs from a textbook forest: it
// draws a feature subset once per TREE (not per split) and grows CART trees by ml-cart. Seeded.
// Classifier probabilities are the share of tree votes for class 1, computed here from the
// per-tree predictions (the package's predictProbability drops the first tree's vote).
import { InputError } from "../errors";
import type { Matrix } from "../numeric/matrix";
import type { Classifier, LearnerOptions, Regressor } from "./types";
import { checkFit, checkPredict } from "./validate";

export interface MlrfOptions extends LearnerOptions {
  nTrees?: number;      // default 50, as the package (it is slow: minutes for 100 trees at n = 3000)
  /** Features per tree; default max(1, floor(p/3)) for regression, max(1, floor(sqrt(p))) for classification. */
  mtry?: number;
  /** Smallest node ml-cart will split; default 5 (regression) or 1 (classification), as randomForest. */
  minNodeSize?: number;
  maxDepth?: number;    // default unlimited
}

interface MlForest {
  train(X: number[][], y: number[]): void;
  predict(X: number[][]): number[];
  predictionValues(X: number[][]): { rows: number; getRow(i: number): number[] };
}
interface MlModule {
  RandomForestRegression: new (o: Record<string, unknown>) => MlForest;
  RandomForestClassifier: new (o: Record<string, unknown>) => MlForest;
}

function rowsOf(X: Matrix): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < X.nrow; i++) {
    const r = new Array<number>(X.ncol);
    for (let j = 0; j < X.ncol; j++) r[j] = X.data[j * X.nrow + i];
    rows.push(r);
  }
  return rows;
}

function forestOptions(opts: MlrfOptions, p: number, kind: "regression" | "classification"): Record<string, unknown> {
  const nTrees = opts.nTrees ?? 50;
  const mtry = opts.mtry ?? Math.max(1, Math.floor(kind === "regression" ? p / 3 : Math.sqrt(p)));
  if (!Number.isInteger(nTrees) || nTrees < 1) throw new InputError(`mlrf: nTrees must be a positive integer, got ${nTrees}`);
  if (!Number.isInteger(mtry) || mtry < 1 || mtry > p) throw new InputError(`mlrf: mtry must be an integer in 1..${p}, got ${mtry}`);
  const seed = opts.seed ?? 0;
  if (!Number.isInteger(seed)) throw new InputError(`mlrf: seed must be an integer, got ${seed}`);
  return {
    nEstimators: nTrees,
    // The package reads a value in (0, 1] as a fraction and floors p * fraction, so ask for mtry + 0.5.
    maxFeatures: mtry === p ? 1.0 : (mtry + 0.5) / p,
    replacement: false,
    useSampleBagging: true,
    noOOB: true,
    seed,
    treeOptions: {
      minNumSamples: opts.minNodeSize ?? (kind === "regression" ? 5 : 1),
      ...(opts.maxDepth !== undefined ? { maxDepth: opts.maxDepth } : {}),
    },
  };
}

function mlModule(): MlModule {
  return require("ml-random-forest") as MlModule;
}

export class MlRandomForestRegressor implements Regressor {
  readonly name = "mlrf";
  private forest?: MlForest;
  private ncol?: number;

  constructor(readonly opts: MlrfOptions = {}) {}

  async fit(X: Matrix, y: Float64Array): Promise<void> {
    checkFit(X, y, "regression", "mlrf");
    const f = new (mlModule().RandomForestRegression)({ ...forestOptions(this.opts, X.ncol, "regression"), selectionMethod: "mean" });
    f.train(rowsOf(X), Array.from(y));
    this.forest = f;
    this.ncol = X.ncol;
  }

  predict(X: Matrix): Float64Array {
    checkPredict(X, this.ncol, "mlrf");
    return Float64Array.from(this.forest!.predict(rowsOf(X)));
  }

  clone(): MlRandomForestRegressor {
    return new MlRandomForestRegressor({ ...this.opts });
  }
}

export class MlRandomForestClassifier implements Classifier {
  readonly name = "mlrf";
  private forest?: MlForest;
  private ncol?: number;

  constructor(readonly opts: MlrfOptions = {}) {}

  async fit(X: Matrix, y: Float64Array): Promise<void> {
    checkFit(X, y, "classification", "mlrf");
    const f = new (mlModule().RandomForestClassifier)(forestOptions(this.opts, X.ncol, "classification"));
    f.train(rowsOf(X), Array.from(y));
    this.forest = f;
    this.ncol = X.ncol;
  }

  predictProba(X: Matrix): Float64Array {
    checkPredict(X, this.ncol, "mlrf");
    const votes = this.forest!.predictionValues(rowsOf(X));
    const out = new Float64Array(X.nrow);
    for (let i = 0; i < X.nrow; i++) {
      const row = votes.getRow(i);
      let ones = 0;
      for (const v of row) if (v === 1) ones++;
      out[i] = ones / row.length;
    }
    return out;
  }

  clone(): MlRandomForestClassifier {
    return new MlRandomForestClassifier({ ...this.opts });
  }
}
