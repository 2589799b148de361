import assert from "node:assert/strict";
import { test } from "node:test";
import { GradientBoostingClassifier, GradientBoostingRegressor } from "../../src/learners/gbm";
import { matrix } from "../../src/numeric/matrix";
import { meanAbsDiff, rSquared, sigmoid, simulate, simulateLogistic } from "./forest-helpers";

const f = (x: number[]): number => Math.sin(2 * x[0]) + x[1] ** 2;

test("boosting recovers sin(2 x1) + x2^2 close to the noise ceiling", async () => {
  const tr = simulate(1000, 5, f, 0.5, 1), te = simulate(2000, 5, f, 0.5, 2);
  const ceiling = rSquared(te.y, te.truth);
  const gbm = new GradientBoostingRegressor({ seed: 1 });
  await gbm.fit(tr.X, tr.y);
  const r2 = rSquared(te.y, gbm.predict(te.X));
  assert.ok(r2 > 0.85 && ceiling - r2 < 0.05, `held-out R^2 ${r2} vs ceiling ${ceiling}`);
});

test("one stump with learning rate 1 predicts the two group means (squared loss)", async () => {
  const x = [0, 0, 0, 1, 1, 1, 1], y = [1, 2, 6, 10, 11, 12, 15];
  const gbm = new GradientBoostingRegressor({ nRounds: 1, learningRate: 1, maxDepth: 1, minNodeSize: 1 });
  await gbm.fit(matrix(7, 1, Float64Array.from(x)), Float64Array.from(y));
  assert.deepEqual(Array.from(gbm.predict(matrix(2, 1, Float64Array.from([0, 1])))), [3, 12]);
});

test("one logistic Newton stump matches the hand-computed step", async () => {
  // Group x=0: y = 0,0,0,1; group x=1: y = 0,1,1,1,1,1. Base log-odds from the mean 6/10.
  const x = [0, 0, 0, 0, 1, 1, 1, 1, 1, 1], y = [0, 0, 0, 1, 0, 1, 1, 1, 1, 1];
  const base = Math.log(0.6 / 0.4), p0 = 0.6, h = p0 * (1 - p0);
  const step0 = (1 - 4 * p0) / (4 * h), step1 = (5 - 6 * p0) / (6 * h); // sum(y - p) / sum(p(1 - p))
  const gbm = new GradientBoostingClassifier({ nRounds: 1, learningRate: 0.5, maxDepth: 1, minNodeSize: 1 });
  await gbm.fit(matrix(10, 1, Float64Array.from(x)), Float64Array.from(y));
  const p = gbm.predictProba(matrix(2, 1, Float64Array.from([0, 1])));
  assert.ok(Math.abs(p[0] - sigmoid(base + 0.5 * step0)) < 1e-12);
  assert.ok(Math.abs(p[1] - sigmoid(base + 0.5 * step1)) < 1e-12);
});

test("boosted probabilities lie in [0, 1] and track the true logistic model", async () => {
  const tr = simulateLogistic(4000, 3), te = simulateLogistic(2000, 4);
  const gbm = new GradientBoostingClassifier({ seed: 3, subsample: 0.8 });
  await gbm.fit(tr.X, tr.y);
  const p = gbm.predictProba(te.X);
  assert.ok(p.every((v) => v >= 0 && v <= 1));
  const mae = meanAbsDiff(p, te.prob);
  assert.ok(mae < 0.05, `mean absolute error to true P(y=1): ${mae}`);
});

test("boosting is deterministic for a seed and changes with it when subsampling", async () => {
  const tr = simulate(500, 4, f, 0.5, 5);
  const run = async (seed: number): Promise<Float64Array> => {
    const g = new GradientBoostingRegressor({ seed, subsample: 0.5, nRounds: 30 });
    await g.fit(tr.X, tr.y);
    return g.predict(tr.X);
  };
  const a = await run(1);
  assert.deepEqual(await run(1), a);
  assert.notDeepEqual(await run(2), a);
});

test("boosting rejects bad input and settings", async () => {
  const X = matrix(3, 1, Float64Array.from([1, 2, 3]));
  assert.throws(() => new GradientBoostingClassifier({ nRounds: 0 }), /nRounds/);
  assert.throws(() => new GradientBoostingRegressor({ subsample: 1.5 }), /subsample/);
  await assert.rejects(new GradientBoostingClassifier().fit(X, Float64Array.from([0, 0, 0])), /constant/);
  await assert.rejects(new GradientBoostingRegressor().fit(X, Float64Array.from([0, NaN, 0])), /non-finite target/);
});
