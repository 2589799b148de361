// The event study (SPEC 10.3) checked exactly and on a planted pre-trend:
// 1. eventStudy equals dml() on event dummies built here by hand (event time = year - first treated year,
//    k <= -4 and k >= 6 binned, k = -1 left out, never-treated cities 0), with a fold column so both fits
//    see the same folds: every coefficient and se to 1e-8. Also on an unbalanced panel (cities that enter
//    late, leave early or skip years), where event time must come from the year, not the row's position.
// 2. A panel whose treated cities drift down before designation (a planted pre-trend): the event study
//    must show it, each coefficient within 3.5 se of its planted value, with se small enough that an
//    off-by-one in event time or a wrong reference year (moves of 0.1 or more) cannot pass.
import { test } from "node:test";
import assert from "node:assert/strict";
import { table, type ColumnTable } from "arquero";
import { dml, eventStudy, placebo } from "../../src/dml";
import { deriveSeed, makeRng, permutation } from "../../src/numeric/rng";

/** Planted path of a treated city at event time k: pre-trend -0.15 per year before k = -1 (capped at k = -4), then 0.3 + 0.1 k (capped at k = 6). */
const planted = (k: number) => (k >= 0 ? 0.3 + 0.1 * Math.min(k, 6) : k <= -2 ? 0.15 * (Math.max(k, -4) + 1) : 0);

/**
 * 60 cities x 2010..2022; every second city treated, designated in 2014..2018; noise sd `noise`.
 * `drop(c, year)` removes rows (to make the panel unbalanced). fold = 1 + city index mod 4.
 */
function panel(seed: number, noise: number, drop: (c: number, year: number) => boolean = () => false): ColumnTable {
  const rng = makeRng(seed);
  const rows: Record<string, number | string>[] = [];
  for (let c = 0; c < 60; c++) {
    const start = c % 2 === 0 ? 2014 + ((c / 2) % 5) : Infinity;
    for (let year = 2010; year <= 2022; year++) {
      const Gdp = rng.normal() + 0.3 * (c % 2 === 0 ? 1 : 0), Pas = rng.normal(), e = rng.normal();
      if (drop(c, year)) continue;
      const k = year - start;
      rows.push({ city_code: String(100000 + c), year, Gdp, Pas, Bigdata: k >= 0 ? 1 : 0, fold: 1 + (c % 4), FI: (start < Infinity ? planted(k) : 0) + Gdp - 0.5 * Pas + noise * e });
    }
  }
  return table(Object.fromEntries(Object.keys(rows[0]).map((key) => [key, rows.map((r) => r[key])])));
}

/** Event dummies by hand: first treated year per city from the rows themselves, then the SPEC 10.3 bins. */
function handDummies(data: ColumnTable): Record<string, number[]> {
  const city = data.array("city_code") as string[], year = data.array("year") as number[], d = data.array("Bigdata") as number[];
  const first: Record<string, number> = {};
  for (let i = 0; i < city.length; i++) if (d[i] === 1) first[city[i]] = Math.min(first[city[i]] ?? Infinity, year[i]);
  const labels = ["k<=-4", "k=-3", "k=-2", "k=0", "k=1", "k=2", "k=3", "k=4", "k=5", "k>=6"];
  const binOf = (k: number) => (k <= -4 ? "k<=-4" : k >= 6 ? "k>=6" : k === -1 ? undefined : `k=${k}`);
  const out: Record<string, number[]> = Object.fromEntries(labels.map((l) => [l, new Array<number>(city.length).fill(0)]));
  for (let i = 0; i < city.length; i++) {
    if (!(city[i] in first)) continue;
    const b = binOf(year[i] - first[city[i]]);
    if (b) out[b][i] = 1;
  }
  return out;
}

const common = { y: "FI", x: ["Gdp", "Pas"], learner: "ols" as const, foldColumn: "fold" };

async function assertExact(data: ColumnTable): Promise<void> {
  const es = await eventStudy({ ...common, data, treatment: "Bigdata" });
  const dummies = handDummies(data);
  const present = Object.keys(dummies).filter((l) => dummies[l].some((v) => v === 1));
  assert.deepEqual(es.terms.map((t) => t.label), present, "the event-time bins present in the data");
  const ref = await dml({ ...common, data: data.assign(dummies), d: present });
  ref.terms.forEach((r, j) => {
    const t = es.terms[j];
    assert.ok(Math.abs(t.coef - r.coef) <= 1e-8, `${t.label}: coef ${t.coef} vs hand-built dummies ${r.coef}`);
    assert.ok(Math.abs(t.se - r.se) <= 1e-8, `${t.label}: se ${t.se} vs ${r.se}`);
    assert.ok(Math.abs(t.ci[0] - r.ci[0]) <= 1e-8 && Math.abs(t.ci[1] - r.ci[1]) <= 1e-8, `${t.label}: ci`);
  });
}

