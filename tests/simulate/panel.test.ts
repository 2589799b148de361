// The simulated panel: shape, schema, determinism and calibration to the paper's moments (SPEC 7, 8).
import { test } from "node:test";
import assert from "node:assert/strict";
import { simulate, calibrationTable } from "../../src/simulate";
import { tableToCSV as panelCsv } from "../../src/data/csv";
import { readPanel } from "../../src/data/panel";
import { measure, loadIndicatorSpec } from "../../src/measure";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { schemaColumns } from "../../src/data/profile";
import { defaultSim } from "./fixture";

test("3679 rows, one per city-year, 283 cities x 2010-2022", () => {
  const t = defaultSim().table;
  assert.equal(t.numRows(), 3679);
  const codes = t.array("city_code") as ArrayLike<string>, years = t.array("year") as ArrayLike<number>;
  const keys = new Set<string>();
  for (let i = 0; i < t.numRows(); i++) keys.add(`${codes[i]}-${years[i]}`);
  assert.equal(keys.size, 3679);
  assert.equal(new Set(Array.from(codes)).size, 283);
  assert.deepEqual([...new Set(Array.from(years))].sort(), Array.from({ length: 13 }, (_, k) => 2010 + k));
});

test("every schema column is present; numeric columns finite; dummies 0/1", () => {
  const t = defaultSim().table;
  assert.deepEqual(t.columnNames(), schemaColumns());
  const text = new Set(["city", "city_code", "province", "region"]);
  const binary = ["Bigdata", "LowCarbon", "SmartCity", "InnovCity", "SciFin", "Broadband", "Elec", "Inte", "Gove", "Publ"];
  for (const c of t.columnNames()) {
    if (text.has(c)) continue;
    const v = t.array(c) as ArrayLike<number>;
    for (let i = 0; i < v.length; i++) assert.ok(typeof v[i] === "number" && Number.isFinite(v[i]), `${c} row ${i}`);
    if (binary.includes(c)) assert.ok(Array.from(v).every((x) => x === 0 || x === 1), c);
  }
  // splits are above-median flags: about half the rows each
  for (const h of ["Elec", "Inte", "Gove", "Publ"]) {
    const share = (t.array(h) as number[]).reduce((a, b) => a + b, 0) / 3679;
    assert.ok(share > 0.35 && share < 0.65, `${h} share ${share}`);
  }
});

test("same seed gives a byte-identical CSV; another seed a different one", () => {
  const a = panelCsv(defaultSim().table);
  assert.equal(panelCsv(simulate({ seed: 20250101 }).table), a);
  assert.notEqual(panelCsv(simulate({ seed: 20250102 }).table), a);
});

// The paper's moments (SPEC 7 and 4.6), written here independently of data/paper-results.json.
const PAPER = {
  table2: {
    FI: { mean: 0.2346, sd: 0.0839, min: 0.1024, max: 0.7504 }, Bigdata: { mean: 0.1057, sd: 0.3075, min: 0, max: 1 },
    Gdp: { mean: 10.7448, sd: 0.5934, min: 8.5762, max: 13.0557 }, Pas: { mean: 8.0896, sd: 1.2256, min: 1.7918, max: 12.5657 },
    Fin: { mean: 2.9503, sd: 1.9212, min: 0.6471, max: 18.0019 }, Env: { mean: 3.7413, sd: 0.4275, min: 2.4849, max: 5.366 },
    Ope: { mean: 14.0246, sd: 2.1641, min: 3.5264, max: 19.8558 }, Entre: { mean: 1.3545, sd: 1.4836, min: 0.1595, max: 35.8194 },
    VCPE1: { mean: 1.2323, sd: 1.5442, min: 0, max: 8.5524 }, VCPE2: { mean: 1.7392, sd: 1.1768, min: 0, max: 8.8548 },
    Talen: { mean: 0.0163, sd: 0.0126, min: 0.0007, max: 0.0998 },
  },
  regions: { east: 0.289, central: 0.2363, northeast: 0.195, west: 0.1938 },
  national: { "2010": 0.2083, "2022": 0.2736 },
};

