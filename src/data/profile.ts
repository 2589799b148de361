// The paper profile (SPEC section 2): the panel schema of the replication as data. Its keys and 0/1 flags,
// the column lists (controls, mechanisms, splits, instruments: their one home), the sample period, the
// 283-city roster's codes, and what type each column holds. readPanel (stii replicate, the study loader,
// stii check, --profile paper) applies it, with the yearbook header aliases of headers.ts; the generic
// reader (table.ts) applies none of it.
import * as fs from "fs";
import { POLICY_NAMES } from "./policies";
import { dataPath, FLAG_COLUMNS, readRosterRecords } from "./roster";

// The time-invariant 0/1 city flags (FLAG_COLUMNS) and the four regions (REGIONS) live in roster.ts.
export const KEY_COLUMNS = ["city", "city_code", "province", "region", "year"] as const;
/** Treatment and other policies: 0/1, equal to 1 from the year of designation. */
export const POLICY_COLUMNS = POLICY_NAMES;
export const CONTROL_COLUMNS = ["Gdp", "Pas", "Fin", "Env", "Ope"] as const;
export const MECHANISM_COLUMNS = ["Entre", "VCPE1", "VCPE2", "Talen"] as const;
/** Heterogeneity splits: 0/1 = above the median. */
export const SPLIT_COLUMNS = ["Elec", "Inte", "Gove", "Publ"] as const;
export const INSTRUMENT_COLUMNS = ["IV_relief", "IV_phone"] as const;
/** Computed by measurement (SPEC section 4); a user's panel may carry them or not. */
export const DERIVED_COLUMNS = ["Y1", "Y2", "C", "T", "FI"] as const;

/** The paper's sample period; a year outside it is an input error. */
export const YEAR_RANGE: readonly [number, number] = [2010, 2022];

let codeCache: Set<string> | undefined;

/** The 6-digit codes of the roster's 283 cities (data/cities.csv): a code outside them is an input error. */
export function rosterCodes(): Set<string> {
  codeCache ??= new Set(readRosterRecords().map((c) => c.city_code));
  return new Set(codeCache);
}

let indicatorCache: string[] | undefined;

/** The 22 raw indicator columns, in the order of data/indicators.json (the single source of their names). */
export function indicatorColumns(): string[] {
  if (!indicatorCache) {
    const spec = JSON.parse(fs.readFileSync(dataPath("indicators.json"), "utf8")) as { indicators: { column: string }[] };
    indicatorCache = spec.indicators.map((i) => i.column);
  }
  return [...indicatorCache];
}

/** How a column's cells are read: text, an integer year, a 0/1 dummy, or a real number. */
export type ColumnType = "string" | "year" | "binary" | "numeric";

const STRING_COLUMNS = new Set<string>(["city", "city_code", "province", "region"]);
const BINARY_COLUMNS = new Set<string>([...FLAG_COLUMNS, ...POLICY_COLUMNS, ...SPLIT_COLUMNS]);

/** Every schema column in a fixed order: keys, flags, policies, controls, mechanisms, splits, instruments, indicators, derived. */
export function schemaColumns(): string[] {
  return [
    ...KEY_COLUMNS, ...FLAG_COLUMNS, ...POLICY_COLUMNS, ...CONTROL_COLUMNS, ...MECHANISM_COLUMNS,
    ...SPLIT_COLUMNS, ...INSTRUMENT_COLUMNS, ...indicatorColumns(), ...DERIVED_COLUMNS,
  ];
}

/** The type of a schema column, or undefined for a column the schema does not know. */
export function columnType(name: string): ColumnType | undefined {
  if (STRING_COLUMNS.has(name)) return "string";
  if (name === "year") return "year";
  if (BINARY_COLUMNS.has(name)) return "binary";
  return schemaColumns().includes(name) ? "numeric" : undefined;
}

/** Continuous numeric columns a user may want interpolated or winsorized (not keys, dummies or derived indices). */
export function continuousColumns(): string[] {
  return [...CONTROL_COLUMNS, ...MECHANISM_COLUMNS, ...INSTRUMENT_COLUMNS, ...indicatorColumns()];
}

/** A use of the panel: measurement (section 4), or a DML call on named columns (y, d, x, z, ...). */
export type PanelUse = "measurement" | { dml: string[] };

/** The columns a use needs: keys plus the raw indicators for measurement, keys plus the named columns for DML. */
export function requiredColumns(use: PanelUse): string[] {
  const extra = use === "measurement" ? indicatorColumns() : use.dml;
  return [...new Set<string>([...KEY_COLUMNS, ...extra])];
}
