// Table 5: two treatments per column (Bigdata, Bigdata x H) with H in X; interaction columns by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { table } from "arquero";
import { table5, TABLE5_COLUMNS, withInteractions } from "../../src/replication/heterogeneity";
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
