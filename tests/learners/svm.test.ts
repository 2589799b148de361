import { test } from "node:test";
import assert from "node:assert/strict";
import { SVR, SVC, plattFit } from "../../src/learners/svm";
import { fromColumns } from "../../src/numeric/matrix";
import { makeRng } from "../../src/numeric/rng";
import { InputError } from "../../src/errors";

function smooth(n: number, seed: number) {
  const rng = makeRng(seed);
  const x1 = Float64Array.from({ length: n }, () => 4 * rng.next() - 2);
  const x2 = Float64Array.from({ length: n }, () => 10 + 5 * rng.normal()); // another scale: standardisation matters
  const f = Float64Array.from(x1, (v, i) => 50 + 20 * Math.sin(1.5 * v) + 0.5 * (x2[i] - 10));
  const y = Float64Array.from(f, (v) => v + 2 * rng.normal());
  return { X: fromColumns([x1, x2]), f, y };
}

test("svr: recovers a smooth function (held-out RMSE vs the truth well below the noise sd)", async () => {
  const train = smooth(400, 1), hold = smooth(300, 2);
  const m = new SVR({ cost: 10 });
  await m.fit(train.X, train.y);
  const p = m.predict(hold.X);
  let se = 0, sf = 0;
  const fbar = hold.f.reduce((s, v) => s + v, 0) / hold.f.length;
  for (let i = 0; i < p.length; i++) { se += (p[i] - hold.f[i]) ** 2; sf += (hold.f[i] - fbar) ** 2; }
  const rmse = Math.sqrt(se / p.length);
  assert.ok(rmse < 1.5, `rmse ${rmse} (signal sd ${Math.sqrt(sf / p.length)}, noise sd 2)`);
  // Same settings, same data: identical predictions (libsvm's SMO is deterministic).
  const again = m.clone();
  await again.fit(train.X, train.y);
  assert.deepEqual(Array.from(again.predict(hold.X)), Array.from(p));
});

test("svr: our reading of the libsvm model reproduces libsvm's own predictions", async () => {
  const { X, y } = smooth(150, 3);
  const m = new SVR();
  await m.fit(X, y);
  // Independent route: train libsvm directly on the same standardised data and ask it to predict.
  const SVM = require("libsvm-js/asm");
  const cols = [0, 1].map((j) => X.data.subarray(j * X.nrow, (j + 1) * X.nrow));
  const stats = cols.map((c) => { const mu = c.reduce((s, v) => s + v, 0) / c.length; return { mu, sd: Math.sqrt(c.reduce((s, v) => s + (v - mu) ** 2, 0) / c.length) }; });
  const ym = y.reduce((s, v) => s + v, 0) / y.length, ysd = Math.sqrt(y.reduce((s, v) => s + (v - ym) ** 2, 0) / y.length);
  const rows = Array.from({ length: X.nrow }, (_, i) => cols.map((c, j) => (c[i] - stats[j].mu) / stats[j].sd));
  const svm = new SVM({ type: SVM.SVM_TYPES.EPSILON_SVR, kernel: SVM.KERNEL_TYPES.RBF, cost: 1, epsilon: 0.1, gamma: 0.5, quiet: true });
  svm.train(rows, Array.from(y, (v) => (v - ym) / ysd));
  const ref = svm.predict(rows).map((v: number) => ym + ysd * v);
  svm.free();
  const ours = m.predict(X);
  for (let i = 0; i < X.nrow; i++) assert.ok(Math.abs(ours[i] - ref[i]) < 1e-5 * ysd, `row ${i}: ${ours[i]} vs ${ref[i]}`);
});

test("svr: constant target predicts the constant", async () => {
  const m = new SVR();
  await m.fit(fromColumns([[1, 2, 3]]), Float64Array.of(7, 7, 7));
  assert.deepEqual(Array.from(m.predict(fromColumns([[9]]))), [7]);
});

test("platt: recovers a and b of a logistic calibration curve", () => {
  const rng = makeRng(5);
  const n = 20000, a = -2, b = 0.5;
  const f = Float64Array.from({ length: n }, () => 2 * rng.normal());
  const y = Float64Array.from(f, (v) => (rng.next() < 1 / (1 + Math.exp(a * v + b)) ? 1 : 0));
  const fit = plattFit(f, y);
  assert.ok(Math.abs(fit.a - a) < 0.1 && Math.abs(fit.b - b) < 0.1, `a ${fit.a}, b ${fit.b}`);
});

test("svc: probabilities in [0, 1], calibrated and discriminating on a known model; seeded", async () => {
  const rng = makeRng(7);
  const n = 600;
  const x1 = Float64Array.from({ length: n }, () => rng.normal());
  const x2 = Float64Array.from({ length: n }, () => rng.normal());
  const truth = Float64Array.from(x1, (v, i) => 1 / (1 + Math.exp(-(2 * v + x2[i] * x2[i] - 1))));
  const y = Float64Array.from(truth, (p) => (rng.next() < p ? 1 : 0));
  const X = fromColumns([x1, x2]);
  const m = new SVC({ seed: 3 });
  await m.fit(X, y);
  const p = m.predictProba(X);
  assert.ok(p.every((v) => v >= 0 && v <= 1));
  let gap = 0, base = 0, mean = 0;
  for (let i = 0; i < n; i++) { gap += Math.abs(p[i] - truth[i]); base += y[i]; mean += p[i]; }
  assert.ok(gap / n < 0.12, `mean |p - truth| ${gap / n}`);
  assert.ok(Math.abs(mean / n - base / n) < 0.03, "average probability near the base rate");
  const same = m.clone();
  await same.fit(X, y);
  assert.deepEqual(Array.from(same.predictProba(X)), Array.from(p));
  // The orientation must not depend on which label comes first in the data: start the rows at a 1, then at a 0.
  for (const first of [1, 0]) {
    const shift = y.indexOf(first);
    const order = Int32Array.from({ length: n }, (_, i) => (i + shift) % n);
    const c = new SVC({ seed: 3 });
    await c.fit(fromColumns([Float64Array.from(order, (i) => x1[i]), Float64Array.from(order, (i) => x2[i])]), Float64Array.from(order, (i) => y[i]));
    const q = c.predictProba(fromColumns([[1.5, -1.5], [0, 0]])); // truth: 0.88 and 0.018
    assert.ok(q[0] > 0.7 && q[1] < 0.3, `first label ${first}: ${Array.from(q)}`);
  }
});

test("svm: bad settings and input are rejected", async () => {
  assert.throws(() => new SVR({ cost: 0 }), InputError);
  assert.throws(() => new SVC({ gamma: -1 }), InputError);
  await assert.rejects(new SVC().fit(fromColumns([[1, 2, 3]]), Float64Array.of(0, 0, 0)), /constant/);
  await assert.rejects(new SVR().fit(fromColumns([[1, NaN]], ["fin"]), Float64Array.of(0, 1)), /fin at row 2/);
});
