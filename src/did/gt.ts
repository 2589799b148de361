// Group-time cells of a staggered DiD (Callaway and Sant'Anna 2021), as DoubleMLDIDMulti builds them:
// the "standard" (g, pre, eval) combinations, and for each one the wide data of the 2x2 comparison
// (units of group g and the control units, Y = change from pre to eval, X at the earlier period).
import { InputError } from "../errors";
import type { DidPanel } from "./panel";

export type ControlGroup = "never" | "notyet";

export interface GtCombination {
  group: number;
  pre: number;
  eval: number;
}

/**
 * DoubleML's "standard" setting. For group g with at least anticipation + 1 periods before it, let
 * b = the (anticipation + 1)-th last period before g; every period from index anticipation + 1 on is
 * evaluated, against the period anticipation + 1 places earlier, but never a later base than b. So
 * t >= g uses base b (g - 1 - anticipation with consecutive periods), earlier t use t - 1 - anticipation.
 * Groups with too few periods before them (always treated) get no combination.
 */
export function standardCombinations(periods: readonly number[], groups: readonly number[], anticipation: number): GtCombination[] {
  const out: GtCombination[] = [];
  const lead = anticipation + 1;
  for (const g of groups) {
    const before = periods.filter((t) => t < g);
    if (before.length <= anticipation) continue;
    const base = before[before.length - lead];
    for (let j = lead; j < periods.length; j++) out.push({ group: g, pre: Math.min(periods[j - lead], base), eval: periods[j] });
  }
  return out;
}

/** The wide data of one cell: subset units (indices into the panel's units), treated indicator, Y change, X. */
export interface GtCell {
  units: Int32Array;
  d: Float64Array;
  dy: Float64Array;
  /** x[j][k]: covariate j of the k-th cell unit, at the earlier of the two periods. */
  x: Float64Array[];
  nTreated: number;
}

export function isControl(g: number, cell: GtCombination, periods: readonly number[], control: ControlGroup, anticipation: number): boolean {
  if (g === 0) return true;
  if (control === "never" || g === cell.group) return false;
  // Not yet treated: first treated after max(eval, g) shifted by the anticipation periods.
  const k = periods.indexOf(Math.max(cell.eval, cell.group));
  return g > periods[Math.min(k + anticipation, periods.length - 1)];
}

export function cellData(panel: DidPanel, cell: GtCombination, control: ControlGroup, anticipation: number): GtCell {
  const T = panel.periods.length;
  const tPre = panel.periods.indexOf(cell.pre), tEval = panel.periods.indexOf(cell.eval);
  const tX = Math.min(tPre, tEval);
  const units: number[] = [];
  let nTreated = 0;
  panel.group.forEach((g, u) => {
    if (g === cell.group) { units.push(u); nTreated++; }
    else if (isControl(g, cell, panel.periods, control, anticipation)) units.push(u);
  });
  if (nTreated === units.length) {
    throw new InputError(`group ${cell.group}, period ${cell.eval} (base ${cell.pre}): no control units under --control ${control}${control === "never" ? " (no unit has group 0)" : ""}`);
  }
  const idx = Int32Array.from(units);
  return {
    units: idx,
    d: Float64Array.from(idx, (u) => (panel.group[u] === cell.group ? 1 : 0)),
    dy: Float64Array.from(idx, (u) => panel.y[u * T + tEval] - panel.y[u * T + tPre]),
    x: panel.x.map((col) => Float64Array.from(idx, (u) => col[u * T + tX])),
    nTreated,
  };
}
