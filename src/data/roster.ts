// The 283-city roster (data/cities.csv, built by scripts/build-roster.ts): names, GB/T 2260 codes,
// provinces, NBS regions and the administrative flags the robustness checks drop on.
import * as fs from "node:fs";
import * as path from "node:path";
import { fromCSV, table, ColumnTable } from "arquero";
import { InputError } from "../errors";

/** NBS four-region scheme, in the order tables list them. */
export const REGIONS = ["east", "central", "west", "northeast"] as const;
export type Region = (typeof REGIONS)[number];

export const FLAG_COLUMNS = ["capital", "sub_provincial", "municipality", "separately_listed"] as const;

export interface City {
  city: string;
  city_code: string;
  province: string;
  region: Region;
  capital: 0 | 1;
  sub_provincial: 0 | 1;
  municipality: 0 | 1;
  separately_listed: 0 | 1;
}

/** The folder holding package.json: found by walking up, so it works from src/ (tsx) and dist/ (tsc). */
export function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
}

/** Absolute path of a file under the package's data/ folder. */
export function dataPath(...parts: string[]): string {
  return path.join(packageRoot(), "data", ...parts);
}

function parseFlag(value: string, column: string, row: number): 0 | 1 {
  if (value === "0" || value === "1") return value === "1" ? 1 : 0;
  throw new InputError(`cities.csv: column ${column} must be 0 or 1, got "${value}" at row ${row}`);
}

/** Read and validate a roster CSV into plain records (codes stay strings: leading digits matter). */
export function readRosterRecords(file: string = dataPath("cities.csv")): City[] {
  const table = fromCSV(fs.readFileSync(file, "utf8"), { autoType: false });
  const need = ["city", "city_code", "province", "region", ...FLAG_COLUMNS];
  for (const col of need) {
    if (!table.columnNames().includes(col)) throw new InputError(`cities.csv: missing column ${col}`);
  }
  const seen = new Set<string>();
  return (table.objects() as Record<string, string>[]).map((r, i) => {
    const row = i + 2; // header is line 1
    if (!/^\d{6}$/.test(r.city_code)) throw new InputError(`cities.csv: city_code "${r.city_code}" is not 6 digits at row ${row}`);
    if (seen.has(r.city_code)) throw new InputError(`cities.csv: duplicate city_code ${r.city_code} at row ${row}`);
    seen.add(r.city_code);
    if (!(REGIONS as readonly string[]).includes(r.region)) throw new InputError(`cities.csv: unknown region "${r.region}" at row ${row}`);
    return {
      city: r.city,
      city_code: r.city_code,
      province: r.province,
      region: r.region as Region,
      capital: parseFlag(r.capital, "capital", row),
      sub_provincial: parseFlag(r.sub_provincial, "sub_provincial", row),
      municipality: parseFlag(r.municipality, "municipality", row),
      separately_listed: parseFlag(r.separately_listed, "separately_listed", row),
    };
  });
}

/** The roster as an arquero table: city_code as a 6-character string, flags as 0/1 numbers. */
export function loadRoster(file?: string): ColumnTable {
  const recs = readRosterRecords(file);
  const cols: Record<string, unknown[]> = {};
  for (const key of ["city", "city_code", "province", "region", ...FLAG_COLUMNS] as (keyof City)[]) {
    cols[key] = recs.map((r) => r[key]);
  }
  return table(cols);
}

let byCode: Map<string, City> | undefined;

/** The roster city with this 6-digit code, or undefined (reads data/cities.csv once). */
export function cityByCode(code: string): City | undefined {
  byCode ??= new Map(readRosterRecords().map((c) => [c.city_code, c]));
  return byCode.get(code);
}

export interface RosterExclusion { city: string; reason: string }

/** The prefecture-level cities left out of the roster, with their reasons (data/roster-exclusions.json). */
export function loadRosterExclusions(file: string = dataPath("roster-exclusions.json")): RosterExclusion[] {
  const list = (JSON.parse(fs.readFileSync(file, "utf8")) as { exclusions?: RosterExclusion[] }).exclusions;
  if (!Array.isArray(list) || list.some((e) => typeof e?.city !== "string" || typeof e?.reason !== "string")) {
    throw new InputError(`${file}: "exclusions" must be a list of { city, reason }`);
  }
  return list;
}
