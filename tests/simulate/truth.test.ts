// The planted truth, checked against an independent recomputation from the two potential-outcome panels:
// normalisation bounds, scatter-degree weights (by power iteration, not the library's eigen-solver) and
// the coupling formula are all redone here by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadIndicatorSpec } from "../../src/measure";
import { defaultSim } from "./fixture";

const spec = loadIndicatorSpec();
const col = (name: string): number[] => Array.from(defaultSim().table.array(name) as ArrayLike<number>);

/** Leading eigenvector of Z'Z by power iteration, scaled to sum 1. */
function powerWeights(z: number[][]): number[] {
  const m = z[0].length;
  const h = Array.from({ length: m }, (_, a) => Array.from({ length: m }, (_, b) => z.reduce((s, r) => s + r[a] * r[b], 0)));
  let w = new Array(m).fill(1 / m);
  for (let it = 0; it < 500; it++) {
    const next = h.map((row) => row.reduce((s, x, b) => s + x * w[b], 0));
    const sum = next.reduce((a, b) => a + b, 0);
    w = next.map((x) => x / sum);
  }
  return w;
}

/** FI of observed and untreated raw indicators, on the observed panel's bounds and weights. */
let handCache: { fi1: number[]; fi0: number[] } | undefined;
function handFI(): { fi1: number[]; fi0: number[] } {
  return (handCache ??= computeHandFI());
}
function computeHandFI(): { fi1: number[]; fi0: number[] } {
  const sim = defaultSim();
  const n = sim.table.numRows();
  const y = { 1: { S: new Array(n).fill(0), I: new Array(n).fill(0) }, 0: { S: new Array(n).fill(0), I: new Array(n).fill(0) } };
  for (const system of ["S", "I"] as const) {
    const inds = spec.filter((s) => s.system === system);
    const norm = (x: ArrayLike<number>, lo: number, hi: number, dir: number) =>
      Array.from(x, (v) => 0.0001 + 0.9999 * (dir === 1 ? (v - lo) / (hi - lo) : (hi - v) / (hi - lo)));
    const obs = inds.map((ind) => col(ind.column));
    const bounds = obs.map((x) => [Math.min(...x), Math.max(...x)]);
    const z1 = inds.map((ind, j) => norm(obs[j], bounds[j][0], bounds[j][1], ind.direction));
    const z0 = inds.map((ind, j) => norm(sim.untreated[ind.column], bounds[j][0], bounds[j][1], ind.direction));
    const w = powerWeights(Array.from({ length: n }, (_, i) => z1.map((c) => c[i])));
    for (let i = 0; i < n; i++) {
      y[1][system][i] = z1.reduce((s, c, j) => s + w[j] * c[i], 0);
      y[0][system][i] = z0.reduce((s, c, j) => s + w[j] * c[i], 0);
    }
  }
  const fi = (a: number, b: number) => Math.sqrt(((2 * Math.sqrt(a * b)) / (a + b)) * ((a + b) / 2));
  return { fi1: y[1].S.map((a, i) => fi(a, y[1].I[i])), fi0: y[0].S.map((a, i) => fi(a, y[0].I[i])) };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

test("observed FI column equals the hand-computed FI (to the CSV's 6 significant digits)", () => {
  const { fi1 } = handFI();
  const fi = col("FI");
  for (let i = 0; i < fi.length; i++) assert.ok(Math.abs(fi[i] - fi1[i]) < 1e-5 * fi1[i], `row ${i}: ${fi[i]} vs ${fi1[i]}`);
});

test("untreated potential outcomes equal the observed ones wherever Bigdata = 0", () => {
  const sim = defaultSim();
  const d = col("Bigdata");
  for (const c of [...spec.map((s) => s.column), "Entre", "VCPE1", "VCPE2", "Talen"]) {
    const obs = col(c);
    for (let i = 0; i < d.length; i++) if (d[i] === 0) assert.equal(sim.untreated[c][i], obs[i], `${c} row ${i}`);
  }
});

test("truth matches the independent recomputation: ATT, a slice, splits, synergy, event time, mechanisms", () => {
  const { truth, untreated } = defaultSim();
  const { fi1, fi0 } = handFI();
  const d = col("Bigdata"), codes = Array.from(defaultSim().table.array("city_code") as ArrayLike<string>);
  const years = col("year");
  const effect = (keep: (i: number) => boolean) => mean(fi1.map((v, i) => v - fi0[i]).filter((_, i) => keep(i)));
  const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-9, `${what}: ${a} vs ${b}`);

  close(truth.att.FI, effect((i) => d[i] === 1), "ATT FI");
  // a small slice: Guizhou's pilot cities (codes 52xxxx) - the library's untreated FI vs the hand one
  const slice = (i: number) => d[i] === 1 && codes[i].startsWith("52");
  close(mean(Array.from(untreated.FI).filter((_, i) => slice(i))), mean(fi0.filter((_, i) => slice(i))), "Guizhou FI(0)");
  for (const h of ["Elec", "Inte", "Gove", "Publ"]) {
    const H = col(h);
    close(truth.heterogeneity[h].difference, effect((i) => d[i] === 1 && H[i] === 1) - effect((i) => d[i] === 1 && H[i] === 0), h);
  }
  const lc = col("LowCarbon"), sc = col("SmartCity");
  close(truth.synergy.Diggre.att, effect((i) => d[i] === 1 && lc[i] === 1), "Diggre");
  close(truth.synergy.Digine.att, effect((i) => d[i] === 1 && sc[i] === 1), "Digine");
  // event time k = year - first treated year, read off the panel's own Bigdata column
  const first = new Map<string, number>();
  codes.forEach((c, i) => { if (d[i] === 1 && !(years[i] >= (first.get(c) ?? Infinity))) first.set(c, years[i]); });
  for (const k of [0, 2, 5]) {
    const bin = truth.event_time.find((e) => e.k === k)!;
    close(bin.att, effect((i) => first.has(codes[i]) && years[i] - first.get(codes[i])! === k), `k = ${k}`);
  }
  for (const m of ["Entre", "VCPE1", "VCPE2", "Talen"]) {
    const obs = col(m);
    close(truth.mechanisms[m], mean(obs.map((v, i) => v - untreated[m][i]).filter((_, i) => d[i] === 1)), m);
  }
});

test("truth is finite, flagged simulated, and of the planted sign", () => {
  const { truth } = defaultSim();
  assert.equal(truth.simulated, true);
  assert.equal(truth.seed, 20250101);
  assert.equal(truth.n_treated, col("Bigdata").reduce((a, b) => a + b, 0));
  assert.ok(truth.att.FI > 0.015 && truth.att.FI < 0.027, `ATT ${truth.att.FI} outside the paper's range`);
  for (const [m, v] of Object.entries(truth.mechanisms)) assert.ok(Number.isFinite(v) && v > 0, m);
  for (const [h, v] of Object.entries(truth.heterogeneity)) assert.ok(v.difference > 0, `${h} ${v.difference}`);
  for (const [s, v] of Object.entries(truth.synergy)) assert.ok(v.att > 0 && v.extra > 0 && v.n > 0, s);
  const et = truth.event_time;
  assert.deepEqual(et.map((e) => e.k), [-4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6]);
  for (const e of et.filter((e) => e.k < 0)) assert.equal(e.att, 0, `no anticipation at k = ${e.k}`);
  const post = et.filter((e) => e.k >= 0).map((e) => e.att);
  assert.ok(post[0] > 0);
  for (let j = 1; j < post.length; j++) assert.ok(post[j] >= post[j - 1], "the effect builds up over event time");
});
