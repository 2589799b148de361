// Read one sheet of an .xlsx file with read-excel-file (see docs/xlsx-choice.md for why this library).
import { readSheet } from "read-excel-file/node";
import { InputError } from "../errors";
import type { RawCell } from "./validate";

export interface SheetRows {
  sheet: string | number;
  header: string[];
  rows: RawCell[][];
  /** Sheet row number of each data row (header = row 1), the "line" a user sees in Excel. */
  lines: number[];
  notes: string[];
}

/** The first sheet, or the one named; any failure to read becomes an InputError naming the file. */
export async function readXlsx(file: string, sheet?: string): Promise<SheetRows> {
  let data: RawCell[][];
  try {
    data = (await readSheet(file, sheet ?? 1)) as RawCell[][];
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const what = sheet === undefined ? "its first sheet" : `sheet '${sheet}'`;
    throw new InputError(`${file}: cannot read ${what} as .xlsx (${why.split("\n")[0]})`);
  }
  if (data.length === 0) throw new InputError(`${file}: the sheet is empty`);
  const header = data[0].map((c) => (c === null || c === undefined ? "" : String(c)));
  const rows: RawCell[][] = [];
  const lines: number[] = [];
  let beyond = 0;
  const empty = (c: RawCell) => c === null || c === undefined || c === "";
  data.slice(1).forEach((r, k) => {
    // Excel often keeps formatted but empty rows at the end: skip rows with no value at all.
    if (r.every(empty)) return;
    rows.push(header.map((_, j) => r[j] ?? null));
    lines.push(k + 2);
    beyond += r.slice(header.length).filter((c) => !empty(c)).length;
  });
  const notes = beyond > 0 ? [`${beyond} cells right of the last header column ignored`] : [];
  return { sheet: sheet ?? 1, header, rows, lines, notes };
}
