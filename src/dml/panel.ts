// The static panel approaches of Clarke and Polselli (2025) as DoubleML's DoubleMLPLPR implements
// them (SPEC section 12). Given the rows a model will see (one per unit-period), it returns the
// transformed outcome, treatment(s) and controls, the unit of every remaining row and, for the CRE
// approaches, each treatment's unit mean (used on m_hat in plr.ts):
//   "within" (wg_approx): y, d, x each minus its unit mean plus its grand mean;
//   "fd" (fd_exact): y, d first-differenced over consecutive periods of the grid of all observed
//        periods, X = (x_t, x_{t-1}); a row whose unit lacks the previous period is dropped;
//   "cre" (cre_general) and "cre-normal" (cre_normal): y, d as they are, X = (x, unit means of x).
// As in DoubleML, units with a single row are dropped first (they carry no within-unit information).
import { InputError } from "../errors";
import { take } from "../numeric/matrix";
import { mean } from "./solve";

export type PanelApproach = "dummies" | "within" | "fd" | "cre" | "cre-normal";
export const PANEL_APPROACHES: readonly PanelApproach[] = ["dummies", "within", "fd", "cre", "cre-normal"];

export interface Column {
  name: string;
  v: Float64Array;
}

export interface PanelInput {
  /** Raw unit id per row (numbers or strings, as in the table). */
  unit: readonly unknown[];
  /** Period per row (numeric). */
  time: Float64Array;
  y: Float64Array;
  d: Float64Array[];
  cols: Column[];
}

export interface PanelOutput {
  /** For each output row, the input row it belongs to (for fd: the later row of the pair). */
  rows: number[];
  y: Float64Array;
  d: Float64Array[];
  cols: Column[];
  /** Unit per output row, coded 0..nUnits-1 in sorted order of the unit ids (as numpy's unique). */
  unit: Int32Array;
  nUnits: number;
  /** CRE approaches: per treatment, its unit mean on every output row. */
  dMean?: Float64Array[];
  /** What was dropped and why (for the result and the notebook banner). */
  notes: string[];
}

export function panelTransform(approach: Exclude<PanelApproach, "dummies">, inp: PanelInput): PanelOutput {
  const notes: string[] = [];
  // Units with one row are dropped (DoubleML does the same, with a warning).
  const count = new Map<unknown, number>();
  for (const u of inp.unit) count.set(u, (count.get(u) ?? 0) + 1);
  let rows = inp.unit.map((_, i) => i).filter((i) => count.get(inp.unit[i])! > 1);
  const single = [...count.values()].filter((c) => c === 1).length;
  if (single) notes.push(`panel ${approach}: ${single} unit(s) with a single row dropped`);
  if (rows.length === 0) throw new InputError(`panel ${approach}: no unit has more than one row`);

  const pick = (v: Float64Array, at: readonly number[] = rows) => take(v, at);
  let y: Float64Array, d: Float64Array[], cols: Column[], dMean: Float64Array[] | undefined;

  if (approach === "fd") {
    // Consecutive means adjacent on the sorted grid of all periods in the data (DoubleML reindexes
    // every unit to that grid); a pair needs both the period and the one before it.
    const grid = [...new Set(rows.map((i) => inp.time[i]))].sort((a, b) => a - b);
    const prevPeriod = new Map(grid.slice(1).map((t, k) => [t, grid[k]]));
    const at = new Map(rows.map((i) => [`${String(inp.unit[i])}|${inp.time[i]}`, i]));
    const later: number[] = [], earlier: number[] = [];
    let gaps = 0;
    for (const i of rows) {
      const tp = prevPeriod.get(inp.time[i]);
      if (tp === undefined) continue; // the grid's first period
      const p = at.get(`${String(inp.unit[i])}|${tp}`);
      if (p === undefined) { gaps++; continue; }
      later.push(i); earlier.push(p);
    }
    if (gaps) notes.push(`panel fd: ${gaps} row(s) dropped because their unit has no row in the previous period`);
    if (later.length === 0) throw new InputError("panel fd: no unit has two consecutive periods in the data");
    const diff = (v: Float64Array) => Float64Array.from(later, (b, k) => v[b] - v[earlier[k]]);
    y = diff(inp.y);
    d = inp.d.map(diff);
    cols = [...inp.cols.map((c) => ({ name: c.name, v: pick(c.v, later) })), ...inp.cols.map((c) => ({ name: `${c.name}_lag`, v: pick(c.v, earlier) }))];
    rows = later;
  } else {
    const g = codes(rows.map((i) => inp.unit[i]));
    if (approach === "within") {
      const within = (v: Float64Array) => {
        const x = pick(v), m = unitMeans(x, g), grand = mean(x);
        return x.map((a, k) => a - m[k] + grand);
      };
      y = within(inp.y);
      d = inp.d.map(within);
      cols = inp.cols.map((c) => ({ name: c.name, v: within(c.v) }));
    } else {
      y = pick(inp.y);
      d = inp.d.map((v) => pick(v));
      const x = inp.cols.map((c) => ({ name: c.name, v: pick(c.v) }));
      cols = [...x, ...x.map((c) => ({ name: `${c.name}_mean`, v: unitMeans(c.v, g) }))];
      dMean = d.map((v) => unitMeans(v, g));
    }
  }
  const unit = codes(rows.map((i) => inp.unit[i]));
  return { rows, y, d, cols, unit: unit.id, nUnits: unit.size, dMean, notes };
}

/** Codes 0..size-1 for the distinct keys, in sorted order (numbers numerically, else as strings). */
export function codes(keys: readonly unknown[]): { id: Int32Array; size: number } {
  const levels = [...new Set(keys)].sort(compareKeys);
  const index = new Map(levels.map((k, j) => [k, j]));
  return { id: Int32Array.from(keys, (k) => index.get(k)!), size: levels.length };
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const s = String(a), t = String(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

/** Each row's unit mean of v. */
export function unitMeans(v: ArrayLike<number>, g: { id: Int32Array; size: number }): Float64Array {
  const sum = new Float64Array(g.size), cnt = new Float64Array(g.size), n = g.id.length;
  for (let i = 0; i < n; i++) { sum[g.id[i]] += v[i]; cnt[g.id[i]]++; }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = sum[g.id[i]] / cnt[g.id[i]];
  return out;
}
