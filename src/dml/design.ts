// Builds what a DML model needs from a panel table: Y, the treatment(s), an instrument, the control
// matrix X (controls, their squares, extra columns, fixed-effect dummies) and the row keys, after an
// optional subset and one of the panel approaches (panel.ts, SPEC section 12):
//   "dummies" (default, the paper's): fixed effects enter X as dummies, one level of each dropped;
//   "within", "fd", "cre", "cre-normal": DoubleML's DoubleMLPLPR transformations by unit.
// Units and periods are the `id` and `time` columns (default city_code and year). A fixed effect is
// a shorthand ("year" = the time column, "city" = the id column, "province-year" = province x time),
// a column name (one dummy per level but the first) or "A:B" (dummies of the interaction).
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";
import { numericColumn } from "../numeric/columns";
import { fromColumns, take, type Matrix } from "../numeric/matrix";
import { codes as unitCodes, panelTransform, PANEL_APPROACHES, type Column, type PanelApproach } from "./panel";
import { parseSubset } from "./subset";

export type { PanelApproach } from "./panel";
/** "year", "city", "province-year", a column name, or "A:B". */
export type FixedEffect = string;
export type Subset = string | ((row: Record<string, unknown>) => boolean);

export interface DesignOptions {
  y: string;
  d: string[];
  x: string[];
  z?: string;
  quadratic?: boolean;
  fe?: FixedEffect[];
  /** Further columns added to X as they are (other policies, a predetermined trend, ...). */
  extra?: string[];
  panel?: PanelApproach;
  subset?: Subset;
  /** Unit and period columns (default city_code and year). */
  id?: string;
  time?: string;
  /** Cluster column for clustered standard errors (panel approaches always cluster by unit). */
  cluster?: string;
  foldColumn?: string;
}

export interface Design {
  n: number;
  y: Float64Array;
  d: Float64Array[];
  z?: Float64Array;
  X: Matrix;
  clusters?: Int32Array;
  foldValues?: Float64Array;
  /** The unit (id column) of each row, coded in sorted order of the ids; absent without an id column. */
  units?: { id: Int32Array; size: number };
  /** Panel approaches other than "dummies": the unit of each row and, for CRE, the treatments' unit means. */
  panel?: {
    approach: Exclude<PanelApproach, "dummies">;
    unit: Int32Array;
    nUnits: number;
    dMean?: Float64Array[];
  };
  /** Rows dropped by the panel transformation, and why. */
  notes: string[];
  /** "city_code=..., year=..." (or "row k") for error messages. */
  rowLabel(i: number): string;
}

const SHORTHANDS = ["year", "city", "province-year"];

/** A fixed effect resolved to its columns and the prefix of its dummy names. */
interface FeSpec { prefix: string; columns: string[] }

function resolveFe(fe: readonly string[], id: string, time: string): FeSpec[] {
  const out: FeSpec[] = [];
  // The shorthands keep their historical order (year, city, province-year), whatever the order given,
  // so that the paper's design matrices stay column for column as they were.
  if (fe.includes("year")) out.push({ prefix: "year", columns: [time] });
  if (fe.includes("city")) out.push({ prefix: "city", columns: [id] });
  if (fe.includes("province-year")) out.push({ prefix: "province-year", columns: ["province", time] });
  for (const f of new Set(fe)) {
    if (SHORTHANDS.includes(f)) continue;
    const parts = f.split(":");
    if (parts.length > 2 || parts.some((p) => p === "")) throw new InputError(`fe "${f}": give a column name or A:B`);
    out.push({ prefix: f, columns: parts });
  }
  return out;
}

