import { test } from "node:test";
import * as assert from "node:assert/strict";
import { table } from "arquero";
import { dml } from "../../src/dml";
import { InputError } from "../../src/errors";
import {
  averageRanks, benchmarkTable, cityScores, lowerBound, lowerBoundGrid, placeboDraws, rankAgreement,
  plantedZeroPreTrendText, preTrendBins, sensitivityElementsOf, spearman, zeroAlignedLevels,
} from "../../src/replication/beyond";
import { simulatePanel } from "../dml/helpers";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

test("average ranks share tied positions", () => {
  assert.deepEqual([...averageRanks([10, 20, 20, 30])], [1, 2.5, 2.5, 4]);
  assert.deepEqual([...averageRanks([3, 1, 3, 3, 2])], [4, 1, 4, 4, 2]);
});

test("spearman: hand-worked cases with and without ties", () => {
  // No ties: d = -1, 1, -1, 1, 0 so 1 - 6 * 4 / (5 * 24) = 0.8.
  close(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]), 0.8);
  close(spearman([1, 2, 3, 4, 5], [9, 7, 5, 3, 1]), -1);
  // Ties in b: ranks 1, 2, 3.5, 5, 3.5; deviations from 3 give sum ab = 8, sum aa = 10, sum bb = 9.5.
  close(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), 8 / Math.sqrt(95));
  // Ties in both: a ranks 1.5, 1.5, 3, 4 (deviations -1, -1, 0.5, 1.5); b ranks 1, 2.5, 2.5, 4
  // (deviations -1.5, 0, 0, 1.5): sum ab = 3.75, sum aa = sum bb = 4.5.
  close(spearman([0, 0, 1, 2], [1, 2, 2, 3]), 3.75 / 4.5);
  assert.throws(() => spearman([1, 1, 1], [1, 2, 3]), InputError);
  assert.throws(() => spearman([1, 2], [1, 2, 3]), InputError);
});

test("the grid of lower bounds matches dml's sensitivity result at the default point", async () => {
  const data = simulatePanel(20, 5, 3);
  for (const reps of [1, 3]) {
    const res = await dml({ data, y: "FI", d: "Bigdata", x: ["Gdp", "Pas", "Fin"], learner: "ols", reps, sensitivity: true, onProgress: () => {} });
    const grid = [0, 0.03, 0.1];
    const z = lowerBoundGrid(res, grid);
    close(z[1][1], res.terms[0].sensitivity!.theta_lower, 1e-12);
    // cf = 0 in either direction: no bias, the bound is the estimate itself.
    close(z[0][2], res.terms[0].coef);
    close(z[2][0], res.terms[0].coef);
    assert.ok(z[2][2] < z[1][1] && z[1][1] < z[0][0]);
  }
});

test("the lower bound equals theta - S sqrt(cf_y cf_d / (1 - cf_d)) computed from the predictions", async () => {
  const data = simulatePanel(20, 5, 4);
  const res = await dml({ data, y: "FI", d: "Bigdata", x: ["Gdp", "Pas", "Fin"], learner: "ols", onProgress: () => {} });
  const { y } = res.design, d = res.design.d[0], p = res.predictions[0][0];
  let rr = 0, vv = 0;
  for (let i = 0; i < y.length; i++) {
    const v = d[i] - p.preds.m_hat[i];
    rr += (y[i] - p.preds.l_hat[i] - p.theta * v) ** 2;
    vv += v * v;
  }
  const S = Math.sqrt((rr / y.length) / (vv / y.length));
  close(lowerBound(sensitivityElementsOf(res), 0.05, 0.1), p.theta - S * Math.sqrt(0.05 * 0.1 / 0.9), 1e-10);
});

test("benchmark rows: k is |theta| over the bias a confounder as strong as the control produces", async () => {
  const data = simulatePanel(20, 5, 5);
  const opts = { data, y: "FI", d: "Bigdata", x: ["Gdp", "Pas", "Fin"], learner: "ols" as const, onProgress: () => {} };
  const res = await dml(opts);
  const rows = await benchmarkTable(opts, res, ["Gdp", "Pas"]);
  assert.deepEqual(rows.map((r) => r.control), ["Gdp", "Pas"]);
  for (const r of rows) {
    assert.ok(r.cf_y >= 0 && r.cf_y < 1 && r.cf_d >= 0 && r.cf_d < 1);
    close(r.maxBias, res.terms[0].coef - lowerBound(sensitivityElementsOf(res), r.cf_y, r.cf_d));
    close(r.k * r.maxBias, Math.abs(res.terms[0].coef));
    close(r.theta_long, res.terms[0].coef);
  }
  // Gdp drives both the treatment and the outcome in the test panel: it is a strong benchmark.
  assert.ok(rows[0].cf_y > 0.05 && rows[0].cf_d > 0.05);
});

