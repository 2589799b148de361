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

/** One claim of the paper's section 3 about the regional FI pattern, the paper's number, ours, and whether it holds here. */
export interface RegionalClaim { claim_zh: string; claim_en: string; paper: string; ours: string; holds: "yes" | "no" | "n/a" }

/**
 * Every regional statement of the paper's section 3 (融合水平测度结果分析), checked on a panel's regional
 * summary. Growth is compared under the paper's rule (last/first)^(1/years) - 1, the one that reproduces its
 * national 2.12%; the orderings are the same under SPEC's 1/(years - 1), a monotone change of exponent.
 * A panel without all four regions (a user's subset) gets "n/a" for the claims that compare regions.
 */
export function regionalClaims(summary: RegionalSummary, paper: PaperResults): ColumnTable {
  const regions = ["east", "central", "northeast", "west"];
  const missing = regions.filter((r) => !summary.groups.includes(r));
  const nYears = summary.years.length;
  const first = (g: string) => summary.byYear[g][0], last = (g: string) => summary.byYear[g][nYears - 1];
  const growth = (g: string) => Math.pow(last(g) / first(g), 1 / nYears) - 1;
  const pp = paper.fi_path;
  const f4 = (x: number) => x.toFixed(4), pc = (x: number) => `${(100 * x).toFixed(2)}%`;
  const order = (value: (g: string) => number) => [...regions].sort((a, b) => value(b) - value(a));
  const listed = (gs: string[], value: (g: string) => number, fmt: (x: number) => string) => gs.map((g) => `${g} ${fmt(value(g))}`).join(" > ");
  const pooled = (g: string) => summary.pooled[g];
  const paperPooled = (g: string) => pp.pooled_means[g], paperGrowth = (g: string) => pp.growth[g];
  const same = (a: string[], b: string[]) => a.join() === b.join();
  const gap = (g: string) => pooled("national") - pooled(g);
  const rows: RegionalClaim[] = [];
  /** `check` gives ours and whether the claim holds; it runs only if the claim's regions are all in the panel. */
  const add = (claim_zh: string, claim_en: string, paperText: string, check: () => [string, boolean], regional = true) => {
    if (regional && missing.length) {
      rows.push({ claim_zh, claim_en, paper: paperText, ours: `not testable: no rows for ${missing.join(", ")}`, holds: "n/a" });
      return;
    }
    const [ours, holds] = check();
    rows.push({ claim_zh, claim_en, paper: paperText, ours, holds: holds ? "yes" : "no" });
  };
  const y0 = summary.years[0], y1 = summary.years[nYears - 1];
  add("全国科产融合均值由2010年的0.2083提升至2022年的0.2736", "the national mean rises from the first to the last year",
    `${f4(pp.national.first)} → ${f4(pp.national.last)}`,
    () => [`${f4(first("national"))} (${y0}) → ${f4(last("national"))} (${y1})`, last("national") > first("national")], false);
  add("年均增速为2.12%", "national average annual growth (paper's rule; holds within 0.25 percentage points)", pc(pp.national.growth),
    () => [pc(growth("national")), Math.abs(growth("national") - pp.national.growth) < 0.0025], false);
  add("四大地区融合均值由高到低: 东部、中部、东北、西部", "pooled means: east > central > northeast > west",
    listed(order(paperPooled), paperPooled, f4), () => [listed(order(pooled), pooled, f4), same(order(pooled), order(paperPooled))]);
  add("融合增速依次为东部、西部、中部和东北地区", "growth: east > west > central > northeast",
    listed(order(paperGrowth), paperGrowth, pc), () => [listed(order(growth), growth, pc), same(order(growth), order(paperGrowth))]);
  const paperAbove = regions.filter((g) => paperPooled(g) > paperPooled("national"));
  add("仅有东部地区和中部地区融合均值高于全国平均水平(0.2346)", "only east and central lie above the national pooled mean",
    `${paperAbove.join(", ")} above ${f4(paperPooled("national"))}`, () => {
      const above = regions.filter((g) => pooled(g) > pooled("national"));
      return [`${above.join(", ") || "none"} above ${f4(pooled("national"))}`, same(above, paperAbove)];
    });
  add("西部地区则差距最大", "the west lies furthest below the national mean",
    `west ${f4(paperPooled("national") - paperPooled("west"))} below`, () => {
      const widest = [...regions].sort((a, b) => gap(b) - gap(a))[0];
      return [`${widest} furthest, ${f4(gap(widest))} below${widest === "west" ? "" : ` (west ${f4(gap("west"))})`}`, widest === "west"];
    });
  add("西部地区融合增速仅次于东部地区", "the west's growth is second only to the east's",
    `west ${pc(paperGrowth("west"))}, east ${pc(paperGrowth("east"))}`, () => {
      const [top, second] = order(growth);
      return [`second: ${second} ${pc(growth(second))}; first: ${top}`, top === "east" && second === "west"];
    });
  add("其融合均值在研究末期更是赶超了东北地区", "the west's yearly mean overtakes the northeast's by the last year (below it in the first)",
    "no number (Figure 1)", () => [`west ${f4(first("west"))} vs northeast ${f4(first("northeast"))} (${y0}); ${f4(last("west"))} vs ${f4(last("northeast"))} (${y1})`,
      first("west") < first("northeast") && last("west") > last("northeast")]);
  add("东北地区融合均值与增速表现均不理想", "the northeast: below the national mean and the slowest growth",
    `${f4(paperPooled("northeast"))}, ${pc(paperGrowth("northeast"))}`, () => [`${f4(pooled("northeast"))}, ${pc(growth("northeast"))} (slowest: ${order(growth)[3]})`,
      pooled("northeast") < pooled("national") && order(growth)[3] === "northeast"]);
  return table({
    claim_zh: rows.map((r) => r.claim_zh), claim_en: rows.map((r) => r.claim_en),
    paper: rows.map((r) => r.paper), ours: rows.map((r) => r.ours), holds: rows.map((r) => r.holds),
  });
}
