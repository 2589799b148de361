// Builds what a DML model needs from a panel table: Y, the treatment(s), an instrument, the control
// matrix X (controls, their squares, fixed-effect dummies, extra columns) and the row keys, after an
// optional subset and one of the panel approaches of Clarke and Polselli (2025):
//   "dummies" (default, the paper's): FE enter X as dummies, one level of each dropped;
//   "within": Y, D, Z and X demeaned by city (city dummies would then be redundant, so refused);
//   "fd": first differences within city over consecutive years (each city's first year dropped);
//   "cre": correlated random effects, the city means of the controls added to X (Mundlak).
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";
import { fromColumns, type Matrix } from "../numeric/matrix";
import { parseSubset } from "./subset";

export type FixedEffect = "year" | "city" | "province-year";
export type PanelApproach = "dummies" | "within" | "fd" | "cre";
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
  /** Cluster column for clustered standard errors. */
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
  /** "city_code=..., year=..." (or "row k") for error messages. */
  rowLabel(i: number): string;
}

const CITY = "city_code", YEAR = "year", PROVINCE = "province";

export function buildDesign(table: ColumnTable, o: DesignOptions): Design {
  const panel = o.panel ?? "dummies";
  if (!["dummies", "within", "fd", "cre"].includes(panel)) throw new InputError(`panel must be dummies, within, fd or cre, got "${panel}"`);
  const fe = o.fe ?? [];
  for (const f of fe) if (!["year", "city", "province-year"].includes(f)) throw new InputError(`fe must be year, city or province-year, got "${f}"`);
  if (panel !== "dummies" && fe.includes("city")) throw new InputError(`fe city cannot be combined with panel ${panel}, which already removes city effects`);
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
  if (panel !== "dummies" || fe.length) { need(CITY, `panel ${panel} / fixed effects`); need(YEAR, `panel ${panel} / fixed effects`); }
  if (fe.includes("province-year")) need(PROVINCE, "province-year fixed effects");

  const nAll = table.numRows();
  const keyed = has(CITY) && has(YEAR);
  const city = keyed ? table.array(CITY) : undefined, year = keyed ? table.array(YEAR) : undefined;
  const label = (i: number) => (keyed ? `city_code=${city![i]}, year=${year![i]}` : `row ${i + 1}`);
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
      const k = `${city![i]}|${year![i]}`;
      if (seen.has(k)) throw new InputError(`duplicate city-year: ${label(i)}`);
      seen.add(k);
    }
  }

  const pick = (v: Float64Array) => Float64Array.from(keep, (i) => v[i]);
  const y = pick(numeric(o.y));
  const d = o.d.map((c) => pick(numeric(c)));
  const z = o.z ? pick(numeric(o.z)) : undefined;
  const controls: { name: string; v: Float64Array }[] = o.x.map((c) => ({ name: c, v: pick(numeric(c)) }));
  if (o.quadratic) for (const c of o.x.slice()) {
    const v = controls.find((k) => k.name === c)!.v;
    controls.push({ name: `${c}^2`, v: v.map((a) => a * a) });
  }
  for (const c of o.extra ?? []) controls.push({ name: c, v: pick(numeric(c)) });

  const rows = keep;
  const cityOf = keyed ? rows.map((i) => String(city![i])) : [];
  const yearOf = keyed ? rows.map((i) => Number(year![i])) : [];
  const dummies: { name: string; v: Float64Array }[] = [];
  if (fe.includes("year")) dummies.push(...dummyColumns("year", yearOf.map(String)));
  if (fe.includes("city")) dummies.push(...dummyColumns("city", cityOf));
  if (fe.includes("province-year")) {
    const prov = table.array(PROVINCE);
    dummies.push(...dummyColumns("province-year", rows.map((i, k) => `${prov[i]}:${yearOf[k]}`)));
  }

  const clusterAll = o.cluster ? table.array(o.cluster) : undefined;
  let clusterKey = clusterAll ? rows.map((i) => String(clusterAll[i])) : undefined;
  let foldValues = o.foldColumn ? pick(numeric(o.foldColumn)) : undefined;
  let labelRow = (k: number) => label(rows[k]);
  let yy = y, dd = d, zz = z;
  let cols = [...controls, ...dummies];

  if (panel === "within") {
    const g = groupIndex(cityOf);
    [yy, ...dd] = [y, ...d].map((v) => demean(v, g));
    zz = z && demean(z, g);
    cols = cols.map((c) => ({ name: c.name, v: demean(c.v, g) }));
  } else if (panel === "cre") {
    const g = groupIndex(cityOf);
    cols = [...controls, ...controls.map((c) => ({ name: `mean(${c.name})`, v: groupMeans(c.v, g) })), ...dummies];
  } else if (panel === "fd") {
    const pairs = consecutivePairs(cityOf, yearOf);
    if (pairs.length === 0) throw new InputError("panel fd: no city has two consecutive years in the data");
    const diff = (v: Float64Array) => Float64Array.from(pairs, ([a, b]) => v[b] - v[a]);
    [yy, ...dd] = [y, ...d].map(diff);
    zz = z && diff(z);
    cols = cols.map((c) => ({ name: c.name, v: diff(c.v) }));
    const later = pairs.map(([, b]) => b);
    clusterKey = clusterKey && later.map((b) => clusterKey![b]);
    foldValues = foldValues && Float64Array.from(later, (b) => foldValues![b]);
    labelRow = (k: number) => label(rows[later[k]]);
  }

  const X = fromColumns(cols.map((c) => c.v), cols.map((c) => c.name));
  return {
    n: yy.length,
    y: yy,
    d: dd,
    z: zz,
    X,
    clusters: clusterKey && codes(clusterKey),
    foldValues,
    rowLabel: labelRow,
  };
}

