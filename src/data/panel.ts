// The paper profile's reader (stii replicate, the study loader, stii check, --profile paper): read a
// user's panel (CSV or XLSX), map and transform yearbook headers, check it against the paper's schema,
// roster and years, optionally interpolate and winsorize, and return a table sorted by city_code then year.
// For any other panel use readTable (table.ts), which applies none of these rules.
import { table, ColumnTable } from "arquero";
import { InputError } from "../errors";
import { applyHeaderTransforms, mapHeaders, HeaderMapping } from "./headers";
import { interpolatePanel, InterpolationReport } from "./interpolate";
import { dataPath } from "./roster";
import { continuousColumns, rosterCodes, YEAR_RANGE } from "./profile";
import { readRaw } from "./source";
import { checkPanel, permuteColumns, problemMessage, PanelColumns, ValidationReport } from "./validate";
import { winsorizePanel, WinsorizeReport } from "./winsorize";

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
  /** Every header transformation applied, one line each ("人均GDP -> Gdp = ln(人均GDP)"); shown in the notebook banner. */
  transformations: string[];
  validation: ValidationReport;
  interpolation: InterpolationReport;
  winsorize: WinsorizeReport;
}

/** The embedded simulated panel, resolved from the package root (works from src/ and dist/). */
export function defaultPanelPath(): string {
  return dataPath("simulated", "panel.csv");
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

/** Read, validate and prepare a panel. Bad input throws one InputError; nothing else is thrown for bad files. */
export async function readPanel(file: string, opts: ReadOptions = {}): Promise<{ table: ColumnTable; report: LoadReport }> {
  const raw = await readRaw(file, opts.sheet);
  const headers = mapHeaders(raw.header, file);
  const knownCodes = opts.knownCodes ?? rosterCodes();
  const { columns: unsorted, report: validation } = checkPanel(
    { file, columns: headers.names, rows: raw.rows, lines: raw.lines },
    { require: opts.require, knownCodes, years: opts.years ?? YEAR_RANGE },
  );
  // Transformation problems (a level <= 0 to log, a zero ratio to invert) join the others: all reported at once.
  applyHeaderTransforms(unsorted, headers.transforms, raw.lines, validation.problems);
  if (validation.problems.length > 0) throw new InputError(problemMessage(validation));
  const columns = permuteColumns(unsorted, sortOrder(unsorted, raw.rows.length));

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
    file, format: raw.format, sheet: raw.sheet, notes: raw.notes, headers, transformations: headers.transforms.map((t) => t.text),
    validation, interpolation, winsorize,
  };
  return { table: table(columns), report };
}
