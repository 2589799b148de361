// Any arquero table (descriptive statistics, calibration, regional means) in the same HTML style as
// the paper tables. Non-integers print with `digits` decimals, integers (N, years) as they are.
import type { ColumnTable } from "arquero";
import { fmt } from "./estimate";
import { renderHtml } from "./html";

export interface HtmlTableOptions {
  caption?: string;
  digits?: number;
  /** Header text by column name. */
  labels?: Record<string, string>;
  note?: string;
}

function cellText(v: unknown, digits: number): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") {
    if (Number.isNaN(v)) return "";
    return Number.isInteger(v) ? String(v) : fmt(v, digits);
  }
  return String(v);
}

export function htmlTable(table: ColumnTable, opts: HtmlTableOptions = {}): string {
  const names = table.columnNames();
  const digits = opts.digits ?? 4;
  const rows = table.objects() as Record<string, unknown>[];
  return renderHtml({
    caption: opts.caption,
    header: [names.map((n) => ({ text: opts.labels?.[n] ?? n }))],
    sections: [rows.map((r) => names.map((n) => cellText(r[n], digits)))],
    note: opts.note,
  });
}
