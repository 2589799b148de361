// Reading a CSV or XLSX file into header cells and raw rows, with the 1-based line of each row: the
// shared first step of the generic reader (table.ts) and the paper profile's reader (panel.ts).
import * as fs from "fs";
import * as path from "path";
import { InputError } from "../errors";
import { parseCSV } from "./csv";
import type { RawCell } from "./validate";
import { readXlsx } from "./xlsx";

export interface RawFile { format: "csv" | "xlsx"; sheet?: string | number; header: string[]; rows: RawCell[][]; lines: number[]; notes: string[] }

/** The file's header and rows; a missing, unreadable or non-UTF-8 file is one InputError naming it. */
export async function readRaw(file: string, sheet?: string): Promise<RawFile> {
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
