// Panel DML (SPEC section 12, DoubleML's DoubleMLPLPR): the transformed Y, D and X of every approach
// on a hand-built panel, an OLS fit of every approach against a reference computed here (transform,
// cross-fitted OLS by the normal equations, CRE correction, DoubleML's fold-wise cluster variance),
// folds drawn by unit, and bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { table, type ColumnTable } from "arquero";
import { buildDesign, dml } from "../../src/dml";
import { unitFolds } from "../../src/dml/folds";
import { solveScore } from "../../src/dml/solve";
import { column } from "../../src/numeric/matrix";
import { col, handCrossFit, simulatePanel } from "./helpers";

// Four units; unit 5 has one row (dropped), unit 7 misses period 2 (a gap for fd).
const small = table({
  id: [30, 30, 30, 7, 7, 5, 12, 12, 12],
  t: [1, 2, 3, 1, 3, 2, 1, 2, 3],
  y: [1, 3, 6, 2, 5, 9, 0, 1, 1],
  d: [0, 1, 1, 0, 1, 1, 0, 0, 1],
  x: [2, 4, 3, 1, 1, 7, 5, 6, 8],
  ex: [1, 0, 0, 0, 1, 0, 1, 1, 0],
});
const spec = { y: "y", d: ["d"], x: ["x"], quadratic: true, extra: ["ex"], id: "id", time: "t" };
const close = (a: ArrayLike<number>, b: ArrayLike<number>, what: string, tol = 1e-12) => {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - b[i]) < tol, `${what}[${i}]: ${a[i]} vs ${b[i]}`);
};
const X = (d: { X: { ncol: number } }, j: number) => Array.from(column(d.X as never, j));

test("within: y, d and every X column minus its unit mean plus its grand mean (single-row unit dropped)", () => {
  const w = buildDesign(small, { ...spec, panel: "within" });
  // Rows kept: unit 30 (rows 0-2), 7 (3-4), 12 (6-8). Unit means of y: 10/3, 7/2, 2/3; grand mean 19/8.
  const g = 19 / 8;
  close(w.y, [1 - 10 / 3 + g, 3 - 10 / 3 + g, 6 - 10 / 3 + g, 2 - 3.5 + g, 5 - 3.5 + g, 0 - 2 / 3 + g, 1 - 2 / 3 + g, 1 - 2 / 3 + g], "y");
  const gd = 4 / 8; // d: unit means 2/3, 1/2, 1/3
  close(w.d[0], [0 - 2 / 3 + gd, 1 - 2 / 3 + gd, 1 - 2 / 3 + gd, 0 - 0.5 + gd, 1 - 0.5 + gd, 0 - 1 / 3 + gd, 0 - 1 / 3 + gd, 1 - 1 / 3 + gd], "d");
  assert.deepEqual(w.X.colnames, ["x", "x^2", "ex"]);
  // x^2 = 4 16 9 | 1 1 | 25 36 64: unit means 29/3, 1, 125/3; grand mean 156/8.
  const gq = 156 / 8;
  close(X(w, 1), [4 - 29 / 3 + gq, 16 - 29 / 3 + gq, 9 - 29 / 3 + gq, 1 - 1 + gq, 1 - 1 + gq, 25 - 125 / 3 + gq, 36 - 125 / 3 + gq, 64 - 125 / 3 + gq], "x^2");
  assert.equal(w.rowLabel(3), "id=7, t=1");
  assert.deepEqual(w.notes, ["panel within: 1 unit(s) with a single row dropped"]);
  assert.deepEqual(Array.from(w.panel!.unit), [2, 2, 2, 0, 0, 1, 1, 1], "units coded in sorted order of their ids: 7, 12, 30");
});

