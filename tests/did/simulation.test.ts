// stii did on simulated panels with a planted ATT path (covariate-driven trends, so a plain DiD of means
// is biased), the uniform band, determinism for a seed and independence of the thread count.
import { test } from "node:test";
import assert from "node:assert/strict";
import { did } from "../../src/did";
import { cellData, standardCombinations } from "../../src/did/gt";
import { buildPanel } from "../../src/did/panel";
import { cellFolds } from "../../src/did/score";
import { uncached } from "../fixtures/uncached";
import { makePanel, makeUnits } from "./helpers";

const PERIODS = [2010, 2011, 2012, 2013, 2014, 2015];
const effect = (g: number, t: number) => 1 + 0.5 * (t - g);
const opts = { y: "y", id: "id", time: "t", group: "g", x: ["x1", "x2"] };

test("planted ATT path recovered (OLS + logit): every ATT(g,t) within 4 se, pre-periods near 0, overall 1.5", async () => {
  const data = makePanel(makeUnits([[0, 600], [2012, 200], [2014, 200]], 5), PERIODS, effect, 11);
  for (const control of ["never", "notyet"] as const) {
    const res = await did({ data, ...opts, learner: "ols", control, seed: 3 });
    for (const c of res.attGt) {
      const truth = c.comb.eval >= c.comb.group ? effect(c.comb.group, c.comb.eval) : 0;
      assert.ok(Math.abs(c.theta - truth) < 4 * c.se, `${control} ATT(${c.comb.group},${c.comb.eval}) = ${c.theta} (se ${c.se}), truth ${truth}`);
      assert.ok(c.se > 0.01 && c.se < 0.2, `se ${c.se}`);
    }
    for (const e of res.eventstudy) {
      const truth = e.key >= 0 ? 1 + 0.5 * e.key : 0;
      assert.ok(Math.abs(e.theta - truth) < 4 * e.se, `${control} event time ${e.key}: ${e.theta} vs ${truth}`);
    }
    // Overall: groups 2012 (post mean 1.75) and 2014 (1.25), equal sizes.
    assert.ok(Math.abs(res.overall.theta - 1.5) < 4 * res.overall.se, `overall ${res.overall.theta} (se ${res.overall.se})`);
    // The uniform band is wider than the pointwise one and covers the truth.
    assert.ok(res.band.crit > 1.96 && res.band.crit < 4, `crit ${res.band.crit}`);
    res.eventstudy.forEach((e, j) => {
      const truth = e.key >= 0 ? 1 + 0.5 * e.key : 0;
      assert.ok(res.band.lo[j] <= truth && truth <= res.band.hi[j], `band at e = ${e.key}`);
    });
  }
  // The naive DiD of mean changes is biased here (treated units have higher x1, which drives the trend).
  const res = await did({ data, ...opts, x: [], learner: "ols" });
  const c = res.attGt.find((a) => a.comb.group === 2012 && a.comb.eval === 2015)!;
  assert.ok(Math.abs(c.theta - effect(2012, 2015)) > 6 * c.se, `no-covariate ATT(2012,2015) ${c.theta} should be biased`);
});

test("random folds: stratified by group membership, drawn per cell from the seed", () => {
  const data = makePanel(makeUnits([[0, 23], [2012, 12]], 5), PERIODS, effect);
  const panel = buildPanel(data, { ...opts });
  const comb = standardCombinations(panel.periods, [2012], 0)[0];
  const cell = cellData(panel, comb, "never", 0);
  const a = cellFolds(cell, 5, 42, 0, undefined, "x"), b = cellFolds(cell, 5, 42, 0, undefined, "x");
  assert.deepEqual(a.fold, b.fold);
  assert.notDeepEqual(a.fold, cellFolds(cell, 5, 42, 1, undefined, "x").fold, "another cell draws other folds");
  const treatedPerFold = [0, 0, 0, 0, 0], perFold = [0, 0, 0, 0, 0];
  a.fold.forEach((f, i) => { perFold[f]++; treatedPerFold[f] += cell.d[i]; });
  assert.ok(Math.max(...treatedPerFold) - Math.min(...treatedPerFold) <= 1, `treated per fold ${treatedPerFold}`);
  assert.ok(Math.max(...perFold) - Math.min(...perFold) <= 1, `units per fold ${perFold}`);
});

test("random forest: same seed same numbers, another seed other numbers, thread count irrelevant", () => uncached(async () => {
  const data = makePanel(makeUnits([[0, 40], [2012, 15], [2014, 15]], 5), PERIODS, effect, 5);
  const run = (seed: number, threads: number) => did({ data, ...opts, learner: "rf", seed, learnerOptions: { nTrees: 25, threads } });
  const a = await run(9, 1), b = await run(9, 2), c = await run(9, 1), d = await run(10, 1);
  assert.deepEqual(a.toJSON(), b.toJSON(), "1 vs 2 threads");
  assert.deepEqual(a.band, b.band);
  assert.deepEqual(a.toJSON(), c.toJSON(), "repeat");
  assert.notDeepEqual(a.toJSON().overall, d.toJSON().overall, "seed 10");
  assert.ok(Math.abs(a.overall.theta - 1.5) < 5 * a.overall.se, `rf overall ${a.overall.theta} (se ${a.overall.se})`);
}));

test("uniform band: with one event time the bootstrap max |t| is standard normal, so crit -> 1.96", async () => {
  const data = makePanel(makeUnits([[0, 150], [2011, 150]], 5), [2010, 2011], effect, 8);
  const res = await did({ data, ...opts, learner: "ols", bootstrap: 20000, seed: 5 });
  assert.equal(res.eventstudy.length, 1);
  // The 95% quantile of |N(0,1)| over 20000 draws has a standard error of about 0.017.
  assert.ok(Math.abs(res.band.crit - 1.96) < 0.06, `crit ${res.band.crit}`);
  const again = await did({ data, ...opts, learner: "ols", bootstrap: 20000, seed: 5 });
  assert.equal(again.band.crit, res.band.crit);
});

test("lasso and gradient boosting nuisances run and recover the planted overall effect", async () => {
  const data = makePanel(makeUnits([[0, 160], [2012, 60], [2014, 60]], 5), PERIODS, effect, 21);
  for (const learner of ["lasso", "gbm"] as const) {
    const res = await did({ data, ...opts, learner, seed: 2, learnerOptions: { threads: 1 } });
    assert.equal(res.learner, learner);
    assert.ok(res.attGt.every((c) => Number.isFinite(c.theta) && c.se > 0), learner);
    assert.ok(Math.abs(res.overall.theta - 1.5) < 5 * res.overall.se, `${learner} overall ${res.overall.theta} (se ${res.overall.se})`);
  }
});
