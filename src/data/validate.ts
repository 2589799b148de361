// The paper profile's checks of a panel (keys, 0/1 flags, roster codes, years, duplicates): collect every problem,
// then throw ONE InputError summarising them. Also the cell helpers both readers share (text, number, display).
import { InputError } from "../errors";
import { REGIONS } from "./roster";
import { columnType, ColumnType, KEY_COLUMNS, YEAR_RANGE } from "./profile";

/** A cell as read from CSV (text) or XLSX (text, number, boolean, date). */
export type RawCell = string | number | boolean | Date | null | undefined;

export interface RawPanel {
  file: string;
  /** Column names after header mapping. */
  columns: string[];
  rows: RawCell[][];
  /** 1-based file line (or sheet row) of each row; the header is line 1. */
  lines: number[];
}

/** Typed columns: strings (null = missing) for text columns, Float64Array (NaN = missing) for numbers. */
export type PanelColumns = Record<string, (string | null)[] | Float64Array>;

/** The columns with their rows in the given order (order[k] = the source row of row k). */
export function permuteColumns(columns: PanelColumns, order: readonly number[]): PanelColumns {
  const out: PanelColumns = {};
  for (const [name, col] of Object.entries(columns)) {
    out[name] = col instanceof Float64Array ? Float64Array.from(order, (i) => col[i]) : order.map((i) => col[i]);
  }
  return out;
}

export interface CellProblem { line: number; column: string; value: string }

export interface ValidationReport {
  file: string;
  rows: number;
  missingColumns: string[];
  nonNumeric: CellProblem[];
  /** Cells of 0/1 columns holding another number. */
  nonBinary: CellProblem[];
  /** Key cells that are empty or malformed (a code that is not 6 digits, a region outside the four, a non-integer year). */
  badKeys: CellProblem[];
  duplicates: { city_code: string; year: number; lines: number[] }[];
  unknownCodes: { city_code: string; lines: number[] }[];
  yearsOutOfRange: { year: number; line: number }[];
  /** Cities lacking some of the years that occur in the file (reported, not an error). */
  unbalanced: { city_code: string; missingYears: number[] }[];
  /** Empty cells per column (reported, not an error: interpolation may fill them; fits reject NaN). */
  missingValues: Record<string, number>;
  /** Every error, one short phrase each, in the order found. Empty means the panel is valid. */
  problems: string[];
}

export interface ValidateOptions {
  /** Columns that must be present (default: the key columns). */
  require?: readonly string[];
  /** Known 6-digit city codes (e.g. the roster); without it codes are checked for form only. */
  knownCodes?: ReadonlySet<string>;
  /** Allowed years, inclusive (default SPEC's 2010-2022). */
  years?: readonly [number, number];
}

const MAX_LISTED = 10;
/** Chinese names of the four NBS regions, as a yearbook extract writes them. */
const REGION_ZH: Record<string, string> = {
  东部: "east", 东部地区: "east", 中部: "central", 中部地区: "central",
  西部: "west", 西部地区: "west", 东北: "northeast", 东北地区: "northeast",
};
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A cell as trimmed text ("" when empty; dates as YYYY-MM-DD). */
export function cellText(v: RawCell): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}

/** A number from a cell, null for an empty cell, undefined when the cell is not a number. */
export function cellNumber(v: RawCell): number | null | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  const s = cellText(v);
  if (s === "") return null;
  return typeof v === "string" && NUMBER.test(s) ? Number(s) : undefined;
}

/** A cell value fit for a one-line message: line breaks and tabs escaped, long text cut. */
export function showCell(s: string): string {
  const flat = s.replace(/\r/g, "\\r").replace(/\n/g, "\\n").replace(/\t/g, "\\t");
  return flat.length > 40 ? `${flat.slice(0, 40)}...` : flat;
}

export function rowsText(lines: number[]): string {
  const shown = lines.slice(0, 5).join(", ");
  return `${lines.length > 1 ? "rows" : "row"} ${shown}${lines.length > 5 ? ", ..." : ""}`;
}

/** Columns whose type is not in the schema: numeric if every non-empty cell is a number, else text. */
function guessType(rows: RawCell[][], j: number): "string" | "numeric" {
  return rows.every((r) => cellNumber(r[j]) !== undefined) ? "numeric" : "string";
}

/** Convert and check a raw panel. Throws one InputError listing the problems; otherwise returns typed columns and the report. */
export function validatePanel(raw: RawPanel, opts: ValidateOptions = {}): { columns: PanelColumns; report: ValidationReport } {
  const { columns: columnsOut, report } = checkPanel(raw, opts);
  if (report.problems.length > 0) throw new InputError(problemMessage(report));
  return { columns: columnsOut, report };
}

/** The one-line summary: "N problems in FILE: a; b; ... and K more". */
export function problemMessage(report: ValidationReport): string {
  const p = report.problems;
  const listed = p.slice(0, MAX_LISTED).join("; ");
  const more = p.length > MAX_LISTED ? `; and ${p.length - MAX_LISTED} more` : "";
  return `${p.length} ${p.length === 1 ? "problem" : "problems"} in ${report.file}: ${listed}${more}`;
}

