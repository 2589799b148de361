// Notebook 02 helpers on small synthetic panels, checked against hand computations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { table } from "arquero";
import {
  weightTable, standardisedScatterWeights, correlation, recomputeCheck, fiPath, regionalTable, paperGrowthRules, gradeDistribution, leadingLagging, regionalClaims,
} from "../../src/replication/measurement";
import { measure, type Indicator } from "../../src/measure";
import { matrix } from "../../src/numeric/matrix";
import { InputError } from "../../src/errors";
import type { PaperResults } from "../../src/tables";
import type { RegionalSummary } from "../../src/measure";

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

const SPEC: Indicator[] = [
  { column: "s1", system: "S", direction: 1, label_en: "s one", label_zh: "", source: "" },
  { column: "s2", system: "S", direction: 1, label_en: "s two", label_zh: "", source: "" },
  { column: "i1", system: "I", direction: 1, label_en: "i one", label_zh: "", source: "" },
  { column: "i2", system: "I", direction: -1, label_en: "i two", label_zh: "", source: "" },
];

const RAW = { s1: [1, 2, 3, 4], s2: [5, 1, 2, 9], i1: [0, 1, 1, 3], i2: [4, 3, 2, 1] };

const PAPER = {
  fi_path: {
    national: { first_year: 2010, first: 1, last_year: 2022, last: 4096, growth: 0.9 },
    pooled_means: { national: 0.2, east: 0.3 },
    growth: { national: 0.02, east: 0.03 },
  },
} as unknown as PaperResults;

test("standardisedScatterWeights: the correlation structure only, whatever the scale", () => {
  // Two columns: the correlation matrix [[1, r], [r, 1]] always has leading eigenvector (1, 1): weights 1/2, 1/2,
  // however different the scales.
  const two = standardisedScatterWeights(matrix(4, 2, Float64Array.of(1, 2, 3, 4, 10, 50, 20, 90)));
  close(two[0], 0.5); close(two[1], 0.5);
  // a, 3a, and c uncorrelated with a: correlation [[1,1,0],[1,1,0],[0,0,1]], leading eigenvector (1,1,0).
  const three = standardisedScatterWeights(matrix(4, 3, Float64Array.of(1, 2, 3, 4, 3, 6, 9, 12, 1, -1, -1, 1)));
  close(three[0], 0.5); close(three[1], 0.5); close(three[2], 0);
});

test("correlation: hand values", () => {
  close(correlation([1, 2, 3], [3, 2, 1]), -1);
  // a = (1,2,3), b = (1,3,2): centred (-1,0,1), (-1,1,0): 1 / (sqrt2 sqrt2) = 0.5
  close(correlation([1, 2, 3], [1, 3, 2]), 0.5);
});

test("weightTable: one row per indicator, each scheme sums to 1 per system, normalised means by hand", () => {
  const t = weightTable(table(RAW), SPEC).objects() as Record<string, number | string>[];
  assert.deepEqual(t.map((r) => r.column), ["s1", "s2", "i1", "i2"]);
  for (const sys of ["S", "I"]) {
    const rows = t.filter((r) => r.system === sys);
    for (const s of ["scatter", "entropy", "equal", "standardised"]) close(rows.reduce((a, r) => a + (r[s] as number), 0), 1);
    for (const r of rows) close(r.equal as number, 0.5);
  }
  // s1 = 1..4 -> shares 0, 1/3, 2/3, 1 -> z mean = 0.0001 + 0.9999 * 0.5
  close(t[0].mean_z as number, 0.0001 + 0.9999 * 0.5);
  // i2 is negative: (4 - x) / 3 -> 0, 1/3, 2/3, 1 as well
  close(t[3].mean_z as number, 0.0001 + 0.9999 * 0.5);
});

