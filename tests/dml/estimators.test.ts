// PLR, PLIV and IRM against independent hand computations (OLS by normal equations per fold),
// simulations with known effects, the repetition median rule and determinism.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dml } from "../../src/dml";
import { aggregateInference, aggregateReps } from "../../src/dml/solve";
import { termCells } from "../../src/tables/estimate";
import { uncached } from "../fixtures/uncached";
import { col, handCrossFit, handSolve, simulatePanel, THETA, THETA2, THETA_IV } from "./helpers";

const data = simulatePanel(30, 6);
const X = ["Gdp", "Pas", "Fin"];
const Xcols = X.map((c) => col(data, c));
const fold = col(data, "fold");
const cities = Array.from(data.array("city_code"));
const close = (a: number, b: number, tol = 1e-8, what = "") => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

/** PLR by hand: partialling out, or IV-type with g fit on Y - theta0 D. */
function handPlr(y: number[], d: number[], cols: number[][], score: "po" | "iv") {
  const l = handCrossFit(cols, y, fold), m = handCrossFit(cols, d, fold);
  const v = d.map((a, i) => a - m[i]), u = y.map((a, i) => a - l[i]);
  if (score === "po") return handSolve(v.map((a) => -a * a), u.map((a, i) => a * v[i]), cities);
  const theta0 = u.reduce((s, a, i) => s + a * v[i], 0) / v.reduce((s, a) => s + a * a, 0);
  const g = handCrossFit(cols, y.map((a, i) => a - theta0 * d[i]), fold);
  return handSolve(d.map((a, i) => -a * v[i]), y.map((a, i) => (a - g[i]) * v[i]), cities);
}

for (const score of ["partialling out", "IV-type"] as const) {
  test(`PLR ${score} with OLS learners and a fold column equals the hand computation (robust and cluster se)`, async () => {
    const hand = handPlr(col(data, "FI"), col(data, "Bigdata"), Xcols, score === "IV-type" ? "iv" : "po");
    const base = { data, y: "FI", d: "Bigdata", x: X, learner: "ols" as const, foldColumn: "fold", score };
    const robust = await dml(base);
    const cluster = await dml({ ...base, se: "cluster" });
    assert.equal(robust.folds, 4);
    close(robust.terms[0].coef, hand.theta, 1e-8, "theta");
    close(robust.terms[0].se, hand.se, 1e-8, "robust se");
    close(cluster.terms[0].coef, hand.theta, 1e-8, "theta (cluster run)");
    close(cluster.terms[0].se, hand.seCluster, 1e-8, "cluster se");
    const t = robust.terms[0];
    close(t.ci[0], t.coef - 1.959963984540054 * t.se, 1e-12, "ci");
    close(t.t, t.coef / t.se, 1e-12, "t");
  });
}

test("PLIV with OLS learners and a fold column equals the hand computation", async () => {
  const y = col(data, "Yiv"), d = col(data, "Dend"), z = col(data, "IV_relief");
  const l = handCrossFit(Xcols, y, fold), r = handCrossFit(Xcols, d, fold), m = handCrossFit(Xcols, z, fold);
  const w = z.map((a, i) => a - m[i]);
  const hand = handSolve(d.map((a, i) => -(a - r[i]) * w[i]), y.map((a, i) => (a - l[i]) * w[i]), cities);
  const res = await dml({ data, y: "Yiv", d: "Dend", z: "IV_relief", model: "pliv", x: X, learner: "ols", foldColumn: "fold", se: "cluster" });
  close(res.terms[0].coef, hand.theta, 1e-8, "theta");
  close(res.terms[0].se, hand.seCluster, 1e-8, "cluster se");
});

