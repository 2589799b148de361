// Sensitivity bounds (SPEC 10.1) against an independent hand computation from the returned
// cross-fitted predictions; RV and RVa against their defining equations; benchmarking.
import { test } from "node:test";
import assert from "node:assert/strict";
import { benchmarkSensitivity, dml, type DmlResult } from "../../src/dml";
import { simulatePanel } from "./helpers";

const data = simulatePanel(40, 6, 5);
const X = ["Gdp", "Pas", "Fin"];
const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
const med = (v: number[]) => { const s = [...v].sort((a, b) => a - b); const h = s.length >> 1; return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2; };

/** Bounds for term j at (cf_y, cf_d, rho), written from SPEC 10.1 without the library's code. */
function hand(res: DmlResult, j: number, cf_y: number, cf_d: number, rho: number, q = 1.6448536269514722) {
  const Y = Array.from(res.design.y), D = Array.from(res.design.d[j]), n = Y.length;
  const per = res.predictions.map((rep) => {
    const { l_hat, m_hat } = rep[j].preds;
    const v = D.map((d, i) => d - m_hat[i]);
    const u = Y.map((a, i) => a - l_hat[i]);
    const theta = u.reduce((s, a, i) => s + a * v[i], 0) / v.reduce((s, a) => s + a * a, 0);
    const r = u.map((a, i) => a - theta * v[i]);
    const sigma2 = r.reduce((s, a) => s + a * a, 0) / n;
    const nu2 = n / v.reduce((s, a) => s + a * a, 0);
    const S = Math.sqrt(sigma2 * nu2), strength = Math.abs(rho) * Math.sqrt((cf_y * cf_d) / (1 - cf_d));
    const meanA = -v.reduce((s, a) => s + a * a, 0) / n;
    let lo = 0, hi = 0;
    for (let i = 0; i < n; i++) {
      const psiScaled = (r[i] * v[i]) / meanA;
      const bias = (strength / (2 * S)) * (sigma2 * (nu2 - v[i] * v[i] * nu2 * nu2) + nu2 * (r[i] * r[i] - sigma2));
      lo += (psiScaled - bias) ** 2;
      hi += (psiScaled + bias) ** 2;
    }
    return { theta, tl: theta - S * strength, tu: theta + S * strength, sl: Math.sqrt(lo / n / n), su: Math.sqrt(hi / n / n) };
  });
  const tl = med(per.map((p) => p.tl)), tu = med(per.map((p) => p.tu));
  // Repetitions as DoubleML 0.10.0 on: ci bounds are the medians of the repetitions' ci bounds.
  const cl = med(per.map((p) => p.tl - q * p.sl)), cu = med(per.map((p) => p.tu + q * p.su));
  return { theta: med(per.map((p) => p.theta)), theta_lower: tl, theta_upper: tu, ci_lower: cl, ci_upper: cu };
}

for (const reps of [1, 3]) {
  test(`bounds and ci bounds equal the hand computation (reps = ${reps}); RV and RVa solve their equations`, async () => {
    const res = await dml({ data, y: "FI", d: ["Bigdata", "LowCarbon"], x: X, learner: "ols", reps, sensitivity: { cf_y: 0.04, cf_d: 0.05, rho: 0.8 } });
    for (const j of [0, 1]) {
      const s = res.terms[j].sensitivity!;
      const h = hand(res, j, 0.04, 0.05, 0.8);
      close(h.theta, res.terms[j].coef, 1e-10, "theta");
      for (const k of ["theta_lower", "theta_upper", "ci_lower", "ci_upper"] as const) close(s[k], h[k], 1e-10, k);
      assert.ok(s.rv > 0 && s.rv < 1 && s.rva >= 0 && s.rva < s.rv, `rv ${s.rv} rva ${s.rva}`);
      const atRv = hand(res, j, s.rv, s.rv, 0.8), atRva = hand(res, j, s.rva, s.rva, 0.8);
      const positive = res.terms[j].coef > 0;
      close(positive ? atRv.theta_lower : atRv.theta_upper, 0, 1e-6, "bound at RV");
      if (s.rva > 0) close(positive ? atRva.ci_lower : atRva.ci_upper, 0, 1e-6, "ci bound at RVa");
    }
  });
}

