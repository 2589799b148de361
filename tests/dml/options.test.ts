// dml() options that the estimator tests do not reach: the confidence level and p-values of the
// result, and a different learner per nuisance (including IV-type's g, which takes l's learner).
import { test } from "node:test";
import { InputError } from "../../src/errors";
import assert from "node:assert/strict";
import { dml } from "../../src/dml";
import type { Regressor } from "../../src/learners/types";
import type { Matrix } from "../../src/numeric/matrix";
import { col, handCrossFit, handSolve, simulatePanel } from "./helpers";

const data = simulatePanel(30, 6);
const X = ["Gdp", "Pas", "Fin"];
const Xcols = X.map((c) => col(data, c));
const fold = col(data, "fold");
const base = { data, y: "FI", d: "Bigdata", x: X, foldColumn: "fold" };
const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

/** Two-sided normal p-value by Simpson's rule on the density over [|t|, |t| + 12]: independent of src/numeric. */
function simpsonP(t: number): number {
  const a = Math.abs(t), b = a + 12, n = 4000, h = (b - a) / n;
  const phi = (x: number) => Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
  let s = phi(a) + phi(b);
  for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * phi(a + i * h);
  return 2 * s * h / 3;
}

test("level: the interval is coef -+ z se with z the normal quantile of the level; p is the two-sided normal p", async () => {
  // z for 0.90, 0.95, 0.99 (Wichura's AS 241, Python's statistics.NormalDist).
  const z: [number, number][] = [[0.9, 1.6448536269514715], [0.95, 1.9599639845400536], [0.99, 2.5758293035489]];
  const fits = await Promise.all(z.map(([level]) => dml({ ...base, learner: "ols", level })));
  fits.forEach((r, k) => {
    const t = r.terms[0];
    close(t.ci[0], t.coef - z[k][1] * t.se, 1e-12, `level ${z[k][0]} lower`);
    close(t.ci[1], t.coef + z[k][1] * t.se, 1e-12, `level ${z[k][0]} upper`);
    close(t.p, simpsonP(t.t), 1e-9, "p");
    assert.equal(t.coef, fits[0].terms[0].coef, "the level changes the interval only");
  });
  assert.deepEqual((await dml({ ...base, learner: "ols" })).terms[0].ci, fits[1].terms[0].ci, "default level 0.95");
  // A term near zero: the p-value of a small t (a second treatment whose effect is weak).
  const weak = await dml({ ...base, d: ["Bigdata", "LowCarbon"], x: X, learner: "ols", level: 0.9 });
  for (const t of weak.terms) close(t.p, simpsonP(t.t), 1e-9, `p of ${t.name}`);
  for (const level of [0, 1, 1.5, NaN]) {
    await assert.rejects(dml({ ...base, learner: "ols", level }), (e: Error) => e instanceof InputError && /^level must be in \(0, 1\), got /.test(e.message));
  }
});

/** A regressor that predicts the mean of its training target (named so its choice shows in the label). */
class TrainingMean implements Regressor {
  readonly name = "mean";
  private mu = NaN;
  async fit(_X: Matrix, y: Float64Array): Promise<void> { this.mu = y.reduce((s, v) => s + v, 0) / y.length; }
  predict(X: Matrix): Float64Array { return new Float64Array(X.nrow).fill(this.mu); }
  clone(): Regressor { return new TrainingMean(); }
}

/** Out-of-fold means of target (what TrainingMean gives under the fold column). */
function handMeans(target: number[]): number[] {
  return target.map((_, i) => {
    const train = target.filter((_, j) => fold[j] !== fold[i]);
    return train.reduce((s, v) => s + v, 0) / train.length;
  });
}

test("per-nuisance learners: l and m each use their own (hand: OLS for one, training means for the other)", async () => {
  const y = col(data, "FI"), d = col(data, "Bigdata");
  const r = await dml({ ...base, learner: { l: "ols", m: new TrainingMean() } });
  assert.equal(r.learner, "l=ols,m=mean");
  const l = handCrossFit(Xcols, y, fold), m = handMeans(d);
  r.predictions[0][0].preds.l_hat.forEach((v, i) => close(v, l[i], 1e-8, `l_hat[${i}]`));
  r.predictions[0][0].preds.m_hat.forEach((v, i) => close(v, m[i], 1e-12, `m_hat[${i}]`));
  const v = d.map((a, i) => a - m[i]), u = y.map((a, i) => a - l[i]);
  const hand = handSolve(v.map((a) => -a * a), u.map((a, i) => a * v[i]));
  close(r.terms[0].coef, hand.theta, 1e-8, "theta");
  close(r.terms[0].se, hand.se, 1e-8, "se");

  // Swapped: now m is OLS and l the means.
  const s = await dml({ ...base, learner: { l: new TrainingMean(), m: "ols" } });
  assert.equal(s.learner, "l=mean,m=ols");
  s.predictions[0][0].preds.m_hat.forEach((x, i) => close(x, handCrossFit(Xcols, d, fold)[i], 1e-8, `swapped m_hat[${i}]`));
});

test("per-nuisance learners: IV-type's g takes l's learner unless given its own", async () => {
  const y = col(data, "FI"), d = col(data, "Bigdata");
  const r = await dml({ ...base, score: "IV-type", learner: { l: new TrainingMean(), m: "ols" } });
  assert.equal(r.learner, "l=mean,m=ols");
  // g is fit on Y - theta0 D with theta0 from the partialled-out residuals; with l's learner, g_hat is its out-of-fold mean.
  const l = handMeans(y), m = handCrossFit(Xcols, d, fold);
  const v = d.map((a, i) => a - m[i]), u = y.map((a, i) => a - l[i]);
  const theta0 = u.reduce((s, a, i) => s + a * v[i], 0) / v.reduce((s, a) => s + a * a, 0);
  const g = handMeans(y.map((a, i) => a - theta0 * d[i]));
  r.predictions[0][0].preds.g_hat.forEach((x, i) => close(x, g[i], 1e-10, `g_hat[${i}]`));
  const own = await dml({ ...base, score: "IV-type", learner: { l: new TrainingMean(), m: "ols", g: "ols" } });
  const gOls = handCrossFit(Xcols, y.map((a, i) => a - theta0 * d[i]), fold);
  own.predictions[0][0].preds.g_hat.forEach((x, i) => close(x, gOls[i], 1e-8, `own g_hat[${i}]`));
});
