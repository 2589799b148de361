// Beyond the paper (SPEC 10): what a careful referee asks next. The baseline specification the four
// checks share, the lower sensitivity bound over a (cf_y, cf_d) grid (dml/sensitivity-grid.ts,
// re-exported), the benchmark table and "k times as strong" ratio, the placebo draw count, and the index-construction
// comparison (weights, FI per scheme, Spearman rank correlation of the city rankings).
import type { ColumnTable } from "arquero";
import { benchmarkSensitivity, type DmlOptions, type DmlResult, type EventTerm } from "../dml";
import { lowerBound, sensitivityElementsOf } from "../dml/sensitivity-grid";
import { InputError } from "../errors";
import type { LearnerOptions } from "../learners/types";
import { measure, type Indicator, type WeightScheme } from "../measure";
import { CONTROLS } from "./common";
import { spearman } from "../numeric/stats";

// Moved to the bottom-layer stats module; re-exported so stii.replication.spearman keeps working.
export { averageRanks, spearman } from "../numeric/stats";

/** The richest baseline of Table 3: controls and their squares, year and city dummies, PLR. */
export function baselineSpec(data: ColumnTable, learnerOptions: LearnerOptions, y = "FI", seed?: number): DmlOptions {
  return { data, y, d: "Bigdata", x: [...CONTROLS], quadratic: true, fe: ["year", "city"], learner: "rf", learnerOptions, seed };
}

export interface BenchmarkRow {
  control: string;
  cf_y: number;
  cf_d: number;
  rho: number;
  theta_long: number;
  theta_short: number;
  /** The bias a confounder as strong as this control could produce: theta - theta_lower at its (cf_y, cf_d), rho = 1. */
  maxBias: number;
  /** |theta| / maxBias: how many times this control's strength a hidden confounder needs to remove the effect. */
  k: number;
}

/**
 * Leave out each control in turn (benchmarkSensitivity refits without it) and read off its implied
 * cf_y, cf_d; `result` is the long model's fit of `opts`: the benchmarks compare with it, and its
 * predictions give the bias at those values.
 */
export async function benchmarkTable(opts: DmlOptions, result: DmlResult, controls: readonly string[] = CONTROLS): Promise<BenchmarkRow[]> {
  const els = sensitivityElementsOf(result);
  const theta = result.terms[0].coef;
  const rows: BenchmarkRow[] = [];
  for (const control of controls) {
    const b = (await benchmarkSensitivity(opts, control, result)).terms[0];
    const maxBias = Math.abs(theta - lowerBound(els, b.cf_y, b.cf_d));
    rows.push({ control, cf_y: b.cf_y, cf_d: b.cf_d, rho: b.rho, theta_long: b.theta_long, theta_short: b.theta_short, maxBias, k: maxBias > 0 ? Math.abs(theta) / maxBias : Infinity });
  }
  return rows;
}

/** The pre-designation event-time bins (k < 0) whose 95% interval excludes zero. */
export function preTrendBins(terms: readonly EventTerm[]): EventTerm[] {
  return terms.filter((t) => t.k < 0 && (t.ci[0] > 0 || t.ci[1] < 0));
}

/**
 * On a simulated panel: why pre-designation bins exclude zero although the planted effect there is 0.
 * Not a fault of the estimator but a pre-trend: with city dummies in X the comparison is within city over
 * time, which needs parallel untreated paths given the controls, and the simulator's FI (nonlinear in the
 * latent innovation, with trending confounders) does not give them. Below three standard errors, chance is
 * named as the other candidate. Empty when no such bin exists.
 */
