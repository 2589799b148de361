// Test panels for stii did and an independent reference computation of DoubleML's DR DiD with
// linear outcome regressions and logistic propensities (normal equations and Newton written here,
// own reshaping, own group-time cells), so the library is checked against arithmetic it does not share.
import { makeRng } from "../../src/numeric/rng";
import type { Columns } from "../../src/did";
import type { Classifier } from "../../src/learners/types";
import type { Matrix } from "../../src/numeric/matrix";
import { gaussJordan } from "../fixtures/gauss-jordan";

export interface Unit { id: number; g: number; fold: number }

/** A balanced panel: y = unit effect + trend + x-dependent trend + effect(g,t) + noise; two time-varying covariates. */
export function makePanel(units: Unit[], periods: number[], effect: (g: number, t: number) => number, seed = 7, noise = 0.3): Columns & Record<string, Float64Array> {
  const rng = makeRng(seed);
  const cols: Record<string, number[]> = { id: [], t: [], g: [], y: [], x1: [], x2: [], f: [] };
  for (const u of units) {
    const a = rng.normal();
    // Treated units have larger x1 so the propensity depends on x and x drives the trend (confounding).
    const base1 = rng.normal() + (u.g !== 0 ? 0.8 : 0), base2 = rng.normal();
    periods.forEach((t, k) => {
      const x1 = base1 + 0.1 * k + 0.2 * rng.normal(), x2 = base2 + 0.2 * rng.normal();
      const y = a + 0.3 * k + 0.5 * base1 * k + 0.2 * x2 + (u.g !== 0 && t >= u.g ? effect(u.g, t) : 0) + noise * rng.normal();
      cols.id.push(u.id); cols.t.push(t); cols.g.push(u.g); cols.y.push(y); cols.x1.push(x1); cols.x2.push(x2); cols.f.push(u.fold);
    });
  }
  return Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, Float64Array.from(v)]));
}

/** Units: for each [group, count], `count` units, folds assigned round robin over k. */
export function makeUnits(spec: [number, number][], k: number): Unit[] {
  const out: Unit[] = [];
  for (const [g, count] of spec) for (let i = 0; i < count; i++) out.push({ id: 1000 + out.length, g, fold: out.length % k });
  return out;
}

// ---------- reference computation ----------

/** Solve A b = c (small) with the tests' own Gauss-Jordan solver. */
const solve = (A: number[][], c: number[]) => gaussJordan(A.map((row, i) => [...row, c[i]]));

const withOne = (x: number[]) => [1, ...x];
const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);

function olsFit(X: number[][], y: number[]): number[] {
  const Z = X.map(withOne), p = Z[0].length;
  const A = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, b) => Z.reduce((s, z) => s + z[a] * z[b], 0)));
  return solve(A, Array.from({ length: p }, (_, a) => Z.reduce((s, z, i) => s + z[a] * y[i], 0)));
}

function logitFit(X: number[][], d: number[]): number[] {
  const Z = X.map(withOne), p = Z[0].length;
  let b = new Array(p).fill(0);
  for (let it = 0; it < 200; it++) {
    const pr = Z.map((z) => 1 / (1 + Math.exp(-dot(z, b))));
    const H = Array.from({ length: p }, (_, a) => Array.from({ length: p }, (_, c) => Z.reduce((s, z, i) => s + pr[i] * (1 - pr[i]) * z[a] * z[c], 0)));
    const gr = Array.from({ length: p }, (_, a) => Z.reduce((s, z, i) => s + (d[i] - pr[i]) * z[a], 0));
    const step = solve(H, gr);
    b = b.map((v, a) => v + step[a]);
    if (Math.max(...step.map(Math.abs)) < 1e-14) break;
  }
  return b;
}

const rowsOf = (X: Matrix) => Array.from({ length: X.nrow }, (_, i) => Array.from({ length: X.ncol }, (_, j) => X.data[j * X.nrow + i]));

/**
 * The reference logit as a learner: Newton on the score until the step is below 1e-14. (The project's
 * LogisticRegression stops on the deviance, which rounding flattens, so it sits ~1e-9 from the MLE.)
 */
export class NewtonLogit implements Classifier {
  readonly name = "newton-logit";
  private b: number[] = [];
  async fit(X: Matrix, y: Float64Array): Promise<void> { this.b = logitFit(rowsOf(X), Array.from(y)); }
  predictProba(X: Matrix): Float64Array { return Float64Array.from(rowsOf(X), (x) => 1 / (1 + Math.exp(-dot(withOne(x), this.b)))); }
  clone(): NewtonLogit { return new NewtonLogit(); }
}

