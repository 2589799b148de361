// External predictions (DoubleML's external_predictions): a nuisance passed in is used instead of fitted.
import { test } from "node:test";
import assert from "node:assert/strict";
import { dml } from "../../src/dml";
import { simulatePanel } from "./helpers";

const data = simulatePanel();
const base = { data, y: "FI", d: "Bigdata", x: ["Gdp", "Pas"], learner: "rf" as const, learnerOptions: { nTrees: 6, threads: 1 }, reps: 2 };

test("external l_hat and m_hat from a fit with the same folds give that fit's numbers; only the others are fitted", async () => {
  const fit = await dml(base);
  const l_hat = fit.predictions.map((rep) => rep[0].preds.l_hat), m_hat = fit.predictions.map((rep) => rep[0].preds.m_hat);
  let fits = 0;
  const withL = await dml({ ...base, externalPredictions: { Bigdata: { l_hat } }, onProgress: (done, total) => { fits = done; assert.equal(total, 2 * 5); } });
  assert.equal(fits, 2 * 5, "m only: one fit per fold and repetition");
  assert.deepEqual(withL.perRep, fit.perRep);
  assert.deepEqual(withL.terms.map((t) => [t.coef, t.se]), fit.terms.map((t) => [t.coef, t.se]));
  // Both given: nothing is fitted, and a made-up m_hat changes theta by the score's formula.
  const m0 = m_hat.map((m) => m.map(() => 0));
  const none = await dml({ ...base, externalPredictions: { Bigdata: { l_hat, m_hat: m0 } }, onProgress: () => assert.fail("no fit expected") });
  const y = fit.design.y, d = fit.design.d[0];
  let uv = 0, vv = 0;
  for (let i = 0; i < y.length; i++) { uv += (y[i] - l_hat[0][i]) * d[i]; vv += d[i] * d[i]; }
  assert.ok(Math.abs(none.perRep[0].theta[0] - uv / vv) < 1e-12, "theta = sum (y - l) d / sum d^2 when m_hat = 0");
});

test("external predictions: wrong treatment, key, repetitions, length, non-finite values or model are one clear error", async () => {
  const fit = await dml({ ...base, reps: 1 });
  const l = fit.predictions[0][0].preds.l_hat;
  const one = { ...base, reps: 1 };
  await assert.rejects(dml({ ...one, externalPredictions: { FI: { l_hat: [l] } } }), /external predictions for FI, which is not a treatment \(Bigdata\)/);
  await assert.rejects(dml({ ...one, externalPredictions: { Bigdata: { g_hat: [l] } as never } }), /g_hat is not l_hat or m_hat/);
  await assert.rejects(dml({ ...base, externalPredictions: { Bigdata: { l_hat: [l] } } }), /external l_hat for Bigdata: 1 repetition\(s\), the fit has 2/);
  await assert.rejects(dml({ ...one, externalPredictions: { Bigdata: { l_hat: [l.subarray(1)] } } }), new RegExp(`${l.length - 1} values, the design has ${l.length} rows`));
  const bad = l.slice();
  bad[13] = NaN;
  await assert.rejects(dml({ ...one, externalPredictions: { Bigdata: { l_hat: [bad] } } }), /external l_hat for Bigdata \(repetition 1\) is not finite at city_code=\d+, year=\d+/);
  await assert.rejects(dml({ ...one, model: "irm", externalPredictions: { Bigdata: { l_hat: [l] } } }), /offered for model plr with multi "doubleml" only/);
});