test("calibration: FI mean within 5% and sd within 10%; Table 2 means within 10%, sds within 15%", () => {
  const rows = calibrationTable(defaultSim().table, PAPER);
  const get = (column: string, stat: string) => rows.find((r) => r.column === column && r.stat === stat)!;
  // an independent mean of FI, to check the table's arithmetic too
  const fi = defaultSim().table.array("FI") as ArrayLike<number>;
  assert.ok(Math.abs(get("FI", "mean").simulated - Array.from(fi).reduce((a, b) => a + b, 0) / fi.length) < 1e-12);
  assert.ok(Math.abs(get("FI", "mean").gap_pct!) < 5, `FI mean gap ${get("FI", "mean").gap_pct}%`);
  assert.ok(Math.abs(get("FI", "sd").gap_pct!) < 10, `FI sd gap ${get("FI", "sd").gap_pct}%`);
  for (const col of Object.keys(PAPER.table2)) {
    assert.ok(Math.abs(get(col, "mean").gap_pct!) < 10, `${col} mean gap ${get(col, "mean").gap_pct}%`);
    assert.ok(Math.abs(get(col, "sd").gap_pct!) < 15, `${col} sd gap ${get(col, "sd").gap_pct}%`);
  }
  // FI range: within 25% of the paper's min and max
  for (const stat of ["min", "max"]) assert.ok(Math.abs(get("FI", stat).gap_pct!) < 25, `FI ${stat} gap ${get("FI", stat).gap_pct}%`);
  // national path 2010 -> 2022 within 5%
  for (const y of ["2010", "2022"]) assert.ok(Math.abs(get("FI", `mean ${y}`).gap_pct!) < 5, `FI ${y} gap`);
});

test("the paper's section-3 regional facts hold; regional means within 4%, growth within 0.15 pp", () => {
  // Means by region and year computed here from the panel's columns, independently of calibrationTable.
  const t = defaultSim().table;
  const fi = t.array("FI") as number[], region = t.array("region") as string[], year = t.array("year") as number[];
  const mean = (keep: (i: number) => boolean) => { let s = 0, n = 0; for (let i = 0; i < fi.length; i++) if (keep(i)) { s += fi[i]; n++; } return s / n; };
  const groups = ["national", "east", "central", "northeast", "west"];
  const inG = (g: string) => (i: number) => g === "national" || region[i] === g;
  const pooled = Object.fromEntries(groups.map((g) => [g, mean(inG(g))]));
  const at = (g: string, y: number) => mean((i) => inG(g)(i) && year[i] === y);
  const growth = (g: string) => Math.pow(at(g, 2022) / at(g, 2010), 1 / 13) - 1; // the paper's rule (its national 2.12%)
  assert.ok(pooled.east > pooled.national && pooled.central > pooled.national, "only east and central above the national mean");
  assert.ok(pooled.northeast < pooled.national && pooled.west < pooled.national);
  assert.ok(pooled.east > pooled.central && pooled.central > pooled.northeast && pooled.northeast > pooled.west, "pooled order");
  assert.ok(at("west", 2010) < at("northeast", 2010) && at("west", 2022) > at("northeast", 2022), "the west overtakes the northeast by 2022");
  assert.ok(growth("east") > growth("west") && growth("west") > growth("central") && growth("central") > growth("northeast"), "growth order");
  // Tolerances from the measured seed-20250101 values (region_latent calibration, issue 14): pooled gaps
  // +1.6% (east) to +2.1% (west, northeast), growth gaps at most 0.04 pp; the old 8% bound no longer tested anything.
  for (const g of ["east", "central", "northeast", "west"]) {
    const gap = 100 * (pooled[g] / PAPER.regions[g] - 1);
    assert.ok(Math.abs(gap) < 4, `${g} pooled gap ${gap.toFixed(1)}%`);
  }
  const paperGrowth: Record<string, number> = { east: 0.0228, west: 0.0227, central: 0.0206, northeast: 0.0139 };
  for (const [g, v] of Object.entries(paperGrowth)) assert.ok(Math.abs(growth(g) - v) < 0.0015, `${g} growth ${(100 * growth(g)).toFixed(2)}% vs ${100 * v}%`);
});

test("confounding: pilot cities have higher Gdp and Ope before 2016", () => {
  const rows = defaultSim().table.objects() as { Bigdata: number; year: number; Gdp: number; Ope: number; city_code: string }[];
  const ever = new Set(rows.filter((r) => r.Bigdata === 1).map((r) => r.city_code));
  const pre = rows.filter((r) => r.year < 2016);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  for (const c of ["Gdp", "Ope"] as const) {
    const inZone = mean(pre.filter((r) => ever.has(r.city_code)).map((r) => r[c]));
    const outside = mean(pre.filter((r) => !ever.has(r.city_code)).map((r) => r[c]));
    assert.ok(inZone > outside + 0.2, `${c}: ${inZone} vs ${outside}`);
  }
});

test("the CSV reads back through the data module's validated reader and re-measures to the same FI", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "stii-sim-")), "panel.csv");
  fs.writeFileSync(file, panelCsv(defaultSim().table));
  const { table } = await readPanel(file);
  assert.equal(table.numRows(), 3679);
  const fi = measure(table, loadIndicatorSpec()).FI;
  const stored = table.array("FI") as ArrayLike<number>;
  for (let i = 0; i < fi.length; i++) assert.ok(Math.abs(fi[i] - stored[i]) < 1e-5 * fi[i], `row ${i}`);
});
