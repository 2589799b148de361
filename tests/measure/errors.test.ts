// Bad input ends in one InputError line naming the column or row.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as aq from "arquero";
import { measure, validateSpec, loadIndicatorSpec, normalise } from "../../src/measure";
import { InputError } from "../../src/errors";

const spec = validateSpec([
  { column: "s1", system: "S", direction: 1 },
  { column: "i1", system: "I", direction: 1 },
]);
const rows = () => [
  { city: "A", year: 2010, s1: 1, i1: 2 },
  { city: "B", year: 2010, s1: 2, i1: 3 },
  { city: "A", year: 2011, s1: 3, i1: 5 },
];
const inputError = (re: RegExp) => (e: unknown) => e instanceof InputError && re.test(e.message) && !e.message.includes("\n");

test("missing column", () => {
  const r = rows().map(({ i1: _, ...rest }) => rest);
  assert.throws(() => measure(r, spec), inputError(/missing column i1/));
});

test("constant column", () => {
  const r = rows().map((x) => ({ ...x, i1: 7 }));
  assert.throws(() => measure(r, spec), inputError(/column i1: constant/));
});

test("non-numeric cell names column, row, city and year", () => {
  const r: Record<string, unknown>[] = rows();
  r[2].s1 = "n/a";
  assert.throws(() => measure(r, spec), inputError(/column s1: non-numeric value "n\/a" at city A, year 2011/));
  r[2].s1 = null;
  assert.throws(() => measure(r, spec), inputError(/column s1: missing value at city A, year 2011/));
  r[2].s1 = Infinity;
  assert.throws(() => measure(r, spec), inputError(/column s1: non-numeric value "Infinity" at city A, year 2011/));
  const noKeys = rows().map(({ city: _c, year: _y, ...rest }) => rest);
  noKeys[1].i1 = NaN;
  assert.throws(() => measure(noKeys, spec), inputError(/column i1: missing value at row 2$/));
});

test("numeric strings (as a CSV reader may leave them) are read as numbers; tables work like rows", () => {
  const r: Record<string, unknown>[] = rows().map((x) => ({ ...x, s1: String(x.s1) }));
  const a = measure(r, spec).FI, b = measure(aq.from(rows()), spec).FI;
  assert.deepEqual(Array.from(a), Array.from(b));
});

test("normalise names a non-finite value's row", () => {
  assert.throws(() => normalise([1, Infinity], 1, "x"), inputError(/column x: non-finite value \(Infinity\) at row 2/));
});

test("spec validation", () => {
  assert.throws(() => validateSpec([{ column: "a", system: "S", direction: 1 }]), inputError(/system I has no indicators/));
  assert.throws(() => validateSpec([{ column: "a", system: "X", direction: 1 }]), inputError(/column a has unknown system/));
  assert.throws(() => validateSpec([{ column: "a", system: "S", direction: 0 }]), inputError(/column a has direction 0/));
  assert.throws(() => validateSpec([{ column: "a", system: "S", direction: 1 }, { column: "a", system: "I", direction: 1 }]), inputError(/column a listed twice/));
  const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stii-spec-")), "spec.json");
  fs.writeFileSync(bad, "{ not json");
  assert.throws(() => loadIndicatorSpec(bad), inputError(/cannot read as JSON/));
});

test("the shipped spec: 13 S indicators, 9 I indicators, I02_chain_hhi the one negative", () => {
  const s = loadIndicatorSpec();
  assert.equal(s.filter((i) => i.system === "S").length, 13);
  assert.equal(s.filter((i) => i.system === "I").length, 9);
  assert.deepEqual(s.filter((i) => i.direction === -1).map((i) => i.column), ["I02_chain_hhi"]);
});
