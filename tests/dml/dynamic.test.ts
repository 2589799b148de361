// Placebo permutation (SPEC 10.2) and event study (SPEC 10.3) on a staggered simulated panel.
import { test } from "node:test";
import assert from "node:assert/strict";
import { table } from "arquero";
import { dml, eventStudy, placebo } from "../../src/dml";
import { uncached } from "../fixtures/uncached";
import { deriveSeed, makeRng, permutation } from "../../src/numeric/rng";

/** 60 cities x 13 years; every third city designated in 2013..2016; effect 0.3 + 0.1 k for k >= 0, none before. */
function staggered() {
  const rng = makeRng(21);
  const rows: Record<string, number | string>[] = [];
  for (let c = 0; c < 60; c++) {
    const start = c % 3 === 0 ? 2013 + (c % 4) : Infinity, alpha = rng.normal();
    for (let year = 2010; year <= 2022; year++) {
      const Gdp = rng.normal() + 0.5 * (c % 3 === 0 ? 1 : 0), Pas = rng.normal();
      const k = year - start, post = k >= 0 ? 1 : 0;
      rows.push({ city_code: String(100000 + c), year, Gdp, Pas, Bigdata: post, FI: (post ? 0.3 + 0.1 * Math.min(k, 6) : 0) + Gdp + 0.3 * alpha + 0.3 * rng.normal() });
    }
  }
  return table(Object.fromEntries(Object.keys(rows[0]).map((key) => [key, rows.map((r) => r[key])])));
}
const data = staggered();
const opts = { data, y: "FI", x: ["Gdp", "Pas"], learner: "ols" as const };

test("event study: pre-period dummies near 0, post-period near the planted 0.3 + 0.1 k", async () => {
  const es = await eventStudy({ ...opts, treatment: "Bigdata" });
  assert.deepEqual(es.terms.map((t) => t.label), ["k<=-4", "k=-3", "k=-2", "k=0", "k=1", "k=2", "k=3", "k=4", "k=5", "k>=6"]);
  assert.deepEqual(es.omitted, []);
  for (const t of es.terms) {
    const truth = t.k < 0 ? 0 : 0.3 + 0.1 * t.k;
    // k >= 6 bins 6..9, whose planted effect is capped at 0.9.
    assert.ok(Math.abs(t.coef - (t.k === 6 ? 0.9 : truth)) < 4 * t.se + 1e-9, `${t.label}: ${t.coef} (se ${t.se}) vs ${truth}`);
  }
});

test("placebo: draw 0 equals a hand-built permutation of designation years; p-value by its formula", async () => {
  const res = await placebo({ ...opts, d: "Bigdata" }, { draws: 9, seed: 5 });
  assert.equal(res.treatedCities, 20);
  assert.equal(res.actual, (await dml({ ...opts, d: "Bigdata" })).terms[0].coef);
  // Hand: the sorted cities' designation years, shuffled with the draw's seed.
  const cities = [...new Set(Array.from(data.array("city_code") as string[]))].sort();
  const firstYear = cities.map((c) => { const ys = data.filter(`d => d.city_code === "${c}" && d.Bigdata === 1`).array("year") as number[]; return ys.length ? Math.min(...ys) : Infinity; });
  const perm = permutation(cities.length, makeRng(deriveSeed(5, 0)));
  const assigned = new Map(cities.map((c, k) => [c, firstYear[perm[k]]]));
  const d0 = Array.from({ length: data.numRows() }, (_, i) => ((data.get("year", i) as number) >= assigned.get(data.get("city_code", i) as string)! ? 1 : 0));
  assert.equal(d0.reduce((s: number, v) => s + v, 0), (data.array("Bigdata") as number[]).reduce((s, v) => s + v, 0), "same treated city-years when the panel is balanced");
  const hand = await dml({ ...opts, data: data.assign({ Bigdata: d0 }), d: "Bigdata" });
  assert.equal(res.placebo[0], hand.terms[0].coef);
  const extreme = res.placebo.filter((b) => Math.abs(b) >= Math.abs(res.actual)).length;
  assert.equal(res.p, (1 + extreme) / 10);
  assert.equal(res.p, 0.1, "a planted effect beats every placebo");
  assert.deepEqual((await placebo({ ...opts, d: "Bigdata" }, { draws: 9, seed: 5 })).placebo, res.placebo);
});

