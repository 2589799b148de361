// Random forests on histogram trees (ranger-style defaults). Tree t draws its rows and split
// features from deriveSeed(seed, t), so predictions are bitwise identical for any thread count.
// The classifier is a probability forest: regression trees on the 0/1 target (variance = Gini) whose
// leaf means are averaged, so P(y = 1) lies in [0, 1].
import type { Matrix } from "../numeric/matrix";
import { growForestTree, type ForestTreeParams } from "./bagging";
import { binMatrixCached } from "./binning";
import { growTreesInWorkers } from "./pool";
import { checkTreeRows, predictRow, type FlatTree } from "./tree";
import { defaultThreads, isFraction, isPosInt, numOption, resolveMtry } from "./tree-options";
import type { Classifier, LearnerOptions, Regressor } from "./types";
import { checkFit, checkPredict, type FitKind } from "./validate";

export interface ForestOptions extends LearnerOptions {
  nTrees?: number;
  /** Features tried per split: a count, or a fraction of p. */
  mtry?: number;
  /** Smallest leaf (rows of the tree's sample). */
  minNodeSize?: number;
  maxDepth?: number;
  sampleFraction?: number;
  replace?: boolean;
  maxBins?: number;
}

abstract class Forest {
  abstract readonly name: string;
  protected trees: FlatTree[] = [];
  protected ncol: number | undefined;

  constructor(protected readonly opts: ForestOptions, private readonly kind: FitKind) {
    this.settings(1); // fail on bad settings now, not at the first fit
  }

  private settings(p: number): { params: ForestTreeParams; nTrees: number; maxBins: number; seed: number; threads: number } {
    const o = this.opts, who = this.kindName();
    const regression = this.kind === "regression";
    const replace = o.replace ?? true;
    if (typeof replace !== "boolean") throw new Error(`${who}: option replace must be true or false`);
    return {
      params: {
        mtry: resolveMtry(o.mtry, p, regression ? Math.floor(p / 3) : Math.floor(Math.sqrt(p)), who),
        minNodeSize: numOption(o, "minNodeSize", regression ? 5 : 1, isPosInt, "an integer >= 1", who),
        maxDepth: numOption(o, "maxDepth", Infinity, (v) => v === Infinity || (Number.isInteger(v) && v >= 0), "an integer >= 0", who),
        sampleFraction: numOption(o, "sampleFraction", 1, replace ? (v) => v > 0 : isFraction, replace ? "> 0" : "in (0, 1]", who),
        replace,
      },
      nTrees: numOption(o, "nTrees", 100, isPosInt, "an integer >= 1", who),
      maxBins: numOption(o, "maxBins", 255, (v) => Number.isInteger(v) && v >= 2 && v <= 256, "an integer in 2..256", who),
      seed: numOption(o, "seed", 1, Number.isFinite, "a finite number", who),
      threads: numOption(o, "threads", defaultThreads(), isPosInt, "an integer >= 1", who),
    };
  }

  private kindName(): string {
    return this.kind === "regression" ? "RandomForestRegressor" : "RandomForestClassifier";
  }

  async fit(X: Matrix, y: Float64Array): Promise<void> {
    const who = this.kindName();
    checkFit(X, y, this.kind, who);
    checkTreeRows(X.nrow);
    const s = this.settings(X.ncol);
    const data = binMatrixCached(X, s.maxBins);
    const yy = Float64Array.from(y);
    if (s.threads === 1) {
      this.trees = Array.from({ length: s.nTrees }, (_, t) => growForestTree(data, yy, s.params, s.seed, t));
    } else {
      this.trees = await growTreesInWorkers(data, yy, s.params, s.seed, s.nTrees, s.threads);
    }
    this.ncol = X.ncol;
  }

  /** Mean over trees of each row's leaf value. */
  protected average(X: Matrix): Float64Array {
    checkPredict(X, this.ncol, this.kindName());
    const out = new Float64Array(X.nrow);
    for (const tree of this.trees) {
      for (let i = 0; i < X.nrow; i++) out[i] += predictRow(tree, X.data, X.nrow, i);
    }
    for (let i = 0; i < X.nrow; i++) out[i] /= this.trees.length;
    return out;
  }
}

export class RandomForestRegressor extends Forest implements Regressor {
  readonly name = "rf";
  constructor(opts: ForestOptions = {}) {
    super({ ...opts }, "regression");
  }
  predict(X: Matrix): Float64Array {
    return this.average(X);
  }
  clone(): RandomForestRegressor {
    return new RandomForestRegressor(this.opts);
  }
}

export class RandomForestClassifier extends Forest implements Classifier {
  readonly name = "rf";
  constructor(opts: ForestOptions = {}) {
    super({ ...opts }, "classification");
  }
  predictProba(X: Matrix): Float64Array {
    return this.average(X);
  }
  clone(): RandomForestClassifier {
    return new RandomForestClassifier(this.opts);
  }
}
