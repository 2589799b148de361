import { test } from "node:test";
import * as assert from "node:assert/strict";
import { InputError } from "../../src/errors";
import { normalQuantile } from "../../src/numeric/normal";
import { twfe } from "../../src/replication/baseline";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  coverageDecomposition, estimateMc, readTextbookStudy, simulateMcPanel, summariseMc, textbookCsv, textbookReplication, textbookStudy,
  MC_CONTROLS, type McEstimate,
} from "../../src/replication/method-check";
import { uncached } from "../fixtures/uncached";
import { olsCoef } from "../dml/helpers";

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
const SMALL = { cities: 12, years: 5, theta: 0.5 };
const FOREST = { nTrees: 10, minNodeSize: 5, mtry: 4, threads: 1 };

test("the simulated panel has the design's shape and is reproducible", () => {
  const a = simulateMcPanel(SMALL, 3), b = simulateMcPanel(SMALL, 3), c = simulateMcPanel(SMALL, 4);
  assert.equal(a.numRows(), 60);
  assert.deepEqual(a.objects(), b.objects());
  assert.notDeepEqual(a.array("Y"), c.array("Y"));
  assert.ok((a.array("D") as Float64Array).every((v) => v === 0 || v === 1));
  assert.throws(() => simulateMcPanel({ ...SMALL, cities: 1 }, 1), InputError);
});

test("the TWFE OLS of the study is OLS with explicit city and year dummies (normal equations)", async () => {
  const t = simulateMcPanel(SMALL, 9);
  const col = (c: string) => Array.from(t.array(c) as ArrayLike<number>);
  const city = col("city_code").map(String), year = col("year");
  const dummies = [
    ...[...new Set(city)].slice(1).map((lv) => city.map((c) => (c === lv ? 1 : 0))),
    ...[...new Set(year)].slice(1).map((lv) => year.map((y) => (y === lv ? 1 : 0))),
  ];
  const others = [...MC_CONTROLS.map(col), ...dummies];
  const b = olsCoef([col("D"), ...others], col("Y"));
  close((await estimateMc("TWFE OLS", t, {}, 1)).coef, b[1], 1e-8);
  close(twfe({ data: t, y: "Y", d: "D", x: [...MC_CONTROLS], fe: ["city", "year"] }).coef, b[1], 1e-8);
});

test("the Monte Carlo is deterministic and its summary matches a hand computation", () => uncached(async () => {
  const run = () => textbookStudy({ reps: 3, seed: 11, design: SMALL, small: { ...SMALL, cities: 8 }, forest: FOREST, lasso: {} });
  const a = await run(), b = await run();
  assert.deepEqual(a.estimates, b.estimates);
  assert.equal(a.estimates.length, 9);
  const z = normalQuantile(0.975);
  for (const method of ["PLR forest", "PLR lasso", "TWFE OLS"] as const) {
    const e = a.estimates.filter((x) => x.method === method);
    assert.deepEqual(e.map((x) => x.rep), [0, 1, 2]);
    const c = e.map((x) => x.coef);
    const mean = (c[0] + c[1] + c[2]) / 3;
    const s = a.summary.find((x) => x.method === method)!;
    close(s.bias, mean - 0.5);
    close(s.sd, Math.sqrt(((c[0] - mean) ** 2 + (c[1] - mean) ** 2 + (c[2] - mean) ** 2) / 2));
    close(s.meanSe, (e[0].se + e[1].se + e[2].se) / 3);
    close(s.seRatio, s.meanSe / s.sd);
    const covered = e.filter((x) => x.coef - z * x.se <= 0.5 && 0.5 <= x.coef + z * x.se).length;
    close(s.coverage, covered / 3);
  }
}));

test("summary statistics on fixed estimates", () => {
  const est: McEstimate[] = [
    { rep: 0, method: "TWFE OLS", coef: 1, se: 0.5, covered: true },
    { rep: 1, method: "TWFE OLS", coef: 2, se: 0.5, covered: false },
    { rep: 2, method: "TWFE OLS", coef: 3, se: 2, covered: true },
    { rep: 3, method: "TWFE OLS", coef: 2, se: 1, covered: true },
  ];
  const [s] = summariseMc(est, 1.5);
  close(s.bias, 0.5);
  close(s.sd, Math.sqrt(2 / 3));
  close(s.rmse, Math.sqrt((0.25 + 0.25 + 2.25 + 0.25) / 4));
  close(s.meanSe, 1);
  close(s.coverage, 0.75);
});

test("coverage decomposition: nominal without defects, known values with one", () => {
  const none = coverageDecomposition({ bias: 0, sd: 1, seRatio: 1 });
  close(none.fromBias, 0.95, 1e-6);
  close(none.fromSe, 0.95, 1e-6);
  // Bias of 1.96 sd: Phi(0) - Phi(-3.92) = 0.5 - 0.0000443 (tables).
  close(coverageDecomposition({ bias: 1.959964, sd: 1, seRatio: 1 }).fromBias, 0.5 - 0.0000443, 1e-6);
  // SE ratio 1 / 1.959964: intervals of +-1 sd cover 68.27%.
  close(coverageDecomposition({ bias: 0, sd: 1, seRatio: 1 / 1.959964 }).fromSe, 0.682689, 1e-5);
});

test("the textbook study: each replication alone gives its stored estimates, both sizes, to the last digit", async () => {
  const settings = { reps: 3, seed: 5, design: SMALL, small: { ...SMALL, cities: 8 }, forest: FOREST, lasso: { nLambda: 5 } };
  const study = await textbookStudy(settings);
  assert.equal(study.simulated, true);
  assert.deepEqual(study.settings, settings);
  assert.equal(study.estimates.length, 9);
  assert.deepEqual(study.smallEstimates.map((e) => [e.rep, e.method]), [[0, "PLR forest"], [1, "PLR forest"], [2, "PLR forest"]]);
  const one = await textbookReplication(1, study.settings);
  assert.deepEqual(one.estimates, study.estimates.filter((e) => e.rep === 1));
  assert.deepEqual(one.small, study.smallEstimates.filter((e) => e.rep === 1));
  // The small panels are other draws than the big ones (a different shape from the same seed).
  assert.notEqual(one.small[0].coef, one.estimates[0].coef);
  assert.deepEqual(study.summary, summariseMc(study.estimates, 0.5));
  assert.deepEqual(study.smallSummary, summariseMc(study.smallEstimates, 0.5));
  const csv = textbookCsv(study).trimEnd().split("\n");
  assert.equal(csv[0], "panel,rep,method,coef,se,covered");
  assert.equal(csv.length, 1 + 9 + 3);
  assert.equal(csv[10], `small,0,PLR forest,${study.smallEstimates[0].coef},${study.smallEstimates[0].se},${study.smallEstimates[0].covered}`);
  // Stored as JSON, it reads back the same (doubles round-trip).
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stii-textbook-")), "textbook.json");
  fs.writeFileSync(file, JSON.stringify(study));
  assert.deepEqual(readTextbookStudy(file), study);
  assert.throws(() => readTextbookStudy(file + ".missing"), /stii montecarlo --design textbook --reps 200/);
  await assert.rejects(textbookStudy({ ...settings, reps: 0 }), InputError);
});
