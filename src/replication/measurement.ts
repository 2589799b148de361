// Notebook 02 (FI measurement, SPEC 4): the weights per indicator under each scheme, what the uncentred
// scatter-degree weights reward, the check that FI recomputed from the raw indicators matches the panel,
// the regional table of Figure 1 beside the paper, the coordination-grade distribution, and the leading
// and lagging cities.
import { table, type ColumnTable } from "arquero";
import { InputError } from "../errors";
import { REGIONS } from "../data";
import {
  measure, normalisedMatrix, systemWeights, standardisedScatterWeights, numericColumn, regionalSummary, averageGrowth, grade, GRADES,
  WEIGHT_SCHEMES, type Indicator, type Panel, type RegionalSummary,
} from "../measure";
import { columnNames } from "../numeric/columns";

const DERIVED = ["Y1", "Y2", "C", "T", "FI"] as const;
type Derived = (typeof DERIVED)[number];
import type { PaperResults } from "../tables";

/**
 * One row per indicator: system, column, label, mean and sd of its normalised values, and its weight
 * under each scheme (scatter degree, entropy, equal) and under Guo's standardised form of the scatter method.
 */
export function weightTable(panel: Panel, spec: readonly Indicator[]): ColumnTable {
  const cols: Record<string, (string | number)[]> = { system: [], column: [], label: [], mean_z: [], sd_z: [], scatter: [], entropy: [], equal: [], standardised: [] };
  for (const system of ["S", "I"] as const) {
    const z = normalisedMatrix(panel, spec, system);
    const w = Object.fromEntries(WEIGHT_SCHEMES.map((s) => [s, systemWeights(z, s)]));
    const standardised = standardisedScatterWeights(z);
    const inds = spec.filter((i) => i.system === system);
    inds.forEach((ind, j) => {
      const col = z.data.subarray(j * z.nrow, (j + 1) * z.nrow);
      const mean = col.reduce((s, v) => s + v, 0) / z.nrow;
      cols.system.push(system);
      cols.column.push(ind.column);
      cols.label.push(ind.label_en);
      cols.mean_z.push(mean);
      cols.sd_z.push(Math.sqrt(col.reduce((s, v) => s + (v - mean) ** 2, 0) / (z.nrow - 1)));
      for (const s of WEIGHT_SCHEMES) cols[s].push(w[s][j]);
      cols.standardised.push(standardised[j]);
    });
  }
  return table(cols);
}

// Moved to measure/ (a weighting method); re-exported so stii.replication.standardisedScatterWeights keeps working.
export { standardisedScatterWeights } from "../measure";

/** Pearson correlation of two equal-length vectors (used across indicators: weight vs mean level). */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n || n < 2) throw new Error(`correlation: needs two vectors of the same length >= 2 (${n}, ${b.length})`);
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i] / n; mb += b[i] / n; }
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) ** 2; sbb += (b[i] - mb) ** 2; }
  return sab / Math.sqrt(saa * sbb);
}

/**
 * Largest absolute difference between Y1, Y2, C, T, FI recomputed from the raw indicators and the panel's
 * columns; FI must be in the panel, the other derived columns are compared when present.
 */
export function recomputeCheck(panel: Panel, spec: readonly Indicator[]): Partial<Record<Derived, number>> & { FI: number } {
  const m = measure(panel, spec);
  const present = columnNames(panel);
  const out: Partial<Record<Derived, number>> = {};
  for (const c of DERIVED) {
    if (c !== "FI" && !present.includes(c)) continue;
    const given = numericColumn(panel, c);
    let d = 0;
    for (let i = 0; i < given.length; i++) d = Math.max(d, Math.abs(given[i] - m[c][i]));
    out[c] = d;
  }
  return out as Partial<Record<Derived, number>> & { FI: number };
}

/** National and regional FI by year: the summary behind Figure 1, from a panel's year, region and FI columns. */
export function fiPath(panel: Panel, fi: ArrayLike<number> = numericColumn(panel, "FI")): RegionalSummary {
  const year = numericColumn(panel, "year");
  const region = Array.isArray(panel) ? (panel as Record<string, unknown>[]).map((r) => String(r.region)) : Array.from((panel as ColumnTable).array("region") as ArrayLike<unknown>, String);
  return regionalSummary(year, region, fi);
}

/**
 * The regional table (national first, then east, central, west, northeast): pooled mean FI and the average
 * annual growth of the yearly mean under SPEC's rule (last/first)^(1/(years-1)) - 1 and under the
 * exponent 1/years that reproduces the paper's national figure, each beside the paper's number.
 */
