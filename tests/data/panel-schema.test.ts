import { test } from "node:test";
import assert from "node:assert/strict";
import { cleanHeader, mapHeaders } from "../../src/data/headers";
import { columnType, indicatorColumns, requiredColumns, schemaColumns } from "../../src/data/profile";
import { InputError } from "../../src/errors";

test("schema: 22 raw indicators from data/indicators.json, every column typed, no column twice", () => {
  const ind = indicatorColumns();
  assert.equal(ind.length, 22);
  assert.equal(ind[0], "S01_sci_firms");
  assert.equal(ind[21], "I09_market_potential");
  const all = schemaColumns();
  assert.equal(new Set(all).size, all.length);
  // 5 keys, 4 flags, 6 policies, 5 controls, 4 mechanisms, 4 splits, 2 instruments, 22 indicators, 5 derived.
  assert.equal(all.length, 57);
  assert.equal(columnType("city_code"), "string");
  assert.equal(columnType("year"), "year");
  for (const c of ["capital", "Bigdata", "Broadband", "Elec", "Publ"]) assert.equal(columnType(c), "binary", c);
  for (const c of ["Gdp", "VCPE2", "IV_phone", "I02_chain_hhi", "FI"]) assert.equal(columnType(c), "numeric", c);
  assert.equal(columnType("whatever"), undefined);
});

test("requiredColumns: measurement needs keys + indicators; a DML call needs keys + its columns", () => {
  const m = requiredColumns("measurement");
  assert.deepEqual(m.slice(0, 5), ["city", "city_code", "province", "region", "year"]);
  assert.equal(m.length, 27);
  assert.deepEqual(requiredColumns({ dml: ["FI", "Bigdata", "Gdp", "year"] }), ["city", "city_code", "province", "region", "year", "FI", "Bigdata", "Gdp"]);
});

test("headers: trimmed, full-width and inner spaces normalised, Chinese names mapped, unknown kept", () => {
  assert.equal(cleanHeader("\u3000 人均  GDP对数\t"), "人均 GDP对数");
  const m = mapHeaders([
    " 城市 ", "行政区划代码", "省\u3000份", "年 份", "人均 GDP对数", "科产融合水平", "大数据试验区", "企业家精神",
    "ＧＤＰ增速", "赫芬达尔指数", "ＶＣＰＥ１", "Talen",
  ]);
  assert.deepEqual(m.names, [
    "city", "city_code", "province", "year", "Gdp", "FI", "Bigdata", "Entre", "GDP增速", "I02_chain_hhi", "VCPE1", "Talen",
  ]);
  assert.deepEqual(m.unknown, ["GDP增速"]);
  assert.equal(m.renamed.length, 10); // all but the unknown one and Talen, already a schema name
  assert.deepEqual(m.transforms, []);
});

test("headers: case is never folded, so t, c, gdp and vcpe1 stay columns of their own", () => {
  const m = mapHeaders(["t", "c", "gdp", "vcpe1", "Year", "T", "C"]);
  assert.deepEqual(m.names, ["t", "c", "gdp", "vcpe1", "Year", "T", "C"]);
  assert.deepEqual(m.unknown, ["t", "c", "gdp", "vcpe1", "Year"]);
  assert.deepEqual(m.renamed, []);
});

test("headers: two columns mapping to one schema name is an InputError naming both", () => {
  assert.throws(() => mapHeaders(["Big data", "大数据试验区"], "h.csv"), (e: unknown) =>
    e instanceof InputError && e.message === "h.csv: duplicate column: 'Big data' (column 1) and '大数据试验区' (column 2) both give Bigdata");
  assert.throws(() => mapHeaders(["a", "  "], "h.csv"), /h\.csv: header cell 2 is empty/);
});
