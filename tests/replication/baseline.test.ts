// Table 3, the shared column machinery, the naive TWFE OLS (against the normal equations and the
// cluster sandwich written out with mathjs) and cluster SEs recomputed from a fitted DML score.
import { test } from "node:test";
import assert from "node:assert/strict";
import { table } from "arquero";
import * as math from "mathjs";
import { dml } from "../../src/dml";
import { BASELINE, clusterInference, columnOptions, coverage, coverageSentences, table3, TABLE3_COLUMNS, twfe } from "../../src/replication/baseline";
import { FOREST } from "../../src/replication/common";
import { FAKE_TRUTH, PAPER, rowCells, tablePanel, YEARS } from "./table-panel";

const panel = tablePanel();
const fast = { learner: "ols" as const, folds: 3 };

test("TABLE3_COLUMNS carry the paper's Yes/No pattern and match their dml specification", () => {
  assert.deepEqual(TABLE3_COLUMNS.map((c) => c.flags), PAPER.table3.columns.map((c: { flags: unknown }) => c.flags));
  for (const c of TABLE3_COLUMNS) {
    assert.equal(c.quadratic, c.flags.squared);
    assert.equal(c.fe.includes("year"), c.flags.year_fe);
    assert.equal(c.fe.includes("city"), c.flags.city_fe);
  }
  assert.equal(BASELINE, TABLE3_COLUMNS[5]);
});

test("columnOptions: the forest settings go to the table's forest only", () => {
  assert.deepEqual(columnOptions(panel, BASELINE).learnerOptions, { ...FOREST });
  assert.deepEqual(columnOptions(panel, BASELINE, { learner: "ols" }).learnerOptions, {});
  assert.deepEqual(columnOptions(panel, { ...BASELINE, learner: "lasso" }).learnerOptions, {});
  const o = columnOptions(panel, BASELINE);
  assert.deepEqual([o.y, o.d, o.quadratic, o.fe, o.folds, o.se], ["FI", "Bigdata", true, ["year", "city"], 5, "robust"]);
});