test("multiple treatments: each term partials out X and the other treatments (hand computation)", async () => {
  const y = col(data, "FI"), d1 = col(data, "Bigdata"), d2 = col(data, "LowCarbon");
  const h1 = handPlr(y, d1, [...Xcols, d2], "po"), h2 = handPlr(y, d2, [...Xcols, d1], "po");
  const res = await dml({ data, y: "FI", d: ["Bigdata", "LowCarbon"], x: X, learner: "ols", foldColumn: "fold" });
  assert.deepEqual(res.terms.map((t) => t.name), ["Bigdata", "LowCarbon"]);
  close(res.terms[0].coef, h1.theta, 1e-8, "theta Bigdata");
  close(res.terms[0].se, h1.se, 1e-8, "se Bigdata");
  close(res.terms[1].coef, h2.theta, 1e-8, "theta LowCarbon");
  close(res.terms[1].se, h2.se, 1e-8, "se LowCarbon");
});

test("simulations with known effects: PLR (two treatments), PLIV and IRM recover them", async () => {
  const big = simulatePanel(283, 13, 11);
  const plr = await dml({ data: big, y: "FI", d: ["Bigdata", "LowCarbon"], x: X, learner: "ols" });
  for (const [j, truth] of [THETA, THETA2].entries()) {
    assert.ok(Math.abs(plr.terms[j].coef - truth) < 4 * plr.terms[j].se, `PLR ${plr.terms[j].coef} vs ${truth}`);
    assert.ok(plr.terms[j].se < 0.05);
  }
  const iv = await dml({ data: big, y: "Yiv", d: "Dend", z: "IV_relief", model: "pliv", x: X, learner: "ols" });
  assert.ok(Math.abs(iv.terms[0].coef - THETA_IV) < 4 * iv.terms[0].se, `PLIV ${iv.terms[0].coef}`);
  // OLS of Yiv on Dend is biased upwards (u enters both), so recovering 0.8 shows the instrument works.
  const irm = await dml({ data: big, y: "FI", d: "Bigdata", x: [...X, "LowCarbon"], model: "irm", learner: "ols" });
  assert.ok(Math.abs(irm.terms[0].coef - THETA) < 4 * irm.terms[0].se, `IRM ${irm.terms[0].coef}`);
  assert.ok(irm.terms[0].se < 0.06);
});

test("IRM: AIPW score with trimmed propensities equals the hand computation", async () => {
  const y = col(data, "FI"), d = col(data, "Bigdata");
  const g0 = handCrossFit(Xcols, y, fold, (i) => d[i] === 0), g1 = handCrossFit(Xcols, y, fold, (i) => d[i] === 1);
  const m = handCrossFit(Xcols, d, fold).map((p) => Math.min(0.99, Math.max(0.01, p)));
  const psiB = y.map((a, i) => g1[i] - g0[i] + (d[i] * (a - g1[i])) / m[i] - ((1 - d[i]) * (a - g0[i])) / (1 - m[i]));
  const hand = handSolve(y.map(() => -1), psiB);
  const res = await dml({ data, y: "FI", d: "Bigdata", x: X, model: "irm", learner: "ols", foldColumn: "fold" });
  close(res.terms[0].coef, hand.theta, 1e-8, "ATE");
  close(res.terms[0].se, hand.se, 1e-8, "se");
});

test("IRM ATTE: DoubleML's effect-on-the-treated score equals the closed form (trimmed propensities)", async () => {
  const y = col(data, "FI"), d = col(data, "Bigdata");
  const g0 = handCrossFit(Xcols, y, fold, (i) => d[i] === 0);
  const m = handCrossFit(Xcols, d, fold).map((p) => Math.min(0.99, Math.max(0.01, p)));
  // theta = [sum over treated of (Y - g0) - sum over controls of m (Y - g0) / (1 - m)] / n_treated: the
  // controls reweighted by the odds of treatment (g1 cancels from DoubleML's score).
  const n = y.length, n1 = d.reduce((s, v) => s + v, 0), p = n1 / n;
  let num = 0;
  for (let i = 0; i < n; i++) num += d[i] === 1 ? y[i] - g0[i] : -(m[i] * (y[i] - g0[i])) / (1 - m[i]);
  const theta = num / n1;
  // Influence function (d / p)(Y - g0 - theta) - (1 - d) m (Y - g0) / (p (1 - m)), mean of -psi_a = 1.
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const psi = (d[i] / p) * (y[i] - g0[i] - theta) - ((1 - d[i]) * m[i] * (y[i] - g0[i])) / (p * (1 - m[i]));
    ss += psi * psi;
  }
  const res = await dml({ data, y: "FI", d: "Bigdata", x: X, model: "irm", score: "ATTE", learner: "ols", foldColumn: "fold" });
  assert.equal(res.score, "ATTE");
  close(res.terms[0].coef, theta, 1e-8, "ATTE");
  close(res.terms[0].se, Math.sqrt(ss / n / n), 1e-8, "se");
});