export function buildDesign(table: ColumnTable, o: DesignOptions): Design {
  const panel = o.panel ?? "dummies";
  if (!PANEL_APPROACHES.includes(panel)) throw new InputError(`panel must be ${PANEL_APPROACHES.join(", ")}, got "${panel}"`);
  const ID = o.id ?? "city_code", TIME = o.time ?? "year";
  const fe = resolveFe(o.fe ?? [], ID, TIME);
  if (panel !== "dummies" && fe.some((f) => f.columns.length === 1 && f.columns[0] === ID)) {
    throw new InputError(`fe ${ID} (the unit) cannot be combined with panel ${panel}, which already removes unit effects`);
  }
  if (o.d.length === 0) throw new InputError("no treatment column given");

  const names = table.columnNames();
  const has = (c: string) => names.includes(c);
  const need = (c: string, why: string) => { if (!has(c)) throw new InputError(`column ${c} not found (${why})`); };
  const subsetExpr = typeof o.subset === "string" ? parseSubset(o.subset) : undefined;
  need(o.y, "outcome");
  o.d.forEach((c) => need(c, "treatment"));
  o.x.forEach((c) => need(c, "control"));
  (o.extra ?? []).forEach((c) => need(c, "extra control"));
  if (o.z) need(o.z, "instrument");
  if (o.cluster) need(o.cluster, "cluster");
  if (o.foldColumn) need(o.foldColumn, "fold column");
  subsetExpr?.columns.forEach((c) => need(c, "subset"));
  if (o.id !== undefined) need(ID, "id");
  if (o.time !== undefined) need(TIME, "time");
  if (panel !== "dummies") { need(ID, `panel ${panel}: the unit`); need(TIME, `panel ${panel}: the period`); }
  for (const f of fe) for (const c of f.columns) need(c, `fixed effect ${f.prefix}`);

  const nAll = table.numRows();
  const keyed = has(ID) && has(TIME);
  const unitAll = keyed ? table.array(ID) : undefined, timeAll = keyed ? table.array(TIME) : undefined;
  const label = (i: number) => (keyed ? `${ID}=${unitAll![i]}, ${TIME}=${timeAll![i]}` : `row ${i + 1}`);
  const numeric = (c: string) => numericColumn(table, c, label);

  // Subset first, on all rows; the model then sees only the kept rows.
  let keep: number[] = [];
  if (o.subset === undefined) keep = Array.from({ length: nAll }, (_, i) => i);
  else if (subsetExpr) {
    const cols = new Map(subsetExpr.columns.map((c) => [c, numeric(c)]));
    for (let i = 0; i < nAll; i++) if (subsetExpr.test((c) => cols.get(c)![i])) keep.push(i);
  } else {
    const pred = o.subset as (row: Record<string, unknown>) => boolean;
    for (let i = 0; i < nAll; i++) if (pred(table.object(i) as Record<string, unknown>)) keep.push(i);
  }
  if (keep.length === 0) throw new InputError(`subset ${typeof o.subset === "string" ? `"${o.subset}" ` : ""}leaves no rows`);

  if (keyed) {
    const seen = new Set<string>();
    for (const i of keep) {
      const k = `${unitAll![i]}|${timeAll![i]}`;
      if (seen.has(k)) throw new InputError(`duplicate unit-period row (${ID}, ${TIME}): ${label(i)}`);
      seen.add(k);
    }
  }

  const pick = (v: Float64Array) => take(v, keep);
  const y = pick(numeric(o.y));
  const d = o.d.map((c) => pick(numeric(c)));
  const z = o.z ? pick(numeric(o.z)) : undefined;
  const controls: Column[] = o.x.map((c) => ({ name: c, v: pick(numeric(c)) }));
  if (o.quadratic) for (const c of o.x.slice()) {
    const v = controls.find((k) => k.name === c)!.v;
    controls.push({ name: `${c}^2`, v: v.map((a) => a * a) });
  }
  for (const c of o.extra ?? []) controls.push({ name: c, v: pick(numeric(c)) });

  const rows = keep;
  const dummies: Column[] = [];
  for (const f of fe) {
    const raw = f.columns.map((c) => table.array(c));
    // A period enters its key as a number (2011, not "2011.0"), as the shorthands always did.
    const key = (c: number, i: number) => String(f.columns[c] === TIME ? Number(raw[c][i]) : raw[c][i]);
    dummies.push(...dummyColumns(f.prefix, rows.map((i) => f.columns.map((_, c) => key(c, i)).join(":"))));
  }
  const cols = [...controls, ...dummies];
  const clusterAll = o.cluster ? table.array(o.cluster) : undefined;
  const clusterKey = clusterAll ? rows.map((i) => String(clusterAll[i])) : undefined;
  const foldValues = o.foldColumn ? pick(numeric(o.foldColumn)) : undefined;

  if (panel === "dummies") {
    return {
      n: y.length, y, d, z, X: fromColumns(cols.map((c) => c.v), cols.map((c) => c.name)),
      clusters: clusterKey && codes(clusterKey), foldValues, notes: [], rowLabel: (k) => label(rows[k]),
      units: keyed ? unitCodes(rows.map((i) => unitAll![i])) : undefined,
    };
  }
  if (o.z) throw new InputError(`panel ${panel} takes no instrument (DoubleML's panel PLR has none)`);
  const time = pick(numeric(TIME));
  const t = panelTransform(panel, { unit: rows.map((i) => unitAll![i]), time, y, d, cols });
  const at = t.rows; // positions in `rows`
  return {
    n: t.y.length, y: t.y, d: t.d, X: fromColumns(t.cols.map((c) => c.v), t.cols.map((c) => c.name)),
    clusters: t.unit,
    foldValues: foldValues && Float64Array.from(at, (k) => foldValues[k]),
    units: { id: t.unit, size: t.nUnits },
    panel: { approach: panel, unit: t.unit, nUnits: t.nUnits, dMean: t.dMean },
    notes: t.notes,
    rowLabel: (k) => label(rows[at[k]]),
  };
}

/** One 0/1 column per level but the first (in sorted order); each row sets the 1 of its own level. */
function dummyColumns(prefix: string, keys: string[]): { name: string; v: Float64Array }[] {
  const kept = [...new Set(keys)].sort().slice(1);
  const cols = kept.map((lev) => ({ name: `${prefix}=${lev}`, v: new Float64Array(keys.length) }));
  const colOf = new Map(kept.map((lev, c) => [lev, cols[c].v]));
  keys.forEach((k, i) => {
    const v = colOf.get(k);
    if (v) v[i] = 1;
  });
  return cols;
}

function codes(keys: string[]): Int32Array {
  const ids = new Map<string, number>(), out = new Int32Array(keys.length);
  keys.forEach((k, i) => {
    let id = ids.get(k);
    if (id === undefined) ids.set(k, (id = ids.size));
    out[i] = id;
  });
  return out;
}
