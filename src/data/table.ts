// The generic reader (SPEC section 11): any panel, CSV or XLSX, read with the file's own column names.
// It checks only what the caller names: those columns present, numeric, finite and non-empty, and the
// (id, time) pairs unique. No roster, no year range, no 0/1 flags, no header renaming: a column called
// `capital`, `t` or `code` is just a column. The paper's rules live in the profile (profile.ts, panel.ts).
import { table, type ColumnTable } from "arquero";
import { InputError } from "../errors";
import { readRaw } from "./source";
import { cellNumber, cellText, permuteColumns, rowsText, showCell, type PanelColumns } from "./validate";

export interface TableOptions {
  /** Columns that must be numeric, finite and non-empty in every row (y, d, x, z, indicators ...). */
  columns: readonly string[];
  /** Unit column (e.g. firm, county): must be present and non-empty; with time, (id, time) must be unique. */
  id?: string;
  /** Period column: must be present, numeric and non-empty. */
  time?: string;
  /** Id and time used when `id`/`time` are not given and the file has a column of that name (e.g. city_code, year). */
  defaultKeys?: { id?: string; time?: string };
  /** Columns that must be present and non-empty but may hold text (a cluster column, fixed-effect columns). */
  labels?: readonly string[];
  /** XLSX sheet name (default: the first sheet). */
  sheet?: string;
}

export interface TableReport {
  file: string;
  format: "csv" | "xlsx";
  sheet?: string | number;
  /** Harmless things fixed while reading (e.g. a UTF-8 byte-order mark). */
  notes: string[];
  rows: number;
  /** The columns that were checked (id and labels, time, then the named ones). */
  checked: string[];
  /** The id and time columns used (given, or defaults the file has); undefined when there are none. */
  id?: string;
  time?: string;
}

/** At most this many problem lines in one message (the rest are counted). */
const MAX_LINES = 20;

/** One InputError listing every problem, one line each; `file` prefixes each line so it stands alone. */
function throwProblems(file: string, problems: string[]): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, MAX_LINES).map((p) => `${file}: ${p}`);
  if (problems.length > MAX_LINES) shown.push(`${file}: and ${problems.length - MAX_LINES} more problems`);
  throw new InputError(shown.join("\n"));
}

const NUMERIC_ID = /^[+-]?\d+(\.\d+)?$/;

/** Header names for a message, at most 12. */
function listNames(header: readonly string[]): string {
  const shown = header.slice(0, 12).map(showCell).join(", ");
  return header.length > 12 ? `${shown}, ... (${header.length} columns)` : shown;
}

/** Rows sorted by id then time (numbers compared as numbers), so the file's row order never changes a result. */
function sortRows(columns: PanelColumns, n: number, id?: string, time?: string): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  if (id === undefined) return order;
  const ids = columns[id] as string[]; // the id is kept as text
  const times = time === undefined ? undefined : (columns[time] as Float64Array);
  const byId = (a: number, b: number): number => {
    const sx = ids[a], sy = ids[b];
    // Ids that are both numbers (1, 2, 10) sort as numbers, others as text.
    const nx = Number(sx), ny = Number(sy);
    if (NUMERIC_ID.test(sx) && NUMERIC_ID.test(sy) && nx !== ny) return nx - ny;
    return sx < sy ? -1 : sx > sy ? 1 : 0;
  };
  return order.sort((a, b) => byId(a, b) || (times ? times[a] - times[b] : 0));
}

/**
 * Read a table and check the named columns. Every problem (missing column, empty or non-numeric cell,
 * duplicate (id, time)) is collected, then thrown as one InputError with one line per problem naming
 * the row (the file's line, header = 1) and the column. The named columns and time become numbers;
 * every other column (the id, labels, anything not named) is kept as its text (null = empty), uninterpreted.
 */
export async function readTable(file: string, opts: TableOptions): Promise<{ table: ColumnTable; report: TableReport }> {
  const raw = await readRaw(file, opts.sheet);
  const problems: string[] = [];
  const header = raw.header;
  header.forEach((h, j) => {
    if (h.trim() === "") problems.push(`header cell ${j + 1} is empty`);
    const first = header.indexOf(h);
    if (first < j) problems.push(`columns ${first + 1} and ${j + 1} are both named '${showCell(h)}'`);
  });
  const present = (c: string | undefined) => (c !== undefined && header.includes(c) ? c : undefined);
  const id = opts.id ?? present(opts.defaultKeys?.id);
  const time = opts.time ?? present(opts.defaultKeys?.time);
  const numeric = [...new Set([...(time === undefined ? [] : [time]), ...opts.columns])].filter((c) => c !== id);
  const nonEmpty = new Set([...(id === undefined ? [] : [id]), ...(opts.labels ?? [])]);
  const checked = [...new Set([...nonEmpty, ...numeric])];
  for (const c of checked) {
    if (!header.includes(c)) problems.push(`column ${c} not found (the file has ${listNames(header)})`);
  }
  throwProblems(file, problems);

  const columns: PanelColumns = {};
  header.forEach((name, j) => {
    const mustBeNumber = numeric.includes(name);
    // The id and label columns may hold numbers or names; either way an empty cell cannot place its row.
    const emptyIsProblem = nonEmpty.has(name);
    const empty = (i: number) => problems.push(`row ${raw.lines[i]}, column ${name}: empty cell`);
    if (mustBeNumber) {
      columns[name] = Float64Array.from(raw.rows, (r, i) => {
        const x = cellNumber(r[j]);
        if (typeof x === "number") return x;
        if (x === null) empty(i);
        else problems.push(`row ${raw.lines[i]}, column ${name}: '${showCell(cellText(r[j]))}' is not a finite number`);
        return NaN;
      });
    } else {
      columns[name] = raw.rows.map((r, i) => {
        const s = cellText(r[j]);
        if (s === "" && emptyIsProblem) empty(i);
        return s === "" ? null : s;
      });
    }
  });

  if (id !== undefined && time !== undefined) {
    const ids = columns[id], times = columns[time] as Float64Array;
    const byPair = new Map<string, number[]>();
    raw.rows.forEach((_, i) => {
      if (ids[i] === null || Number.isNaN(times[i])) return; // already reported
      const key = JSON.stringify([ids[i], times[i]]);
      byPair.set(key, [...(byPair.get(key) ?? []), raw.lines[i]]);
    });
    for (const [key, lines] of byPair) {
      if (lines.length < 2) continue;
      const [u, t] = JSON.parse(key) as [string, number];
      problems.push(`${rowsText(lines)}: duplicate (${id}, ${time}) = (${showCell(String(u))}, ${t})`);
    }
  }
  throwProblems(file, problems);

  const order = sortRows(columns, raw.rows.length, id, time);
  const sorted = permuteColumns(columns, order);
  const report: TableReport = {
    file, format: raw.format, sheet: raw.sheet, notes: raw.notes, rows: raw.rows.length, checked, id, time,
  };
  return { table: table(sorted), report };
}