test("fd: y and d differenced over consecutive periods, X = (x_t, x_{t-1}); first periods and gaps dropped", async () => {
  const fd = buildDesign(small, { ...spec, panel: "fd" });
  // Pairs: unit 30 (1->2, 2->3), unit 12 (1->2, 2->3); unit 7's period 3 has no period 2 row.
  close(fd.y, [2, 3, 1, 0], "y");
  close(fd.d[0], [1, 0, 0, 1], "d");
  assert.deepEqual(fd.X.colnames, ["x", "x^2", "ex", "x_lag", "x^2_lag", "ex_lag"]);
  close(X(fd, 0), [4, 3, 6, 8], "x");
  close(X(fd, 1), [16, 9, 36, 64], "x^2");
  close(X(fd, 2), [0, 0, 1, 0], "ex");
  close(X(fd, 3), [2, 4, 5, 6], "x_lag");
  close(X(fd, 4), [4, 16, 25, 36], "x^2_lag");
  close(X(fd, 5), [1, 0, 1, 1], "ex_lag");
  assert.deepEqual([0, 1, 2, 3].map((k) => fd.rowLabel(k)), ["id=30, t=2", "id=30, t=3", "id=12, t=2", "id=12, t=3"]);
  assert.deepEqual(fd.notes, ["panel fd: 1 unit(s) with a single row dropped", "panel fd: 1 row(s) dropped because their unit has no row in the previous period"]);
  // Consecutive means adjacent in the grid of observed periods, not t - 1: periods 2000, 2002, 2004.
  const spaced = small.derive({ t: (r: { t: number }) => 1998 + 2 * r.t }).reify();
  close(buildDesign(spaced, { ...spec, panel: "fd" }).y, [2, 3, 1, 0], "y on a two-year grid");
  const noPairs = table({ id: [1, 1, 2, 2], t: [1, 3, 2, 4], y: [1, 2, 3, 4], d: [0, 1, 0, 1], x: [1, 2, 3, 4], ex: [0, 0, 0, 0] });
  assert.throws(() => buildDesign(noPairs, { ...spec, panel: "fd" }), /^InputError: panel fd: no unit has two consecutive periods in the data$/);
  // The fit reports the drops beside n.
  const fit = await dml({ data: small, y: "y", d: "d", x: ["x"], id: "id", time: "t", panel: "fd", learner: "ols", folds: 2, seed: 1 });
  assert.deepEqual((fit.toJSON() as { notes: string[] }).notes, fd.notes);
});

test("cre and cre-normal: y and d as they are, X = (x, unit means of x), the treatment's unit mean kept", () => {
  for (const panel of ["cre", "cre-normal"] as const) {
    const c = buildDesign(small, { ...spec, panel });
    close(c.y, [1, 3, 6, 2, 5, 0, 1, 1], "y");
    close(c.d[0], [0, 1, 1, 0, 1, 0, 0, 1], "d");
    assert.deepEqual(c.X.colnames, ["x", "x^2", "ex", "x_mean", "x^2_mean", "ex_mean"]);
    close(X(c, 3), [3, 3, 3, 1, 1, 19 / 3, 19 / 3, 19 / 3], "x_mean");
    close(X(c, 5), [1 / 3, 1 / 3, 1 / 3, 1 / 2, 1 / 2, 2 / 3, 2 / 3, 2 / 3], "ex_mean");
    close(c.panel!.dMean![0], [2 / 3, 2 / 3, 2 / 3, 0.5, 0.5, 1 / 3, 1 / 3, 1 / 3], "mean_i(d)");
  }
});

test("fixed effects by column name, A:B, and shorthands that resolve to the id and time options", () => {
  const byName = buildDesign(small, { ...spec, fe: ["t"] });
  assert.deepEqual(byName.X.colnames, ["x", "x^2", "ex", "t=2", "t=3"]);
  const short = buildDesign(small, { ...spec, fe: ["year"] });
  assert.deepEqual(short.X.colnames, ["x", "x^2", "ex", "year=2", "year=3"]);
  close(X(short, 3), X(byName, 3), "year shorthand = the time column");
  const inter = buildDesign(small.derive({ g: (r: { id: number }) => (r.id > 10 ? "a" : "b") }).reify(), { ...spec, fe: ["g:t"] });
  // Levels a:1 a:2 a:3 b:1 b:2 b:3, first dropped.
  assert.deepEqual(inter.X.colnames!.slice(3), ["g:t=a:2", "g:t=a:3", "g:t=b:1", "g:t=b:2", "g:t=b:3"]);
  close(X(inter, 5), [0, 0, 0, 1, 0, 0, 0, 0, 0], "g:t=b:1");
  assert.throws(() => buildDesign(small, { ...spec, fe: ["nope"] }), /^InputError: column nope not found \(fixed effect nope\)$/);
  assert.throws(() => buildDesign(small, { ...spec, fe: ["t:nope"] }), /column nope not found \(fixed effect t:nope\)/);
  assert.throws(() => buildDesign(small, { ...spec, fe: ["city"], panel: "within" }), /fe id \(the unit\) cannot be combined with panel within/);
  assert.throws(() => buildDesign(small, { ...spec, id: "unit" }), /column unit not found \(id\)/);
});

// ---- An independent reference for the OLS fits -------------------------------------------------

const sim = simulatePanel(30, 6, 7);
const XS = ["Gdp", "Pas", "Fin"];

