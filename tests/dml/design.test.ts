// The design matrix: controls, squares, FE dummies, subsets, and bad input (panel approaches: panel.test.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { table } from "arquero";
import { buildDesign, parseSubset } from "../../src/dml";
import { randomFolds, foldsFromColumn } from "../../src/dml/folds";
import { column } from "../../src/numeric/matrix";
import { col, simulatePanel } from "./helpers";

const data = simulatePanel(12, 4);
const base = { y: "FI", d: ["Bigdata"], x: ["Gdp", "Pas"] };

test("controls, squares and FE dummies (one level of each dropped)", () => {
  const d = buildDesign(data, { ...base, quadratic: true, fe: ["year", "city", "province-year"] });
  const names = d.X.colnames!;
  assert.deepEqual(names.slice(0, 4), ["Gdp", "Pas", "Gdp^2", "Pas^2"]);
  const provinceYears = new Set(Array.from({ length: data.numRows() }, (_, i) => `${data.get("province", i)}:${data.get("year", i)}`)).size;
  assert.equal(names.filter((c) => c.startsWith("year=")).length, 3);
  assert.equal(names.filter((c) => c.startsWith("city=")).length, 11);
  assert.equal(names.filter((c) => c.startsWith("province-year=")).length, provinceYears - 1);
  const gdp = col(data, "Gdp");
  assert.deepEqual(Array.from(column(d.X, 2)), gdp.map((g) => g * g));
  assert.deepEqual(Array.from(column(d.X, names.indexOf("year=2011"))), col(data, "year").map((y) => (y === 2011 ? 1 : 0)));
});

test("subset: expression parser and predicate; empty subset and bad expressions are InputErrors", () => {
  const d = buildDesign(data, { ...base, subset: "capital==0 && (year>=2012 || Gdp<-1)" });
  const keep = Array.from({ length: data.numRows() }, (_, i) => i).filter((i) => data.get("capital", i) === 0 && (data.get("year", i) >= 2012 || data.get("Gdp", i) < -1));
  assert.equal(d.n, keep.length);
  assert.deepEqual(Array.from(d.y), keep.map((i) => data.get("FI", i)));
  assert.equal(buildDesign(data, { ...base, subset: (r) => r.capital === 1 }).n, col(data, "capital").filter((c) => c === 1).length);
  assert.throws(() => buildDesign(data, { ...base, subset: "year > 3000" }), /subset "year > 3000" leaves no rows/);
  assert.throws(() => parseSubset("capital = 0"), /subset: /);
  assert.throws(() => parseSubset("capital==0 &&"), /expected a column name/);
  assert.throws(() => parseSubset("process.exit(1)"), /subset: /);
  assert.throws(() => buildDesign(data, { ...base, subset: "nosuch==1" }), /column nosuch not found \(subset\)/);
});

test("bad cells and columns name the column and the row", () => {
  assert.throws(() => buildDesign(data, { ...base, x: ["Gdp", "Nope"] }), /column Nope not found \(control\)/);
  const bad = data.derive({ Pas: (r: { year: number; Pas: number }) => (r.year === 2012 ? NaN : r.Pas) });
  assert.throws(() => buildDesign(bad, base), new RegExp(`column Pas: missing value at city_code=${data.get("city_code", 0)}, year=2012`));
  const text = data.derive({ Gdp: (r: { year: number; Gdp: number }) => (r.year === 2013 ? "n/a" : r.Gdp) });
  assert.throws(() => buildDesign(text, base), /column Gdp: non-numeric value "n\/a" at city_code=\d+, year=2013/);
  const dup = table({ city_code: ["1", "1"], year: [2010, 2010], FI: [1, 2], Bigdata: [0, 1], Gdp: [1, 2], Pas: [1, 1] });
  assert.throws(() => buildDesign(dup, base), /duplicate unit-period row \(city_code, year\): city_code=1, year=2010/);
});

test("folds: random folds are balanced and seeded; a fold column maps to 0..K-1", () => {
  const a = randomFolds(103, 5, 1, 0), b = randomFolds(103, 5, 1, 0), c = randomFolds(103, 5, 1, 1);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.fold, c.fold);
  const sizes = [0, 1, 2, 3, 4].map((f) => a.fold.filter((g) => g === f).length);
  assert.deepEqual(sizes, [21, 21, 21, 20, 20]);
  assert.deepEqual(Array.from(foldsFromColumn([7, 3, 7, 9], "f").fold), [1, 0, 1, 2]);
  assert.throws(() => foldsFromColumn([1, 1], "f"), /fold column f: needs at least 2 distinct values/);
});
