import { test } from "node:test";
import assert from "node:assert/strict";
import { checkPanel, validatePanel, RawCell, RawPanel } from "../../src/data/validate";
import { InputError } from "../../src/errors";

const KEYS = ["city", "city_code", "province", "region", "year"];
const known = new Set(["110000", "120000"]);

/** A raw panel from rows of cells; file lines 2, 3, ... as in a CSV with a header on line 1. */
function raw(columns: string[], rows: RawCell[][]): RawPanel {
  return { file: "p.csv", columns, rows, lines: rows.map((_, i) => i + 2) };
}

function errorOf(panel: RawPanel, opts = {}): string {
  try {
    validatePanel(panel, { knownCodes: known, ...opts });
  } catch (e) {
    assert.ok(e instanceof InputError);
    assert.ok(!e.message.includes("\n"));
    return e.message;
  }
  assert.fail("expected an InputError");
}

const bj = (year: RawCell, ...rest: RawCell[]): RawCell[] => ["北京市", "110000", "北京市", "east", year, ...rest];

test("a valid panel converts types: codes stay 6-digit strings, numbers become numbers, empty cells missing", () => {
  const { columns, report } = validatePanel(
    raw([...KEYS, "Gdp", "Bigdata"], [bj("2015", " 11.5 ", "0"), ["天津市", 120000, "天津市", "东部地区", 2015, "", 1]]),
    { knownCodes: known },
  );
  assert.deepEqual(columns.city_code, ["110000", "120000"]);
  assert.deepEqual(columns.region, ["east", "east"]); // Chinese region names are read too
  assert.deepEqual([...(columns.year as Float64Array)], [2015, 2015]);
  assert.equal((columns.Gdp as Float64Array)[0], 11.5);
  assert.ok(Number.isNaN((columns.Gdp as Float64Array)[1]));
  assert.deepEqual(report.missingValues, { Gdp: 1 });
  assert.deepEqual(report.problems, []);
});

test("each problem names its row and column, all collected in one one-line message", () => {
  const msg = errorOf(
    raw([...KEYS, "Pas", "Bigdata"], [
      bj(2015, "9.1", 0),
      bj(2016, "abc", 1),
      bj(2015, "9.3", 0),
      ["未知市", "999999", "未知", "east", 2016, "9", 0],
      ["天津市", "120000", "天津市", "east", 2031, "9", 2],
    ]),
    { require: [...KEYS, "Gdp", "Pas"] },
  );
  assert.equal(
    msg,
    "6 problems in p.csv: missing column Gdp; year 2031 outside 2010-2022 (row 6); " +
      "non-numeric cell at row 3 column Pas ('abc'); non-binary cell at row 6 column Bigdata ('2', must be 0 or 1); " +
      "duplicate city-year 110000 2015 (rows 2, 4); unknown city code 999999 (row 5)",
  );
});

test("malformed keys: a code that is not 6 digits, a region outside the four, a fractional year, empty keys", () => {
  const msg = errorOf(
    raw(KEYS, [
      ["北京市", "11000", "北京市", "east", 2015],
      ["北京市", "110000", "北京市", "North", 2016],
      ["北京市", "110000", "北京市", "east", "2017.5"],
      ["北京市", "", "北京市", "east", ""],
    ]),
  );
  assert.match(msg, /^5 problems in p\.csv: /);
  assert.match(msg, /city code '11000' is not 6 digits \(row 2\)/);
  assert.match(msg, /region 'North' is not one of east\|central\|west\|northeast \(row 3\)/);
  assert.match(msg, /year '2017\.5' is not an integer \(row 4\)/);
  assert.match(msg, /empty city_code at row 5; .*empty year at row 5/);
});

test("strict numbers: thousands separators, NaN and Infinity are not numbers", () => {
  const msg = errorOf(raw([...KEYS, "Gdp"], [bj(2015, "1,234"), bj(2016, "NaN"), bj(2017, "Infinity"), bj(2018, "1e3")]));
  assert.equal(
    msg,
    "3 problems in p.csv: non-numeric cell at row 2 column Gdp ('1,234'); non-numeric cell at row 3 column Gdp ('NaN'); " +
      "non-numeric cell at row 4 column Gdp ('Infinity')",
  );
});

test("more than ten problems: ten listed, then 'and K more'", () => {
  const rows = Array.from({ length: 13 }, (_, i) => bj(2010 + i, "x"));
  const msg = errorOf(raw([...KEYS, "Gdp"], rows));
  assert.match(msg, /^13 problems in p\.csv: /);
  assert.match(msg, /row 11 column Gdp \('x'\); and 3 more$/);
  assert.equal(msg.split("; ").length, 11);
});

test("the structured report: unbalanced cities with their missing years, missing values per column", () => {
  const tj = (year: number, gdp: RawCell): RawCell[] => ["天津市", "120000", "天津市", "east", year, gdp];
  const { report } = checkPanel(
    raw([...KEYS, "Gdp", "Extra"], [bj(2015, "1", "a"), bj(2016, "", "b"), bj(2017, "", "c"), tj(2016, "2")].map((r) => r.length === 6 ? [...r, "z"] : r)),
    { knownCodes: known },
  );
  assert.deepEqual(report.problems, []);
  assert.deepEqual(report.unbalanced, [{ city_code: "120000", missingYears: [2015, 2017] }]);
  assert.deepEqual(report.missingValues, { Gdp: 2 });
  assert.equal(report.rows, 4);
});

test("checkPanel never throws and fills every list of the report", () => {
  const { report } = checkPanel(raw([...KEYS, "Bigdata"], [bj(2015, 3), bj(2015, "q"), ["x", "999999", "p", "east", 2030, 0]]), {
    knownCodes: known,
    require: [...KEYS, "Gdp"],
  });
  assert.deepEqual(report.missingColumns, ["Gdp"]);
  assert.deepEqual(report.nonBinary, [{ line: 2, column: "Bigdata", value: "3" }]);
  assert.deepEqual(report.nonNumeric, [{ line: 3, column: "Bigdata", value: "q" }]);
  assert.deepEqual(report.duplicates, [{ city_code: "110000", year: 2015, lines: [2, 3] }]);
  assert.deepEqual(report.unknownCodes, [{ city_code: "999999", lines: [4] }]);
  assert.deepEqual(report.yearsOutOfRange, [{ year: 2030, line: 4 }]);
});

test("cell values in the message are kept on one line and cut when long", () => {
  const msg = errorOf(raw([...KEYS, "Gdp"], [bj(2015, "a\r\nb"), bj(2016, "x".repeat(50))]));
  assert.equal(
    msg,
    "2 problems in p.csv: non-numeric cell at row 2 column Gdp ('a\\r\\nb'); " +
      `non-numeric cell at row 3 column Gdp ('${"x".repeat(40)}...')`,
  );
});
