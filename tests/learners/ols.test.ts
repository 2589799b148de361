import { test } from "node:test";
import assert from "node:assert/strict";
import { OLS, LinearProbabilityClassifier } from "../../src/learners/ols";
import { fromColumns, type Matrix } from "../../src/numeric/matrix";
import { makeRng } from "../../src/numeric/rng";
import { InputError } from "../../src/errors";
import { gaussJordan } from "../fixtures/gauss-jordan";

/** Independent reference: solve the normal equations (A'A) b = A'y by Gaussian elimination with partial pivoting. */
function normalEquations(cols: Float64Array[], y: ArrayLike<number>): number[] {
  const k = cols.length, n = y.length;
  const M = Array.from({ length: k }, (_, a) => {
    const row = new Array<number>(k + 1).fill(0);
    for (let b = 0; b < k; b++) for (let i = 0; i < n; i++) row[b] += cols[a][i] * cols[b][i];
    for (let i = 0; i < n; i++) row[k] += cols[a][i] * y[i];
    return row;
  });
  return gaussJordan(M);
}

function fitted(cols: Float64Array[], b: number[]): Float64Array {
  const out = new Float64Array(cols[0].length);
  cols.forEach((c, j) => c.forEach((v, i) => { out[i] += b[j] * v; }));
  return out;
}

function randomColumns(n: number, p: number, seed: number): Float64Array[] {
  const rng = makeRng(seed);
  return Array.from({ length: p }, () => Float64Array.from({ length: n }, () => rng.normal()));
}

test("ols: hand-worked example x = 1,2,3, y = 1,2,2 gives intercept 2/3, slope 1/2", async () => {
  const m = new OLS();
  await m.fit(fromColumns([[1, 2, 3]]), Float64Array.of(1, 2, 2));
  assert.ok(Math.abs(m.intercept - 2 / 3) < 1e-14);
  assert.ok(Math.abs(m.coef[0] - 0.5) < 1e-14);
});

test("ols: noiseless linear data gives the exact coefficients to 1e-10", async () => {
  const cols = randomColumns(50, 3, 1);
  const y = Float64Array.from({ length: 50 }, (_, i) => 1 + 2 * cols[0][i] - 3 * cols[1][i] + 0.5 * cols[2][i]);
  const m = new OLS();
  await m.fit(fromColumns(cols), y);
  assert.ok(Math.abs(m.intercept - 1) < 1e-10);
  [2, -3, 0.5].forEach((b, j) => assert.ok(Math.abs(m.coef[j] - b) < 1e-10, `coef ${j}: ${m.coef[j]}`));
  assert.equal(m.rank, 4);
});

test("ols: noisy data agrees with a normal-equations solve", async () => {
  const n = 200;
  const cols = randomColumns(n, 6, 2);
  const rng = makeRng(3);
  const y = Float64Array.from({ length: n }, (_, i) => 0.3 + cols.reduce((s, c, j) => s + (j - 2) * c[i], 0) + rng.normal());
  const m = new OLS();
  await m.fit(fromColumns(cols), y);
  const ref = normalEquations([new Float64Array(n).fill(1), ...cols], y);
  assert.ok(Math.abs(m.intercept - ref[0]) < 1e-10);
  cols.forEach((_, j) => assert.ok(Math.abs(m.coef[j] - ref[j + 1]) < 1e-10));
});

/** Panel design: a full set of city dummies plus covariates; returns the dummies and covariates. */
function dummyPanel(cities: number, years: number, seed: number): { dummies: Float64Array[]; covs: Float64Array[]; y: Float64Array } {
  const n = cities * years;
  const rng = makeRng(seed);
  const dummies = Array.from({ length: cities }, (_, c) => Float64Array.from({ length: n }, (_, i) => (i % cities === c ? 1 : 0)));
  const covs = [0, 1].map(() => Float64Array.from({ length: n }, () => rng.normal()));
  const y = Float64Array.from({ length: n }, (_, i) => (i % cities) * 0.1 + covs[0][i] - 2 * covs[1][i] + rng.normal());
  return { dummies, covs, y };
}

