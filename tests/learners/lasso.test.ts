import { test } from "node:test";
import assert from "node:assert/strict";
import { Lasso, lambdaPath, pickLambda } from "../../src/learners/lasso";
import { fromColumns } from "../../src/numeric/matrix";
import { makeRng } from "../../src/numeric/rng";
import { InputError } from "../../src/errors";

const soft = (z: number, l: number): number => Math.sign(z) * Math.max(Math.abs(z) - l, 0);

/** Population mean and sd, computed here independently of the learner. */
function standardise(c: ArrayLike<number>): { z: Float64Array; mean: number; sd: number } {
  const n = c.length;
  let m = 0;
  for (let i = 0; i < n; i++) m += c[i];
  m /= n;
  let v = 0;
  for (let i = 0; i < n; i++) v += (c[i] - m) ** 2;
  const sd = Math.sqrt(v / n);
  return { z: Float64Array.from(c, (x) => (x - m) / sd), mean: m, sd };
}

test("lasso (a): orthonormal design, solution is soft-thresholded OLS", async () => {
  // Walsh columns (+-1 by the parity of i & mask): mean 0, z'z/n = 1 and mutually orthogonal, so
  // standardisation leaves them unchanged and the lasso decouples into soft-thresholding of z'y/n.
  const n = 8;
  const cols = [1, 2, 4, 3, 5, 6, 7].map((mask) => Float64Array.from({ length: n }, (_, i) => (popcount(i & mask) % 2 ? -1 : 1)));
  const y = Float64Array.from({ length: n }, (_, i) => 0.7 + 3 * cols[0][i] - 1.2 * cols[1][i] + 0.4 * cols[2][i] + 0.05 * ((i * 7) % 5 - 2));
  const X = fromColumns(cols);
  for (const lambda of [0.01, 0.3, 1, 2.5]) {
    const m = new Lasso({ lambda });
    await m.fit(X, y);
    const ybar = y.reduce((s, v) => s + v, 0) / n;
    cols.forEach((c, j) => {
      let zy = 0;
      for (let i = 0; i < n; i++) zy += c[i] * y[i];
      const expected = soft(zy / n, lambda);
      assert.ok(Math.abs(m.coef[j] - expected) < 1e-6, `lambda ${lambda}, coef ${j}: ${m.coef[j]} vs ${expected}`);
    });
    assert.ok(Math.abs(m.intercept - ybar) < 1e-6);
  }
});

/**
 * The lasso's optimality (KKT) conditions on standardised columns, to 1e-6: the gradient of the
 * squared loss equals lambda times the sign of each non-zero coefficient and is at most lambda in size
 * for each zero one. Returns the number of non-zero coefficients.
 */
function assertKkt(cols: Float64Array[], r: Float64Array, coef: ArrayLike<number>, lambda: number, label = ""): number {
  const n = r.length;
  let nonzero = 0;
  cols.forEach((c, j) => {
    const { z, sd } = standardise(c);
    let g = 0;
    for (let i = 0; i < n; i++) g += z[i] * r[i];
    g /= n;
    if (coef[j] !== 0) {
      nonzero++;
      assert.ok(Math.abs(g - lambda * Math.sign(coef[j] * sd)) < 1e-6, `${label}active ${j}: gradient ${g}`);
    } else {
      assert.ok(Math.abs(g) <= lambda + 1e-6, `${label}inactive ${j}: |gradient| ${Math.abs(g)} > lambda`);
    }
  });
  return nonzero;
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x >>= 1) c += x & 1;
  return c;
}

test("lasso (b): single feature closed form on the original scale", async () => {
  const rng = makeRng(11);
  const x = Float64Array.from({ length: 30 }, () => 5 + 3 * rng.normal());
  const y = Float64Array.from(x, (v) => 2 - 0.8 * v + rng.normal());
  const { z, mean, sd } = standardise(x);
  const ybar = y.reduce((s, v) => s + v, 0) / y.length;
  let zy = 0;
  for (let i = 0; i < y.length; i++) zy += z[i] * (y[i] - ybar);
  zy /= y.length;
  for (const lambda of [0, 0.5, 1.5, 10]) {
    const m = new Lasso({ lambda });
    await m.fit(fromColumns([x]), y);
    const slope = soft(zy, lambda) / sd;
    assert.ok(Math.abs(m.coef[0] - slope) < 1e-6, `lambda ${lambda}: ${m.coef[0]} vs ${slope}`);
    assert.ok(Math.abs(m.intercept - (ybar - slope * mean)) < 1e-6);
  }
});

