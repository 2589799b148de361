// A paper table as CSV: a spanning header cell is written once, followed by empty cells; the note last.
import { toCSV as writeCSV } from "../data/csv";
import type { PaperTable } from "./paper-table";

export function toCSV(t: PaperTable): string {
  const headerRows = t.header.map((row) => ["", ...row.flatMap((c) => [c.text, ...Array<string>(c.span - 1).fill("")])]);
  const body = t.sections.flat().map((r) => [r.label, ...r.cells]);
  return writeCSV(headerRows[0], [...headerRows.slice(1), ...body, [t.note]]);
}
