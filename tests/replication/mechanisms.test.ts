// Table 4: one column per mechanism outcome, each on the baseline column 6, with the paper's and the truth's rows.
import { test } from "node:test";
import assert from "node:assert/strict";
import { table4, TABLE4_COLUMNS } from "../../src/replication/mechanisms";
import { FAKE_TRUTH, PAPER, rowCells, tablePanel, YEARS } from "./table-panel";

test("TABLE4_COLUMNS: the paper's outcomes and Yes/No rows", () => {
  assert.deepEqual(TABLE4_COLUMNS.map((c) => c.y), PAPER.table4.columns.map((c: { depvar: string }) => c.depvar));
  assert.deepEqual(TABLE4_COLUMNS.map((c) => c.flags), PAPER.table4.columns.map((c: { flags: unknown }) => c.flags));
  for (const c of TABLE4_COLUMNS) assert.ok(c.quadratic && c.fe.join() === "year,city");
});

test("table4 runs four outcomes with N, headers, paper and truth rows", async () => {
  const run = await table4({ table: tablePanel(), truth: FAKE_TRUTH }, { learner: "ols", folds: 2 });
  assert.equal(run.results.length, 4);
  assert.deepEqual(run.table.header[0].map((h) => h.text.split(" / ")[0]), ["Entre", "VCPE1", "VCPE2", "Talen"]);
  assert.deepEqual(rowCells(run.table, "n"), Array(4).fill(String(40 * YEARS)));
  assert.deepEqual(rowCells(run.table, "truth"), ["0.3100", "0.2100", "0.2200", "0.0031"]);
  assert.equal(rowCells(run.table, "paper")[3], "0.0029*** (0.0006)");
  // Each column is its own outcome: the Talen effect is two orders smaller than Entre's.
  assert.ok(Math.abs(run.results[3].terms[0].coef) < Math.abs(run.results[0].terms[0].coef));
});
