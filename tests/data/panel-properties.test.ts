import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { tableToCSV, toCSV } from "../../src/data/csv";
import { interpolateSeries } from "../../src/data/interpolate";
import { readPanel } from "../../src/data/panel";
import { InputError } from "../../src/errors";
import { percentile, winsorizeColumn } from "../../src/data/winsorize";

// A fixed seed: the same cases on every run (a failure prints its counterexample).
fc.configureGlobal({ seed: 20251125 });

const CODES = ["110000", "120000", "130100", "310000", "440300"];
const known = new Set(CODES);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-prop-"));
let counter = 0;
function write(content: string): string {
  const file = path.join(dir, `p${counter++}.csv`);
  fs.writeFileSync(file, content);
  return file;
}

const HEADER = ["city", "city_code", "province", "region", "year", "Gdp", "Bigdata", "note"];
type Row = [string, string, string, string, number, number, number, string];

/** A random valid panel: some cities, some years each (unique city-years), missing Gdp as NaN, awkward text
 * (cells are trimmed on reading, so the generated text has no leading or trailing space). */
const panelArb = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...CODES), fc.integer({ min: 2010, max: 2022 })), {
    minLength: 1, maxLength: 25, selector: ([c, y]) => `${c} ${y}`,
  })
  .chain((keys) =>
    fc.tuple(
      fc.constant(keys),
      fc.array(fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x + 0), { nil: NaN }), { minLength: keys.length, maxLength: keys.length }),
      fc.array(fc.constantFrom(0, 1), { minLength: keys.length, maxLength: keys.length }),
      fc.array(fc.string({ unit: fc.constantFrom("x", ",", '"', "\n", "城", " ") }).map((s) => `n${s}.`), { minLength: keys.length, maxLength: keys.length }),
    ),
  )
  .map(([keys, gdp, big, note]) => keys.map(([c, y], i): Row => [`市${c}`, c, `省${c}`, "east", y, gdp[i], big[i], note[i]]));

/** The same rows, sorted by code then year: what a loaded table must hold. */
function sorted(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[4] - b[4]));
}

function tableRows(t: Awaited<ReturnType<typeof readPanel>>["table"]): unknown[][] {
  const cols = HEADER.map((h) => t.array(h));
  return Array.from({ length: t.numRows() }, (_, i) => cols.map((c) => c[i]));
}

test("property: write a random valid panel, read it, write and read again: same data, same bytes", async () => {
  await fc.assert(
    fc.asyncProperty(panelArb, async (rows) => {
      const first = await readPanel(write(toCSV(HEADER, rows)), { knownCodes: known });
      assert.deepEqual(tableRows(first.table), sorted(rows));
      const text = tableToCSV(first.table);
      const second = await readPanel(write(text), { knownCodes: known });
      assert.deepEqual(tableRows(second.table), sorted(rows));
      assert.equal(tableToCSV(second.table), text);
    }),
    { numRuns: 60 },
  );
});

test("property: shuffling the rows of a file gives the same loaded table", async () => {
  await fc.assert(
    fc.asyncProperty(panelArb, fc.integer(), async (rows, seed) => {
      // A seeded Fisher-Yates shuffle (fast-check shrinks the seed).
      const shuffled = [...rows];
      let s = seed >>> 0;
      for (let i = shuffled.length - 1; i > 0; i--) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        const j = s % (i + 1);
        [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
      }
      const a = await readPanel(write(toCSV(HEADER, rows)), { knownCodes: known });
      const b = await readPanel(write(toCSV(HEADER, shuffled)), { knownCodes: known });
      assert.equal(tableToCSV(b.table), tableToCSV(a.table));
    }),
    { numRuns: 40 },
  );
});

