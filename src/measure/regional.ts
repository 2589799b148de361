// SPEC 4.6: FI by year nationally and per region, pooled (city-year) means, and the average annual
// growth rate of the yearly mean, (last / first)^(1 / (years - 1)) - 1.
import { InputError } from "../errors";

export interface RegionalSummary {
  years: number[];
  /** "national" first, then the regions in alphabetical order. */
  groups: string[];
  /** group -> mean FI of each year in `years`. */
  byYear: Record<string, number[]>;
  /** group -> mean FI over all its city-years. */
  pooled: Record<string, number>;
  /** group -> average annual growth of its yearly mean. */
  growth: Record<string, number>;
}

export function averageGrowth(series: readonly number[]): number {
  const n = series.length;
  if (n < 2) throw new Error("averageGrowth: needs at least two years");
  const first = series[0], last = series[n - 1];
  if (!(first > 0 && last > 0)) throw new Error(`averageGrowth: first and last values must be positive (${first}, ${last})`);
  return Math.pow(last / first, 1 / (n - 1)) - 1;
}

export function regionalSummary(year: ArrayLike<number>, region: ArrayLike<string>, fi: ArrayLike<number>): RegionalSummary {
  const n = fi.length;
  if (year.length !== n || region.length !== n) throw new Error("regionalSummary: year, region and FI differ in length");
  const years = [...new Set(Array.from(year))].sort((a, b) => a - b);
  if (years.length < 2) throw new InputError(`regional summary needs at least two years, got ${years.length}`);
  const groups = ["national", ...[...new Set(Array.from(region))].sort()];
  const yearIndex = new Map(years.map((y, k) => [y, k]));
  const sums: Record<string, { year: Float64Array; count: Float64Array; total: number; n: number }> = {};
  for (const g of groups) sums[g] = { year: new Float64Array(years.length), count: new Float64Array(years.length), total: 0, n: 0 };
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(fi[i])) throw new InputError(`FI: non-finite value (${fi[i]}) at row ${i + 1}`);
    const k = yearIndex.get(year[i])!;
    for (const g of ["national", region[i]]) {
      const s = sums[g];
      s.year[k] += fi[i]; s.count[k] += 1; s.total += fi[i]; s.n += 1;
    }
  }
  const summary: RegionalSummary = { years, groups, byYear: {}, pooled: {}, growth: {} };
  for (const g of groups) {
    const s = sums[g];
    summary.byYear[g] = years.map((y, k) => {
      if (s.count[k] === 0) throw new InputError(`region ${g}: no rows in year ${y}, cannot form its yearly mean`);
      return s.year[k] / s.count[k];
    });
    summary.pooled[g] = s.total / s.n;
    summary.growth[g] = averageGrowth(summary.byYear[g]);
  }
  return summary;
}