test("placebo draws come from STII_PLACEBO_DRAWS when set", () => {
  assert.equal(placeboDraws({}), 100);
  assert.equal(placeboDraws({ STII_PLACEBO_DRAWS: "250" }), 250);
  assert.throws(() => placeboDraws({ STII_PLACEBO_DRAWS: "0" }), /STII_PLACEBO_DRAWS/);
  assert.throws(() => placeboDraws({ STII_PLACEBO_DRAWS: "ten" }), InputError);
});

test("city scores and rank agreement", () => {
  const t = table({ city_code: ["a", "a", "b", "b", "c", "c"], year: [1, 2, 1, 2, 1, 2] });
  const mean = cityScores(t, [1, 3, 5, 5, 0, 1], "mean");
  assert.deepEqual([...mean.entries()], [["a", 2], ["b", 5], ["c", 0.5]]);
  const last = cityScores(t, [1, 3, 5, 5, 0, 1], "last");
  assert.deepEqual([...last.entries()], [["a", 3], ["b", 5], ["c", 1]]);
  const agree = rankAgreement(mean, new Map([["c", 9], ["b", 1], ["a", 5]]));
  assert.equal(agree.cities, 3);
  close(agree.rho, -1);
  assert.throws(() => cityScores(t, [1, 2], "mean"), InputError);
});

test("contour levels sit on a round step that includes zero", () => {
  const l = zeroAlignedLevels([[0.031, 0.012], [-0.004, -0.0185]]);
  close(l.size, 0.005); // range 0.0495 / 10 = 0.00495 -> 0.005
  close(l.start, -0.02);
  close(l.end, 0.035);
  const k = Math.round((0 - l.start) / l.size);
  close(l.start + k * l.size, 0, 1e-12);
});

test("pre-trend text: names exactly the pre-designation bins excluding zero where the planted effect is 0", () => {
  const term = (k: number, coef: number, se: number) => ({ label: k <= -4 ? "k<=-4" : `k=${k}`, k, coef, se, ci: [coef - 1.96 * se, coef + 1.96 * se] as [number, number] });
  const terms = [term(-4, -0.02, 0.005), term(-3, 0.004, 0.005), term(-2, -0.001, 0.005), term(0, 0.03, 0.005)];
  assert.deepEqual(preTrendBins(terms).map((t) => t.label), ["k<=-4"]); // k = 0 excludes zero but is not pre-designation
  const zeroTruth = new Map([[-4, 0], [-3, 0], [-2, 0], [0, 0.02]]);
  const text = plantedZeroPreTrendText(terms, zeroTruth);
  assert.match(text, /interval at k<=-4 \(-0\.0200, -4\.0 standard errors\) excludes zero/);
  assert.match(text, /rising relative to/);
  assert.doesNotMatch(text, /k=-3|k=-2/);
  // Nothing to explain when every pre-designation interval covers zero, or when the planted value there is not 0.
  assert.equal(plantedZeroPreTrendText([term(-4, 0.001, 0.005), term(0, 0.03, 0.005)], zeroTruth), "");
  assert.equal(plantedZeroPreTrendText(terms, new Map([[-4, -0.02]])), "");
  assert.match(plantedZeroPreTrendText([term(-4, 0.03, 0.005), term(-3, 0.02, 0.005)], zeroTruth), /intervals at k<=-4 .*, k=-3 .* exclude zero.*falling relative to/);
});

test("pre-trend text: chance is named only when every excluding bin is under three standard errors", () => {
  const term = (k: number, coef: number, se: number) => ({ label: `k=${k}`, k, coef, se, ci: [coef - 1.96 * se, coef + 1.96 * se] as [number, number] });
  const truth = new Map([[-3, 0], [-2, 0]]);
  assert.match(plantedZeroPreTrendText([term(-3, 0.012, 0.005)], truth), /chance alone/);
  assert.doesNotMatch(plantedZeroPreTrendText([term(-3, 0.02, 0.005)], truth), /chance/);
});