test("defaults are cf_y = cf_d = 0.03, rho = 1, level 0.95; a stronger confounder widens the bounds", async () => {
  const res = await dml({ data, y: "FI", d: "Bigdata", x: X, learner: "ols", sensitivity: true });
  const s = res.terms[0].sensitivity!;
  assert.deepEqual([s.cf_y, s.cf_d, s.rho, s.level], [0.03, 0.03, 1, 0.95]);
  const h = hand(res, 0, 0.03, 0.03, 1);
  close(s.theta_lower, h.theta_lower, 1e-10, "theta_lower");
  const wide = await dml({ data, y: "FI", d: "Bigdata", x: X, learner: "ols", sensitivity: { cf_y: 0.2, cf_d: 0.2 } });
  assert.ok(wide.terms[0].sensitivity!.theta_lower < s.theta_lower);
  assert.equal(wide.terms[0].sensitivity!.rv, s.rv, "RV does not depend on cf_y, cf_d");
});

test("bad sensitivity options and models are InputErrors", async () => {
  const base = { data, y: "FI", d: "Bigdata", x: X, learner: "ols" as const };
  await assert.rejects(dml({ ...base, sensitivity: { cf_y: 1 } }), /cf_y must lie in \[0, 1\)/);
  await assert.rejects(dml({ ...base, sensitivity: { cf_d: -0.1 } }), /cf_d must lie in \[0, 1\)/);
  await assert.rejects(dml({ ...base, sensitivity: { rho: 1.5 } }), /rho must lie in \[-1, 1\]/);
  await assert.rejects(dml({ ...base, model: "irm", sensitivity: true }), /sensitivity analysis is defined for model plr/);
  await assert.rejects(dml({ ...base, score: "IV-type", sensitivity: true }), /partialling-out score only/);
});

test("benchmarking on Gdp: cf_y and cf_d from the long and short fits by the documented formulas", async () => {
  const opts = { data, y: "FI", d: "Bigdata", x: X, learner: "ols" as const, foldColumn: "fold" };
  const b = await benchmarkSensitivity(opts, "Gdp");
  const long = await dml(opts), short = await dml({ ...opts, x: ["Pas", "Fin"] });
  const el = (res: DmlResult) => {
    const { l_hat, m_hat } = res.predictions[0][0].preds, th = res.terms[0].coef;
    const Y = res.design.y, D = res.design.d[0], n = Y.length;
    let rr = 0, vv = 0;
    for (let i = 0; i < n; i++) { const v = D[i] - m_hat[i]; rr += (Y[i] - l_hat[i] - th * v) ** 2; vv += v * v; }
    return { sigma2: rr / n, nu2: n / vv };
  };
  const L = el(long), S = el(short);
  close(b.terms[0].cf_y, (S.sigma2 - L.sigma2) / S.sigma2, 1e-12, "cf_y");
  close(b.terms[0].cf_d, 1 - S.nu2 / L.nu2, 1e-12, "cf_d");
  assert.ok(b.terms[0].cf_y > 0.1, "Gdp drives FI strongly in the simulation");
  assert.ok(b.terms[0].rho >= 0 && b.terms[0].rho <= 1);
  await assert.rejects(benchmarkSensitivity(opts, "Env"), /benchmark control Env is not among the controls/);
  // The long fit passed in (with sensitivity options, which do not change the fit) gives the same numbers.
  assert.deepEqual(await benchmarkSensitivity(opts, "Gdp", await dml({ ...opts, sensitivity: true })), b);
  // A long fit of other options is refused, whether its settings or its data differ.
  await assert.rejects(benchmarkSensitivity(opts, "Gdp", await dml({ ...opts, seed: 9 })), /not the fit of these options \(seed 9, options 20250\)/);
  await assert.rejects(benchmarkSensitivity(opts, "Gdp", await dml({ ...opts, folds: 3, foldColumn: undefined })), /its learner, folds, rows, outcome or treatment differ/);
  await assert.rejects(benchmarkSensitivity(opts, "Gdp", await dml({ ...opts, y: "Pas", x: ["Gdp", "Fin"] })), /its learner, folds, rows, outcome or treatment differ/);
});