test("property: interpolation is exact on linear data, with uneven year gaps; ends only with fillEnds", () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 2000, max: 2030 }), { minLength: 2, maxLength: 12 }),
      fc.double({ min: -100, max: 100, noNaN: true }),
      fc.double({ min: -10, max: 10, noNaN: true }),
      fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      fc.boolean(),
      (yearsRaw, a, b, hide, fillEnds) => {
        const years = [...yearsRaw].sort((x, y) => x - y);
        const truth = years.map((t) => a + b * (t - 2010));
        const values = Float64Array.from(truth, (v, k) => (hide[k] ? NaN : v));
        const observed = years.map((_, k) => k).filter((k) => !hide[k]);
        const filled = interpolateSeries(years, values, fillEnds);
        const [first, last] = [observed[0], observed[observed.length - 1]];
        let expectFilled = 0;
        years.forEach((_, k) => {
          if (!hide[k]) return assert.equal(values[k], truth[k]);
          if (observed.length === 0) return assert.ok(Number.isNaN(values[k]));
          if (k > first && k < last) {
            expectFilled++;
            return assert.ok(Math.abs(values[k] - truth[k]) <= 1e-9 * (1 + Math.abs(truth[k])), `year ${years[k]}`);
          }
          if (!fillEnds) return assert.ok(Number.isNaN(values[k]));
          expectFilled++;
          assert.equal(values[k], truth[k < first ? first : last]);
        });
        assert.equal(filled, expectFilled);
      },
    ),
    { numRuns: 300 },
  );
});

test("percentile (type 7) against hand-worked values", () => {
  const ten = Float64Array.from({ length: 10 }, (_, i) => i + 1);
  assert.ok(Math.abs(percentile(ten, 10) - 1.9) < 1e-12); // h = 0.9: 1 + 0.9 (2 - 1)
  assert.ok(Math.abs(percentile(ten, 90) - 9.1) < 1e-12); // h = 8.1: 9 + 0.1 (10 - 9)
  assert.equal(percentile(ten, 0), 1);
  assert.equal(percentile(ten, 100), 10);
  const hundredOne = Float64Array.from({ length: 101 }, (_, i) => i + 1);
  const w = winsorizeColumn(Float64Array.from([NaN, ...hundredOne]), 1, 99);
  assert.deepEqual(w, { lo: 2, hi: 100, movedLow: 1, movedHigh: 1 });
});

test("property: winsorizing never moves values inside the cut points and puts the others on them", () => {
  fc.assert(
    fc.property(
      fc.array(fc.option(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { nil: NaN }), { maxLength: 60 }),
      fc.integer({ min: 0, max: 49 }),
      fc.integer({ min: 51, max: 100 }),
      (raw, lower, upper) => {
        const before = Float64Array.from(raw);
        const after = Float64Array.from(raw);
        const { lo, hi, movedLow, movedHigh } = winsorizeColumn(after, lower, upper);
        let low = 0;
        let high = 0;
        before.forEach((x, i) => {
          if (Number.isNaN(x)) return assert.ok(Number.isNaN(after[i]));
          if (x < lo) { low++; return assert.equal(after[i], lo); }
          if (x > hi) { high++; return assert.equal(after[i], hi); }
          assert.equal(after[i], x);
        });
        assert.deepEqual([movedLow, movedHigh], [low, high]);
      },
    ),
    { numRuns: 300 },
  );
});

test("property: any corrupted CSV either loads or gives one one-line InputError, never another exception", async () => {
  const piece = fc.constantFrom(
    "city_code", "year", "Gdp", "Bigdata", "城市代码", "110000", "120000", "2015", "2031", "1.5", "abc", "",
    ",", ",", ";", "\t", '"', "\n", "\r\n", "\r", " ", "\u3000", "\uFEFF", "-", ".", "e", "\uFFFD", '"x\ny"', '"a,\r\nb"',
  );
  const good = "city_code,year,Gdp,Bigdata\n110000,2015,1.5,0\n";
  await fc.assert(
    fc.asyncProperty(fc.array(piece, { maxLength: 40 }), fc.boolean(), async (pieces, keepHeader) => {
      const file = write((keepHeader ? good : "") + pieces.join(""));
      try {
        await readPanel(file, { knownCodes: known, require: [] });
      } catch (e) {
        assert.ok(e instanceof InputError, `not an InputError: ${String(e)}`);
        assert.ok(!e.message.includes("\n"), `message on several lines: ${e.message}`);
      }
    }),
    { numRuns: 300 },
  );
});