test("placebo with a forest: the draws, which reuse the actual fit's l_hat, equal full refits", async () => {
  const rf = { ...opts, d: "Bigdata", learner: "rf" as const, learnerOptions: { nTrees: 6, threads: 1 } };
  const res = await placebo(rf, { draws: 2, seed: 4 });
  const cities = [...new Set(Array.from(data.array("city_code") as string[]))].sort();
  const firstYear = cities.map((c) => { const ys = data.filter(`d => d.city_code === "${c}" && d.Bigdata === 1`).array("year") as number[]; return ys.length ? Math.min(...ys) : Infinity; });
  for (let r = 0; r < 2; r++) {
    const perm = permutation(cities.length, makeRng(deriveSeed(4, r)));
    const assigned = new Map(cities.map((c, k) => [c, firstYear[perm[k]]]));
    const d = Array.from({ length: data.numRows() }, (_, i) => ((data.get("year", i) as number) >= assigned.get(data.get("city_code", i) as string)! ? 1 : 0));
    assert.equal(res.placebo[r], (await dml({ ...rf, data: data.assign({ Bigdata: d }) })).terms[0].coef, `draw ${r}`);
  }
});

test("event study: a window moves the binned ends; a bad window or no treated city is one clear error", async () => {
  const es = await eventStudy({ ...opts, treatment: "Bigdata", window: [-2, 2] });
  assert.deepEqual(es.terms.map((t) => t.label), ["k<=-2", "k=0", "k=1", "k>=2"]);
  await assert.rejects(eventStudy({ ...opts, treatment: "Bigdata", window: [-1, 2] }), /lo <= -2/);
  // Only never-treated cities: no treated observation anywhere in the window.
  const untreated = data.assign({ Bigdata: new Array(data.numRows()).fill(0) });
  await assert.rejects(eventStudy({ ...opts, data: untreated, treatment: "Bigdata" }), /no city is ever treated/);
});

test("placebo: zero draws is one clear error; the distribution does not depend on the thread count", () => uncached(async () => {
  await assert.rejects(placebo({ ...opts, d: "Bigdata" }, { draws: 0 }), /draws must be an integer >= 1/);
  const rf = { ...opts, learner: "rf" as const, folds: 2 };
  const one = await placebo({ ...rf, d: "Bigdata", learnerOptions: { nTrees: 8, threads: 1 } }, { draws: 3, seed: 11 });
  const two = await placebo({ ...rf, d: "Bigdata", learnerOptions: { nTrees: 8, threads: 2 } }, { draws: 3, seed: 11 });
  assert.deepEqual(two.placebo, one.placebo);
  assert.equal(two.actual, one.actual);
}));

test("event study and placebo read units and periods from the id and time options", async () => {
  const renamed = data.rename({ city_code: "unit", year: "t" });
  const a = await eventStudy({ ...opts, treatment: "Bigdata", fe: ["year"] });
  const b = await eventStudy({ ...opts, data: renamed, treatment: "Bigdata", fe: ["year"], id: "unit", time: "t" });
  assert.deepEqual(b.terms, a.terms);
  const pa = await placebo({ ...opts, d: "Bigdata" }, { draws: 3, seed: 2 });
  const pb = await placebo({ ...opts, data: renamed, d: "Bigdata", id: "unit", time: "t" }, { draws: 3, seed: 2 });
  assert.deepEqual(pb, pa);
  await assert.rejects(eventStudy({ ...opts, data: renamed, treatment: "Bigdata" }), /column city_code not found \(designation years of Bigdata\)/);
});
