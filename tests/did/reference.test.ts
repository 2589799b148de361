// ATT(g,t), SEs and aggregations of stii did against independent computations: the DiD of means and
// its closed-form SE when the nuisances are constant, the reference DR computation of helpers.ts with
// OLS + logit nuisances, and aggregation weights worked out by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { did } from "../../src/did";
import { LogisticRegression, OLS } from "../../src/learners";
import type { Classifier } from "../../src/learners/types";
import { standardCombinations } from "../../src/did/gt";
import { makePanel, makeUnits, NewtonLogit, referenceDid } from "./helpers";

const close = (a: number, b: number, tol: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test("standard group-time cells: bases t-1-a before g and g-1-a from g on (hand-listed)", () => {
  const P = [2010, 2011, 2012, 2013, 2014, 2015];
  assert.deepEqual(standardCombinations(P, [2013], 0).map((c) => [c.pre, c.eval]), [[2010, 2011], [2011, 2012], [2012, 2013], [2012, 2014], [2012, 2015]]);
  assert.deepEqual(standardCombinations(P, [2013], 1).map((c) => [c.pre, c.eval]), [[2010, 2012], [2011, 2013], [2011, 2014], [2011, 2015]]);
  // A group treated from the first period (no pre-period) gets no cell; with anticipation 2, 2012 has too few.
  assert.deepEqual(standardCombinations(P, [2010, 2012], 2).map((c) => c.group), []);
  assert.equal(standardCombinations(P, [2010, 2012], 0).filter((c) => c.group === 2010).length, 0);
});

test("no covariates, constant nuisances: ATT(g,t) is the DiD of means and se = sqrt(SS_T/n_T^2 + SS_C/n_C^2)", async () => {
  // Two folds; per fold 2 units of group 2012, 3 never-treated units and 1 unit of group 2011. The control
  // changes have equal means in both folds, so g0 (the other fold's control mean) and m (the training
  // share) are the same for every unit and the DR estimate reduces to the difference of mean changes.
  const dy1C = [[1, 2, 3], [0, 2, 4]], dy2C = [[5, -1, 2], [2, 2, 2]];
  const dy1T = [[0.5, 3.1], [2.2, -0.4]], dy2T = [[4.0, 1.5], [3.3, 6.1]];
  const cols: Record<string, number[]> = { id: [], t: [], g: [], y: [], f: [] };
  let id = 1;
  const add = (g: number, f: number, d1: number, d2: number) => {
    const c = id * 0.37;
    [c, c + d1, c + d1 + d2].forEach((y, k) => { cols.id.push(id); cols.t.push(2010 + k); cols.g.push(g); cols.y.push(y); cols.f.push(f); });
    id++;
  };
  for (let f = 0; f < 2; f++) {
    dy1C[f].forEach((v, i) => add(0, f, v, dy2C[f][i]));
    dy1T[f].forEach((v, i) => add(2012, f, v, dy2T[f][i]));
    add(2011, f, 10 * f + 1, -3);
  }
  const data = Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, Float64Array.from(v)]));
  const res = await did({ data, y: "y", id: "id", time: "t", group: "g", learner: "ols", foldColumn: "f" });
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const ss = (v: number[]) => v.reduce((s, x) => s + (x - mean(v)) ** 2, 0);
  for (const [time, T, C] of [[2011, dy1T.flat(), dy1C.flat()], [2012, dy2T.flat(), dy2C.flat()]] as const) {
    const cell = res.attGt.find((a) => a.comb.group === 2012 && a.comb.eval === time)!;
    close(cell.theta, mean([...T]) - mean([...C]), 1e-10, `ATT(2012,${time})`);
    close(cell.se, Math.sqrt(ss([...T]) / T.length ** 2 + ss([...C]) / C.length ** 2), 1e-10, `se(2012,${time})`);
  }
  assert.equal(res.n, 12, "N counts every unit, also those outside a cell (the SE scaling must not depend on it)");
});

const PERIODS = [2010, 2011, 2012, 2013, 2014, 2015];
const UNITS = makeUnits([[0, 24], [2012, 8], [2014, 8], [2015, 6]], 3);
const DATA = makePanel(UNITS, PERIODS, (g, t) => 1 + 0.5 * (t - g));

