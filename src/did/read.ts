// Reads the named numeric columns of a CSV for `stii did` with the project's strict CSV reader, and
// nothing else (no roster, no year range). One small function so a generic table reader can replace it.
import { readFileSync } from "node:fs";
import { parseCSV } from "../data/csv";
import { InputError } from "../errors";
import type { Columns } from "./panel";

export interface ReadColumns {
  columns: Columns;
  /** "line L" of the file for row i (the header is line 1). */
  rowLabel: (i: number) => string;
}

/** Each named column must be present; every cell must be a finite number (else: one error naming line and column). */
export function readColumns(file: string, names: readonly string[]): ReadColumns {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const csv = parseCSV(text, file);
  const columns: Columns = {};
  for (const name of new Set(names)) {
    const j = csv.header.indexOf(name);
    if (j < 0) throw new InputError(`${file}: column ${name} not found`);
    columns[name] = Float64Array.from(csv.rows, (row, i) => {
      const cell = (row[j] ?? "").trim();
      const v = cell === "" ? NaN : Number(cell);
      if (!Number.isFinite(v)) throw new InputError(`${file}: column ${name}, line ${csv.lines[i]}: ${cell === "" ? "missing value" : `non-numeric value "${cell}"`}`);
      return v;
    });
  }
  return { columns, rowLabel: (i) => `line ${csv.lines[i]}` };
}
