// Notebook 01 (indicator construction): the sample, the policy calendars, Table 1 as a data dictionary
// and Table 2's descriptive statistics beside the paper's. Each function returns an arquero table the
// notebook prints with htmlTable and saves with saveFrame.
import * as fs from "node:fs";
import { table, toCSV, type ColumnTable } from "arquero";
import { InputError } from "../errors";
import { moments, type Moments } from "../numeric/stats";
import { FLAG_COLUMNS, REGIONS, POLICY_NAMES, dataPath, designationMap, loadRosterExclusions, type PolicyCalendar } from "../data";
import { numericColumn, type Indicator, type Panel } from "../measure";
import { htmlTable, type HtmlTableOptions, type PaperResults } from "../tables";
import type { ResultsWriter } from "../report";
import { histogram, type FigureSpec, type Trace } from "../figures";

/** Save any arquero table under results/tables/ as CSV, JSON (row objects) and HTML. */
export function saveFrame(out: ResultsWriter, name: string, t: ColumnTable, opts: HtmlTableOptions = {}): void {
  out.saveTable(name, { csv: toCSV(t), json: t.objects(), html: htmlTable(t, opts), title: opts.caption ?? name });
}

/** Cities and flag counts per NBS region (east, central, west, northeast), then a total row. */
export function rosterByRegion(roster: ColumnTable): ColumnTable {
  const region = roster.array("region") as ArrayLike<string>;
  const flags = FLAG_COLUMNS.map((f) => numericColumn(roster, f));
  const groups = [...REGIONS, "total"];
  const rows = groups.map((g) => {
    const inGroup = (i: number) => g === "total" || region[i] === g;
    const row: Record<string, string | number> = { region: g, cities: 0 };
    FLAG_COLUMNS.forEach((f) => (row[f] = 0));
    for (let i = 0; i < region.length; i++) {
      if (!inGroup(i)) continue;
      (row.cities as number)++;
      FLAG_COLUMNS.forEach((f, k) => ((row[f] as number) += flags[k][i]));
    }
    return row;
  });
  return table(Object.fromEntries(["region", "cities", ...FLAG_COLUMNS].map((c) => [c, rows.map((r) => r[c])])));
}

/** The prefecture-level cities left out of the roster and why (the list scripts/build-roster.ts applies). */
export function rosterExclusions(file?: string): ColumnTable {
  const list = loadRosterExclusions(file);
  return table({ city: list.map((e) => e.city), reason: list.map((e) => e.reason) });
}

/** One row per policy batch: coded year, roster cities it covers, whether complete, and its source. */
export function policyCalendarTable(cal: PolicyCalendar): ColumnTable {
  const cols: Record<string, (string | number)[]> = { policy: [], batch: [], year: [], cities: [], complete: [], source: [] };
  for (const name of POLICY_NAMES) {
    for (const b of cal.policies[name].batches) {
      const s = b.source;
      cols.policy.push(name);
      cols.batch.push(b.id);
      cols.year.push(b.year);
      cols.cities.push(b.members.length);
      cols.complete.push(b.complete === false ? "no" : "yes");
      cols.source.push([s.agency, s.title, s.doc_no && s.doc_no !== "not verified" ? s.doc_no : "", s.date].filter(Boolean).join(", "));
    }
  }
  return table(cols);
}

/**
 * Treated city-years and share of every policy column in the panel; for Bigdata also the paper's
 * Table 2 mean and the gap (the other policies are not in the paper's Table 2).
 */
export function treatedShares(panel: Panel, paper: PaperResults): ColumnTable {
  const paperMean = paperTable2(paper);
  const cols: Record<string, (string | number | null)[]> = { policy: [], treated: [], n: [], share: [], paper_share: [], gap: [] };
  for (const name of POLICY_NAMES) {
    const x = numericColumn(panel, name);
    const treated = x.reduce((s, v) => s + v, 0);
    const p = paperMean.get(name)?.mean ?? null;
    cols.policy.push(name);
    cols.treated.push(treated);
    cols.n.push(x.length);
    cols.share.push(treated / x.length);
    cols.paper_share.push(p);
    cols.gap.push(p === null ? null : treated / x.length - p);
  }
  return table(cols);
}

/**
 * The Bigdata dummy over `codes` x `years` under the calendar as coded and, for every batch with an
 * alternative_year, under that year instead: treated city-years, mean, sd (n - 1), beside the paper's Table 2.
 */