export interface RefCell { group: number; pre: number; time: number; theta: number; se: number; phi: Map<number, number> }

/**
 * DoubleML's DR ATT(g,t) on consecutive integer periods with unit folds `fold`: standard cells
 * (t >= g: base g-1-a; t < g: base t-1-a), controls never-treated or not yet treated by
 * min(max(t,g)+a, last period), g0 = OLS of the change on (1, X at base) among training controls,
 * m = logit among all training units (or the given `propensity` of X) clipped to [0.01, 0.99],
 * in-sample normalised weights.
 * phi is each unit's influence value (DoubleML's scaled score), se = sqrt(sum phi^2) / N.
 */
export function referenceDid(cols: Columns, xNames: string[], control: "never" | "notyet", a: number, propensity?: (x: number[]) => number): RefCell[] {
  const rows = Array.from(cols.id, (_, i) => i);
  const ids = [...new Set(Array.from(cols.id))].sort((p, q) => p - q);
  const periods = [...new Set(Array.from(cols.t))].sort((p, q) => p - q);
  const first = periods[0], last = periods[periods.length - 1];
  const gOf = new Map<number, number>(), fOf = new Map<number, number>();
  const val = new Map<string, number>();
  const xAt = new Map<string, number[]>();
  for (const i of rows) {
    gOf.set(cols.id[i], cols.g[i]); fOf.set(cols.id[i], cols.f[i]);
    val.set(`${cols.id[i]}@${cols.t[i]}`, cols.y[i]);
    xAt.set(`${cols.id[i]}@${cols.t[i]}`, xNames.map((c) => cols[c][i]));
  }
  const N = ids.length;
  const groups = [...new Set(ids.map((u) => gOf.get(u)!))].filter((g) => g !== 0).sort((p, q) => p - q);
  const folds = [...new Set(ids.map((u) => fOf.get(u)!))].sort((p, q) => p - q);
  const out: RefCell[] = [];
  for (const g of groups) {
    if (g - 1 - a < first) continue;
    for (let t = first + a + 1; t <= last; t++) {
      const pre = t >= g ? g - 1 - a : t - 1 - a;
      const cut = Math.min(Math.max(t, g) + a, last);
      const isC = (h: number) => h === 0 || (control === "notyet" && h !== g && h > cut);
      const us = ids.filter((u) => gOf.get(u) === g || isC(gOf.get(u)!));
      const d = us.map((u) => (gOf.get(u) === g ? 1 : 0));
      const dy = us.map((u) => val.get(`${u}@${t}`)! - val.get(`${u}@${pre}`)!);
      const X = us.map((u) => xAt.get(`${u}@${pre}`)!);
      const g0 = new Array(us.length).fill(NaN), m = new Array(us.length).fill(NaN);
      for (const f of folds) {
        const tr = us.map((_, k) => k).filter((k) => fOf.get(us[k]) !== f);
        const te = us.map((_, k) => k).filter((k) => fOf.get(us[k]) === f);
        const trC = tr.filter((k) => d[k] === 0);
        const bg = olsFit(trC.map((k) => X[k]), trC.map((k) => dy[k]));
        const bm = propensity ? [] : logitFit(tr.map((k) => X[k]), tr.map((k) => d[k]));
        for (const k of te) {
          g0[k] = dot(withOne(X[k]), bg);
          const p = propensity ? propensity(X[k]) : 1 / (1 + Math.exp(-dot(withOne(X[k]), bm)));
          m[k] = Math.min(0.99, Math.max(0.01, p));
        }
      }
      const ns = us.length;
      const pbar = d.reduce((s, v) => s + v, 0) / ns;
      const r = d.map((di, k) => (1 - di) * m[k] / (1 - m[k]));
      const rbar = r.reduce((s, v) => s + v, 0) / ns;
      const w = d.map((di, k) => di / pbar - r[k] / rbar);
      const theta = w.reduce((s, wk, k) => s + wk * (dy[k] - g0[k]), 0) / d.reduce((s, di) => s + di / pbar, 0);
      const phi = new Map<number, number>(ids.map((u) => [u, 0]));
      us.forEach((u, k) => phi.set(u, (N / ns) * (theta * d[k] / pbar - w[k] * (dy[k] - g0[k]))));
      const se = Math.sqrt([...phi.values()].reduce((s, v) => s + v * v, 0)) / N;
      out.push({ group: g, pre, time: t, theta, se, phi });
    }
  }
  return out;
}
