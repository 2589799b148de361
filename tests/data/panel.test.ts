import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { defaultPanelPath, readPanel, ReadOptions } from "../../src/data/panel";
import { InputError } from "../../src/errors";

const FIX = path.join(__dirname, "..", "fixtures", "panels");
const fixture = (name: string) => path.join(FIX, name);
const known = new Set(["110000", "120000"]);

async function loadError(file: string, opts: ReadOptions = {}): Promise<string> {
  try {
    await readPanel(file, { knownCodes: known, ...opts });
  } catch (e) {
    assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
    assert.ok(!e.message.includes("\n"), "message must be one line");
    return e.message;
  }
  assert.fail(`expected an InputError for ${file}`);
}

function tmpFile(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-panel-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

test("a good CSV loads sorted by city_code then year, codes as strings, numbers as numbers", async () => {
  const { table, report } = await readPanel(fixture("good.csv"), { knownCodes: known });
  assert.deepEqual(table.array("city_code"), ["110000", "110000", "110000", "120000", "120000", "120000"]);
  assert.deepEqual([...table.array("year")], [2015, 2016, 2017, 2015, 2016, 2017]);
  assert.deepEqual([...table.array("Gdp")], [11.6, 11.7, 11.8, 11.1, 11.3, 11.4]);
  assert.deepEqual([...table.array("Bigdata")], [0, 1, 1, 0, 0, 0]);
  assert.equal(report.format, "csv");
  assert.equal(report.interpolation.enabled, false);
  assert.equal(report.winsorize.enabled, false);
  assert.deepEqual(report.validation.unbalanced, []);
});

test("BOM + CRLF and Chinese headers with spaces load to the same table as the plain file", async () => {
  const plain = await readPanel(fixture("good.csv"), { knownCodes: known });
  const bom = await readPanel(fixture("bom-crlf.csv"), { knownCodes: known });
  const zh = await readPanel(fixture("chinese-headers.csv"), { knownCodes: known });
  assert.deepEqual(bom.table.objects(), plain.table.objects());
  assert.deepEqual(zh.table.objects(), plain.table.objects());
  assert.match(bom.report.notes.join(" "), /byte-order mark.*harmless/);
  assert.deepEqual(zh.report.headers.unknown, []);
  assert.ok(zh.report.headers.renamed.some((r) => r.to === "province" && r.from === "省\u3000份"));
});

test("the roster is the default list of known codes", async () => {
  const { table } = await readPanel(fixture("good.csv"));
  assert.equal(table.numRows(), 6);
  const msg = await loadError(fixture("bad-values.csv"), { knownCodes: undefined });
  assert.match(msg, /unknown city code 999999 \(row 5\)/);
});

test("corrupted files give one clear InputError naming the problem", async () => {
  assert.match(await loadError(fixture("truncated.csv")), /header has 7 fields but line 7 has 6/);
  assert.match(await loadError(fixture("semicolon.csv")), /file looks semicolon-separated: /);
  assert.match(await loadError(fixture("tab.csv")), /file looks tab-separated: /);
  assert.match(await loadError(fixture("gbk.csv")), /not UTF-8 \(GBK\?\)/);
  assert.match(await loadError(fixture("nope.csv")), /nope\.csv: no such file/);
  assert.match(await loadError(tmpFile("old.xls", "x")), /\.xls format is not read/);
  assert.match(await loadError(tmpFile("p.json", "{}")), /unknown file type '\.json'/);
  assert.match(await loadError(tmpFile("fake.xlsx", "a,b\n1,2\n")), /fake\.xlsx: cannot read its first sheet as \.xlsx/);
  assert.match(await loadError(tmpFile("dup.csv", "城市代码,行政区划代码,year\n")), /duplicate column: '城市代码' \(column 1\) and '行政区划代码' \(column 2\) both give city_code/);
});

test("a file with bad values lists every problem by row and column", async () => {
  const msg = await loadError(fixture("bad-values.csv"));
  assert.equal(
    msg,
    `5 problems in ${fixture("bad-values.csv")}: year 2031 outside 2010-2022 (row 6); ` +
      "non-numeric cell at row 3 column Pas ('abc'); non-binary cell at row 6 column Bigdata ('2', must be 0 or 1); " +
      "duplicate city-year 110000 2015 (rows 2, 4); unknown city code 999999 (row 5)",
  );
});

test("require: the columns a use needs must be present", async () => {
  const msg = await loadError(fixture("good.csv"), { require: ["city_code", "year", "Gdp", "Pas", "FI"] });
  assert.match(msg, /^2 problems in .*: missing column Pas; missing column FI$/);
});

test("XLSX: first sheet by default, Chinese headers mapped, numeric codes become 6-digit strings", async () => {
  const { table, report } = await readPanel(fixture("tiny.xlsx"), { knownCodes: known, require: ["city_code", "year"] });
  assert.equal(report.format, "xlsx");
  assert.deepEqual(table.columnNames(), ["city", "city_code", "year", "Gdp", "Bigdata", "FI"]);
  assert.deepEqual(table.array("city_code"), ["110000", "110000", "120000", "120000"]);
  assert.deepEqual([...table.array("FI")], [0.41, 0.43, 0.35, 0.36]);
  assert.ok(Number.isNaN(table.get("Gdp", 1)));
  assert.deepEqual(report.validation.missingValues, { Gdp: 1 });
  // A named sheet, and a sheet that does not exist.
  const notes = await readPanel(fixture("tiny.xlsx"), { sheet: "notes", require: [] });
  assert.deepEqual(notes.table.columnNames(), ["about"]);
  assert.match(await loadError(fixture("tiny.xlsx"), { sheet: "missing" }), /cannot read sheet 'missing'.*Sheet not found/);
});

test("interpolation and winsorizing through readPanel are reported when on", async () => {
  const { table, report } = await readPanel(fixture("tiny.xlsx"), {
    knownCodes: known, require: ["city_code", "year"], interpolate: true, fillEnds: true, winsorize: [0, 100],
  });
  // Beijing's Gdp: 11.5 in 2016, missing in 2017 (an end): the nearest value fills it.
  assert.equal(table.get("Gdp", 1), 11.5);
  assert.deepEqual(report.interpolation, { enabled: true, fillEnds: true, filled: { Gdp: 1 }, stillMissing: {} });
  assert.deepEqual(report.winsorize.percentiles, [0, 100]);
  assert.deepEqual(report.winsorize.columns.Gdp, { lo: 11.2, hi: 11.5, movedLow: 0, movedHigh: 0 });
  assert.match(await loadError(fixture("good.csv"), { winsorize: [99, 1] }), /0 <= lower < upper <= 100/);
});

test("the template holds every schema column and loads cleanly", async () => {
  const { schemaColumns } = await import("../../src/data/profile");
  const file = path.join(__dirname, "..", "..", "data", "template.csv");
  const { table, report } = await readPanel(file);
  assert.deepEqual(table.columnNames(), schemaColumns());
  assert.equal(table.numRows(), 2);
  assert.match(String(table.get("city", 0)), /example/);
  assert.deepEqual(report.headers.unknown, []);
  assert.deepEqual(report.validation.missingValues, {});
});

test("defaultPanelPath points at data/simulated/panel.csv under the package root", () => {
  assert.equal(defaultPanelPath(), path.resolve(__dirname, "..", "..", "data", "simulated", "panel.csv"));
});
