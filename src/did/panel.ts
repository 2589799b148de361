// The panel a staggered-adoption DiD works on: one row per unit and period, reshaped to unit x period
// arrays after the checks that make group-time effects well defined (balanced panel, one group per unit,
// groups that are periods of the panel or 0 = never treated, a fold column constant within a unit).
import { InputError } from "../errors";

/** Named numeric columns, all of one length (row i of the input is entry i of each). */
export type Columns = Record<string, ArrayLike<number>>;

export interface PanelSpec {
  y: string;
  id: string;
  time: string;
  group: string;
  x: readonly string[];
  foldColumn?: string;
  /** How row i is named in messages (default "row i+1"); the CLI passes the file line. */
  rowLabel?: (i: number) => string;
}

export interface DidPanel {
  /** Sorted unit ids and sorted periods. */
  ids: Float64Array;
  periods: number[];
  /** Per unit: first treated period, 0 = never treated. */
  group: Float64Array;
  /** y[u * T + t] is unit u's outcome in periods[t]; x[j] laid out the same way. */
  y: Float64Array;
  x: Float64Array[];
  /** Per unit, when a fold column is given: its fold 0..K-1 (sorted distinct values) and K. */
  fold?: Int32Array;
  foldK?: number;
}

/** Throw on the first missing, non-numeric or non-finite value in the named columns. */
export function checkNamedColumns(data: Columns, names: readonly string[], rowLabel: (i: number) => string): number {
  let n = -1;
  for (const name of names) {
    const col = data[name];
    if (col === undefined) throw new InputError(`column ${name} not found`);
    if (n < 0) n = col.length;
    else if (col.length !== n) throw new InputError(`column ${name} has ${col.length} rows, expected ${n}`);
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (typeof v !== "number" || !Number.isFinite(v)) throw new InputError(`column ${name}, ${rowLabel(i)}: missing or non-numeric value (${String(v)})`);
    }
  }
  if (n === 0) throw new InputError("the panel has no rows");
  return n;
}

export function buildPanel(data: Columns, spec: PanelSpec): DidPanel {
  const label = spec.rowLabel ?? ((i: number) => `row ${i + 1}`);
  const names = [spec.id, spec.time, spec.group, spec.y, ...spec.x, ...(spec.foldColumn ? [spec.foldColumn] : [])];
  const dup = names.find((c, i) => names.indexOf(c) !== i);
  if (dup !== undefined) throw new InputError(`column ${dup} is named twice (id, time, group, y, x and fold column must differ)`);
  const n = checkNamedColumns(data, names, label);
  const idCol = data[spec.id], tCol = data[spec.time], gCol = data[spec.group], yCol = data[spec.y];

  const ids = Float64Array.from(new Set(Array.from(idCol))).sort();
  const periods = [...new Set(Array.from(tCol))].sort((a, b) => a - b);
  const U = ids.length, T = periods.length;
  if (T < 2) throw new InputError(`column ${spec.time}: needs at least 2 periods, has ${T}`);
  const unitOf = new Map<number, number>(Array.from(ids, (v, u) => [v, u]));
  const periodOf = new Map<number, number>(periods.map((v, t) => [v, t]));

  const rowAt = new Int32Array(U * T).fill(-1);
  const group = new Float64Array(U).fill(NaN);
  const groupRow = new Int32Array(U);
  const foldValue = new Float64Array(U).fill(NaN);
  const foldRow = new Int32Array(U);
  const foldCol = spec.foldColumn ? data[spec.foldColumn] : undefined;
  for (let i = 0; i < n; i++) {
    const u = unitOf.get(idCol[i])!, t = periodOf.get(tCol[i])!;
    const cell = u * T + t;
    if (rowAt[cell] >= 0) throw new InputError(`${label(i)}: unit ${idCol[i]} appears twice in period ${tCol[i]} (also ${label(rowAt[cell])})`);
    rowAt[cell] = i;
    const g = gCol[i];
    if (g !== 0 && !periodOf.has(g)) throw new InputError(`column ${spec.group}, ${label(i)}: group ${g} is neither a period of the panel nor 0 (never treated)`);
    if (Number.isNaN(group[u])) { group[u] = g; groupRow[u] = i; }
    else if (group[u] !== g) throw new InputError(`column ${spec.group}: unit ${idCol[i]} has group ${group[u]} in ${label(groupRow[u])} but ${g} in ${label(i)} (the group must not change over time)`);
    if (foldCol) {
      const f = foldCol[i];
      if (Number.isNaN(foldValue[u])) { foldValue[u] = f; foldRow[u] = i; }
      else if (foldValue[u] !== f) throw new InputError(`fold column ${spec.foldColumn}: unit ${idCol[i]} is in fold ${foldValue[u]} in ${label(foldRow[u])} but ${f} in ${label(i)} (folds must not split a unit)`);
    }
  }
  // Unbalanced panels are refused: DoubleML's group-size weights assume every unit in every period.
  for (let cell = 0; cell < U * T; cell++) {
    if (rowAt[cell] < 0) {
      const u = Math.floor(cell / T), t = cell % T;
      throw new InputError(`unbalanced panel: unit ${ids[u]} has no row for period ${periods[t]} (stii did needs every unit observed in every period)`);
    }
  }
  const gather = (col: ArrayLike<number>) => Float64Array.from(rowAt, (i) => col[i]);
  const panel: DidPanel = { ids, periods, group, y: gather(yCol), x: spec.x.map((c) => gather(data[c])) };
  if (foldCol) {
    const levels = [...new Set(Array.from(foldValue))].sort((a, b) => a - b);
    if (levels.length < 2) throw new InputError(`fold column ${spec.foldColumn}: needs at least 2 distinct values, has ${levels.length}`);
    const index = new Map(levels.map((v, j) => [v, j]));
    panel.fold = Int32Array.from(foldValue, (v) => index.get(v)!);
    panel.foldK = levels.length;
  }
  return panel;
}