export function bigdataCodings(cal: PolicyCalendar, codes: readonly string[], years: readonly number[], paper: PaperResults): ColumnTable {
  const target = paperTable2(paper).get("Bigdata");
  const batches = cal.policies.Bigdata.batches;
  const byYear = new Map<number, string[]>();
  for (const b of batches) byYear.set(b.year, [...(byYear.get(b.year) ?? []), b.id]);
  const coded = [...byYear].sort((a, b) => a[0] - b[0]).map(([y, ids]) => `${y} ${ids.length <= 2 ? ids.join(", ") : `${ids.length} batches`}`);
  const codings: { label: string; cal: PolicyCalendar }[] = [{ label: `as coded: ${coded.join("; ")}`, cal }];
  for (const b of batches) {
    if (b.alternative_year === undefined) continue;
    const alt = batches.map((x) => (x === b ? { ...x, year: b.alternative_year! } : x));
    codings.push({ label: `${b.id} in ${b.alternative_year} instead of ${b.year}`, cal: { ...cal, policies: { ...cal.policies, Bigdata: { ...cal.policies.Bigdata, batches: alt } } } });
  }
  const rows = codings.map(({ label, cal: c }) => {
    const first = designationMap(c, "Bigdata");
    const d: number[] = [];
    for (const code of codes) for (const y of years) { const y0 = first.get(code); d.push(y0 !== undefined && y >= y0 ? 1 : 0); }
    const m = moments(d, "Bigdata");
    return { coding: label, treated: d.reduce((a, v) => a + v, 0), n: m.n, mean: m.mean, sd: m.sd };
  });
  return table({
    coding: rows.map((r) => r.coding), treated: rows.map((r) => r.treated), n: rows.map((r) => r.n),
    mean: rows.map((r) => r.mean), sd: rows.map((r) => r.sd),
    paper_mean: rows.map(() => target?.mean ?? null), paper_sd: rows.map(() => target?.sd ?? null),
    gap_mean: rows.map((r) => (target ? r.mean - target.mean : null)), gap_sd: rows.map((r) => (target ? r.sd - target.sd : null)),
  });
}

/** Table 1's third level (三级指标), read from data/indicators.json beside the fields the loader types. */
type Table1Entry = Indicator & { item_zh?: string; item_en?: string };

/**
 * Table 1 as a data dictionary, in the paper's three levels: system (一级), dimension (二级), item (三级),
 * the measure (说明, zh and en), the panel column, then the two fields the paper does not state and the
 * project supplies (data/indicators.json "provenance"): the direction and the suggested source.
 */
export function indicatorDictionary(spec: readonly Indicator[]): ColumnTable {
  const sys = (s: string) => (s === "S" ? "S: sci-tech innovation (Y1)" : "I: industrial innovation (Y2)");
  const e = spec as readonly Table1Entry[];
  return table({
    system: e.map((i) => sys(i.system)),
    dimension: e.map((i) => [i.dimension_zh, i.dimension_en].filter(Boolean).join(" ")),
    item: e.map((i) => [i.item_zh, i.item_en].filter(Boolean).join(" ")),
    indicator_zh: e.map((i) => i.label_zh),
    indicator_en: e.map((i) => i.label_en),
    column: e.map((i) => i.column),
    direction: e.map((i) => (i.direction === 1 ? "+" : "-")),
    source: e.map((i) => i.source),
  });
}

/** Which fields of an indicator file Table 1 states and which are the project's reading (its "provenance" object). */
export function indicatorProvenance(file: string = dataPath("indicators.json")): ColumnTable {
  const doc = JSON.parse(fs.readFileSync(file, "utf8")) as { provenance?: { paper_states?: string[]; project_reading?: string[] } };
  const p = doc.provenance;
  if (!p || !Array.isArray(p.paper_states) || !Array.isArray(p.project_reading)) throw new InputError(`${file}: no provenance with paper_states and project_reading lists`);
  return table({
    status: [...p.paper_states.map(() => "stated by the paper (Table 1)"), ...p.project_reading.map(() => "the project's reading")],
    field: [...p.paper_states, ...p.project_reading],
  });
}

// Moved to the bottom-layer stats module; re-exported so stii.replication.moments keeps working.
export { moments, type Moments } from "../numeric/stats";