function randomProblem(n: number, p: number, seed: number) {
  const rng = makeRng(seed);
  const cols = Array.from({ length: p }, (_, j) => Float64Array.from({ length: n }, () => (1 + j) * rng.normal() + j));
  // Correlated columns make coordinate descent work for it.
  for (let i = 0; i < n; i++) cols[1][i] += 0.8 * cols[0][i];
  const y = Float64Array.from({ length: n }, (_, i) => 1 + 2 * cols[0][i] / 1 - 0.5 * cols[2][i] / 3 + 0.3 * cols[5][i] / 6 + rng.normal());
  return { cols, y };
}

test("lasso (c): the returned solution satisfies the KKT conditions to 1e-6", async () => {
  const { cols, y } = randomProblem(150, 8, 5);
  const n = y.length;
  const lambda = 0.08;
  // A tight tolerance: the default (1e-7, glmnet's) is meant for speed, not 1e-6 accuracy of the gradient.
  const m = new Lasso({ lambda, tol: 1e-16 });
  await m.fit(fromColumns(cols), y);
  const pred = m.predict(fromColumns(cols));
  const r = Float64Array.from(y, (v, i) => v - pred[i]);
  assert.ok(Math.abs(r.reduce((s, v) => s + v, 0) / n) < 1e-9, "unpenalised intercept: residuals sum to 0");
  const nonzero = assertKkt(cols, r, m.coef, lambda);
  assert.ok(nonzero >= 2 && nonzero < 8, `a sparse but non-empty solution (${nonzero} non-zero)`);
});

test("lasso (d): KKT to 1e-6 with dummy columns (stored sparsely inside) beside dense ones", async () => {
  const rng = makeRng(8);
  const n = 120;
  const group = Int32Array.from({ length: n }, (_, i) => i % 12);
  const dense = [0, 1].map((j) => Float64Array.from({ length: n }, (_, i) => 50 + 10 * rng.normal() + 3 * group[i] * j));
  const dummies = Array.from({ length: 11 }, (_, g) => Float64Array.from(group, (v) => (v === g + 1 ? 1 : 0)));
  const cols = [...dense, ...dummies];
  const y = Float64Array.from({ length: n }, (_, i) => 0.2 * dense[0][i] + (group[i] % 3) - 0.1 * dense[1][i] + rng.normal());
  const lambda = 0.02;
  const m = new Lasso({ lambda, tol: 1e-16 });
  await m.fit(fromColumns(cols), y);
  const pred = m.predict(fromColumns(cols));
  const r = Float64Array.from(y, (v, i) => v - pred[i]);
  const nonzero = assertKkt(cols, r, m.coef, lambda);
  assert.ok(nonzero >= 5, `${nonzero} non-zero`);
});

test("lasso (e): KKT to 1e-6 on nearly collinear columns (a control and its square), where descent crawls", async () => {
  // corr(x, x^2) is ~0.9999 here, so coordinate descent alone needs thousands of sweeps; the fit must
  // still reach the exact solution (this exercises the active-set solve and its sign search).
  const rng = makeRng(12);
  const n = 200;
  const x = Float64Array.from({ length: n }, () => 10 + 0.5 * rng.normal());
  const cols = [x, x.map((v) => v * v), ...Array.from({ length: 4 }, () => Float64Array.from({ length: n }, () => rng.normal()))];
  cols[3] = Float64Array.from(cols[3], (v, i) => v + 0.9 * cols[2][i]);
  const y = Float64Array.from({ length: n }, (_, i) => 3 * x[i] - 0.1 * x[i] * x[i] + cols[2][i] - 0.5 * cols[3][i] + 0.3 * rng.normal());
  for (const lambda of [1e-4, 1e-3, 0.02]) {
    const m = new Lasso({ lambda, tol: 1e-16 });
    await m.fit(fromColumns(cols), y);
    const pred = m.predict(fromColumns(cols));
    const r = Float64Array.from(y, (v, i) => v - pred[i]);
    assertKkt(cols, r, m.coef, lambda, `lambda ${lambda}, `);
  }
});

