// Table 6: the sample rule on a hand-built example, the treatment, and the table's N and flags.
import { test } from "node:test";
import assert from "node:assert/strict";
import { table } from "arquero";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { smartCityHeadroom, synergySample, synergyPairs, SYNERGY_PAIRS, table6, table6Columns, withSynergyTreatments } from "../../src/replication/synergy";
import { simulate, readCalendar } from "../../src/simulate";
import { dataPath } from "../../src/data/roster";
import { loadPolicies, designationMap } from "../../src/data";
import { InputError } from "../../src/errors";
import { FAKE_TRUTH, PAPER, rowCells, tablePanel, YEARS } from "./table-panel";

// Six cities, two years each: (Bigdata, LowCarbon, SmartCity) ever-status per city.
//   A: B only        B: L only       C: B and L        D: B, L and S (dropped for Diggre)
//   E: none          F: S only (not in Diggre's sample; only-SmartCity for Digine)
const pattern: Record<string, [number, number, number]> = { A: [1, 0, 0], B: [0, 1, 0], C: [1, 1, 0], D: [1, 1, 1], E: [0, 0, 0], F: [0, 0, 1] };
const hand = table((() => {
  const cols: Record<string, unknown[]> = { city_code: [], year: [], Bigdata: [], LowCarbon: [], SmartCity: [] };
  for (const [c, [b, l, s]] of Object.entries(pattern)) for (const year of [2015, 2017]) {
    // Pilots switch on in 2017 only, so "ever" and "this year" differ in 2015.
    const on = (x: number) => (x && year === 2017 ? 1 : 0);
    cols.city_code.push(c); cols.year.push(year); cols.Bigdata.push(on(b)); cols.LowCarbon.push(on(l)); cols.SmartCity.push(on(s));
  }
  return cols;
})());

test("synergySample keeps exactly-one or both pilots, dropping smart-city cities from Diggre's both group", () => {
  const g = synergySample(hand, SYNERGY_PAIRS[0]);
  assert.deepEqual([...g.cities].sort(), ["A", "B", "C"]);
  assert.deepEqual([g.onlyBigdata, g.onlyOther, g.both, g.bothDropped, g.rows], [1, 1, 1, 1, 6]);
  const i = synergySample(hand, SYNERGY_PAIRS[1]);
  assert.deepEqual([...i.cities].sort(), ["A", "C", "D", "F"]);
  assert.deepEqual([i.onlyBigdata, i.onlyOther, i.both, i.bothDropped], [2, 1, 1, 0]);
  const noDrop = synergySample(hand, { ...SYNERGY_PAIRS[0], exclude: null });
  assert.deepEqual([...noDrop.cities].sort(), ["A", "B", "C", "D"]);
});

test("the 下同 reading drops low-carbon cities from Digine's both group, and only there", () => {
  const [gre, ine] = synergyPairs("xiatong");
  assert.deepEqual(gre, SYNERGY_PAIRS[0]);
  const i = synergySample(hand, ine);
  // D (Bigdata, LowCarbon, SmartCity) leaves; A and C (Bigdata without SmartCity) and F (SmartCity only) stay.
  assert.deepEqual([...i.cities].sort(), ["A", "C", "F"]);
  assert.deepEqual([i.onlyBigdata, i.onlyOther, i.both, i.bothDropped, i.rows], [2, 1, 0, 1, 6]);
  assert.throws(() => synergyPairs("other" as never), InputError);
});

test("smartCityHeadroom counts the cities a fuller smart-city list could move", () => {
  // No SmartCity ever: A (B), B (L), C (B, L), E (none). Outside both B and S: B, E; Bigdata: A, C; of those LowCarbon: C.
  assert.deepEqual(smartCityHeadroom(hand), { outside: 2, bigdata: 2, bigdataLowCarbon: 1 });
});