test("event study equals dml() on hand-built event dummies with a fold column (1e-8)", async () => {
  await assertExact(panel(3, 0.3));
});

test("event study on an unbalanced panel: event time from the year, not the row (1e-8 against hand dummies)", async () => {
  // City 0 (designated 2014) lacks 2013, its k = -1 year; city 2 (2015) enters in 2014; city 4 (2016)
  // leaves after 2019; every third city skips 2017; city 8 (2018) is observed from 2018 on (treated in its first row).
  const drop = (c: number, y: number) => (c === 0 && y === 2013) || (c === 2 && y < 2014) || (c === 4 && y > 2019) || (c % 3 === 0 && y === 2017) || (c === 8 && y < 2018);
  const data = panel(4, 0.3, drop);
  assert.ok(data.numRows() < 60 * 13);
  await assertExact(data);
  // City 0's rows: designation 2014 from its first treated row even though 2013 is missing, so 2012 is k = -2.
  const es = await eventStudy({ ...common, data, treatment: "Bigdata" });
  const city0 = [...Array(data.numRows()).keys()].filter((i) => data.get("city_code", i) === "100000");
  const k2 = es.result.design.d[es.terms.findIndex((t) => t.label === "k=-2")];
  assert.deepEqual(city0.filter((i) => k2[i] === 1).map((i) => data.get("year", i)), [2012]);
});

test("placebo on an unbalanced panel: designation years from each city's first treated year, permuted (hand-built draw 0)", async () => {
  // City 0 is first observed treated (2014 onward kept); city 6 (designated 2017) lacks 2016-2017, so its first treated row is 2018.
  const drop = (c: number, y: number) => (c === 0 && y < 2014) || (c === 6 && (y === 2016 || y === 2017)) || (c % 5 === 1 && y > 2020);
  const data = panel(5, 0.3, drop);
  const res = await placebo({ ...common, data, d: "Bigdata" }, { draws: 2, seed: 8 });
  const city = data.array("city_code") as string[], year = data.array("year") as number[], d = data.array("Bigdata") as number[];
  const cities = [...new Set(city)].sort();
  const first = cities.map((c) => Math.min(...year.filter((y, i) => city[i] === c && d[i] === 1)));
  assert.equal(first[cities.indexOf("100006")], 2018);
  const perm = permutation(cities.length, makeRng(deriveSeed(8, 0)));
  const assigned = new Map(cities.map((c, k) => [c, first[perm[k]]]));
  const d0 = year.map((y, i) => (y >= assigned.get(city[i])! ? 1 : 0));
  const hand = await dml({ ...common, data: data.assign({ Bigdata: d0 }), d: "Bigdata" });
  assert.ok(Math.abs(res.placebo[0] - hand.terms[0].coef) <= 1e-10, `placebo draw 0 ${res.placebo[0]} vs hand ${hand.terms[0].coef}`);
});

// Tolerance: a Monte Carlo of this design (50 seeds, noise sd 0.1, OLS learners, fold column; run once
// while writing this test) gave max |coef - planted| / se = 3.36 over all 500 event coefficients, and se
// between 0.009 and 0.024. So 3.5 se with se < 0.025 asserted (at most 0.0875): an event-time shift by one
// year moves a post coefficient by 0.1 and a pre coefficient by 0.15, a wrong reference year all of them.
test("a planted pre-trend shows in the event study: pre-period coefficients at -0.15 per year, post at 0.3 + 0.1 k", async () => {
  const es = await eventStudy({ ...common, data: panel(11, 0.1), treatment: "Bigdata" });
  assert.deepEqual(es.omitted, []);
  for (const t of es.terms) {
    const truth = planted(t.k);
    assert.ok(t.se < 0.025, `${t.label}: se ${t.se} too large to tell a one-year shift`);
    assert.ok(Math.abs(t.coef - truth) < 3.5 * t.se, `${t.label}: ${t.coef} (se ${t.se}) vs planted ${truth}`);
  }
  // The pre-trend is visible: every pre-period coefficient is negative and significant.
  for (const t of es.terms.filter((x) => x.k < 0)) assert.ok(t.coef / t.se < -3, `${t.label}: pre-trend not shown (${t.coef}, se ${t.se})`);
});
