// The generic reader (SPEC section 11): the file's own names, only the named columns checked, (id, time)
// unique, every problem one line naming row and column; none of the paper profile's rules.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { readTable, type TableOptions } from "../../src/data/table";
import { InputError } from "../../src/errors";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-table-"));
const file = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };

/** The message lines of the InputError that reading must throw. */
async function problems(f: string, opts: TableOptions): Promise<string[]> {
  try {
    await readTable(f, opts);
  } catch (e) {
    assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
    return e.message.split("\n").map((l) => l.replace(`${f}: `, ""));
  }
  assert.fail(`expected an InputError for ${f}`);
}

// Grunfeld-like: firms, 1935-1937, a column named capital (a schema flag in the paper profile) holding
// capital stock, `t` and `c` (schema T and C there), `code` (an alias of city_code there).
const GRUNFELD = [
  "firm,year,invest,value,capital,t,c,code",
  "GM,1935,317.6,3078.5,2.8,1,a,x1", "GM,1936,391.8,4661.7,52.6,2,a,x1", "GM,1937,410.6,5387.1,156.9,3,a,x1",
  "US,1935,209.9,1362.4,53.8,1,b,x2", "US,1936,355.3,1807.1,50.5,2,b,x2", "US,1937,469.9,2676.3,118.1,3,b,x2",
].join("\n") + "\n";

test("generic: years outside 2010-2022, ids that are not 6-digit codes, schema-flag names kept as the file has them", async () => {
  const { table, report } = await readTable(file("grunfeld.csv", GRUNFELD), { columns: ["invest", "value", "capital", "t"], id: "firm", time: "year" });
  assert.deepEqual(table.columnNames(), ["firm", "year", "invest", "value", "capital", "t", "c", "code"]);
  assert.equal(table.numRows(), 6);
  // capital is capital stock, not a 0/1 flag; year 1935 is fine; no renaming of t, c or code.
  assert.deepEqual(Array.from(table.array("capital") as Float64Array), [2.8, 52.6, 156.9, 53.8, 50.5, 118.1]);
  assert.deepEqual(Array.from(table.array("year") as Float64Array), [1935, 1936, 1937, 1935, 1936, 1937]);
  assert.deepEqual(Array.from(table.array("firm") as string[]), ["GM", "GM", "GM", "US", "US", "US"]);
  // Columns not named are kept as text, uninterpreted.
  assert.deepEqual(Array.from(table.array("code") as string[]), ["x1", "x1", "x1", "x2", "x2", "x2"]);
  assert.deepEqual([report.id, report.time, report.rows], ["firm", "year", 6]);
});

test("generic: rows come back sorted by id (numeric ids as numbers) then time, whatever the file's order", async () => {
  const text = ["id,year,y", "10,2001,1", "2,2002,2", "10,2000,3", "2,2001,4", "1,2001,5"].join("\n") + "\n";
  const { table } = await readTable(file("order.csv", text), { columns: ["y"], id: "id", time: "year" });
  assert.deepEqual(Array.from(table.array("id") as string[]), ["1", "2", "2", "10", "10"]);
  assert.deepEqual(Array.from(table.array("y") as Float64Array), [5, 4, 2, 3, 1]);
});

test("generic: default keys city_code/year are used only when the file has them", async () => {
  const t1 = await readTable(file("nokeys.csv", "a,b\n1,2\n3,4\n"), { columns: ["a"], defaultKeys: { id: "city_code", time: "year" } });
  assert.deepEqual([t1.report.id, t1.report.time], [undefined, undefined]);
  const dup = "city_code,year,a\n1,5,1\n1,5,2\n";
  assert.deepEqual(await problems(file("dupdefault.csv", dup), { columns: ["a"], defaultKeys: { id: "city_code", time: "year" } }),
    ["rows 2, 3: duplicate (city_code, year) = (1, 5)"]);
});

test("generic: every bad input is one line naming row and column, all of them at once", async () => {
  const bad = GRUNFELD
    .replace("GM,1936,391.8", "GM,1936,")        // empty invest (line 3)
    .replace("4661.7", "n/a")                    // non-numeric value (line 3)
    .replace("US,1937", "US,1936")               // duplicate (US, 1936): lines 6 and 7
    .replace("US,1935,209.9", ",1935,209.9");   // empty id (line 5)
  assert.deepEqual(await problems(file("bad.csv", bad), { columns: ["invest", "value"], id: "firm", time: "year" }), [
    "row 5, column firm: empty cell",
    "row 3, column invest: empty cell",
    "row 3, column value: 'n/a' is not a finite number",
    "rows 6, 7: duplicate (firm, year) = (US, 1936)",
  ]);
});

test("generic: a missing named column (id, time or data) is one line each, naming it", async () => {
  assert.deepEqual(await problems(file("g.csv", GRUNFELD), { columns: ["invest", "Invest"], id: "Firm", time: "yr" }), [
    "column Firm not found (the file has firm, year, invest, value, capital, t, c, code)",
    "column yr not found (the file has firm, year, invest, value, capital, t, c, code)",
    "column Invest not found (the file has firm, year, invest, value, capital, t, c, code)",
  ]);
});

test("generic: infinite, NaN and empty time cells are refused; label columns must be non-empty", async () => {
  const text = "id,year,y,g\na,1,Infinity,u\na,2,NaN,\nb,,1,v\n";
  assert.deepEqual(await problems(file("inf.csv", text), { columns: ["y"], id: "id", time: "year", labels: ["g"] }), [
    "row 4, column year: empty cell",
    "row 2, column y: 'Infinity' is not a finite number",
    "row 3, column y: 'NaN' is not a finite number",
    "row 3, column g: empty cell",
  ]);
});

test("generic: a column named twice or an empty header cell is refused", async () => {
  assert.deepEqual(await problems(file("twice.csv", "a,b,a,\n1,2,3,4\n"), { columns: ["b"] }), [
    "columns 1 and 3 are both named 'a'", "header cell 4 is empty",
  ]);
});

test("generic: more than 20 problems are cut to 20 lines and a count", async () => {
  const text = "y\n" + Array.from({ length: 25 }, () => "x").join("\n") + "\n";
  const lines = await problems(file("many.csv", text), { columns: ["y"] });
  assert.equal(lines.length, 21);
  assert.equal(lines[20], "and 5 more problems");
});

test("generic: .xlsx is read with its headers as the sheet gives them (no alias, no full-width clean-up)", async () => {
  const xlsx = path.join(__dirname, "..", "fixtures", "panels", "tiny.xlsx");
  const { table } = await readTable(xlsx, { columns: ["科产融合\u3000水平"], id: "城市代码", time: "年份" });
  // read-excel-file trims text cells; the full-width space inside stays.
  assert.deepEqual(table.columnNames(), ["城市", "城市代码", "年份", "人均GDP对数", "大数据试验区", "科产融合\u3000水平"]);
  assert.deepEqual(Array.from(table.array("科产融合\u3000水平") as Float64Array), [0.41, 0.43, 0.35, 0.36]);
  assert.deepEqual(await problems(xlsx, { columns: ["人均GDP对数"], id: "城市代码", time: "年份" }), ["row 3, column 人均GDP对数: empty cell"]);
});
