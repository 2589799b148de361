// Cross-fitting: each fold's predictions come from a fresh clone of the learner fit on the other
// folds, so no observation is predicted by a model that saw it. A fit this process has already made
// (same learner recipe, X, target, folds, rows) is taken from crossfit-cache.ts instead of repeated.
import { learnerRecipe } from "../learners";
import type { Classifier, Regressor } from "../learners/types";
import { takeRows, take, type Matrix } from "../numeric/matrix";
import { cachedCrossFit, storeCrossFit, type CrossFitKey } from "./crossfit-cache";
import { splitFold, type Folds } from "./folds";

export interface FitContext {
  folds: Folds;
  /** Called once after every single fit (progress reporting). */
  tick(label: string): void;
}

/**
 * Out-of-fold predictions of `target` from X. With `within`, the learner is trained only on the
 * training rows where within(i) is true (e.g. the untreated, for IRM's g0) but predicts every test row.
 */
export async function crossFit(
  proto: Regressor | Classifier,
  X: Matrix,
  target: Float64Array,
  ctx: FitContext,
  label: string,
  within?: (i: number) => boolean,
): Promise<Float64Array> {
  const recipe = learnerRecipe(proto);
  // The training rows `within` keeps, read once: the cache's key and every fold's training rows.
  const mask = within ? Uint8Array.from({ length: X.nrow }, (_, i) => (within(i) ? 1 : 0)) : null;
  const key: CrossFitKey | undefined = recipe === undefined ? undefined : { recipe, X, target, folds: ctx.folds, mask };
  const reused = key && cachedCrossFit(key);
  if (reused) {
    for (let f = 0; f < ctx.folds.k; f++) ctx.tick(`${label} fold ${f + 1}/${ctx.folds.k} (reused)`);
    return reused;
  }
  const out = new Float64Array(X.nrow);
  for (let f = 0; f < ctx.folds.k; f++) {
    const { train, test } = splitFold(ctx.folds, f);
    const rows = mask ? train.filter((i) => mask[i] === 1) : train;
    const model = proto.clone();
    const Xtrain = mask ? takeRows(X, rows) : foldMatrix(X, ctx.folds, f, "train", train);
    await model.fit(Xtrain, take(target, rows));
    const Xt = foldMatrix(X, ctx.folds, f, "test", test);
    const pred = "predictProba" in model ? model.predictProba(Xt) : model.predict(Xt);
    test.forEach((i, k) => (out[i] = pred[k]));
    ctx.tick(`${label} fold ${f + 1}/${ctx.folds.k}`);
  }
  if (key) storeCrossFit(key, out);
  return out;
}

/**
 * The rows of X in one fold's training or test part. The nuisances of a model (l and m of PLR, ...) are
 * cross-fitted on the same X and folds one after the other, so the parts of the latest (X, folds) are
 * kept for the next nuisance instead of copied again; any other X or folds replaces them.
 */
function foldMatrix(X: Matrix, folds: Folds, f: number, part: "train" | "test", rows: Int32Array): Matrix {
  if (latest?.X !== X || latest.folds !== folds) latest = { X, folds, parts: new Map() };
  const key = `${part}${f}`;
  let m = latest.parts.get(key);
  if (!m) latest.parts.set(key, (m = takeRows(X, rows)));
  return m;
}

let latest: { X: Matrix; folds: Folds; parts: Map<string, Matrix> } | undefined;