/** A column as numbers; a missing, empty or non-numeric cell is an InputError naming column and row. */
export function numericColumn(table: ColumnTable, c: string, label: (i: number) => string): Float64Array {
  const raw = table.array(c);
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      const shown = v === null || v === undefined || v === "" || Number.isNaN(v) ? "empty or NaN" : `non-numeric (${String(v)})`;
      throw new InputError(`column ${c}: ${shown} cell at ${label(i)}`);
    }
    out[i] = v;
  }
  return out;
}

/**
 * The predetermined-variable control of robustness check 1: each city's value of `column` in
 * `baseYear` times (year - baseYear), added as column `name`. A city without a base-year row is an error.
 */
export function addPredeterminedTrend(table: ColumnTable, column = "FI", baseYear = 2010, name = `${column}_${baseYear}_trend`): ColumnTable {
  for (const c of [CITY, YEAR, column]) if (!table.columnNames().includes(c)) throw new InputError(`column ${c} not found (predetermined trend)`);
  const city = table.array(CITY), year = table.array(YEAR);
  const v = numericColumn(table, column, (i) => `city_code=${city[i]}, year=${year[i]}`);
  const base = new Map<string, number>();
  for (let i = 0; i < v.length; i++) if (Number(year[i]) === baseYear) base.set(String(city[i]), v[i]);
  const trend = Array.from({ length: v.length }, (_, i) => {
    const b = base.get(String(city[i]));
    if (b === undefined) throw new InputError(`predetermined trend: city_code=${city[i]} has no ${baseYear} row for ${column}`);
    return b * (Number(year[i]) - baseYear);
  });
  return table.assign({ [name]: trend });
}

function dummyColumns(prefix: string, keys: string[]): { name: string; v: Float64Array }[] {
  const levels = [...new Set(keys)].sort();
  return levels.slice(1).map((lev) => ({ name: `${prefix}=${lev}`, v: Float64Array.from(keys, (k) => (k === lev ? 1 : 0)) }));
}

function codes(keys: string[]): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(keys, (k) => {
    if (!ids.has(k)) ids.set(k, ids.size);
    return ids.get(k)!;
  });
}

function groupIndex(keys: string[]): { id: Int32Array; size: number } {
  const id = codes(keys);
  return { id, size: id.reduce((m, g) => Math.max(m, g + 1), 0) };
}

function groupMeans(v: Float64Array, g: { id: Int32Array; size: number }): Float64Array {
  const sum = new Float64Array(g.size), cnt = new Float64Array(g.size);
  g.id.forEach((k, i) => { sum[k] += v[i]; cnt[k]++; });
  return Float64Array.from(g.id, (k) => sum[k] / cnt[k]);
}

function demean(v: Float64Array, g: { id: Int32Array; size: number }): Float64Array {
  const m = groupMeans(v, g);
  return v.map((a, i) => a - m[i]);
}

/** (earlier, later) row pairs of the same city one year apart. */
function consecutivePairs(cityOf: string[], yearOf: number[]): [number, number][] {
  const at = new Map(cityOf.map((c, k) => [`${c}|${yearOf[k]}`, k]));
  const pairs: [number, number][] = [];
  cityOf.forEach((c, k) => {
    const prev = at.get(`${c}|${yearOf[k] - 1}`);
    if (prev !== undefined) pairs.push([prev, k]);
  });
  return pairs;
}