/** Like validatePanel but never throws: for notebooks that want to show the whole report. */
export function checkPanel(raw: RawPanel, opts: ValidateOptions = {}): { columns: PanelColumns; report: ValidationReport } {
  const [y0, y1] = opts.years ?? YEAR_RANGE;
  const require = opts.require ?? KEY_COLUMNS;
  const report: ValidationReport = {
    file: raw.file, rows: raw.rows.length, missingColumns: [], nonNumeric: [], nonBinary: [], badKeys: [],
    duplicates: [], unknownCodes: [], yearsOutOfRange: [], unbalanced: [], missingValues: {}, problems: [],
  };

  for (const c of require) {
    if (!raw.columns.includes(c)) {
      report.missingColumns.push(c);
      report.problems.push(`missing column ${c}`);
    }
  }

  const columns: PanelColumns = {};
  raw.columns.forEach((name, j) => {
    const type = columnType(name) ?? guessType(raw.rows, j);
    columns[name] = type === "string" ? textColumn(raw, j, name, report) : numberColumn(raw, j, name, type, [y0, y1], report);
  });

  const codes = columns.city_code as (string | null)[] | undefined;
  const years = columns.year as Float64Array | undefined;
  if (codes && years) checkCityYears(raw, codes, years, opts.knownCodes, report);
  return { columns, report };
}

/** Record one problem: in its structured list and as a phrase of the one-line message. */
function flag(report: ValidationReport, list: CellProblem[], cell: CellProblem, phrase: string): void {
  list.push(cell);
  report.problems.push(phrase);
}

function countMissing(report: ValidationReport, name: string): void {
  report.missingValues[name] = (report.missingValues[name] ?? 0) + 1;
}

/** A text column (null = empty); city codes must be 6 digits, regions one of the four. */
function textColumn(raw: RawPanel, j: number, name: string, report: ValidationReport): (string | null)[] {
  return raw.rows.map((r, i) => {
    const line = raw.lines[i];
    const s = cellText(r[j]);
    if (s === "") {
      countMissing(report, name);
      // An empty code cannot be placed in the panel: an error, unlike other empty cells.
      if (name === "city_code") flag(report, report.badKeys, { line, column: name, value: "" }, `empty city_code at row ${line}`);
      return null;
    }
    if (name === "city_code" && !/^\d{6}$/.test(s)) {
      flag(report, report.badKeys, { line, column: name, value: s }, `city code '${showCell(s)}' is not 6 digits (row ${line})`);
    }
    if (name === "region") {
      const region = REGION_ZH[s] ?? s;
      if (!(REGIONS as readonly string[]).includes(region)) {
        flag(report, report.badKeys, { line, column: name, value: s }, `region '${showCell(s)}' is not one of ${REGIONS.join("|")} (row ${line})`);
      }
      return region;
    }
    return s;
  });
}

/** A numeric column (NaN = empty): 0/1 columns must hold 0 or 1, years must be integers within range. */
function numberColumn(
  raw: RawPanel, j: number, name: string, type: ColumnType, [y0, y1]: readonly [number, number], report: ValidationReport,
): Float64Array {
  return Float64Array.from(raw.rows, (r, i) => {
    const line = raw.lines[i];
    const x = cellNumber(r[j]);
    const cell = { line, column: name, value: cellText(r[j]) };
    if (x === null) {
      countMissing(report, name);
      // An empty year cannot be placed in the panel: an error, unlike other empty cells.
      if (type === "year") flag(report, report.badKeys, cell, `empty year at row ${line}`);
      return NaN;
    }
    if (x === undefined) {
      flag(report, report.nonNumeric, cell, `non-numeric cell at row ${line} column ${name} ('${showCell(cell.value)}')`);
      return NaN;
    }
    if (type === "binary" && x !== 0 && x !== 1) {
      flag(report, report.nonBinary, cell, `non-binary cell at row ${line} column ${name} ('${showCell(cell.value)}', must be 0 or 1)`);
    }
    if (type === "year" && !Number.isInteger(x)) {
      flag(report, report.badKeys, cell, `year '${showCell(cell.value)}' is not an integer (row ${line})`);
    } else if (type === "year" && (x < y0 || x > y1)) {
      report.yearsOutOfRange.push({ year: x, line });
      report.problems.push(`year ${x} outside ${y0}-${y1} (row ${line})`);
    }
    return x;
  });
}

/** Duplicates, unknown codes and balance: the checks that look at city-year pairs. */
function checkCityYears(
  raw: RawPanel, codes: (string | null)[], years: Float64Array, known: ReadonlySet<string> | undefined, report: ValidationReport,
): void {
  const byPair = new Map<string, number[]>();
  const byCode = new Map<string, number[]>();
  const allYears = new Set<number>();
  codes.forEach((code, i) => {
    // Malformed codes and years are already reported; they take no part in these checks.
    if (code === null || !/^\d{6}$/.test(code) || !Number.isFinite(years[i])) return;
    const pair = `${code} ${years[i]}`;
    byPair.set(pair, [...(byPair.get(pair) ?? []), i]);
    byCode.set(code, [...(byCode.get(code) ?? []), i]);
    allYears.add(years[i]);
  });
  for (const [pair, rows] of byPair) {
    if (rows.length < 2) continue;
    const lines = rows.map((i) => raw.lines[i]);
    report.duplicates.push({ city_code: codes[rows[0]] as string, year: years[rows[0]], lines });
    report.problems.push(`duplicate city-year ${pair} (${rowsText(lines)})`);
  }
  if (known) {
    for (const [code, rows] of byCode) {
      if (known.has(code)) continue;
      const lines = rows.map((i) => raw.lines[i]);
      report.unknownCodes.push({ city_code: code, lines });
      report.problems.push(`unknown city code ${code} (${rowsText(lines)})`);
    }
  }
  const sortedYears = [...allYears].sort((a, b) => a - b);
  for (const [code, rows] of byCode) {
    const have = new Set(rows.map((i) => years[i]));
    const missingYears = sortedYears.filter((y) => !have.has(y));
    if (missingYears.length > 0) report.unbalanced.push({ city_code: code, missingYears });
  }
}
