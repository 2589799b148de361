// Bad input to stii did: each case throws one InputError naming the row or column, before any fit.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { did, type Columns, type DidOptions } from "../../src/did";
import { readDidColumns } from "../../src/did/read";
import { InputError } from "../../src/errors";
import { makePanel, makeUnits } from "./helpers";

const PERIODS = [2010, 2011, 2012, 2013];
const base = () => makePanel(makeUnits([[0, 6], [2012, 6]], 2), PERIODS, () => 1);
const opts = { y: "y", id: "id", time: "t", group: "g", x: ["x1"], learner: "ols" as const, folds: 2 };

/** The panel with column `c` changed at row i. */
function edit(c: string, i: number, v: number, data = base()): Columns {
  const out = { ...data, [c]: Float64Array.from(data[c]) };
  (out[c] as Float64Array)[i] = v;
  return out;
}

async function rejects(data: DidOptions["data"], pattern: RegExp, extra: object = {}) {
  await assert.rejects(did({ data, ...opts, ...extra }), (e: unknown) => {
    assert.ok(e instanceof InputError, `not an InputError: ${String(e)}`);
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes("\n"), "one line");
    return true;
  });
}

test("a group value that is neither a period nor 0 names the column and row", async () => {
  const d = base();
  const rows = Array.from(d.g.keys()).filter((i) => d.id[i] === d.id[0]);
  const data = { ...d, g: Float64Array.from(d.g, (v, i) => (rows.includes(i) ? 2030 : v)) };
  await rejects(data, /column g, row 1: group 2030 is neither a period of the panel nor 0/);
});

test("a unit whose group changes over time names both rows", async () => {
  await rejects(edit("g", 2, 2013), /column g: unit 1000 has group 0 in row 1 but 2013 in row 3/);
});

test("no control units for a cell under the chosen control", async () => {
  const d = base();
  await rejects({ ...d, g: Float64Array.from(d.g, (v) => (v === 0 ? 2013 : v)) }, /group 2012, period 2011 \(base 2010\): no control units under --control never \(no unit has group 0\)/);
  // Not yet treated: in 2013 every unit of group 2013 is treated, and there is no never-treated unit.
  await rejects({ ...d, g: Float64Array.from(d.g, (v) => (v === 0 ? 2013 : v)) }, /group 2012, period 2013 \(base 2011\): no control units under --control notyet/, { control: "notyet" });
});

test("an unbalanced panel is refused, naming the unit and the missing period", async () => {
  const d = base();
  const keep = Array.from(d.id.keys()).filter((i) => i !== 5);
  const data = Object.fromEntries(Object.entries(d).map(([k, v]) => [k, Float64Array.from(keep, (i) => v[i])]));
  await rejects(data, /unbalanced panel: unit 1001 has no row for period 2011/);
});

test("a duplicate unit-period row is refused", async () => {
  await rejects(edit("t", 1, 2010), /row 2: unit 1000 appears twice in period 2010 \(also row 1\)/);
});

test("a fold column that splits a unit names the rows", async () => {
  await rejects(edit("f", 1, 1), /fold column f: unit 1000 is in fold 0 in row 1 but 1 in row 2/, { foldColumn: "f" });
});

test("missing, non-numeric and non-finite cells name the column and row", async () => {
  await rejects(edit("x1", 4, NaN), /column x1, row 5: missing or non-numeric value \(NaN\)/);
  await rejects(edit("y", 7, Infinity), /column y, row 8: missing or non-numeric value/);
  await rejects(base(), /column z not found/, { x: ["z"] });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-did-"));
  const file = path.join(dir, "p.csv");
  const read = (names: string[]) => readDidColumns(file, { id: "id", time: "t", numeric: names });
  // The generic reader reports every problem at once, one line each, by file row and column.
  fs.writeFileSync(file, "id,t,g,y\n1,2010,0,1.5\n1,2011,0,abc\n2,2010,2011,\n");
  await assert.rejects(read(["g", "y"]), /^InputError: \S+p\.csv: row 3, column y: 'abc' is not a finite number\n\S+p\.csv: row 4, column y: empty cell$/);
  await assert.rejects(read(["G"]), /column G not found/);
  // Text ids stay text; numeric ids become numbers (so units sort as numbers); rows are named by their keys.
  fs.writeFileSync(file, "id,t,g,y\nfirm-b,2010,0,1\nfirm-a,2010,2011,2\n");
  const text = await read(["g", "y"]);
  assert.deepEqual(Array.from(text.columns.id), ["firm-a", "firm-b"]);
  assert.equal(text.rowLabel(1), "id=firm-b, t=2010");
  fs.writeFileSync(file, "id,t,g,y\n10,2010,0,1\n9,2010,2011,2\n");
  assert.deepEqual(Array.from((await read(["g", "y"])).columns.id), [9, 10]);
});

test("too few treated units to cross-fit, bad options", async () => {
  const d = base();
  const one = { ...d, g: Float64Array.from(d.g, (v, i) => (v === 2012 && d.id[i] !== 1006 ? 0 : v)) };
  await rejects(one, /group 2012, period 2011: fold \d of 2 leaves no treated unit to train on \(1 treated, 11 controls\)/);
  await rejects(base(), /anticipation must be an integer >= 0/, { anticipation: -1 });
  await rejects(base(), /learner must be one of rf\|lasso\|gbm\|ols/, { learner: "svm" });
  await rejects(base(), /no group has 3 period\(s\) before its first treated period/, { anticipation: 2 });
  await rejects(base(), /folds \(13\) exceed the 12 units/, { folds: 13 });
  await rejects(base(), /bootstrap draws must be an integer >= 1/, { bootstrap: 0 });
  await rejects(base(), /level must be in \(0, 1\)/, { level: 1 });
});

test("an arquero table gives the same result as plain columns; a missing column is named", async () => {
  const { table } = await import("arquero");
  const cols = base();
  const a = await did({ data: cols, ...opts }), b = await did({ data: table(cols), ...opts });
  assert.deepEqual(a.toJSON(), b.toJSON());
  await rejects(table(cols), /column x7 not found/, { x: ["x7"] });
});
