// The panel a staggered-adoption DiD works on: one row per unit and period, reshaped to unit x period
// arrays after the checks that make group-time effects well defined (balanced panel, one group per unit,
// groups that are periods of the panel or 0 = never treated, a fold column constant within a unit).
// The group comes from a group column, or is read off a 0/1 treatment that switches on and stays on.
// Unit ids may be numbers or text (firm-01, a county name); periods and every other column are numeric.
import { InputError } from "../errors";

/** Named numeric columns, all of one length (row i of the input is entry i of each); the id column may hold text. */
export type Columns = Record<string, ArrayLike<number | string>>;

export interface PanelSpec {
  y: string;
  id: string;
  time: string;
  /** First treated period per unit, 0 = never treated. Give this or `treatment`. */
  group?: string;
  /** A 0/1 treatment that switches on in a unit's first treated period and stays on; the group is read off it. */
  treatment?: string;
  x: readonly string[];
  foldColumn?: string;
  /** How row i is named in messages (default "row i+1"); the CLI passes the file line. */
  rowLabel?: (i: number) => string;
}

export interface DidPanel {
  /** Sorted unit ids (numbers numerically, text in code-point order) and sorted periods. */
  ids: (number | string)[];
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
  if ((spec.group === undefined) === (spec.treatment === undefined)) throw new InputError("give exactly one of group (first treated period) and treatment (a 0/1 column)");
  const gName = (spec.group ?? spec.treatment)!;
  const names = [spec.id, spec.time, gName, spec.y, ...spec.x, ...(spec.foldColumn ? [spec.foldColumn] : [])];
  const dup = names.find((c, i) => names.indexOf(c) !== i);
  if (dup !== undefined) throw new InputError(`column ${dup} is named twice (id, time, group or treatment, y, x and fold column must differ)`);
  const n = checkNamedColumns(data, names.slice(1), label);
  const idCol = data[spec.id];
  if (idCol === undefined) throw new InputError(`column ${spec.id} not found`);
  if (idCol.length !== n) throw new InputError(`column ${spec.id} has ${idCol.length} rows, expected ${n}`);
  for (let i = 0; i < n; i++) {
    const v = idCol[i];
    if (typeof v === "number" ? !Number.isFinite(v) : typeof v !== "string" || v.trim() === "") throw new InputError(`column ${spec.id}, ${label(i)}: missing unit id (${String(v)})`);
  }
  const num = (c: string) => data[c] as ArrayLike<number>;
  const tCol = num(spec.time), gCol = num(gName), yCol = num(spec.y);

  const ids = [...new Set(Array.from(idCol))].sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
  const periods = [...new Set(Array.from(tCol))].sort((a, b) => a - b);
  const U = ids.length, T = periods.length;
  if (T < 2) throw new InputError(`column ${spec.time}: needs at least 2 periods, has ${T}`);
  const unitOf = new Map<number | string, number>(ids.map((v, u) => [v, u]));
  const periodOf = new Map<number, number>(periods.map((v, t) => [v, t]));

  const rowAt = new Int32Array(U * T).fill(-1);
  const foldValue = new Float64Array(U).fill(NaN);
  const foldRow = new Int32Array(U);
  const foldCol = spec.foldColumn ? num(spec.foldColumn) : undefined;
  for (let i = 0; i < n; i++) {
    const u = unitOf.get(idCol[i])!, t = periodOf.get(tCol[i])!;
    const cell = u * T + t;
    if (rowAt[cell] >= 0) throw new InputError(`${label(i)}: unit ${idCol[i]} appears twice in period ${tCol[i]} (also ${label(rowAt[cell])})`);
    rowAt[cell] = i;
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
  const group = spec.group !== undefined ? groupColumn(gCol, spec.group, rowAt, idCol, ids, periodOf, label) : groupFromTreatment(gCol, gName, rowAt, ids, periods, label);
  const gather = (col: ArrayLike<number>) => Float64Array.from(rowAt, (i) => col[i]);
  const panel: DidPanel = { ids, periods, group, y: gather(yCol), x: spec.x.map((c) => gather(num(c))) };
  if (foldCol) {
    const levels = [...new Set(Array.from(foldValue))].sort((a, b) => a - b);
    if (levels.length < 2) throw new InputError(`fold column ${spec.foldColumn}: needs at least 2 distinct values, has ${levels.length}`);
    const index = new Map(levels.map((v, j) => [v, j]));
    panel.fold = Int32Array.from(foldValue, (v) => index.get(v)!);
    panel.foldK = levels.length;
  }
  return panel;
}

/** Per unit, its group column's value: a period of the panel or 0, the same in every row. */
function groupColumn(gCol: ArrayLike<number>, name: string, rowAt: Int32Array, idCol: ArrayLike<number | string>, ids: (number | string)[],
  periodOf: Map<number, number>, label: (i: number) => string): Float64Array {
  const T = periodOf.size;
  return Float64Array.from(ids, (_, u) => {
    const first = rowAt[u * T], g = gCol[first];
    for (let t = 0; t < T; t++) {
      const i = rowAt[u * T + t];
      if (gCol[i] !== 0 && !periodOf.has(gCol[i])) throw new InputError(`column ${name}, ${label(i)}: group ${gCol[i]} is neither a period of the panel nor 0 (never treated)`);
      if (gCol[i] !== g) throw new InputError(`column ${name}: unit ${idCol[i]} has group ${g} in ${label(first)} but ${gCol[i]} in ${label(i)} (the group must not change over time)`);
    }
    return g;
  });
}

/** Per unit, the first period its 0/1 treatment is 1 (0 = never); a treatment that switches off again is refused. */
function groupFromTreatment(dCol: ArrayLike<number>, name: string, rowAt: Int32Array, ids: (number | string)[], periods: number[],
  label: (i: number) => string): Float64Array {
  const T = periods.length;
  return Float64Array.from(ids, (id, u) => {
    let g = 0;
    for (let t = 0; t < T; t++) {
      const i = rowAt[u * T + t], d = dCol[i];
      if (d !== 0 && d !== 1) throw new InputError(`column ${name}, ${label(i)}: treatment must be 0 or 1, got ${d}`);
      if (d === 1 && g === 0) g = periods[t];
      else if (d === 0 && g !== 0) throw new InputError(`column ${name}: unit ${id} is treated from ${g} but 0 again in ${label(i)} (staggered adoption needs a treatment that stays on)`);
    }
    return g;
  });
}
