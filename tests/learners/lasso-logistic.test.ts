import { test } from "node:test";
import assert from "node:assert/strict";
import { LassoLogistic } from "../../src/learners/lasso-logistic";
import { LogisticRegression } from "../../src/learners/logistic";
import { fromColumns } from "../../src/numeric/matrix";
import { makeRng } from "../../src/numeric/rng";

function simulate(n: number, p: number, seed: number) {
  const rng = makeRng(seed);
  const cols = Array.from({ length: p }, (_, j) => Float64Array.from({ length: n }, () => (1 + j) * rng.normal() - j));
  const y = Float64Array.from({ length: n }, (_, i) => (rng.next() < 1 / (1 + Math.exp(-(0.3 + 1.2 * cols[0][i] - 0.4 * cols[2][i] / 3))) ? 1 : 0));
  return { cols, y };
}

/** Gradient of the log-likelihood per observation w.r.t. each standardised feature, computed independently. */
function scores(cols: Float64Array[], y: Float64Array, p: Float64Array): number[] {
  const n = y.length;
  return cols.map((c) => {
    const m = c.reduce((s, v) => s + v, 0) / n;
    const sd = Math.sqrt(c.reduce((s, v) => s + (v - m) ** 2, 0) / n);
    let g = 0;
    for (let i = 0; i < n; i++) g += ((c[i] - m) / sd) * (y[i] - p[i]);
    return g / n;
  });
}

test("L1 logistic: the returned solution satisfies the KKT conditions to 1e-6", async () => {
  const { cols, y } = simulate(300, 6, 1);
  const lambda = 0.03;
  // A tight tolerance: the default (1e-7, glmnet's) is meant for speed, not 1e-6 accuracy of the scores.
  const m = new LassoLogistic({ lambda, tol: 1e-16 });
  await m.fit(fromColumns(cols), y);
  const p = m.predictProba(fromColumns(cols));
  const n = y.length;
  assert.ok(Math.abs(y.reduce((s, v, i) => s + v - p[i], 0) / n) < 1e-7, "intercept score is zero");
  const g = scores(cols, y, p);
  let active = 0;
  g.forEach((gj, j) => {
    if (m.coef[j] !== 0) {
      active++;
      assert.ok(Math.abs(gj - lambda * Math.sign(m.coef[j])) < 1e-6, `active ${j}: ${gj}`);
    } else {
      assert.ok(Math.abs(gj) <= lambda + 1e-6, `inactive ${j}: ${gj}`);
    }
  });
  assert.ok(active >= 1 && active < 6, `${active} active`);
});

test("L1 logistic: KKT to 1e-6 with dummy columns (stored sparsely inside) beside a dense one", async () => {
  const rng = makeRng(5);
  const n = 400;
  const group = Int32Array.from({ length: n }, (_, i) => i % 10);
  const x = Float64Array.from({ length: n }, () => 20 + 4 * rng.normal());
  const dummies = Array.from({ length: 9 }, (_, g) => Float64Array.from(group, (v) => (v === g + 1 ? 1 : 0)));
  const cols = [x, ...dummies];
  const y = Float64Array.from({ length: n }, (_, i) => (rng.next() < 1 / (1 + Math.exp(-(0.3 * (x[i] - 20) + (group[i] % 3) - 1))) ? 1 : 0));
  const lambda = 0.005;
  const m = new LassoLogistic({ lambda, tol: 1e-16 });
  await m.fit(fromColumns(cols), y);
  const p = m.predictProba(fromColumns(cols));
  assert.ok(Math.abs(y.reduce((s, v, i) => s + v - p[i], 0) / n) < 1e-7, "intercept score is zero");
  let active = 0;
  scores(cols, y, p).forEach((gj, j) => {
    if (m.coef[j] !== 0) {
      active++;
      assert.ok(Math.abs(gj - lambda * Math.sign(m.coef[j])) < 1e-6, `active ${j}: ${gj}`);
    } else {
      assert.ok(Math.abs(gj) <= lambda + 1e-6, `inactive ${j}: ${gj}`);
    }
  });
  assert.ok(active >= 4, `${active} active`);
});

test("L1 logistic: lambda = 0 is plain maximum likelihood", async () => {
  const { cols, y } = simulate(200, 3, 2);
  const a = new LassoLogistic({ lambda: 0, tol: 1e-16 });
  await a.fit(fromColumns(cols), y);
  const b = new LogisticRegression();
  await b.fit(fromColumns(cols), y);
  assert.ok(Math.abs(a.intercept - b.intercept) < 1e-6);
  cols.forEach((_, j) => assert.ok(Math.abs(a.coef[j] - b.coef[j]) < 1e-6, `coef ${j}`));
});

test("L1 logistic: cross-validated fit selects the true signal, seeded and deterministic, probabilities in [0, 1]", async () => {
  const { cols, y } = simulate(600, 8, 3);
  const X = fromColumns(cols);
  const m = new LassoLogistic({ seed: 4 });
  await m.fit(X, y);
  assert.ok(Math.abs(m.coef[0] - 1.2) < 0.3, `coef 0 = ${m.coef[0]}`);
  for (const j of [1, 3, 4, 5, 6, 7]) assert.ok(Math.abs(m.coef[j]) < 0.1, `coef ${j} = ${m.coef[j]}`);
  const again = m.clone();
  await again.fit(X, y);
  assert.deepEqual(Array.from(again.predictProba(X)), Array.from(m.predictProba(X)));
  assert.ok(m.predictProba(X).every((v) => v >= 0 && v <= 1));
  const se = new LassoLogistic({ seed: 4, rule: "1se" });
  await se.fit(X, y);
  assert.ok(se.lambda >= m.lambda);
});
