// Table 5: heterogeneity by four splits H (Elec, Inte, Gove, Publ). Two treatments, Bigdata and
// Bigdata x H, each with its own partialled-out score (multiple-treatment PLR), H itself in X, on the
// baseline column 6. Bigdata then estimates the effect where H = 0 and Bigdata x H the difference.
import type { ColumnTable } from "arquero";
import { numericColumn } from "../dml/design";
import { InputError } from "../errors";
import { loadPaperResults, type PaperRegressionTable } from "../tables";
import { assembleTable, BASELINE, runColumns, type ColumnSpec, type StudyData, type TableOptions, type TableRun } from "./baseline";

export const SPLITS = ["Elec", "Inte", "Gove", "Publ"] as const;
export const interactionName = (h: string): string => `Bigdata_x_${h}`;

export const TABLE5_COLUMNS: readonly ColumnSpec[] = SPLITS.map((h, k) => ({
  ...BASELINE, label: `(${k + 1})`, d: ["Bigdata", interactionName(h)], extra: [h], flags: { controls: true, year_city_fe: true },
}));

/** The panel with the interaction columns Bigdata_x_H added. */
export function withInteractions(table: ColumnTable, splits: readonly string[] = SPLITS): ColumnTable {
  const add: Record<string, number[]> = {};
  const row = (i: number) => `row ${i + 1}`;
  const need = (c: string) => { if (!table.columnNames().includes(c)) throw new InputError(`column ${c} not found (heterogeneity split)`); };
  need("Bigdata");
  const d = numericColumn(table, "Bigdata", row);
  for (const h of splits) {
    need(h);
    const v = numericColumn(table, h, row);
    add[interactionName(h)] = Array.from({ length: v.length }, (_, i) => d[i] * v[i]);
  }
  return table.assign(add);
}

export async function table5(study: StudyData, opts: TableOptions & { paper?: PaperRegressionTable | null } = {}): Promise<TableRun> {
  const { results, seconds } = await runColumns(withInteractions(study.table), TABLE5_COLUMNS, opts);
  const truth = study.truth;
  const table = assembleTable({
    caption: "Table 5 Heterogeneity / 表5 异质性回归结果", depvar: "FI", cols: TABLE5_COLUMNS, results, paper: opts.paper === undefined ? loadPaperResults().table5 : opts.paper ?? undefined, se: opts.se,
    truth: truth ? (term, k) => {
      const h = truth.heterogeneity[SPLITS[k]];
      return term === "Bigdata" ? h.att_h0 : term === interactionName(SPLITS[k]) ? h.difference : undefined;
    } : undefined,
    note: "Truth rows: Bigdata = planted effect where H = 0; Bigdata × H = planted difference (H = 1 minus H = 0).",
  });
  return { results, seconds, table };
}
