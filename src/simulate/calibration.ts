// Simulated vs paper moments (Table 2, the regional FI means and the national FI path of SPEC 4.6 / 7),
// for the notebook's calibration table. The gaps are shown as they are, not tuned away after the fact.
import * as fs from "node:fs";
import type { ColumnTable } from "arquero";
import { dataPath } from "../data/roster";
import { numericColumn } from "../measure";
// One copy of the moments, in the bottom-layer stats module (re-exported for simulate/index.ts).
import { moments } from "../numeric/stats";
export { moments };

export interface Moments { mean: number; sd: number; min: number; max: number }
export interface PaperTargets {
  /** Table 2: column -> moments. */
  table2: Record<string, Moments>;
  /** Pooled FI mean by region (east, central, northeast, west). */
  regions: Record<string, number>;
  /** National FI mean by year (at least 2010 and 2022). */
  national: Record<string, number>;
}
/** gap = simulated - paper; gap_pct = the gap in percent of the paper's value (null where the paper's is 0). */
export interface CalibrationRow { column: string; stat: string; simulated: number; paper: number; gap: number; gap_pct: number | null }

/** The paper's targets from data/paper-results.json (written by the tables module), or undefined if absent. */
export function readPaperTargets(file: string = dataPath("paper-results.json")): PaperTargets | undefined {
  if (!fs.existsSync(file)) return undefined;
  return toTargets(JSON.parse(fs.readFileSync(file, "utf8")) as PaperResultsFile);
}

interface PaperResultsFile {
  table2: { columns: string[]; rows: unknown[][] };
  fi_path: { national: { first_year: number; first: number; last_year: number; last: number }; pooled_means: Record<string, number> };
}

function toTargets(doc: PaperResultsFile): PaperTargets {
  const col = (name: string): number => {
    const j = doc.table2.columns.indexOf(name);
    if (j < 0) throw new Error(`paper-results.json: table2 has no column ${name}`);
    return j;
  };
  const [v, mean, sd, min, max] = ["variable", "mean", "sd", "min", "max"].map(col);
  const table2: Record<string, Moments> = {};
  for (const r of doc.table2.rows) table2[String(r[v])] = { mean: Number(r[mean]), sd: Number(r[sd]), min: Number(r[min]), max: Number(r[max]) };
  const { national: n, pooled_means: pm } = doc.fi_path;
  const regions: Record<string, number> = {};
  for (const r of ["east", "central", "northeast", "west"]) regions[r] = pm[r];
  return { table2, regions, national: { [n.first_year]: n.first, [n.last_year]: n.last } };
}

function groupMean(fi: Float64Array, key: ArrayLike<unknown>, value: unknown): number {
  let s = 0, n = 0;
  for (let i = 0; i < fi.length; i++) if (String(key[i]) === String(value)) { s += fi[i]; n++; }
  return n ? s / n : NaN;
}

/** One row per (column, statistic): simulated value, paper value, and the gap in percent of the paper's. */
export function calibrationTable(panel: ColumnTable, targets: PaperTargets | undefined = readPaperTargets()): CalibrationRow[] {
  if (!targets) throw new Error("calibrationTable: no paper targets given and data/paper-results.json not found");
  const rows: CalibrationRow[] = [];
  const add = (column: string, stat: string, simulated: number, paper: number): void => {
    rows.push({ column, stat, simulated, paper, gap: simulated - paper, gap_pct: paper === 0 ? null : (100 * (simulated - paper)) / Math.abs(paper) });
  };
  for (const [col, target] of Object.entries(targets.table2)) {
    const m = moments(numericColumn(panel, col));
    for (const stat of ["mean", "sd", "min", "max"] as const) add(col, stat, m[stat], target[stat]);
  }
  const fi = numericColumn(panel, "FI");
  const region = panel.array("region") as ArrayLike<unknown>;
  for (const [r, v] of Object.entries(targets.regions)) add("FI", `mean ${r}`, groupMean(fi, region, r), v);
  const year = panel.array("year") as ArrayLike<unknown>;
  for (const [y, v] of Object.entries(targets.national)) add("FI", `mean ${y}`, groupMean(fi, year, y), v);
  return rows;
}
