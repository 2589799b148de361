// Reads a panel file for `stii did` with the generic reader (data/table.ts: CSV or XLSX, the file's own
// names, every problem of the named columns at once). Ids that are all numbers become numbers, so units
// sort as the library sorts them; text ids (firm-01, county names) stay text. Rows are named by their keys.
import { readTable } from "../data/table";
import type { Columns } from "./panel";

export interface ReadColumns {
  columns: Columns;
  /** "id=..., time=..." of row i, for messages. */
  rowLabel: (i: number) => string;
}

export async function readDidColumns(file: string, o: { id: string; time: string; numeric: readonly string[] }): Promise<ReadColumns> {
  const { table } = await readTable(file, { columns: o.numeric, id: o.id, time: o.time });
  const idText = table.array(o.id) as string[];
  const numericIds = idText.every((s) => s.trim() !== "" && Number.isFinite(Number(s)));
  const columns: Columns = { [o.id]: numericIds ? Float64Array.from(idText, Number) : idText };
  for (const c of new Set([o.time, ...o.numeric])) columns[c] = table.array(c) as Float64Array;
  const times = columns[o.time];
  return { columns, rowLabel: (i) => `${o.id}=${idText[i]}, ${o.time}=${times[i]}` };
}
