// Load a user's panel (CSV or XLSX): map headers, convert types, validate, optionally interpolate and
// winsorize, and return an arquero table sorted by city_code then year.
import * as fs from "fs";
import * as path from "path";
import { table, ColumnTable } from "arquero";
import { InputError } from "../errors";
import { parseCSV } from "./csv";
import { mapHeaders, HeaderMapping } from "./headers";
import { interpolatePanel, InterpolationReport } from "./interpolate";
import { dataPath, readRosterRecords } from "./roster";
import { continuousColumns, YEAR_RANGE } from "./schema";
import { validatePanel, PanelColumns, RawCell, ValidationReport } from "./validate";
import { winsorizePanel, WinsorizeReport } from "./winsorize";
import { readXlsx } from "./xlsx";

export interface ReadOptions {
  /** XLSX sheet name (default: the first sheet). */
  sheet?: string;
  /** Fill missing values of continuous columns linearly within each city (default false). */
  interpolate?: boolean;
  /** With interpolate: also fill leading/trailing gaps with the nearest observed value (default false). */
  fillEnds?: boolean;
  /** Winsorize continuous columns at these percentiles, e.g. [1, 99] (default null = off). */
  winsorize?: [number, number] | null;
  /** Columns that must be present (default: the key columns); see requiredColumns(). */
  require?: string[];
  /** Known city codes (default: the roster's 283 codes). */
  knownCodes?: Set<string>;
  /** Allowed years, inclusive (default 2010-2022). */
  years?: [number, number];
}

export interface LoadReport {
  file: string;
  format: "csv" | "xlsx";
  sheet?: string | number;
  /** Harmless things fixed while reading (e.g. a UTF-8 byte-order mark). */
  notes: string[];
  headers: HeaderMapping;
  validation: ValidationReport;
  interpolation: InterpolationReport;
  winsorize: WinsorizeReport;
}

/** The embedded simulated panel, resolved from the package root (works from src/ and dist/). */
export function defaultPanelPath(): string {
  return dataPath("simulated", "panel.csv");
}

interface RawFile { format: "csv" | "xlsx"; sheet?: string | number; header: string[]; rows: RawCell[][]; lines: number[]; notes: string[] }

async function readRaw(file: string, sheet?: string): Promise<RawFile> {
  const ext = path.extname(file).toLowerCase();
  if (!fs.existsSync(file)) throw new InputError(`${file}: no such file`);
  if (ext === ".xlsx") return { format: "xlsx", ...(await readXlsx(file, sheet)) };
  if (ext === ".xls") throw new InputError(`${file}: the old .xls format is not read; save it as .xlsx or CSV (UTF-8)`);
  if (ext !== ".csv" && ext !== ".txt") throw new InputError(`${file}: unknown file type '${ext}' (expected .csv or .xlsx)`);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  // Excel's plain "CSV" in a Chinese locale is GBK: decoding it as UTF-8 leaves replacement characters.
  if (text.includes("\uFFFD")) throw new InputError(`${file}: file is not UTF-8 (GBK?); save it as "CSV UTF-8"`);
  const csv = parseCSV(text, file);
  return { format: "csv", ...csv };
}

/** Row order: by city_code then year, so the order of rows in the file never changes a result. */
function sortOrder(columns: PanelColumns, n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const codes = columns.city_code as (string | null)[] | undefined;
  const years = columns.year as Float64Array | undefined;
  if (!codes || !years) return order;
  // Validation has rejected empty keys and duplicate city-years, so this order is total.
  const code = (i: number) => codes[i] ?? "";
  return order.sort((a, b) => (code(a) < code(b) ? -1 : code(a) > code(b) ? 1 : years[a] - years[b]));
}

function permute(columns: PanelColumns, order: number[]): PanelColumns {
  const out: PanelColumns = {};
  for (const [name, col] of Object.entries(columns)) {
    out[name] = col instanceof Float64Array ? Float64Array.from(order, (i) => col[i]) : order.map((i) => col[i]);
  }
  return out;
}

/** Read, validate and prepare a panel. Bad input throws one InputError; nothing else is thrown for bad files. */
export async function readPanel(file: string, opts: ReadOptions = {}): Promise<{ table: ColumnTable; report: LoadReport }> {
  const raw = await readRaw(file, opts.sheet);
  const headers = mapHeaders(raw.header, file);
  const knownCodes = opts.knownCodes ?? new Set(readRosterRecords().map((c) => c.city_code));
  const { columns: unsorted, report: validation } = validatePanel(
    { file, columns: headers.names, rows: raw.rows, lines: raw.lines },
    { require: opts.require, knownCodes, years: opts.years ?? YEAR_RANGE },
  );
  const columns = permute(unsorted, sortOrder(unsorted, raw.rows.length));

  const continuous: Record<string, Float64Array> = {};
  for (const c of continuousColumns()) if (columns[c] instanceof Float64Array) continuous[c] = columns[c] as Float64Array;
  let interpolation: InterpolationReport = { enabled: false, fillEnds: false, filled: {}, stillMissing: {} };
  if (opts.interpolate) {
    const codes = columns.city_code as (string | null)[] | undefined;
    const years = columns.year as Float64Array | undefined;
    if (!codes || !years) throw new InputError(`${file}: interpolation needs the columns city_code and year`);
    interpolation = interpolatePanel(codes, years, continuous, opts.fillEnds ?? false);
  }
  const winsorize: WinsorizeReport = opts.winsorize
    ? winsorizePanel(continuous, opts.winsorize)
    : { enabled: false, percentiles: null, columns: {} };

  const report: LoadReport = {
    file, format: raw.format, sheet: raw.sheet, notes: raw.notes, headers, validation, interpolation, winsorize,
  };
  return { table: table(columns), report };
}