test("recomputeCheck: reports the largest gap between the panel's derived columns and a recomputation", () => {
  const m = measure(table(RAW), SPEC);
  const fi = Array.from(m.FI);
  fi[2] += 0.01;
  const panel = table({ ...RAW, Y1: Array.from(m.Y1), Y2: Array.from(m.Y2), C: Array.from(m.C), T: Array.from(m.T), FI: fi });
  const d = recomputeCheck(panel, SPEC);
  close(d.FI, 0.01, 1e-12);
  assert.equal(d.Y1, 0);
  // Only FI given: only FI compared; no FI: an error naming it.
  assert.deepEqual(Object.keys(recomputeCheck(table({ ...RAW, FI: fi }), SPEC)), ["FI"]);
  assert.throws(() => recomputeCheck(table(RAW), SPEC), /FI/);
});

function smallPanel(): ReturnType<typeof table> {
  // east: cities A, B; west: C. Years 2010-2012. FI chosen so yearly means are easy by hand.
  return table({
    city: ["A", "A", "A", "B", "B", "B", "C", "C", "C"],
    province: ["p", "p", "p", "p", "p", "p", "q", "q", "q"],
    region: ["east", "east", "east", "east", "east", "east", "west", "west", "west"],
    year: [2010, 2011, 2012, 2010, 2011, 2012, 2010, 2011, 2012],
    Bigdata: [0, 0, 1, 0, 0, 0, 0, 0, 0],
    FI: [0.2, 0.3, 0.4, 0.2, 0.3, 0.4, 0.2, 0.2, 0.1],
  });
}

test("regionalTable: national then regions present, growth under both exponents, paper beside", () => {
  const t = regionalTable(fiPath(smallPanel()), PAPER).objects() as Record<string, number | string | null>[];
  assert.deepEqual(t.map((r) => r.group), ["national", "east", "west"]);
  close(t[0].first_year_mean as number, 0.2);
  close(t[0].last_year_mean as number, 0.3);
  close(t[0].pooled_mean as number, 2.3 / 9);
  close(t[0].growth_spec as number, Math.sqrt(1.5) - 1);
  close(t[0].growth_paper_rule as number, Math.cbrt(1.5) - 1);
  close(t[1].growth_spec as number, Math.SQRT2 - 1);
  close(t[2].growth_spec as number, Math.sqrt(0.5) - 1);
  assert.equal(t[1].paper_pooled_mean, 0.3);
  assert.equal(t[2].paper_growth, null);
});

test("paperGrowthRules: 13 years, exponents 1/12 and 1/13", () => {
  const g = paperGrowthRules(PAPER);
  assert.equal(g.years, 13);
  close(g.spec, 1); // 4096 = 2^12
  close(g.paperRule, Math.pow(2, 12 / 13) - 1);
});

