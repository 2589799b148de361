// The cross-fit cache: a repeated fit is taken from it only when learner recipe, X, target, folds and
// training rows are all the same, and what it returns is exactly what computing the fit gives.
import { test, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { dml, type DmlOptions } from "../../src/dml";
import { crossFit } from "../../src/dml/crossfit";
import { crossFitCacheCounts, setCrossFitCache } from "../../src/dml/crossfit-cache";
import { learnerRecipe, makeClassifier, makeRegressor, OLS } from "../../src/learners";
import { fromColumns } from "../../src/numeric/matrix";
import { simulatePanel } from "./helpers";

const data = simulatePanel(30, 6);
const base: DmlOptions = { data, y: "Yiv", d: "Dend", x: ["Gdp", "Pas", "Fin"], learner: "rf", learnerOptions: { nTrees: 10, threads: 1 }, seed: 5 };

beforeEach(() => setCrossFitCache(true));

test("PLIV after PLR on one design reuses E[Y|X] and E[D|X], and gives to the last digit what computing them gives", async () => {
  const plr = await dml(base);
  assert.deepEqual(crossFitCacheCounts(), { hits: 0, misses: 2 });
  const iv = await dml({ ...base, model: "pliv", z: "IV_relief" });
  assert.deepEqual(crossFitCacheCounts(), { hits: 2, misses: 3 }, "l and r reused, m (Z on X) fitted");
  const p = plr.predictions[0][0].preds, q = iv.predictions[0][0].preds;
  assert.deepEqual(q.l_hat, p.l_hat);
  assert.deepEqual(q.r_hat, p.m_hat);

  setCrossFitCache(false);
  const computed = await dml({ ...base, model: "pliv", z: "IV_relief" });
  assert.deepEqual(crossFitCacheCounts(), { hits: 0, misses: 0 }, "off: not even looked up");
  assert.deepEqual(computed.toJSON(), iv.toJSON());
  assert.deepEqual(computed.predictions[0][0].preds, q);
});

test("a change in the target, X, the folds, the learner's options or the training rows is a miss; the thread count is not", async () => {
  const fits: [string, DmlOptions][] = [
    ["first", base],
    ["two threads", { ...base, learnerOptions: { nTrees: 10, threads: 2 } }],
    ["another outcome: m reused", { ...base, y: "FI" }],
    ["another X", { ...base, x: ["Gdp", "Pas"] }],
    ["other folds", { ...base, seed: 6 }],
    ["other options", { ...base, learnerOptions: { nTrees: 11, threads: 1 } }],
  ];
  const hits: number[] = [];
  for (const [, o] of fits) {
    const before = crossFitCacheCounts().hits;
    await dml(o);
    hits.push(crossFitCacheCounts().hits - before);
  }
  assert.deepEqual(hits, [0, 2, 1, 0, 0, 0], fits.map(([label]) => label).join(", "));

  // IRM's g0 and g1 fit the same learner, X and target on other rows (untreated, treated): two fits.
  const binary = { ...base, d: "Bigdata", y: "FI" };
  const before = crossFitCacheCounts();
  await dml({ ...binary, model: "irm" });
  const after = crossFitCacheCounts();
  assert.equal(after.hits - before.hits, 0);
  assert.equal(after.misses - before.misses, 3);
});

test("learners given as instances are never cached; a returned array is the caller's own", async () => {
  const X = fromColumns([[1, 2, 3, 4, 5, 6], [0, 1, 0, 1, 0, 1]]);
  const y = Float64Array.of(1, 3, 2, 5, 4, 6);
  const folds = { k: 2, fold: Int32Array.of(0, 1, 0, 1, 0, 1) };
  const ctx = { folds, tick: () => {} };
  await crossFit(new OLS(), X, y, ctx, "own");
  await crossFit(new OLS(), X, y, ctx, "own");
  assert.deepEqual(crossFitCacheCounts(), { hits: 0, misses: 0 });

  const a = await crossFit(makeRegressor("ols"), X, y, ctx, "named");
  const keep = Float64Array.from(a);
  a.fill(0);
  const b = await crossFit(makeRegressor("ols"), X, y, ctx, "named");
  assert.deepEqual(crossFitCacheCounts(), { hits: 1, misses: 1 });
  assert.deepEqual(b, keep);
});

test("full, the cache lets the least recently used fit go first", async () => {
  const X = fromColumns([[1, 2, 3, 4, 5, 6], [0, 1, 0, 1, 0, 1]]);
  const ctx = { folds: { k: 2, fold: Int32Array.of(0, 1, 0, 1, 0, 1) }, tick: () => {} };
  const y = (s: number) => Float64Array.from([1, 3, 2, 5, 4, 6], (v) => v * s);
  // X (96 bytes) once, and per entry target, out (48 each) and folds (24): room for X and two entries.
  setCrossFitCache(true, 96 + 2 * 120);
  const fit = (s: number) => crossFit(makeRegressor("ols"), X, y(s), ctx, `y x ${s}`);
  await fit(1); await fit(2); await fit(1); await fit(3); // 3 pushes out 2, the least recently used
  const before = crossFitCacheCounts().hits;
  await fit(1); await fit(3);
  assert.equal(crossFitCacheCounts().hits - before, 2);
  await fit(2);
  assert.equal(crossFitCacheCounts().hits - before, 2, "2 was let go");
});

test("a learner's recipe: kind, name and options in any key order, without threads; none for non-plain options", () => {
  const r = learnerRecipe(makeRegressor("rf", { nTrees: 5, minNodeSize: 3, threads: 1 }));
  assert.equal(r, learnerRecipe(makeRegressor("rf", { minNodeSize: 3, nTrees: 5, threads: 2 })));
  assert.notEqual(r, learnerRecipe(makeClassifier("rf", { nTrees: 5, minNodeSize: 3 })));
  assert.notEqual(r, learnerRecipe(makeRegressor("rf", { nTrees: 5, minNodeSize: 3, maxDepth: Infinity })));
  assert.equal(learnerRecipe(makeRegressor("ols", { weights: () => 1 })), undefined);
  assert.equal(learnerRecipe(new OLS()), undefined);
});