/** Standard normal CDF by the Abramowitz-Stegun 26.2.17 series (|error| < 7.5e-8), independent of src/. */
function normalCdfHand(x: number): number {
  const t = 1 / (1 + 0.2316419 * x), b = [0.31938153, -0.356563782, 1.781477937, -1.821255978, 1.330274429];
  const poly = b.reduce((s, c, k) => s + c * t ** (k + 1), 0);
  return 1 - (Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI)) * poly;
}

test("repetitions: DoubleML's median rule over per-repetition estimates, each equal to a hand fit on its folds", async () => {
  const res = await dml({ data, y: "FI", d: "Bigdata", x: X, learner: "ols", reps: 4, seed: 3 });
  const y = col(data, "FI"), d = col(data, "Bigdata");
  const per = res.foldAssignments.map((f) => {
    const fd = Array.from(f.fold);
    const l = handCrossFit(Xcols, y, fd), m = handCrossFit(Xcols, d, fd);
    const v = d.map((a, i) => a - m[i]);
    return handSolve(v.map((a) => -a * a), y.map((a, i) => (a - l[i]) * v[i]));
  });
  // DoubleML 0.10.0 on: theta = median; se = (median(theta_r + 1.96 se_r) - theta) / 1.96;
  // p = median of the p-values; interval ends = medians of the repetitions' ends (even count: middle two averaged).
  const mid = (v: number[]) => { const s = [...v].sort((a, b) => a - b); return (s[1] + s[2]) / 2; };
  const med = mid(per.map((p) => p.theta));
  close(res.terms[0].coef, med, 1e-8, "median theta");
  close(res.terms[0].se, (mid(per.map((p) => p.theta + 1.96 * p.se)) - med) / 1.96, 1e-8, "median-rule se");
  close(res.terms[0].t, res.terms[0].coef / res.terms[0].se, 1e-12, "t");
  const z = 1.959963984540054, pOf = (t: number) => 2 * (1 - normalCdfHand(Math.abs(t)));
  close(res.terms[0].p, mid(per.map((p) => pOf(p.theta / p.se))), 4e-7, "median p (series CDF good to 1.5e-7)");
  close(res.terms[0].ci[0], mid(per.map((p) => p.theta - z * p.se)), 1e-8, "median lower end");
  close(res.terms[0].ci[1], mid(per.map((p) => p.theta + z * p.se)), 1e-8, "median upper end");
  assert.ok(new Set(res.perRep[0].theta).size === 4, "different folds give different estimates");
  // Odd count, numbers chosen by hand: median 2; upper ends 1 + 1.96, 2 + 3.92, 4 + 0.98: median 4.98,
  // se = 2.98 / 1.96. One repetition: its own theta and se.
  const agg = aggregateReps([1, 2, 4], [1, 2, 0.5]);
  assert.equal(agg.theta, 2);
  close(agg.se, 2.98 / 1.96, 1e-15, "hand se");
  assert.deepEqual(aggregateReps([0.3], [0.1]), { theta: 0.3, se: 0.1 });
  // The same by hand for p and the interval: per-repetition t = 1, 1, 8, so p = p(1) = 0.3173105078629141;
  // lower ends 1 - z, 2 - 2z, 4 - z/2 (median 1 - z), upper ends 1 + z, 2 + 2z, 4 + z/2 (median 4 + z/2).
  const inf = aggregateInference([1, 2, 4], [1, 2, 0.5], 0.95);
  close(inf.p, 0.3173105078629141, 1e-12, "median p");
  close(inf.ci[0], 1 - z, 1e-12, "median lower end");
  close(inf.ci[1], 4 + z / 2, 1e-12, "median upper end");
  close(inf.t, 2 / (2.98 / 1.96), 1e-12, "t = theta / se");
});