/** The transformed data, written out here from SPEC 12 (balanced panel, sorted by city then year). */
function reference(panel: "within" | "fd" | "cre" | "cre-normal", data: ColumnTable) {
  const city = Array.from(data.array("city_code") as ArrayLike<string>), year = col(data, "year");
  const raw: Record<string, number[]> = Object.fromEntries(["FI", "Bigdata", ...XS].map((c) => [c, col(data, c)]));
  const rowsOf = new Map<string, number[]>();
  city.forEach((c, i) => rowsOf.set(c, [...(rowsOf.get(c) ?? []), i]));
  const unitMean = (v: number[], i: number) => { const r = rowsOf.get(city[i])!; return r.reduce((s, k) => s + v[k], 0) / r.length; };
  const all = city.map((_, i) => i);
  if (panel === "within") {
    const w = (v: number[]) => { const g = v.reduce((s, a) => s + a, 0) / v.length; return v.map((a, i) => a - unitMean(v, i) + g); };
    return { rows: all, y: w(raw.FI), d: w(raw.Bigdata), xl: XS.map((c) => w(raw[c])), xm: XS.map((c) => w(raw[c])), dMean: undefined };
  }
  if (panel === "fd") {
    const later = all.filter((i) => all.some((k) => city[k] === city[i] && year[k] === year[i] - 1));
    const prev = (i: number) => all.find((k) => city[k] === city[i] && year[k] === year[i] - 1)!;
    const x = [...XS.map((c) => later.map((i) => raw[c][i])), ...XS.map((c) => later.map((i) => raw[c][prev(i)]))];
    return { rows: later, y: later.map((i) => raw.FI[i] - raw.FI[prev(i)]), d: later.map((i) => raw.Bigdata[i] - raw.Bigdata[prev(i)]), xl: x, xm: x, dMean: undefined };
  }
  const x = [...XS.map((c) => raw[c]), ...XS.map((c) => all.map((i) => unitMean(raw[c], i)))];
  const dMean = all.map((i) => unitMean(raw.Bigdata, i));
  return { rows: all, y: raw.FI, d: raw.Bigdata, xl: x, xm: panel === "cre-normal" ? [...x, dMean] : x, dMean };
}

/** Cross-fitted OLS partialling out, the CRE correction and DoubleML's fold-wise cluster rule, by hand. */
function referenceFit(panel: "within" | "fd" | "cre" | "cre-normal", fold: ArrayLike<number>, K: number) {
  const r = reference(panel, sim);
  const city = Array.from(sim.array("city_code") as ArrayLike<string>);
  const unit = r.rows.map((i) => city[i]);
  const l = handCrossFit(r.xl, r.y, fold);
  let m = handCrossFit(r.xm, r.d, fold);
  if (panel === "cre") {
    const mBar = new Map<string, number[]>();
    unit.forEach((u, i) => mBar.set(u, [...(mBar.get(u) ?? []), m[i]]));
    m = m.map((v, i) => { const s = mBar.get(unit[i])!; return v + r.dMean![i] - s.reduce((a, b) => a + b, 0) / s.length; });
  }
  const v = r.d.map((a, i) => a - m[i]), u = r.y.map((a, i) => a - l[i]);
  const psiA = v.map((a) => -a * a), psiB = u.map((a, i) => a * v[i]);
  // |I_k|: units in test fold k; theta solves sum_k (1/|I_k|) sum_{i in k} psi_i = 0.
  const unitsIn = (k: number) => new Set(unit.filter((_, i) => fold[i] === k)).size;
  const w = unit.map((_, i) => 1 / unitsIn(fold[i]));
  const theta = -psiB.reduce((s, b, i) => s + w[i] * b, 0) / psiA.reduce((s, a, i) => s + w[i] * a, 0);
  const psi = psiA.map((a, i) => a * theta + psiB[i]);
  let J = 0, gamma = 0;
  for (let k = 0; k < K; k++) {
    const idx = unit.map((_, i) => i).filter((i) => fold[i] === k);
    J += idx.reduce((s, i) => s + psiA[i], 0) / unitsIn(k);
    for (const c of new Set(idx.map((i) => unit[i]))) {
      const tot = idx.filter((i) => unit[i] === c).reduce((s, i) => s + psi[i], 0);
      gamma += (tot * tot) / unitsIn(k);
    }
  }
  J /= K; gamma /= K;
  return { theta, se: Math.sqrt(gamma / (J * J) / new Set(unit).size), n: r.rows.length };
}

for (const panel of ["within", "fd", "cre", "cre-normal"] as const) {
  test(`panel ${panel} with OLS: theta and the cluster se equal the reference computation to 1e-10`, async () => {
    const res = await dml({ data: sim, y: "FI", d: "Bigdata", x: XS, panel, learner: "ols", folds: 4, seed: 3 });
    const ref = referenceFit(panel, res.foldAssignments[0].fold, 4);
    assert.equal(res.n, ref.n);
    assert.equal(res.se, "cluster");
    assert.ok(Math.abs(res.terms[0].coef - ref.theta) < 1e-10, `theta ${res.terms[0].coef} vs ${ref.theta}`);
    assert.ok(Math.abs(res.terms[0].se - ref.se) < 1e-10, `se ${res.terms[0].se} vs ${ref.se}`);
    assert.equal((res.toJSON() as { panel: string }).panel, panel);
  });
}