/** Sample skewness (the moment coefficient m3 / m2^1.5): how far a distribution leans to a long right tail. */
export function skewness(x: ArrayLike<number>): number {
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] / n;
  let m2 = 0, m3 = 0;
  for (let i = 0; i < n; i++) { const d = x[i] - mean; m2 += d * d / n; m3 += d * d * d / n; }
  if (!(m2 > 0)) throw new InputError(`skewness: needs a non-constant series of finite values`);
  return m3 / Math.pow(m2, 1.5);
}

/** Descriptive statistics (variable, N, mean, sd, min, max) of the given panel columns. */
export function describe(panel: Panel, columns: readonly string[]): ColumnTable {
  const m = columns.map((c) => moments(numericColumn(panel, c), c));
  return table({
    variable: [...columns],
    n: m.map((r) => r.n), mean: m.map((r) => r.mean), sd: m.map((r) => r.sd), min: m.map((r) => r.min), max: m.map((r) => r.max),
  });
}

function paperTable2(paper: PaperResults): Map<string, Moments & { label_en: string }> {
  const { columns, rows } = paper.table2;
  const at = (r: (string | number)[], c: string) => r[columns.indexOf(c)];
  return new Map(rows.map((r) => [String(at(r, "variable")), {
    label_en: String(at(r, "label_en")),
    n: Number(at(r, "n")), mean: Number(at(r, "mean")), sd: Number(at(r, "sd")), min: Number(at(r, "min")), max: Number(at(r, "max")),
  }]));
}

/**
 * Table 2: the panel's moments of every variable of the paper's Table 2, the paper's beside them, and the
 * gaps of mean and sd (ours - paper, and in percent of the paper's value).
 */
export function table2Comparison(panel: Panel, paper: PaperResults): ColumnTable {
  const targets = paperTable2(paper);
  const vars = [...targets.keys()];
  const ours = describe(panel, vars).objects() as unknown as (Moments & { variable: string })[];
  const pct = (a: number, b: number) => (b === 0 ? null : (100 * (a - b)) / Math.abs(b));
  return table({
    variable: vars,
    label: vars.map((v) => targets.get(v)!.label_en),
    n: ours.map((o) => o.n), mean: ours.map((o) => o.mean), sd: ours.map((o) => o.sd), min: ours.map((o) => o.min), max: ours.map((o) => o.max),
    paper_n: vars.map((v) => targets.get(v)!.n),
    paper_mean: vars.map((v) => targets.get(v)!.mean),
    paper_sd: vars.map((v) => targets.get(v)!.sd),
    paper_min: vars.map((v) => targets.get(v)!.min),
    paper_max: vars.map((v) => targets.get(v)!.max),
    gap_mean_pct: vars.map((v, k) => pct(ours[k].mean, targets.get(v)!.mean)),
    gap_sd_pct: vars.map((v, k) => pct(ours[k].sd, targets.get(v)!.sd)),
  });
}

/**
 * Several histograms in one figure, a grid of `columns` panels each with its own axes (Plotly subplots),
 * so a notebook renders one image instead of one per distribution.
 */
export function histogramGrid(panels: { title: string; xTitle: string; values: number[] }[], columns = 2, bins = 40): FigureSpec {
  if (panels.length === 0) throw new Error("histogramGrid: no panels");
  const rows = Math.ceil(panels.length / columns);
  const data: Trace[] = [];
  const layout: Record<string, any> = {
    grid: { rows, columns, pattern: "independent", ygap: 0.35 }, showlegend: false, bargap: 0, width: 760, height: 60 + 250 * rows,
    margin: { l: 60, r: 20, t: 40, b: 50 }, font: { family: "Arial, sans-serif", size: 12 }, plot_bgcolor: "#ffffff", paper_bgcolor: "#ffffff",
    annotations: [] as unknown[],
  };
  panels.forEach((p, k) => {
    const one = histogram({ values: p.values, xTitle: p.xTitle, yTitle: k % columns === 0 ? "count" : undefined, bins });
    const ax = k === 0 ? "" : String(k + 1);
    data.push({ ...one.data[0], name: p.title, xaxis: `x${ax}`, yaxis: `y${ax}` });
    layout[`xaxis${ax}`] = one.layout.xaxis;
    layout[`yaxis${ax}`] = one.layout.yaxis;
    layout.annotations.push({ text: p.title, xref: `x${ax} domain`, yref: `y${ax} domain`, x: 0.5, y: 1, yanchor: "bottom", showarrow: false, font: { size: 13 } });
  });
  return { data, layout };
}
