// Reading columns out of a panel (arquero table or row objects) as numbers, with error messages that
// name the column and the row. The one column reader of measure/, dml/ and replication/.
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";

/** How a row is named in an error message. */
export type RowLabel = (i: number) => string;

export type Panel = ColumnTable | readonly Record<string, unknown>[];

function isTable(p: Panel): p is ColumnTable {
  return !Array.isArray(p);
}

export function columnNames(p: Panel): string[] {
  return isTable(p) ? p.columnNames() : p.length ? Object.keys(p[0]) : [];
}

export function rawColumn(p: Panel, name: string): unknown[] {
  if (!columnNames(p).includes(name)) throw new InputError(`missing column ${name}`);
  return isTable(p) ? Array.from(p.array(name) as ArrayLike<unknown>) : p.map((r) => r[name]);
}

/**
 * `city Wuhan, year 2015` when the panel has city and year columns (readers may sort the rows, so a row
 * number could mislead), else `row 7` (1-based, in the order given).
 */
export function rowLabeller(p: Panel): RowLabel {
  const names = columnNames(p);
  if (!names.includes("city") || !names.includes("year")) return (i) => `row ${i + 1}`;
  const city = rawColumn(p, "city"), year = rawColumn(p, "year");
  return (i) => `city ${city[i]}, year ${year[i]}`;
}

/** A numeric column; numeric strings are accepted (CSV readers leave mixed columns as text). */
export function numericColumn(p: Panel, name: string, label: RowLabel = rowLabeller(p)): Float64Array {
  const raw = rawColumn(p, name), out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    // Numbers first: the common case, and the only one a simulated or parsed panel has.
    if (typeof v === "number" && Number.isFinite(v)) { out[i] = v; continue; }
    const missing = v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) || (typeof v === "string" && v.trim() === "");
    if (missing) throw new InputError(`column ${name}: missing value at ${label(i)}`);
    const x = typeof v === "string" ? Number(v) : NaN;
    if (!Number.isFinite(x)) throw new InputError(`column ${name}: non-numeric value ${JSON.stringify(String(v))} at ${label(i)}`);
    out[i] = x;
  }
  return out;
}
