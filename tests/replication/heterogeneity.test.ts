// Table 5: two treatments per column (Bigdata, Bigdata x H) with H in X; interaction columns by hand;
// the joint-partialling-out diagnostic and the sentences explaining it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { table } from "arquero";
import type { DmlResult } from "../../src/dml";
import { interactionName, interactionSentences, nuisanceR2, SPLITS, table5, TABLE5_COLUMNS, withInteractions } from "../../src/replication/heterogeneity";
import { FAKE_TRUTH, PAPER, rowCells, tablePanel, YEARS } from "./table-panel";

test("withInteractions multiplies Bigdata by each split; a missing split is named", () => {
  const t = withInteractions(table({ Bigdata: [0, 1, 1, 0], Elec: [1, 1, 0, 0] }), ["Elec"]);
  assert.deepEqual(Array.from(t.array("Bigdata_x_Elec") as number[]), [0, 1, 0, 0]);
  assert.throws(() => withInteractions(table({ Bigdata: [0, 1] }), ["Inte"]), /column Inte/);
  assert.throws(() => withInteractions(table({ Bigdata: [0, 1], Inte: [1, null] }), ["Inte"]), /Inte/);
});

test("TABLE5_COLUMNS: the paper's splits, two treatments, H among the controls", () => {
  assert.deepEqual(TABLE5_COLUMNS.map((c) => c.extra![0]), PAPER.table5.columns.map((c: { split: string }) => c.split));
  assert.deepEqual(TABLE5_COLUMNS.map((c) => c.d), PAPER.table5.columns.map((c: { terms: object }) => Object.keys(c.terms)));
  assert.deepEqual(TABLE5_COLUMNS.map((c) => c.flags), PAPER.table5.columns.map((c: { flags: unknown }) => c.flags));
});

test("table5 returns two terms per column with the truth of each", async () => {
  const run = await table5({ table: tablePanel(), truth: FAKE_TRUTH }, { learner: "ols", folds: 2 });
  assert.equal(run.results.length, 4);
  for (const [k, r] of run.results.entries()) assert.deepEqual(r.terms.map((t) => t.name), TABLE5_COLUMNS[k].d);
  assert.deepEqual(rowCells(run.table, "n"), Array(4).fill(String(40 * YEARS)));
  assert.deepEqual(rowCells(run.table, "truth"), ["0.0110", "0.0120", "0.0130", "0.0140"]);
  const gove = rowCells(run.table, "coef", "Bigdata × Gove");
  assert.deepEqual([gove[0], gove[1], gove[3]], ["", "", ""]);
  assert.ok(gove[2].startsWith(run.results[2].terms[1].coef.toFixed(4)));
});

test("table5 multi joint: the diagnostic table on the same columns recovers a planted difference", async () => {
  const panel = tablePanel();
  const big = Array.from(panel.array("Bigdata") as ArrayLike<number>), elec = Array.from(panel.array("Elec") as ArrayLike<number>);
  const fi = Array.from(panel.array("FI") as ArrayLike<number>).map((y, i) => y + 0.015 * big[i] * elec[i]);
  const run = await table5({ table: panel.assign({ FI: fi }), truth: FAKE_TRUTH }, { learner: "ols", folds: 2, multi: "joint" });
  assert.match(run.table.caption, /diagnostic/);
  assert.deepEqual(run.results.map((r) => r.multi), Array(4).fill("joint"));
  for (const [k, r] of run.results.entries()) assert.deepEqual(r.terms.map((t) => t.name), TABLE5_COLUMNS[k].d);
  assert.deepEqual(rowCells(run.table, "truth"), ["0.0110", "0.0120", "0.0130", "0.0140"]);
  // Column (1): 0.02 planted where Elec = 0 (tablePanel's FI), 0.015 more where Elec = 1.
  const [b, bx] = run.results[0].terms;
  assert.ok(Math.abs(b.coef - 0.02) < 4 * b.se, `Bigdata ${b.coef} (${b.se})`);
  assert.ok(Math.abs(bx.coef - 0.015) < 4 * bx.se && bx.se < 0.01, `Bigdata x Elec ${bx.coef} (${bx.se})`);
});

test("nuisanceR2: 1 - SSR/TSS of m_hat against the treatment, averaged over repetitions", () => {
  const d = Float64Array.from([0, 1, 0, 1]);
  const rep = (m: number[]) => [{ preds: { m_hat: Float64Array.from(m) } }, { preds: { m_hat: Float64Array.from(m) } }];
  // SSR 0.5 and 0 against TSS 1: R^2 0.5 and 1, mean 0.75.
  const fake = { design: { d: [d, d] }, predictions: [rep([0, 1, 0.5, 0.5]), rep([0, 1, 0, 1])] } as unknown as DmlResult;
  assert.equal(nuisanceR2(fake, 1), 0.75);
});

test("interactionSentences: one per column, computed R^2 and estimates, truth only when given", async () => {
  const data = { table: tablePanel(), truth: FAKE_TRUTH };
  const dm = await table5(data, { learner: "ols", folds: 2 }), jt = await table5(data, { learner: "ols", folds: 2, multi: "joint" });
  const truth = (term: string, k: number) => (term === interactionName(SPLITS[k]) ? FAKE_TRUTH.heterogeneity[SPLITS[k]].difference : undefined);
  const withTruth = interactionSentences(dm.results, jt.results, truth), without = interactionSentences(dm.results, jt.results);
  assert.equal(withTruth.length, 4);
  withTruth.forEach((s, k) => {
    assert.ok(s.includes(`R² = ${nuisanceR2(dm.results[k], 1).toFixed(3)}`) && s.includes(`R² = ${nuisanceR2(jt.results[k], 1).toFixed(3)}`), s);
    assert.ok(s.includes(dm.results[k].terms[1].coef.toFixed(4)) && s.includes(jt.results[k].terms[1].coef.toFixed(4)), s);
    assert.match(s, /truth (inside|OUTSIDE)/);
  });
  for (const s of without) assert.doesNotMatch(s, /truth/);
  // Partialled on Bigdata too, at least as much of Bigdata x H is explained as by the controls alone.
  dm.results.forEach((r, k) => assert.ok(nuisanceR2(r, 1) >= nuisanceR2(jt.results[k], 1) - 0.05));
});