for (const [control, a] of [["never", 0], ["notyet", 0], ["notyet", 1], ["never", 1]] as const) {
  test(`OLS + logit nuisances equal the independent reference computation (control ${control}, anticipation ${a})`, async () => {
    // The propensity learner is the reference's own Newton logit, so the comparison isolates the DR arithmetic.
    const learner = { g: new OLS(), m: new NewtonLogit() };
    const res = await did({ data: DATA, y: "y", id: "id", time: "t", group: "g", x: ["x1", "x2"], learner, foldColumn: "f", control, anticipation: a });
    const ref = referenceDid(DATA, ["x1", "x2"], control, a);
    assert.deepEqual(res.attGt.map((c) => [c.comb.group, c.comb.pre, c.comb.eval]), ref.map((c) => [c.group, c.pre, c.time]));
    res.attGt.forEach((c, k) => {
      close(c.theta, ref[k].theta, 1e-10, `ATT(${ref[k].group},${ref[k].time})`);
      close(c.se, ref[k].se, 1e-10, `se(${ref[k].group},${ref[k].time})`);
    });
    // Aggregations: weights by hand from group sizes (8, 8, 6 units), combined influence functions.
    const share: Record<number, number> = { 2012: 8, 2014: 8, 2015: 6 };
    const ids = [...ref[0].phi.keys()];
    const agg = (cells: typeof ref, w: (c: (typeof ref)[0]) => number) => {
      const tot = cells.reduce((s, c) => s + w(c), 0);
      const phi = ids.map((u) => cells.reduce((s, c) => s + (w(c) / tot) * c.phi.get(u)!, 0));
      return { theta: cells.reduce((s, c) => s + (w(c) / tot) * c.theta, 0), se: Math.sqrt(phi.reduce((s, v) => s + v * v, 0)) / ids.length, phi };
    };
    for (const e of res.eventstudy) {
      const want = agg(ref.filter((c) => c.time - c.group === e.key), (c) => share[c.group]);
      close(e.theta, want.theta, 1e-10, `event time ${e.key}`);
      close(e.se, want.se, 1e-10, `se event time ${e.key}`);
    }
    assert.deepEqual(res.eventstudy.map((e) => e.key), [...new Set(ref.map((c) => c.time - c.group))].sort((p, q) => p - q));
    const groupAgg = res.group.map((gr) => {
      const want = agg(ref.filter((c) => c.group === gr.key && c.time >= c.group), () => 1);
      close(gr.theta, want.theta, 1e-10, `group ${gr.key}`);
      close(gr.se, want.se, 1e-10, `se group ${gr.key}`);
      return { key: gr.key, ...want };
    });
    for (const tm of res.time) {
      const want = agg(ref.filter((c) => c.time === tm.key && c.time >= c.group), (c) => share[c.group]);
      close(tm.theta, want.theta, 1e-10, `time ${tm.key}`);
      close(tm.se, want.se, 1e-10, `se time ${tm.key}`);
    }
    const tot = groupAgg.reduce((s, g) => s + share[g.key], 0);
    const phi = ids.map((_, i) => groupAgg.reduce((s, g) => s + (share[g.key] / tot) * g.phi[i], 0));
    close(res.overall.theta, groupAgg.reduce((s, g) => s + (share[g.key] / tot) * g.theta, 0), 1e-10, "overall");
    close(res.overall.se, Math.sqrt(phi.reduce((s, v) => s + v * v, 0)) / ids.length, 1e-10, "overall se");
  });
}

test("aggregation weights by hand: group 2012 post cells 1/4 each; event time 0 weights 8/22, 8/22, 6/22", async () => {
  const res = await did({ data: DATA, y: "y", id: "id", time: "t", group: "g", x: ["x1"], learner: "ols", foldColumn: "f" });
  const idx = (g: number, t: number) => res.attGt.findIndex((c) => c.comb.group === g && c.comb.eval === t);
  const g2012 = res.group.find((g) => g.key === 2012)!;
  const expected = new Float64Array(res.attGt.length);
  for (const t of [2012, 2013, 2014, 2015]) expected[idx(2012, t)] = 0.25;
  assert.deepEqual(Array.from(g2012.weights), Array.from(expected));
  const e0 = res.eventstudy.find((e) => e.key === 0)!;
  close(e0.weights[idx(2012, 2012)], 8 / 22, 1e-15, "w(2012,2012)");
  close(e0.weights[idx(2014, 2014)], 8 / 22, 1e-15, "w(2014,2014)");
  close(e0.weights[idx(2015, 2015)], 6 / 22, 1e-15, "w(2015,2015)");
  const t2013 = res.time.find((t) => t.key === 2013)!;
  assert.equal(t2013.weights[idx(2012, 2013)], 1, "calendar time 2013: only group 2012 is treated");
  const t2015 = res.time.find((t) => t.key === 2015)!;
  close(t2015.weights[idx(2015, 2015)], 6 / 22, 1e-15, "w time 2015, group 2015");
  assert.deepEqual(res.time.map((t) => t.key), [2012, 2013, 2014, 2015]);
});

test("learner ols is OLS for the outcome regressions and unpenalised logistic regression for the propensity", async () => {
  const base = { data: DATA, y: "y", id: "id", time: "t", group: "g", x: ["x1", "x2"], foldColumn: "f" };
  const byName = await did({ ...base, learner: "ols" });
  const byInstance = await did({ ...base, learner: { g: new OLS(), m: new LogisticRegression() } });
  assert.deepEqual(byName.toJSON(), byInstance.toJSON());
  const ref = referenceDid(DATA, ["x1", "x2"], "never", 0);
  // 1e-8: the project's logit stops on the deviance, ~1e-9 from the MLE the reference reaches.
  byName.attGt.forEach((c, k) => close(c.theta, ref[k].theta, 1e-8, `ATT(${ref[k].group},${ref[k].time})`));
});

test("the propensity is clipped to [0.01, 0.99] before it enters the weights", async () => {
  // A propensity learner that returns values outside the clipping bounds for some units.
  const raw = (x: number[]) => (x[0] < 0 ? 0.002 : x[0] > 1.5 ? 0.998 : 0.3 + 0.1 * x[0]);
  const extreme: Classifier = {
    name: "extreme",
    async fit() {},
    predictProba: (X) => Float64Array.from({ length: X.nrow }, (_, i) => raw([X.data[i]])),
    clone() { return extreme; },
  };
  const res = await did({ data: DATA, y: "y", id: "id", time: "t", group: "g", x: ["x1"], learner: { g: new OLS(), m: extreme }, foldColumn: "f" });
  const ref = referenceDid(DATA, ["x1"], "never", 0, raw);
  res.attGt.forEach((c, k) => {
    close(c.theta, ref[k].theta, 1e-10, `ATT(${ref[k].group},${ref[k].time})`);
    close(c.se, ref[k].se, 1e-10, `se(${ref[k].group},${ref[k].time})`);
  });
});