test("gradeDistribution: counts per band pooled and in the first and last year, all ten bands", () => {
  const t = gradeDistribution([2010, 2010, 2011, 2011, 2012], [0.05, 0.3, 0.15, 0.29999, 1]).objects() as Record<string, number | string>[];
  assert.equal(t.length, 10);
  assert.deepEqual(t.map((r) => r.city_years), [1, 1, 1, 1, 0, 0, 0, 0, 0, 1]);
  assert.deepEqual(t.map((r) => r.cities_2010), [1, 0, 0, 1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(t.map((r) => r.cities_2012), [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  close(t[0].share as number, 0.2);
  assert.equal(t[3].grade_zh, "轻度失调");
  assert.throws(() => gradeDistribution([2010], [NaN]), InputError);
});

test("leadingLagging: top and bottom k in the last year with ranks, region and Bigdata", () => {
  const t = leadingLagging(smallPanel(), 1).objects() as Record<string, number | string>[];
  // 2012: A 0.4 (rank 1), B 0.4 (rank 2, tie keeps panel order), C 0.1 (rank 3)
  assert.deepEqual(t.map((r) => [r.group, r.rank, r.city, r.Bigdata, r.FI]), [["leading", 1, "A", 1, 0.4], ["lagging", 3, "C", 0, 0.1]]);
  const y2010 = leadingLagging(smallPanel(), 1, 2011).objects() as Record<string, string>[];
  assert.deepEqual(y2010.map((r) => r.city), ["A", "C"]);
  assert.throws(() => leadingLagging(smallPanel(), 2), InputError);
  assert.throws(() => leadingLagging(smallPanel(), 1, 1999), /no rows in year 1999/);
});

// The paper's section-3 facts (data/paper-results.json fi_path), for the regional claims.
const PAPER3 = {
  fi_path: {
    national: { first_year: 2010, first: 0.2083, last_year: 2022, last: 0.2736, growth: 0.0212 },
    pooled_means: { national: 0.2346, east: 0.289, central: 0.2363, northeast: 0.195, west: 0.1938 },
    growth: { national: 0.0212, east: 0.0228, west: 0.0227, central: 0.0206, northeast: 0.0139 },
  },
} as unknown as PaperResults;

// Two years only (growth exponent 1/2), every number chosen by hand so each claim's answer is known.
function summary(byYear: Record<string, [number, number]>, pooled: Record<string, number>): RegionalSummary {
  return { years: [2010, 2011], groups: ["national", "central", "east", "northeast", "west"], byYear, pooled, growth: {} };
}

test("regionalClaims: every claim holds on a summary built to the paper's pattern", () => {
  // growth (last/first)^(1/2) - 1: east 1.21 -> 10%, west 1.1881 -> 9%, central 1.1664 -> 8%, northeast 1.1025 -> 5%;
  // national 0.2 -> 0.2 * 1.0404 (2%, within 0.25 pp of the paper's 2.12%); the west starts below the northeast
  // (0.16 < 0.17) and ends above it (0.16 * 1.1881 = 0.190096 > 0.17 * 1.1025 = 0.187425).
  const s = summary(
    { national: [0.2, 0.20808], east: [0.25, 0.3025], central: [0.2, 0.23328], northeast: [0.17, 0.187425], west: [0.16, 0.190096] },
    { national: 0.22, east: 0.28, central: 0.23, northeast: 0.18, west: 0.175 },
  );
  const rows = regionalClaims(s, PAPER3).objects() as { claim_en: string; ours: string; holds: string }[];
  assert.equal(rows.length, 9);
  for (const r of rows) assert.equal(r.holds, "yes", `${r.claim_en}: ${r.ours}`);
  assert.match(rows[3].ours, /^east 10\.00% > west 9\.00% > central 8\.00% > northeast 5\.00%$/);
});

test("regionalClaims: the simulated panel's old failures are reported as failures", () => {
  // The pattern issue 14 found: central below national, west below the northeast at the end, west slowest.
  const s = summary(
    { national: [0.2, 0.25], east: [0.25, 0.33], central: [0.19, 0.24], northeast: [0.17, 0.2265], west: [0.17, 0.2229] },
    { national: 0.2382, east: 0.2988, central: 0.2298, northeast: 0.2026, west: 0.1981 },
  );
  const holds = Object.fromEntries((regionalClaims(s, PAPER3).objects() as { claim_en: string; holds: string }[]).map((r) => [r.claim_en.split(" (")[0], r.holds]));
  assert.equal(holds["only east and central lie above the national pooled mean"], "no");
  assert.equal(holds["the west's yearly mean overtakes the northeast's by the last year"], "no");
  assert.equal(holds["growth: east > west > central > northeast"], "no");
  assert.equal(holds["pooled means: east > central > northeast > west"], "yes");
  assert.equal(holds["national average annual growth"], "no"); // (0.25 / 0.2)^(1/2) - 1 = 11.8%
  // A panel with only some regions: the national claims are checked, the regional ones are "n/a".
  const part = regionalClaims({ ...s, groups: ["national", "east", "central"], byYear: { national: s.byYear.national, east: s.byYear.east, central: s.byYear.central } }, PAPER3)
    .objects() as { holds: string; ours: string }[];
  assert.deepEqual(part.map((r) => r.holds), ["yes", "no", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a", "n/a"]);
  assert.match(part[2].ours, /no rows for northeast, west/);
});
