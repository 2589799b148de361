// The robustness table: every group of SPEC section 6 present, each column's N (the special-city drop
// counted by hand), no paper row, the truth row, and the coefficient plot with one point per check.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addPredeterminedTrend, ROBUSTNESS_CHECKS, robustness } from "../../src/replication/robustness";
import { col, simulatePanel } from "../dml/helpers";
import { FAKE_TRUTH, rowCells, tablePanel, YEARS } from "./table-panel";

const panel = tablePanel();

test("the checks cover the six groups of SPEC section 6 on the baseline specification", () => {
  assert.deepEqual([...new Set(ROBUSTNESS_CHECKS.map((c) => c.group))], [0, 1, 2, 3, 4, 5, 6]);
  const by = Object.fromEntries(ROBUSTNESS_CHECKS.map((c) => [c.label, c]));
  assert.deepEqual(by.k3.folds, 3);
  assert.deepEqual(by.k8.folds, 8);
  assert.deepEqual(["lasso", "gbm", "svm"].map((l) => by[l].learner), ["lasso", "gbm", "svm"]);
  assert.deepEqual([by.irm.model, by.iv_relief.z, by.iv_phone.z], ["irm", "IV_relief", "IV_phone"]);
  assert.deepEqual(by.policies.extra, ["InnovCity", "SciFin", "SmartCity", "Broadband"]);
  assert.ok(by.province_year.fe.includes("province-year"));
  for (const c of ROBUSTNESS_CHECKS) assert.ok(c.quadratic && c.fe.includes("year") && c.fe.includes("city"), c.label);
});

test("robustness runs every check with its N, no paper row, the truth and a figure", async () => {
  const run = await robustness({ table: panel, truth: FAKE_TRUTH }, { learner: "ols", folds: 3 });
  const n = ROBUSTNESS_CHECKS.length;
  assert.equal(run.results.length, n);
  // Ordinary cities counted by hand from the flags.
  const ordinary = panel.objects().filter((r: any) => !r.capital && !r.sub_provincial && !r.municipality && !r.separately_listed).length;
  assert.ok(ordinary < 40 * YEARS);
  const N = rowCells(run.table, "n");
  ROBUSTNESS_CHECKS.forEach((c, k) => assert.equal(N[k], String(c.label === "ordinary" ? ordinary : 40 * YEARS), c.label));
  assert.deepEqual(run.results.map((r) => r.folds), ROBUSTNESS_CHECKS.map((c) => c.folds ?? 3));
  assert.deepEqual(run.results.map((r) => r.model), ROBUSTNESS_CHECKS.map((c) => c.model ?? "plr"));
  assert.ok(!run.table.sections.flat().some((r) => r.kind === "paper"));
  assert.deepEqual(rowCells(run.table, "truth"), Array(n).fill("0.0123"));
  assert.deepEqual(rowCells(run.table, "flag", "Predetermined"), ROBUSTNESS_CHECKS.map((c) => (c.label === "predetermined" ? "Yes" : "No")));
  assert.match(run.table.header[0][1].text, /FI_2010/);
  const trace = run.figure.data[0] as { x: number[] };
  assert.equal(trace.x.length, n);
  assert.equal(trace.x[0], run.results[0].terms[0].coef);
});

test("only= runs the named checks", async () => {
  const run = await robustness({ table: panel, truth: null }, { learner: "ols", folds: 3, only: ["baseline", "k8"] });
  assert.deepEqual(run.checks.map((c) => c.label), ["baseline", "k8"]);
  assert.ok(!run.table.sections.flat().some((r) => r.kind === "truth"));
  await assert.rejects(robustness({ table: panel, truth: null }, { only: ["nope"] }), /no check/);
});

test("predetermined trend: the base-year value times (year - base year)", () => {
  const data = simulatePanel(12, 4);
  const t = addPredeterminedTrend(data, "FI", 2010, "FI2010t");
  const fi = col(data, "FI");
  assert.ok(Math.abs(t.get("FI2010t", 3) - fi[0] * 3) < 1e-12);
  assert.ok(t.get("FI2010t", 4) === 0);
  assert.throws(() => addPredeterminedTrend(data.filter((r: { year: number }) => r.year > 2010).reify(), "FI", 2010), /has no 2010 row for FI/);
});
