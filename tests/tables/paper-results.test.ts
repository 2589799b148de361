// The transcription of the paper's numbers: spot checks against SPEC 7 / 4.6 and internal consistency.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPaperResults } from "../../src/tables";

const r = loadPaperResults();

test("every table carries a source note", () => {
  for (const t of [r.table2, r.table3, r.table4, r.table5, r.table6, r.fi_path]) assert.ok(t.source.length > 10);
});

test("Table 3 Bigdata coefficients and SEs as in SPEC 7", () => {
  assert.deepEqual(r.table3.columns.map((c) => c.terms.Bigdata.coef), [0.019, 0.0148, 0.026, 0.019, 0.0148, 0.0269]);
  assert.deepEqual(r.table3.columns.map((c) => c.terms.Bigdata.se), [0.0023, 0.0022, 0.0034, 0.0023, 0.0022, 0.0036]);
  assert.deepEqual(r.table6.columns.map((c) => c.n), [1872, 1872, 1872, 1612, 1612, 1612]);
  assert.equal(r.table5.columns[2].terms.Bigdata_x_Gove.coef, 0.0249);
});

test("printed stars agree with a normal test on coef / se", () => {
  // two-sided p from |t| = coef / se: thresholds |t| > 2.576, 1.960, 1.645
  for (const t of [r.table3, r.table4, r.table5, r.table6]) {
    for (const c of t.columns) {
      for (const [term, v] of Object.entries(c.terms)) {
        const z = Math.abs(v.coef / v.se);
        const want = z > 2.5758 ? "***" : z > 1.96 ? "**" : z > 1.6449 ? "*" : "";
        assert.equal(v.stars, want, `${term}: ${v.coef} (${v.se})`);
      }
    }
  }
});

test("Table 2 FI row and the FI path", () => {
  const fi = r.table2.rows.find((row) => row[0] === "FI")!;
  assert.deepEqual(fi.slice(3), [3679, 0.2346, 0.0839, 0.1024, 0.7504]);
  assert.equal(r.fi_path.pooled_means.national, fi[4]);
  // the growth note's claim: 2.12% is (last/first)^(1/13) - 1, not ^(1/12)
  const { first, last } = r.fi_path.national;
  assert.equal(Math.round(((last / first) ** (1 / 13) - 1) * 1e4) / 1e4, 0.0212);
  assert.equal(Math.round(((last / first) ** (1 / 12) - 1) * 1e4) / 1e4, 0.023);
});
