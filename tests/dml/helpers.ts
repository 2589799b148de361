// Test helpers for DML: a small simulated panel with known effects, and an independent OLS by the
// normal equations (Gaussian elimination), used to recompute DML estimates by hand.
import * as fs from "fs";
import * as path from "path";
import { table, type ColumnTable } from "arquero";
import { makeRng } from "../../src/numeric/rng";
import { gaussJordan } from "../fixtures/gauss-jordan";

export const THETA = 0.5; // effect of Bigdata on FI
export const THETA2 = -0.3; // effect of LowCarbon on FI
export const THETA_IV = 0.8; // effect of Dend on Yiv (Dend endogenous, IV_relief its instrument)

/** Roster rows (city, city_code, province, region) of the first `k` cities in data/cities.csv. */
function roster(k: number): string[][] {
  const lines = fs.readFileSync(path.join(__dirname, "../../data/cities.csv"), "utf8").trim().split("\n").slice(1);
  return lines.slice(0, k).map((l) => l.split(","));
}

/**
 * `cities` x `years` city-years from 2010. FI = 0.5 Bigdata - 0.3 LowCarbon + Gdp - 0.5 Pas + 0.3 Fin + city effect + noise;
 * Bigdata, LowCarbon binary and confounded by Gdp, Pas; Yiv = 0.8 Dend + Gdp + u + e with Dend = IV_relief + Gdp + u + noise.
 * fold = 1 + (city index mod 4) (a city-level fold column).
 */
export function simulatePanel(cities = 30, years = 6, seed = 7): ColumnTable {
  const rng = makeRng(seed);
  const rows: Record<string, unknown>[] = [];
  roster(cities).forEach(([city, city_code, province, region], c) => {
    const alpha = rng.normal();
    for (let t = 0; t < years; t++) {
      const Gdp = rng.normal() + 0.3 * alpha, Pas = rng.normal(), Fin = rng.normal();
      const Bigdata = 0.8 * Gdp + 0.5 * Pas + rng.normal() > 0.3 ? 1 : 0;
      const LowCarbon = 0.5 * Gdp - 0.5 * Fin + rng.normal() > 0 ? 1 : 0;
      const FI = THETA * Bigdata + THETA2 * LowCarbon + Gdp - 0.5 * Pas + 0.3 * Fin + 0.5 * alpha + rng.normal();
      const IV_relief = rng.normal() + 0.5 * Pas, u = rng.normal();
      const Dend = IV_relief + 0.5 * Gdp + u + 0.5 * rng.normal();
      const Yiv = THETA_IV * Dend + Gdp + u + rng.normal();
      rows.push({
        city, city_code, province, region, year: 2010 + t, capital: c % 5 === 0 ? 1 : 0,
        Gdp, Pas, Fin, Bigdata, LowCarbon, FI, IV_relief, Dend, Yiv, fold: 1 + (c % 4),
      });
    }
  });
  return table(Object.fromEntries(Object.keys(rows[0]).map((k) => [k, rows.map((r) => r[k])])));
}

/** OLS with intercept by the normal equations; returns the coefficients [b0, b1, ...]. */
export function olsCoef(cols: ArrayLike<number>[], y: ArrayLike<number>): number[] {
  const n = y.length, p = cols.length + 1;
  const x = (i: number, j: number) => (j === 0 ? 1 : cols[j - 1][i]);
  const A = Array.from({ length: p }, (_, a) => Array.from({ length: p + 1 }, (_, b) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += x(i, a) * (b === p ? y[i] : x(i, b));
    return s;
  }));
  return gaussJordan(A);
}

/** Out-of-fold OLS predictions of target on cols; optionally training only on rows where keep(i). */
export function handCrossFit(cols: ArrayLike<number>[], target: ArrayLike<number>, fold: ArrayLike<number>, keep: (i: number) => boolean = () => true): number[] {
  const n = target.length;
  const out = new Array<number>(n);
  for (const f of new Set(Array.from(fold))) {
    const train = [...Array(n).keys()].filter((i) => fold[i] !== f && keep(i));
    const b = olsCoef(cols.map((c) => train.map((i) => c[i])), train.map((i) => target[i]));
    for (let i = 0; i < n; i++) if (fold[i] === f) out[i] = b[0] + cols.reduce((s, c, j) => s + b[j + 1] * c[i], 0);
  }
  return out;
}

/** theta, robust se and cluster se from psi_a, psi_b by the formulas of SPEC section 5. */
export function handSolve(psiA: number[], psiB: number[], clusters?: ArrayLike<unknown>): { theta: number; se: number; seCluster: number; psi: number[] } {
  const n = psiA.length;
  const J = psiA.reduce((s, a) => s + a, 0) / n;
  const theta = -psiB.reduce((s, b) => s + b, 0) / n / J;
  const psi = psiA.map((a, i) => a * theta + psiB[i]);
  const se = Math.sqrt(psi.reduce((s, p) => s + p * p, 0) / n / (J * J) / n);
  let seCluster = NaN;
  if (clusters) {
    const sums = new Map<unknown, number>();
    psi.forEach((p, i) => sums.set(clusters[i], (sums.get(clusters[i]) ?? 0) + p));
    seCluster = Math.sqrt([...sums.values()].reduce((s, v) => s + v * v, 0) / (n * J) ** 2);
  }
  return { theta, se, seCluster, psi };
}

export function col(t: ColumnTable, name: string): number[] {
  return Array.from(t.array(name) as ArrayLike<number>);
}

/** The panel as CSV text (for CLI tests). */
export function toCsv(t: ColumnTable): string {
  const names = t.columnNames();
  const lines = [names.join(",")];
  for (let i = 0; i < t.numRows(); i++) lines.push(names.map((c) => String(t.get(c, i))).join(","));
  return lines.join("\n") + "\n";
}