test("table3 returns six columns with N, flags, the paper's row and the truth row", async () => {
  const seen: string[] = [];
  const run = await table3({ table: panel, truth: FAKE_TRUTH }, { ...fast, onProgress: (_d, _t, label, s) => { assert.ok(s >= 0); seen.push(label); } });
  assert.deepEqual(seen, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"]);
  assert.equal(run.results.length, 6);
  assert.equal(run.seconds.length, 6);
  assert.deepEqual(rowCells(run.table, "n"), Array(6).fill(String(40 * YEARS)));
  assert.deepEqual(rowCells(run.table, "flag", "Squared"), ["No", "No", "No", "Yes", "Yes", "Yes"]);
  assert.deepEqual(rowCells(run.table, "flag", "City FE"), ["No", "No", "Yes", "No", "No", "Yes"]);
  assert.equal(rowCells(run.table, "paper")[0], "0.0190*** (0.0023)");
  assert.deepEqual(rowCells(run.table, "truth"), Array(6).fill("0.0123"));
  // The coefficient cells are the fitted numbers.
  run.results.forEach((r, k) => assert.ok(rowCells(run.table, "coef")[k].startsWith(r.terms[0].coef.toFixed(4))));
  // Columns differ: year dummies and squares change the fit.
  assert.notEqual(run.results[0].terms[0].coef, run.results[2].terms[0].coef);
});

test("table3 on real data (no truth) has no truth row; paper row can be left out", async () => {
  const run = await table3({ table: panel, truth: null }, { ...fast, paper: null });
  assert.ok(!run.table.sections.flat().some((r) => r.kind === "truth" || r.kind === "paper"));
});

test("clusterInference equals a refit with se cluster", async () => {
  const opts = { data: panel, y: "FI", d: "Bigdata", x: ["Gdp", "Pas"], fe: ["year" as const], learner: "ols" as const, folds: 3, seed: 5 };
  const robust = await dml(opts);
  const refit = await dml({ ...opts, se: "cluster" });
  const [c] = clusterInference(robust, panel);
  assert.ok(Math.abs(c.coef - refit.terms[0].coef) < 1e-14);
  assert.ok(Math.abs(c.se - refit.terms[0].se) < 1e-14);
  assert.notEqual(c.se, robust.terms[0].se);
  assert.throws(() => clusterInference(robust, panel.slice(0, 10)), /rows/);
});

test("twfe equals OLS by the normal equations with Stata's cluster-robust SE", () => {
  // 6 cities x 4 years, hand-picked numbers.
  const rows: Record<string, number>[] = [];
  const y0 = [1.2, 0.7, 2.5, 1.9, 0.3, 1.1], g0 = [0.4, -0.2, 1.1, 0.5, -0.9, 0.2];
  for (let c = 0; c < 6; c++) for (let t = 0; t < 4; t++) {
    const Bigdata = c < 3 && t >= 2 ? 1 : c === 4 && t === 3 ? 1 : 0;
    const Gdp = g0[c] + 0.3 * t + 0.1 * ((c * 7 + t * 3) % 5);
    rows.push({ city_code: 100 + c, year: 2010 + t, Bigdata, Gdp, FI: y0[c] + 0.5 * Bigdata + 0.8 * Gdp + 0.05 * t * t + 0.2 * (((c + 2) * (t + 1)) % 3) });
  }
  const data = table(Object.fromEntries(Object.keys(rows[0]).map((k) => [k, rows.map((r) => r[k])])));
  const r = twfe({ data, y: "FI", d: "Bigdata", x: ["Gdp"], fe: ["year", "city"] });

  // Full design: intercept, Bigdata, Gdp, year dummies 2011-2013, city dummies 101-105.
  const X = rows.map((w) => [1, w.Bigdata, w.Gdp, ...[2011, 2012, 2013].map((y) => (w.year === y ? 1 : 0)), ...[101, 102, 103, 104, 105].map((c) => (w.city_code === c ? 1 : 0))]);
  const y = rows.map((w) => w.FI);
  const XtXi = math.inv(math.multiply(math.transpose(X), X)) as number[][];
  const b = math.multiply(XtXi, math.multiply(math.transpose(X), y)) as number[];
  const e = y.map((v, i) => v - (math.dot(X[i], b) as number));
  const k = X[0].length, n = rows.length, G = 6;
  let meat = math.zeros(k, k) as math.Matrix;
  for (let c = 0; c < 6; c++) {
    const s = math.zeros(k) as math.Matrix;
    let sv = s.toArray() as number[];
    rows.forEach((w, i) => { if (w.city_code === 100 + c) sv = sv.map((v, j) => v + X[i][j] * e[i]); });
    meat = math.add(meat, math.multiply(math.matrix(sv.map((v) => [v])), math.matrix([sv]))) as math.Matrix;
  }
  const V = math.multiply(math.multiply(XtXi, meat), XtXi) as unknown as math.Matrix;
  const se = Math.sqrt(((G / (G - 1)) * ((n - 1) / (n - k))) * (V.toArray() as number[][])[1][1]);
  assert.ok(Math.abs(r.coef - b[1]) < 1e-10, `coef ${r.coef} vs ${b[1]}`);
  assert.ok(Math.abs(r.se - se) < 1e-10, `se ${r.se} vs ${se}`);
  assert.equal(r.n, 24);
  assert.equal(r.clusters, 6);
  assert.equal(r.rank, k);
  assert.ok(r.ci[0] < r.coef && r.coef < r.ci[1]);

  // Within city instead of city dummies: the same coefficient and residuals (Frisch-Waugh-Lovell); the
  // degrees of freedom leave out the 5 absorbed city dummies (Stata's xtreg, fe), so k is 6, not 11.
  const w = twfe({ data, y: "FI", d: "Bigdata", x: ["Gdp"], fe: ["year"], panel: "within" });
  assert.ok(Math.abs(w.coef - b[1]) < 1e-10, `within coef ${w.coef} vs ${b[1]}`);
  const kw = k - 5;
  assert.equal(w.rank, kw);
  const seWithin = se * Math.sqrt((n - k) / (n - kw));
  assert.ok(Math.abs(w.se - seWithin) < 1e-10, `within se ${w.se} vs ${seWithin}`);
});

test("twfe refuses a treatment absorbed by the fixed effects", () => {
  const data = table({ city_code: [1, 1, 2, 2, 3, 3], year: [1, 2, 1, 2, 1, 2], Bigdata: [1, 1, 0, 0, 0, 0], Gdp: [1, 2, 3, 1, 2, 5], FI: [1, 2, 3, 4, 5, 7] });
  assert.throws(() => twfe({ data, y: "FI", d: "Bigdata", x: ["Gdp"], fe: ["city"] }), /collinear/);
});

test("coverage and coverageSentences: inside, outside and the reason by specification", () => {
  const fake = (coef: number, se: number) => ({ terms: [{ name: "Bigdata", coef, se, t: coef / se, p: 0, ci: [coef - 1.96 * se, coef + 1.96 * se] as [number, number] }] }) as never;
  const cols = [TABLE3_COLUMNS[0], TABLE3_COLUMNS[5]];
  const cov = coverage(cols, [fake(0.03, 0.002), fake(0.021, 0.002)], () => 0.02);
  assert.deepEqual(cov.map((c) => c.inside), [false, true]);
  assert.ok(Math.abs(cov[0].z - 5) < 1e-12);
  const s = coverageSentences(cols, cov);
  assert.match(s[0], /OUTSIDE.*5\.0 standard errors above.*no city effects/);
  assert.match(s[1], /inside the interval/);
  const s2 = coverageSentences(cols, coverage(cols, [fake(0.03, 0.002), fake(0.01, 0.002)], () => 0.02));
  assert.match(s2[1], /below.*city dummies are in X/);
});
