import { test } from "node:test";
import assert from "node:assert/strict";
import { LogisticRegression } from "../../src/learners/logistic";
import { fromColumns } from "../../src/numeric/matrix";
import { makeRng } from "../../src/numeric/rng";
import { InputError } from "../../src/errors";

function simulate(n: number, seed: number, beta: number[]) {
  const rng = makeRng(seed);
  const cols = beta.slice(1).map((_, j) => Float64Array.from({ length: n }, () => rng.normal() * (1 + j) + j));
  const y = Float64Array.from({ length: n }, (_, i) => {
    const eta = beta[0] + cols.reduce((s, c, j) => s + beta[j + 1] * c[i], 0);
    return rng.next() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  });
  return { cols, y };
}

test("logit: the maximum-likelihood score X'(y - p) is zero at the returned fit", async () => {
  const { cols, y } = simulate(400, 1, [-0.5, 1, -0.4, 0.2]);
  const m = new LogisticRegression();
  await m.fit(fromColumns(cols), y);
  assert.ok(m.converged);
  const p = m.predictProba(fromColumns(cols));
  const design = [new Float64Array(y.length).fill(1), ...cols];
  design.forEach((c, j) => {
    let g = 0;
    for (let i = 0; i < y.length; i++) g += c[i] * (y[i] - p[i]);
    assert.ok(Math.abs(g) < 1e-7, `score ${j} = ${g}`);
  });
});

test("logit: recovers the coefficients of a known model (n = 20000)", async () => {
  const beta = [-0.5, 1, -0.4, 0.2];
  const { cols, y } = simulate(20000, 2, beta);
  const m = new LogisticRegression();
  await m.fit(fromColumns(cols), y);
  // At this n the standard errors are about 0.02 (intercept) and 0.01 or less (slopes): bounds of 4-5 SE.
  assert.ok(Math.abs(m.intercept - beta[0]) < 0.1, `intercept ${m.intercept}`);
  beta.slice(1).forEach((b, j) => assert.ok(Math.abs(m.coef[j] - b) < 0.05, `coef ${j}: ${m.coef[j]}`));
});

test("logit: hand-worked 2x2 table, the slope is the log odds ratio", async () => {
  // x = 0: 3 of 10 have y = 1; x = 1: 6 of 8 have y = 1.
  const x: number[] = [], y: number[] = [];
  const add = (xv: number, ones: number, total: number) => { for (let i = 0; i < total; i++) { x.push(xv); y.push(i < ones ? 1 : 0); } };
  add(0, 3, 10);
  add(1, 6, 8);
  const m = new LogisticRegression();
  await m.fit(fromColumns([x]), Float64Array.from(y));
  assert.ok(Math.abs(m.intercept - Math.log(3 / 7)) < 1e-9);
  assert.ok(Math.abs(m.coef[0] - (Math.log(6 / 2) - Math.log(3 / 7))) < 1e-9);
});

test("logit with l2: the penalised score on standardised features is zero", async () => {
  const { cols, y } = simulate(300, 3, [0.3, 1.5, -1]);
  const l2 = 0.05;
  const m = new LogisticRegression({ l2 });
  await m.fit(fromColumns(cols), y);
  const p = m.predictProba(fromColumns(cols));
  const n = y.length;
  cols.forEach((c, j) => {
    let mean = 0;
    for (const v of c) mean += v;
    mean /= n;
    let sd = 0;
    for (const v of c) sd += (v - mean) ** 2;
    sd = Math.sqrt(sd / n);
    let g = 0;
    for (let i = 0; i < n; i++) g += ((c[i] - mean) / sd) * (y[i] - p[i]);
    // d/db_std of [-loglik + n l2/2 b_std^2] = -g + n l2 b_std = 0
    assert.ok(Math.abs(-g + n * l2 * m.coef[j] * sd) < 1e-7, `penalised score ${j}`);
  });
  const plain = new LogisticRegression();
  await plain.fit(fromColumns(cols), y);
  assert.ok(Math.abs(m.coef[0]) < Math.abs(plain.coef[0]), "the penalty shrinks");
});

test("logit: collinear dummies are dropped instead of breaking the Newton step", async () => {
  const n = 90;
  const rng = makeRng(4);
  const d = [0, 1, 2].map((k) => Float64Array.from({ length: n }, (_, i) => (i % 3 === k ? 1 : 0)));
  const y = Float64Array.from({ length: n }, (_, i) => (rng.next() < [0.2, 0.5, 0.7][i % 3] ? 1 : 0));
  const m = new LogisticRegression();
  await m.fit(fromColumns(d), y);
  const p = m.predictProba(fromColumns(d));
  // Saturated in the groups: fitted probabilities are the group shares.
  for (let k = 0; k < 3; k++) {
    let ones = 0, cnt = 0;
    for (let i = k; i < n; i += 3) { ones += y[i]; cnt++; }
    assert.ok(Math.abs(p[k] - ones / cnt) < 1e-8);
  }
});

test("logit: separation is reported with a warning and probabilities stay in [0, 1]", async () => {
  const x = Float64Array.from({ length: 20 }, (_, i) => i);
  const y = Float64Array.from(x, (v) => (v >= 10 ? 1 : 0));
  const warnings: string[] = [];
  const onWarn = (w: Error) => warnings.push(w.message);
  process.on("warning", onWarn);
  const m = new LogisticRegression();
  await m.fit(fromColumns([x]), y);
  await new Promise((r) => setImmediate(r));
  process.off("warning", onWarn);
  assert.ok(m.separated);
  assert.ok(warnings.some((w) => /separated/.test(w)));
  const p = m.predictProba(fromColumns([x]));
  assert.ok(p.every((v) => v >= 0 && v <= 1 && Number.isFinite(v)));
  assert.ok(p[0] < 0.01 && p[19] > 0.99);
  const ridge = new LogisticRegression({ l2: 0.01 });
  await ridge.fit(fromColumns([x]), y);
  assert.ok(!ridge.separated && ridge.converged);
});

test("logit: bad target is rejected, clone is unfitted", async () => {
  const X = fromColumns([[1, 2, 3]]);
  await assert.rejects(new LogisticRegression().fit(X, Float64Array.of(1, 1, 1)), /constant/);
  await assert.rejects(new LogisticRegression().fit(X, Float64Array.of(0, 2, 1)), /0 or 1.*row 2/);
  assert.throws(() => new LogisticRegression({ l2: -1 }), InputError);
  const c = new LogisticRegression({ l2: 0.5 }).clone();
  assert.deepEqual(c.opts, { l2: 0.5 });
  assert.throws(() => c.predictProba(X), /before fit/);
});
