// The learner interface DML relies on: fit on a design matrix, predict on new rows, clone unfitted.
// fit is async because the forest fits its trees in worker threads.
import type { Matrix } from "../numeric/matrix";

export interface Regressor {
  readonly name: string;
  fit(X: Matrix, y: Float64Array): Promise<void>;
  predict(X: Matrix): Float64Array;
  /** An unfitted copy with the same settings and seed. */
  clone(): Regressor;
}

export interface Classifier {
  readonly name: string;
  /** y holds 0 and 1 only. */
  fit(X: Matrix, y: Float64Array): Promise<void>;
  /** P(y = 1 | x) for each row, in [0, 1]. */
  predictProba(X: Matrix): Float64Array;
  clone(): Classifier;
}

export type LearnerName = "rf" | "lasso" | "gbm" | "svm" | "ols" | "mlrf";
export type ClassifierName = LearnerName | "logit";

/** Settings common to all learners; each learner reads its own extra keys and ignores the rest. */
export interface LearnerOptions {
  seed?: number;
  /** Worker threads for learners that use them (forest, boosting); results never depend on it. */
  threads?: number;
  [setting: string]: unknown;
}
