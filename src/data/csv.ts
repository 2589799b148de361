// A small strict CSV reader (RFC 4180) and writer. Structural faults become one InputError naming the line.
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";

export interface CsvData {
  header: string[];
  rows: string[][];
  /** 1-based file line on which each row starts (the header is line 1). */
  lines: number[];
  /** Harmless things fixed while reading (e.g. a byte-order mark), to show in the load report. */
  notes: string[];
}

const MAX_LISTED = 5;
const SPECIAL = new Set([",", '"', "\r", "\n"]);

/** Parse CSV text; `file` names the source in error messages. Blank lines are skipped. */
export function parseCSV(text: string, file = "input"): CsvData {
  const notes: string[] = [];
  if (text.charCodeAt(0) === 0xfeff) {
    text = text.slice(1);
    notes.push("leading UTF-8 byte-order mark removed (harmless)");
  }
  if (text.trim() === "") throw new InputError(`${file}: file is empty`);
  checkDelimiter(text, file);

  const records: string[][] = [];
  const starts: number[] = [];
  let field = "";
  let record: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const n = text.length;
  const endRecord = () => {
    record.push(field);
    field = "";
    // A record that is one empty field is a blank line.
    if (!(record.length === 1 && record[0] === "")) {
      records.push(record);
      starts.push(recordLine);
    }
    record = [];
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && field === "") {
      // Quoted field: runs to the next lone quote; "" is an escaped quote; may span lines.
      const openLine = line;
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new InputError(`${file}: quoted field opened on line ${openLine} never closes (file truncated?)`);
        const chunk = text.slice(i, q);
        field += chunk;
        line += chunk.split("\n").length - 1;
        if (text[q + 1] === '"') { field += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
      const next = text[i];
      if (i < n && next !== "," && next !== "\n" && next !== "\r") {
        throw new InputError(`${file}: text after a closing quote on line ${line} (quotes inside a field must be doubled)`);
      }
      continue;
    }
    if (ch === '"') throw new InputError(`${file}: stray quote inside an unquoted field on line ${line}`);
    if (ch === ",") { record.push(field); field = ""; i++; continue; }
    if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    // Unquoted text: take everything up to the next special character in one slice.
    let j = i + 1;
    while (j < n && !SPECIAL.has(text[j])) j++;
    field += text.slice(i, j);
    i = j;
  }
  if (field !== "" || record.length > 0) endRecord();

  const header = records[0];
  const rows = records.slice(1);
  const lines = starts.slice(1);
  const bad: string[] = [];
  let badCount = 0;
  rows.forEach((r, k) => {
    if (r.length !== header.length) {
      badCount++;
      if (bad.length < MAX_LISTED) bad.push(`line ${lines[k]} has ${r.length}`);
    }
  });
  if (badCount > 0) {
    const more = badCount > bad.length ? `, and ${badCount - bad.length} more` : "";
    throw new InputError(
      `${file}: header has ${header.length} fields but ${bad.join(", ")}${more} (file truncated or a field with an unquoted comma?)`,
    );
  }
  return { header, rows, lines, notes };
}

/** Fields of a line outside quotes, for a given delimiter (rough: used only to recognise the delimiter). */
function countFields(line: string, delim: string): number {
  let count = 1;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === delim && !quoted) count++;
  }
  return count;
}

/** A file saved with ';' or tab separators would otherwise read as one giant column: say so instead. */
function checkDelimiter(text: string, file: string): void {
  const firstLine = text.split(/\r?\n/, 1)[0];
  const commas = countFields(firstLine, ",");
  for (const [delim, name] of [[";", "semicolon"], ["\t", "tab"]] as const) {
    const other = countFields(firstLine, delim);
    if (other > commas) {
      throw new InputError(
        `${file}: file looks ${name}-separated: its header line has ${other} ${name}-separated fields but ${commas} comma-separated; save it as comma-separated CSV`,
      );
    }
  }
}

/** One cell as CSV text: missing (null, undefined, NaN) is an empty cell; numbers use the shortest round-trip form. */
function formatCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "";
    if (!Number.isFinite(v)) throw new Error(`toCSV: cannot write the infinite value ${v}`);
    return String(v);
  }
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Write a header and rows as CSV with "\n" line ends, so equal data always gives identical bytes. */
export function toCSV(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const out = [header.map(formatCell).join(",")];
  for (const r of rows) out.push(r.map(formatCell).join(","));
  return out.join("\n") + "\n";
}

/** An arquero table as CSV (its columns in order, its rows in the table's current order). */
export function tableToCSV(t: ColumnTable): string {
  const names = t.columnNames();
  const columns = names.map((name) => t.array(name));
  return toCSV(names, Array.from({ length: t.numRows() }, (_, i) => columns.map((c) => c[i])));
}