export function plantedZeroPreTrendText(terms: readonly EventTerm[], truthByK: ReadonlyMap<number, number>): string {
  const bins = preTrendBins(terms).filter((t) => truthByK.get(t.k) === 0);
  if (bins.length === 0) return "";
  const list = bins.map((t) => `${t.label} (${t.coef.toFixed(4)}, ${(t.coef / t.se).toFixed(1)} standard errors)`).join(", ");
  const signs = new Set(bins.map((t) => Math.sign(t.coef)));
  // Below zero far before designation means a relative rise up to k = -1, and vice versa.
  const direction = signs.size > 1 ? "moving differently from" : signs.has(-1) ? "rising relative to" : "falling relative to";
  return `The planted pre-designation effect is exactly zero, yet the interval${bins.length > 1 ? "s" : ""} at ${list} exclude${bins.length > 1 ? "" : "s"} zero. `
    + "This is what a pre-trend check is meant to reveal: with city dummies in X the estimate compares each city with itself over time, "
    + "so it needs the untreated FI paths of pilot and non-pilot cities to be parallel given the controls as the forest represents them. "
    + "In this simulation they are not: FI is a nonlinear function of the latent innovation and the confounders trend over time, "
    + `so the later-designated cities' FI was ${direction} the others' in the years up to k = −1, and the pre-period coefficients pick up these diverging trends.`
    + (bins.every((t) => Math.abs(t.coef / t.se) < 3) ? " At under three standard errors, chance alone could also produce one such exclusion among several intervals." : "");
}

/** Placebo draws: STII_PLACEBO_DRAWS when set (a positive integer), else `dflt`. */
export function placeboDraws(env: NodeJS.ProcessEnv = process.env, dflt = 100): number {
  const v = env.STII_PLACEBO_DRAWS;
  if (v === undefined || v === "") return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`STII_PLACEBO_DRAWS must be a positive integer, got "${v}"`);
  return n;
}

export interface SchemeIndex {
  scheme: WeightScheme;
  FI: Float64Array;
  weights: { S: Record<string, number>; I: Record<string, number> };
}

/** FI rebuilt under each weighting scheme. */
export function indexBySchemes(data: ColumnTable, spec: readonly Indicator[], schemes: readonly WeightScheme[] = ["scatter", "entropy", "equal"]): SchemeIndex[] {
  return schemes.map((scheme) => {
    const m = measure(data, spec, { weights: scheme });
    return { scheme, FI: m.FI, weights: m.weights };
  });
}

/** One row per indicator: system, column and its weight under each scheme. */
export function weightsTable(indexes: readonly SchemeIndex[]): Record<string, string | number>[] {
  const first = indexes[0].weights;
  return (["S", "I"] as const).flatMap((system) => Object.keys(first[system]).map((col) => {
    const row: Record<string, string | number> = { system, indicator: col };
    for (const ix of indexes) row[ix.scheme] = ix.weights[system][col];
    return row;
  }));
}

/** Each city's FI summarised for ranking: its mean over the years, or its value in the last year. */
export function cityScores(data: ColumnTable, fi: ArrayLike<number>, by: "mean" | "last"): Map<string, number> {
  const city = data.array("city_code"), year = data.array("year");
  if (fi.length !== city.length) throw new InputError(`cityScores: ${fi.length} FI values for ${city.length} rows`);
  const lastYear = Math.max(...Array.from(year as ArrayLike<number>, Number));
  const acc = new Map<string, { sum: number; n: number; last?: number }>();
  for (let i = 0; i < city.length; i++) {
    const c = String(city[i]);
    const a = acc.get(c) ?? { sum: 0, n: 0 };
    a.sum += fi[i]; a.n++;
    if (Number(year[i]) === lastYear) a.last = fi[i];
    acc.set(c, a);
  }
  const out = new Map<string, number>();
  for (const [c, a] of acc) {
    if (by === "last" && a.last === undefined) continue; // a city missing the last year cannot be ranked on it
    out.set(c, by === "mean" ? a.sum / a.n : a.last!);
  }
  return out;
}

/** Spearman correlation of two city rankings over the cities both rank. */
export function rankAgreement(a: Map<string, number>, b: Map<string, number>): { rho: number; cities: number } {
  const common = [...a.keys()].filter((c) => b.has(c));
  return { rho: spearman(common.map((c) => a.get(c)!), common.map((c) => b.get(c)!)), cities: common.length };
}

/** Contour levels on a round step (1, 2 or 5 times a power of ten) with 0 among them, so the sign change shows. */
export function zeroAlignedLevels(z: readonly (readonly number[])[], count = 10): { start: number; end: number; size: number } {
  const v = z.flat();
  const lo = Math.min(...v), hi = Math.max(...v);
  const raw = (hi - lo) / count || Math.abs(hi) || 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const size = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  return { start: Math.floor(lo / size) * size, end: Math.ceil(hi / size) * size, size };
}

export { lowerBound, lowerBoundGrid, sensitivityElementsOf } from "../dml/sensitivity-grid";