test("id and time options: renamed unit and period columns give the same fit", async () => {
  const renamed = sim.rename({ city_code: "unit", year: "period" });
  const a = await dml({ data: sim, y: "FI", d: "Bigdata", x: XS, panel: "cre", fe: ["year"], learner: "ols", folds: 3 });
  const b = await dml({ data: renamed, y: "FI", d: "Bigdata", x: XS, panel: "cre", fe: ["year"], learner: "ols", folds: 3, id: "unit", time: "period" });
  assert.equal(b.terms[0].coef, a.terms[0].coef);
  assert.equal(b.terms[0].se, a.terms[0].se);
});

test("folds by unit: every row of a unit in one fold, units dealt evenly, seeded per repetition", () => {
  for (const [nUnits, K, seed] of [[30, 5, 1], [31, 4, 2], [7, 7, 3], [100, 3, 4]]) {
    const unit = Int32Array.from({ length: nUnits * 3 }, (_, i) => (i * 7) % nUnits);
    const f = unitFolds(unit, nUnits, K, seed, 0);
    const foldOf = new Map<number, number>();
    unit.forEach((u, i) => { if (foldOf.has(u)) assert.equal(f.fold[i], foldOf.get(u)); else foldOf.set(u, f.fold[i]); });
    const sizes = Array.from({ length: K }, (_, k) => [...foldOf.values()].filter((g) => g === k).length);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `unit counts per fold ${sizes}`);
    assert.deepEqual(unitFolds(unit, nUnits, K, seed, 0).fold, f.fold);
    if (nUnits > K) assert.notDeepEqual(unitFolds(unit, nUnits, K, seed, 1).fold, f.fold);
  }
  assert.throws(() => unitFolds(new Int32Array([0, 0, 1, 1]), 2, 3, 1, 0), /folds \(3\) exceed the number of units \(2\)/);
});

test("bad input: a fold column splitting a unit, panel with another model, another cluster column", async () => {
  const base = { data: sim, y: "FI", d: "Bigdata", x: XS, panel: "within" as const, learner: "ols" as const };
  // The helper's fold column is by city: accepted, and the folds are exactly its values.
  const ok = await dml({ ...base, foldColumn: "fold" });
  assert.deepEqual(Array.from(ok.foldAssignments[0].fold), col(sim, "fold").map((v) => v - 1));
  const split = sim.derive({ fold: (r: { year: number; fold: number }) => (r.year === 2013 ? 1 + (r.fold % 4) : r.fold) }).reify();
  await assert.rejects(dml({ ...base, data: split, foldColumn: "fold" }),
    /^InputError: fold column fold splits a unit across folds: city_code=\d+, year=2010 and city_code=\d+, year=2013 are in different folds$/);
  await assert.rejects(dml({ ...base, model: "irm" }), /panel within is defined for model plr only/);
  await assert.rejects(dml({ ...base, cluster: "province" }), /panel within clusters by the unit \(city_code\); cluster province is not offered/);
  await assert.rejects(dml({ ...base, sensitivity: true }), /panel within is defined for multi "doubleml" without sensitivity/);
  // The SE is the cluster rule by unit: an explicit robust SE is refused, not silently replaced.
  await assert.rejects(dml({ ...base, se: "robust" }), /^InputError: panel within uses the cluster-robust SE by unit \(SPEC section 12\); se robust is not offered with it$/);
  assert.equal((await dml({ ...base, se: "cluster" })).se, "cluster");
});

test("the fold-wise cluster rule on numbers worked by hand", () => {
  // Clusters 0, 1 in fold 0 and 2, 3 in fold 1 (|I_k| = 2 each, K = 2, 4 clusters).
  const clusters = new Int32Array([0, 0, 1, 2, 2, 3]);
  const folds = { k: 2, fold: new Int32Array([0, 0, 0, 1, 1, 1]) };
  const psiA = Float64Array.from([-1, -2, -1, -2, -1, -1]), psiB = Float64Array.from([1, 0, 2, 1, 1, -1]);
  // sum_k (1/2) sum psi_a = -2 - 2 = -4; same for psi_b: 1.5 + 0.5 = 2; theta = 0.5.
  // psi per cluster: -0.5, 1.5, 0.5, -1.5; Gamma = ((0.25 + 2.25) / 2 + (0.25 + 2.25) / 2) / 2 = 1.25;
  // J = -4 / 2 = -2; var = 1.25 / 4 / 4 = 0.078125.
  const s = solveScore({ psiA, psiB }, { kind: "unit-folds", clusters, folds });
  assert.equal(s.theta, 0.5);
  assert.ok(Math.abs(s.se - Math.sqrt(0.078125)) < 1e-15, `se ${s.se}`);
});