test("lasso: the default path ends at lambda_max * 1e-4 when n > p, 1e-2 otherwise (glmnet's)", async () => {
  const { cols, y } = randomProblem(60, 6, 9);
  const m = new Lasso({ seed: 1, nLambda: 20 });
  await m.fit(fromColumns(cols), y);
  const path = m.path!.lambda;
  assert.ok(Math.abs(path[19] / path[0] - 1e-4) < 1e-12);
  const wide = randomProblem(6, 8, 9);
  const w = new Lasso({ seed: 1, nLambda: 20, folds: 3 });
  await w.fit(fromColumns(wide.cols), wide.y);
  assert.ok(Math.abs(w.path!.lambda[19] / w.path!.lambda[0] - 1e-2) < 1e-12);
});

test("lasso: lambda_max gives all zeros, and the path is log-spaced down to lambda_max * 1e-3", async () => {
  const { cols, y } = randomProblem(80, 6, 6);
  const X = fromColumns(cols);
  const path = lambdaPath(X, y, 100, 1e-3);
  assert.equal(path.length, 100);
  assert.ok(Math.abs(path[99] / path[0] - 1e-3) < 1e-12);
  assert.ok(Math.abs(path[1] / path[0] - path[50] / path[49]) < 1e-12);
  const atMax = new Lasso({ lambda: path[0] });
  await atMax.fit(X, y);
  assert.ok(atMax.coef.every((c) => c === 0));
  const below = new Lasso({ lambda: path[0] * 0.99 });
  await below.fit(X, y);
  assert.equal(below.coef.filter((c) => c !== 0).length, 1);
});

test("lasso: cross-validated fit recovers a sparse linear function; seeded and deterministic", async () => {
  const rng = makeRng(21);
  const n = 300, p = 10;
  const cols = Array.from({ length: p }, () => Float64Array.from({ length: n }, () => rng.normal()));
  const y = Float64Array.from({ length: n }, (_, i) => 3 * cols[0][i] - 2 * cols[3][i] + 0.5 * rng.normal());
  const X = fromColumns(cols);
  const a = new Lasso({ seed: 1 });
  await a.fit(X, y);
  assert.ok(Math.abs(a.coef[0] - 3) < 0.1 && Math.abs(a.coef[3] + 2) < 0.1, `coefs ${a.coef[0]}, ${a.coef[3]}`);
  for (const j of [1, 2, 4, 5, 6, 7, 8, 9]) assert.ok(Math.abs(a.coef[j]) < 0.1);
  const b = a.clone();
  await b.fit(X, y);
  assert.deepEqual(Array.from(b.coef), Array.from(a.coef));
  assert.equal(b.lambda, a.lambda);
  const oneSe = new Lasso({ seed: 1, rule: "1se" });
  await oneSe.fit(X, y);
  assert.ok(oneSe.lambda >= a.lambda, "1se picks a larger (or equal) penalty");
  const l1 = (c: Float64Array) => c.reduce((s, v) => s + Math.abs(v), 0);
  assert.ok(l1(oneSe.coef) <= l1(a.coef) + 1e-12);
});

test("lasso: pickLambda implements the min and one-standard-error rules", () => {
  const cvMean = Float64Array.of(10, 6, 4.5, 4, 4.2, 5);
  const cvSe = Float64Array.of(1, 1, 1, 0.6, 1, 1);
  assert.equal(pickLambda(cvMean, cvSe, "min"), 3);
  assert.equal(pickLambda(cvMean, cvSe, "1se"), 2); // first (largest) lambda with cv <= 4 + 0.6
});

test("lasso: constant feature and constant target are handled, bad options rejected", async () => {
  const x = Float64Array.from({ length: 20 }, (_, i) => i);
  const m = new Lasso({ lambda: 0.1 });
  await m.fit(fromColumns([x, new Float64Array(20).fill(3)]), Float64Array.from(x, (v) => 2 * v));
  assert.equal(m.coef[1], 0);
  const flat = new Lasso({ seed: 2 });
  await flat.fit(fromColumns([x]), new Float64Array(20).fill(4));
  assert.deepEqual(Array.from(flat.predict(fromColumns([[100]]))), [4]);
  assert.throws(() => new Lasso({ rule: "max" as "min" }), InputError);
  await assert.rejects(new Lasso({ folds: 1 }).fit(fromColumns([x]), x), /folds/);
  await assert.rejects(new Lasso().fit(fromColumns([x]), Float64Array.from(x, () => NaN)), /row 1/);
});
