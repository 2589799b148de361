// Table 5: heterogeneity by four splits H (Elec, Inte, Gove, Publ). Two treatments, Bigdata and
// Bigdata x H, each with its own partialled-out score (multiple-treatment PLR), H itself in X, on the
// baseline column 6. Bigdata then estimates the effect where H = 0 and Bigdata x H the difference.
// Because Bigdata x H is an exact function of Bigdata and H, DoubleML's score for it has (in theory)
// no variation left; a diagnostic table partials both treatments out on X alone (multi "joint"), and
// interactionSentences explains the difference from the nuisance fits' R^2.
import type { ColumnTable } from "arquero";
import type { DmlResult } from "../dml";
import { nuisanceR2 } from "../dml/diagnostics";
import { numericColumn } from "../numeric/columns";
import { SPLIT_COLUMNS } from "../data/profile";
import { InputError } from "../errors";
import { loadPaperResults, type PaperRegressionTable } from "../tables";
import { assembleTable, BASELINE, runColumns, type ColumnSpec, type StudyData, type TableOptions, type TableRun, withStudySeed } from "./baseline";

export const SPLITS = SPLIT_COLUMNS;
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

/**
 * Table 5 with the paper's method (multi "doubleml", default), or the diagnostic with both treatments
 * partialled out on X alone (multi "joint"), same columns.
 */
export async function table5(study: StudyData, opts: TableOptions & { paper?: PaperRegressionTable | null } = {}): Promise<TableRun> {
  const data = withInteractions(study.table);
  const joint = opts.multi === "joint";
  const { results, seconds } = await runColumns(data, TABLE5_COLUMNS, withStudySeed(study, opts));
  const truth = study.truth;
  const table = assembleTable({
    caption: joint ? "Table 5 (diagnostic): joint partialling out / 表5(诊断):联合剔除估计" : "Table 5 Heterogeneity / 表5 异质性回归结果", depvar: "FI", cols: TABLE5_COLUMNS, results, paper: opts.paper === undefined ? loadPaperResults().table5 : opts.paper ?? undefined, se: opts.se,
    truth: truth ? (term, k) => {
      const h = truth.heterogeneity[SPLITS[k]];
      return term === "Bigdata" ? h.att_h0 : term === interactionName(SPLITS[k]) ? h.difference : undefined;
    } : undefined,
    note: (joint ? "Not the paper's method: FI, Bigdata and Bigdata × H are each partialled out on the controls alone and both coefficients solve one stacked score. " : "") +
      (truth ? "Truth rows: Bigdata = planted effect where H = 0; Bigdata × H = planted difference (H = 1 minus H = 0)." : ""),
  });
  return { results, seconds, table };
}

/**
 * Per column, why the DoubleML interaction estimate is unreliable and what the joint score gives:
 * how much of Bigdata x H's variance is left after partialling out on X and Bigdata (DoubleML) versus on
 * X alone (joint), from the cross-fitted m_hat of each result; with a truth, whether each interval holds it.
 */
export function interactionSentences(doubleml: readonly DmlResult[], joint: readonly DmlResult[], truth?: (term: string, k: number) => number | undefined): string[] {
  const f = (x: number) => x.toFixed(4), pct = (r2: number) => `${(100 * (1 - r2)).toFixed(1)}%`;
  return TABLE5_COLUMNS.map((col, k) => {
    const h = SPLITS[k], name = interactionName(h), label = `Bigdata × ${h}`;
    const dm = doubleml[k].terms[1], jt = joint[k].terms[1];
    const r2d = nuisanceR2(doubleml[k], 1), r2j = nuisanceR2(joint[k], 1);
    const t = truth?.(name, k);
    const inside = (c: { ci: [number, number] }) => (t === undefined ? "" : c.ci[0] <= t && t <= c.ci[1] ? ", truth inside" : ", truth OUTSIDE");
    const est = (c: { coef: number; se: number; ci: [number, number] }) => `${f(c.coef)} (${f(c.se)}), 95% interval [${f(c.ci[0])}, ${f(c.ci[1])}]${inside(c)}`;
    return `Column ${col.label}, ${label}${t === undefined ? "" : ` (truth ${f(t)})`}: ${label} is Bigdata times ${h}, and ${h} is among the controls, ` +
      `so once the controls and Bigdata are partialled out nothing of it should be left; the forest's fit of it on them has R² = ${r2d.toFixed(3)}, ` +
      `leaving ${pct(r2d)} of its variance, which is the forest's approximation error rather than variation of the treatment. ` +
      `DoubleML's coefficient divides by that remainder: ${est(dm)}. ` +
      `Partialled out on the controls alone (joint score) ${pct(r2j)} of its variance is left (R² = ${r2j.toFixed(3)}), and the estimate is ${est(jt)}.`;
  });
}

export { nuisanceR2 } from "../dml/diagnostics";