test("a completed smart-city list in policies.json flows into the simulated panel and the synergy samples", () => {
  // The fixture: the shipped calendar with two cities added to the incomplete batch 3 (2015), as a user
  // holding the annex would add them: one big data city that is in no smart-city batch yet (it moves from
  // Digine's only-Bigdata group to its both group) and one city in neither pilot (it enters as only-SmartCity).
  const doc = JSON.parse(fs.readFileSync(dataPath("policies.json"), "utf8"));
  const cal = loadPolicies();
  const big = designationMap(cal, "Bigdata"), smart = designationMap(cal, "SmartCity"), low = designationMap(cal, "LowCarbon");
  const bigCity = cal.policies.Bigdata.batches.flatMap((b) => b.members).find((m) => !smart.has(m.code) && !low.has(m.code))!;
  const base = simulate();
  const codes = Array.from(new Set(Array.from(base.table.array("city_code") as ArrayLike<string>)));
  const cities = Array.from(base.table.array("city") as ArrayLike<string>);
  const neitherCode = codes.find((c) => !big.has(c) && !smart.has(c))!;
  const neither = { code: neitherCode, city: cities[(base.table.array("city_code") as string[]).indexOf(neitherCode)] };
  const batch3 = doc.policies.SmartCity.batches.find((b: { id: string }) => b.id === "smartcity-3");
  batch3.members.push(bigCity, neither);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pol-")), "policies.json");
  fs.writeFileSync(file, JSON.stringify(doc));

  const completed = simulate({ calendar: readCalendar(file) });
  const row = (t: typeof base.table, code: string, year: number) => (t.array("city_code") as string[]).findIndex((c, i) => c === code && (t.array("year") as number[])[i] === year);
  for (const m of [bigCity, neither]) {
    assert.equal((completed.table.array("SmartCity") as number[])[row(completed.table, m.code, 2015)], 1, `${m.city} SmartCity in 2015`);
    assert.equal((base.table.array("SmartCity") as number[])[row(base.table, m.code, 2015)], 0);
  }
  for (const reading of ["spec", "xiatong"] as const) {
    const pair = synergyPairs(reading)[1];
    const before = synergySample(base.table, pair), after = synergySample(completed.table, pair);
    assert.equal(after.both, before.both + 1, reading);           // bigCity is in no low-carbon batch, so 下同 keeps it
    assert.equal(after.onlyBigdata, before.onlyBigdata - 1, reading);
    assert.equal(after.onlyOther, before.onlyOther + 1, reading);
    assert.equal(after.rows, before.rows + 13, reading);           // one more city, 13 years
    assert.ok(after.cities.has(neither.code) && !before.cities.has(neither.code));
  }
});

test("withSynergyTreatments is 1 only where both pilots are in force that year", () => {
  const t = withSynergyTreatments(hand);
  assert.deepEqual(Array.from(t.array("Diggre") as number[]), [0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0]);
  assert.deepEqual(Array.from(t.array("Digine") as number[]), [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
});

test("table6Columns: the paper's Yes/No pattern, Diggre then Digine", () => {
  const cols = table6Columns(SYNERGY_PAIRS.map((p) => synergySample(hand, p)));
  assert.deepEqual(cols.map((c) => c.flags), PAPER.table6.columns.map((c: { flags: unknown }) => c.flags));
  assert.deepEqual(cols.map((c) => c.d), PAPER.table6.columns.map((c: { terms: object }) => Object.keys(c.terms)[0]));
  for (const c of cols) assert.equal(c.quadratic, c.flags.squared);
});

test("table6 estimates on each sample with its N, paper and truth rows", async () => {
  const panel = tablePanel();
  const run = await table6({ table: panel, truth: FAKE_TRUTH }, { learner: "ols", folds: 2 });
  assert.equal(run.results.length, 6);
  // The panel's calendars (table-panel.ts): Bigdata c%3==0, LowCarbon c%4 in {0,1}, SmartCity c%5==0.
  const count = (f: (c: number) => boolean) => Array.from({ length: 40 }, (_, c) => c).filter(f).length;
  const B = (c: number) => c % 3 === 0, L = (c: number) => c % 4 <= 1, S = (c: number) => c % 5 === 0;
  const nGre = count((c) => (B(c) !== L(c)) || (B(c) && L(c) && !S(c))) * YEARS;
  const nIne = count((c) => B(c) || S(c)) * YEARS;
  assert.deepEqual(rowCells(run.table, "n"), [nGre, nGre, nGre, nIne, nIne, nIne].map(String));
  assert.deepEqual(run.samples.map((s) => s.rows), [nGre, nIne]);
  assert.deepEqual(rowCells(run.table, "truth", "Truth: ATT"), ["0.0271", "0.0271", "0.0271", "", "", ""]);
  assert.equal(rowCells(run.table, "paper")[0], "0.0065** (0.0032)");
  assert.deepEqual(rowCells(run.table, "flag", "Year FE"), ["Yes", "No", "Yes", "Yes", "No", "Yes"]);
});
