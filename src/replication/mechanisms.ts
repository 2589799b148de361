// Table 4: the baseline column 6 (linear and squared controls, year and city FE) with each mechanism
// variable as the outcome: entrepreneurship, venture capital amount and deals, high-skilled talent.
import { MECHANISM_COLUMNS } from "../data/profile";
import { loadPaperResults, type PaperRegressionTable } from "../tables";
import { assembleTable, BASELINE, runColumns, type ColumnSpec, type StudyData, type TableOptions, type TableRun, withStudySeed } from "./baseline";

export const MECHANISM_OUTCOMES = MECHANISM_COLUMNS;

export const TABLE4_COLUMNS: readonly ColumnSpec[] = MECHANISM_OUTCOMES.map((y, k) => ({
  ...BASELINE, label: `(${k + 1})`, y, flags: { controls: true, year_city_fe: true },
}));

export async function table4(study: StudyData, opts: TableOptions & { paper?: PaperRegressionTable | null } = {}): Promise<TableRun> {
  const { results, seconds } = await runColumns(study.table, TABLE4_COLUMNS, withStudySeed(study, opts));
  const truth = study.truth;
  const table = assembleTable({
    caption: "Table 4 Mechanisms / 表4 机制检验回归结果", cols: TABLE4_COLUMNS, results, paper: opts.paper === undefined ? loadPaperResults().table4 : opts.paper ?? undefined, se: opts.se,
    columnHeader: (c) => c.y!,
    truth: truth ? (term, k) => (term === "Bigdata" ? truth.mechanisms[TABLE4_COLUMNS[k].y!] : undefined) : undefined,
  });
  return { results, seconds, table };
}
