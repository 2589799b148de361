// PLR with each of the paper's learners (rf, lasso, gbm, svm) on a simulated design with a planted
// effect, and the coverage of the forest PLR's 95% interval over repeated samples.
//
// Design (written here, independent of src/simulate): x1..x4 ~ N(0, 1), D = 0.6 x1 + 0.3 x3 + v,
// Y = 0.5 D + sin(1.5 x1) + 0.5 x2^2 + 0.5 x3 + u, u, v ~ N(0, 1). g is non-linear (a lasso cannot fit
// it), m is linear, so every learner's partialling-out estimate is consistent; the oracle se is
// sd(u) / sd(v) / sqrt(n) = 0.0316 at n = 1000.
import { test } from "node:test";
import assert from "node:assert/strict";
import { table, type ColumnTable } from "arquero";
import { dml } from "../../src/dml";
import type { LearnerName } from "../../src/learners/types";
import { makeRng } from "../../src/numeric/rng";

const THETA = 0.5;
const X = ["x1", "x2", "x3", "x4"];

function simulate(n: number, seed: number): ColumnTable {
  const rng = makeRng(seed);
  const cols: Record<string, number[]> = { x1: [], x2: [], x3: [], x4: [], D: [], Y: [] };
  for (let i = 0; i < n; i++) {
    const x = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    const D = 0.6 * x[0] + 0.3 * x[2] + rng.normal();
    const Y = THETA * D + Math.sin(1.5 * x[0]) + 0.5 * x[1] * x[1] + 0.5 * x[2] + rng.normal();
    X.forEach((k, j) => cols[k].push(x[j]));
    cols.D.push(D);
    cols.Y.push(Y);
  }
  return table(cols);
}

// Small forests keep the test fast; the other learners run with their defaults.
const SETTINGS: Record<string, Record<string, unknown>> = { rf: { nTrees: 50, threads: 1 }, gbm: { threads: 1 }, lasso: {}, svm: {} };

// Tolerance from a Monte Carlo run once while writing this test (n = 1000, 5 folds, 100 samples per
// learner, seeds 1001..1100): max |theta_hat - 0.5| / se was rf 2.13, lasso 2.47, gbm 2.33, svm 2.30
// (mean t between -0.35 and 0.07, 95-99 of 100 intervals covering), and over 40 samples se lay in
// rf [0.032, 0.039], lasso [0.037, 0.046], gbm [0.031, 0.035], svm [0.030, 0.037]. So: within 3 se
// (P(|t| > 3) = 0.3% for a normal t), and se within [0.025, 0.05], which a halved or doubled se leaves.
for (const learner of ["rf", "lasso", "gbm", "svm"] as LearnerName[]) {
  test(`PLR with ${learner} recovers the planted theta = 0.5 within 3 se, with an se near the oracle's`, async () => {
    const r = await dml({ data: simulate(1000, 77), y: "Y", d: "D", x: X, learner, learnerOptions: SETTINGS[learner], folds: 5, seed: 3 });
    const { coef, se } = r.terms[0];
    assert.equal(r.n, 1000);
    assert.ok(se > 0.025 && se < 0.05, `${learner}: se ${se} outside [0.025, 0.05]`);
    assert.ok(Math.abs(coef - THETA) < 3 * se, `${learner}: theta ${coef} (se ${se}) is ${((coef - THETA) / se).toFixed(2)} se from 0.5`);
  });
}

/** P(X <= k) for X ~ Binomial(n, p). */
function binomCdf(k: number, n: number, p: number): number {
  let term = (1 - p) ** n, sum = 0; // P(X = 0), then the ratio P(X = i + 1) / P(X = i)
  for (let i = 0; i <= k; i++) {
    sum += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return sum;
}

// Coverage: 50 samples at n = 500. A 200-sample Monte Carlo of this forest PLR gave 195/200 = 97.5%
// coverage at n = 500 (185/200 = 92.5% at n = 300: small forests undercover a little in small samples).
// Taking 0.92 as the coverage a working estimator reaches at least, the bound is the smallest L with
// P(X < L) <= 0.002 under Binomial(50, 0.92), computed below (L = 40). A halved se (coverage 67%)
// passes it with probability 3%.
test("forest PLR: the 95% interval covers the planted theta in at least the binomial bound of 50 samples", async () => {
  const R = 50, p0 = 0.92;
  let L = 0;
  while (binomCdf(L, R, p0) <= 0.002) L++; // P(X <= L - 1) <= 0.002 < P(X <= L)
  assert.equal(L, 40);
  let covered = 0;
  const thetas: number[] = [], ses: number[] = [];
  for (let s = 1; s <= R; s++) {
    const r = await dml({ data: simulate(500, 5000 + s), y: "Y", d: "D", x: X, learner: "rf", learnerOptions: SETTINGS.rf, folds: 5, seed: s });
    const t = r.terms[0];
    if (t.ci[0] <= THETA && THETA <= t.ci[1]) covered++;
    thetas.push(t.coef);
    ses.push(t.se);
  }
  assert.ok(covered >= L, `${covered} of ${R} intervals cover 0.5; the binomial bound is ${L}`);
  // The se estimates the spread of theta over the samples: the sd of 50 draws lies within [0.68, 1.34] times
  // the true sd with probability 99.9% (chi-square, 49 df), so mean se / sd lies in [0.75, 1.47] when the
  // se is right; [0.7, 1.5] leaves a margin for the se's own noise, and a halved or doubled se fails.
  const mean = thetas.reduce((a, b) => a + b, 0) / R;
  const sd = Math.sqrt(thetas.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1));
  const ratio = ses.reduce((a, b) => a + b, 0) / R / sd;
  assert.ok(ratio > 0.7 && ratio < 1.5, `mean se / sd of theta = ${ratio}`);
});