test("ols: a full dummy set plus intercept is aliased like lm, with the fitted values of the full-rank model", async () => {
  for (const [cities, years] of [[5, 12], [200, 3]]) {
    const { dummies, covs, y } = dummyPanel(cities, years, cities);
    const X = fromColumns([...covs, ...dummies]);
    const m = new OLS();
    await m.fit(X, y);
    assert.equal(m.rank, 1 + 2 + cities - 1);
    assert.deepEqual(m.aliased.map((a, j) => (a ? j : -1)).filter((j) => j >= 0), [2 + cities - 1], "last dummy aliased");
    // Full-rank reparametrisation: intercept, covariates and all dummies but the first.
    const n = y.length;
    const fullRank = [new Float64Array(n).fill(1), ...covs, ...dummies.slice(1)];
    const ref = fitted(fullRank, normalEquations(fullRank, y));
    const got = m.predict(X);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(got[i] - ref[i]));
    assert.ok(worst < 1e-8, `max fitted-value gap ${worst}`);
    // The covariate slopes are identified and must match too.
    const refCoef = normalEquations(fullRank, y);
    assert.ok(Math.abs(m.coef[0] - refCoef[1]) < 1e-8 && Math.abs(m.coef[1] - refCoef[2]) < 1e-8);
  }
});

test("ols: predictions on new rows use the fitted equation", async () => {
  const m = new OLS();
  await m.fit(fromColumns([[0, 1, 2, 3], [1, 0, 1, 0]]), Float64Array.of(1, 3, 5, 7));
  const p = m.predict(fromColumns([[10], [5]]));
  assert.ok(Math.abs(p[0] - 21) < 1e-10, String(p[0]));
});

test("ols linear probability model: probabilities clipped to [0, 1]", async () => {
  const x = Float64Array.from({ length: 40 }, (_, i) => i);
  const y = Float64Array.from(x, (v) => (v >= 20 ? 1 : 0));
  const c = new LinearProbabilityClassifier();
  await c.fit(fromColumns([x]), y);
  const p = c.predictProba(fromColumns([[-100, 19.5, 100]]));
  assert.equal(p[0], 0);
  assert.equal(p[2], 1);
  assert.ok(Math.abs(p[1] - 0.5) < 1e-10);
  await assert.rejects(c.fit(fromColumns([x]), x), InputError);
});

test("ols: bad input throws InputError naming the place", async () => {
  const X: Matrix = fromColumns([[1, 2, NaN]], ["gdp"]);
  await assert.rejects(new OLS().fit(X, Float64Array.of(1, 2, 3)), /gdp at row 3/);
  await assert.rejects(new OLS().fit(fromColumns([[1, 2]]), Float64Array.of(1, 2, 3)), /2 rows but y has 3/);
  await assert.rejects(new OLS().fit(fromColumns([[]]), new Float64Array(0)), /empty/);
  await assert.rejects(new OLS().fit(fromColumns([[1, 2]]), Float64Array.of(1, Infinity)), /target .* row 2/);
  const m = new OLS();
  assert.throws(() => m.predict(fromColumns([[1]])), /before fit/);
  await m.fit(fromColumns([[1, 2, 3]]), Float64Array.of(1, 2, 4));
  assert.throws(() => m.predict(fromColumns([[1], [2]])), InputError);
});

test("ols: clone is unfitted with the same settings", async () => {
  const m = new OLS({ tol: 1e-9 });
  await m.fit(fromColumns([[1, 2, 3]]), Float64Array.of(1, 2, 4));
  const c = m.clone();
  assert.deepEqual(c.opts, { tol: 1e-9 });
  assert.throws(() => c.predict(fromColumns([[1]])), /before fit/);
});