export function regionalTable(summary: RegionalSummary, paper: PaperResults): ColumnTable {
  const groups = ["national", ...REGIONS.filter((r) => summary.groups.includes(r))];
  const years = summary.years.length;
  const pp = paper.fi_path;
  const series = (g: string) => summary.byYear[g];
  return table({
    group: groups,
    first_year_mean: groups.map((g) => series(g)[0]),
    last_year_mean: groups.map((g) => series(g)[years - 1]),
    pooled_mean: groups.map((g) => summary.pooled[g]),
    paper_pooled_mean: groups.map((g) => pp.pooled_means[g] ?? null),
    growth_spec: groups.map((g) => averageGrowth(series(g))),
    growth_paper_rule: groups.map((g) => Math.pow(series(g)[years - 1] / series(g)[0], 1 / years) - 1),
    paper_growth: groups.map((g) => pp.growth[g] ?? null),
  });
}

/** The national FI path the paper reports (first and last year), under both growth exponents. */
export function paperGrowthRules(paper: PaperResults): { years: number; spec: number; paperRule: number; reported: number } {
  const n = paper.fi_path.national;
  const years = n.last_year - n.first_year + 1;
  return { years, spec: Math.pow(n.last / n.first, 1 / (years - 1)) - 1, paperRule: Math.pow(n.last / n.first, 1 / years) - 1, reported: n.growth };
}

/**
 * City-years per coordination grade (ten bands of width 0.1): pooled count and share, and the count in
 * the first and the last year of the panel. Every band is listed, empty ones with 0.
 */
export function gradeDistribution(year: ArrayLike<number>, fi: ArrayLike<number>): ColumnTable {
  const n = fi.length;
  if (year.length !== n || n === 0) throw new InputError(`grade distribution: year has ${year.length} rows, FI has ${n}`);
  let first = Infinity, last = -Infinity;
  for (let i = 0; i < n; i++) { first = Math.min(first, year[i]); last = Math.max(last, year[i]); }
  const pooled = new Array<number>(GRADES.length).fill(0), inFirst = [...pooled], inLast = [...pooled];
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(fi[i])) throw new InputError(`FI: non-finite value (${fi[i]}) at row ${i + 1}`);
    const b = grade(fi[i]).band;
    pooled[b]++;
    if (year[i] === first) inFirst[b]++;
    if (year[i] === last) inLast[b]++;
  }
  return table({
    band: GRADES.map((_, b) => b + 1),
    range: GRADES.map((_, b) => `${(b / 10).toFixed(1)}-${((b + 1) / 10).toFixed(1)}`),
    grade_zh: GRADES.map((g) => g.zh),
    grade_en: GRADES.map((g) => g.en),
    city_years: pooled,
    share: pooled.map((c) => c / n),
    [`cities_${first}`]: inFirst,
    [`cities_${last}`]: inLast,
  });
}

/**
 * The k cities with the highest and the k with the lowest FI in `year` (default: the panel's last year):
 * group (leading / lagging), rank (1 = highest FI overall), city, province, region, Bigdata, FI.
 * Ties keep the panel order.
 */
export function leadingLagging(panel: ColumnTable, k = 10, year?: number): ColumnTable {
  const years = numericColumn(panel, "year");
  const y = year ?? years.reduce((a, b) => Math.max(a, b), -Infinity);
  const t = panel.filter(`d => d.year === ${Number(y)}`);
  const m = t.numRows();
  if (m === 0) throw new InputError(`leading/lagging: no rows in year ${y}`);
  if (m < 2 * k) throw new InputError(`leading/lagging: year ${y} has ${m} cities, fewer than 2 x ${k}`);
  const fi = numericColumn(t, "FI");
  const bigdata = numericColumn(t, "Bigdata");
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => fi[b] - fi[a] || a - b);
  const pick = [...order.slice(0, k).map((i, r) => ({ i, r, g: "leading" })), ...order.slice(m - k).map((i, r) => ({ i, r: m - k + r, g: "lagging" }))];
  const col = (name: string) => t.array(name) as ArrayLike<unknown>;
  return table({
    group: pick.map((p) => p.g),
    rank: pick.map((p) => p.r + 1),
    city: pick.map((p) => String(col("city")[p.i])),
    province: pick.map((p) => String(col("province")[p.i])),
    region: pick.map((p) => String(col("region")[p.i])),
    Bigdata: pick.map((p) => bigdata[p.i]),
    FI: pick.map((p) => fi[p.i]),
  });
}