test("determinism: the same seed gives identical results to the last digit (random forest, random folds)", () => uncached(async () => {
  const run = () => dml({ data, y: "FI", d: "Bigdata", x: X, learner: "rf", learnerOptions: { nTrees: 20 }, reps: 2, seed: 99 });
  const [a, b] = [await run(), await run()];
  assert.deepEqual(a.toJSON(), b.toJSON());
  const c = await dml({ data, y: "FI", d: "Bigdata", x: X, learner: "rf", learnerOptions: { nTrees: 20 }, reps: 2, seed: 100 });
  assert.notEqual(c.terms[0].coef, a.terms[0].coef);
}));

test("progress callback counts every fit; termCells prints paper style", async () => {
  const calls: number[] = [];
  const res = await dml({ data, y: "FI", d: ["Bigdata", "LowCarbon"], x: X, learner: "ols", folds: 3, reps: 2, onProgress: (done, total) => calls.push(done / total) });
  assert.equal(calls.length, 2 * 2 * 2 * 3); // reps x terms x (l, m) x folds
  assert.equal(calls.at(-1), 1);
  assert.match(termCells(res.terms)[0], /^-?\d+\.\d{4}\**\s\(\d+\.\d{4}\)$/);
});

test("bad input: non-binary IRM treatment, a fold without treatment variation, bad options", async () => {
  await assert.rejects(dml({ data, y: "FI", d: "Gdp", x: ["Pas"], model: "irm", learner: "ols" }), /model irm needs a binary 0\/1 treatment: Gdp .* at city_code=\d+, year=\d+/);
  // Treated only in fold 1 -> the training part of fold 1 has no treated observation.
  const only = data.derive({ T1: (r: { fold: number }) => (r.fold === 1 ? 1 : 0) });
  await assert.rejects(dml({ data: only, y: "FI", d: "T1", x: X, learner: "ols", foldColumn: "fold" }), /fold 1 of 4: no variation in T1/);
  await assert.rejects(dml({ data, y: "Yiv", d: "Dend", model: "pliv", x: X, learner: "ols" }), /needs an instrument/);
  await assert.rejects(dml({ data, y: "FI", d: "Bigdata", x: X, learner: "xgb" as never }), /learner must be one of/);
  await assert.rejects(dml({ data, y: "FI", d: "Bigdata", x: X, learner: "ols", reps: 0 }), /reps must be/);
  await assert.rejects(dml({ data, y: "FI", d: "Bigdata", x: X, learner: "ols", score: "orthogonal" }), /score for plr/);
});

test("learnerOptions reach the forest under its own names (nTrees, minNodeSize, mtry)", async () => {
  const fit = (learnerOptions: Record<string, unknown>) => dml({ data, y: "FI", d: "Bigdata", x: X, learner: "rf", learnerOptions, folds: 2, seed: 8 });
  const a = await fit({ nTrees: 3, minNodeSize: 5 }), b = await fit({ nTrees: 3, minNodeSize: 5 }), c = await fit({ nTrees: 4, minNodeSize: 5 });
  assert.equal(a.terms[0].coef, b.terms[0].coef);
  assert.notEqual(a.terms[0].coef, c.terms[0].coef);
  assert.notEqual((await fit({ nTrees: 3, minNodeSize: 40 })).terms[0].coef, a.terms[0].coef);
  await assert.rejects(fit({ nTrees: 3, mtry: 0 }), /option mtry must be/);
});
