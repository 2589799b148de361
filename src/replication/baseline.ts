// Table 3 (baseline) and what every replication table shares: a declarative column (what goes into
// dml()), running the columns with timing, and lining the results up with the paper's numbers and the
// planted truth. The naive two-way fixed-effects OLS (twfe) and cluster-robust SEs recomputed from a
// fitted DML score (clusterInference) live in dml/ and are re-exported here for the notebooks.
import type { ColumnTable } from "arquero";
import { dml, type DmlOptions, type DmlResult, type ModelName, type MultiTreatment } from "../dml";
import type { FixedEffect, Subset } from "../dml/design";
import type { LearnerChoice } from "../dml/learners";
import type { LearnerOptions } from "../learners/types";
import { loadPaperResults, paperTable, type Label, type PaperRegressionTable, type PaperTable } from "../tables";
import type { Study } from "../study";
import { CONTROLS, estimatesOf, FOREST } from "./common";

export { twfe, type TwfeOptions, type TwfeResult } from "../dml/twfe";
export { clusterInference } from "../dml/inference";

/** One column of a paper table: the dml() specification and the Yes/No rows it prints. */
export interface ColumnSpec {
  label: string;
  /** Outcome; default FI. */
  y?: string;
  /** Treatment(s); default Bigdata. */
  d?: string | string[];
  quadratic: boolean;
  fe: FixedEffect[];
  extra?: string[];
  subset?: Subset;
  model?: ModelName;
  z?: string;
  /** A learner fixed by the column (robustness checks); otherwise the table's learner. */
  learner?: LearnerChoice;
  /** Options of the column's own learner (default: that learner's defaults). */
  learnerOptions?: LearnerOptions;
  folds?: number;
  flags: Record<string, boolean>;
}

/** Settings shared by every column of a table (defaults: the paper's forest, 5 folds, robust SE). */
export interface TableOptions {
  learner?: LearnerChoice;
  /** Options of the table's learner; default FOREST when that learner is the forest. */
  learnerOptions?: LearnerOptions;
  folds?: number;
  se?: "robust" | "cluster";
  seed?: number;
  /** Several treatments: DoubleML's score (default, the paper's) or the joint partialling out. */
  multi?: MultiTreatment;
  /** Called after each column with its fitting time. */
  onProgress?: (done: number, total: number, label: string, seconds: number) => void;
}

/** What each table function returns. */
export interface TableRun {
  results: DmlResult[];
  /** Wall-clock seconds per column. */
  seconds: number[];
  table: PaperTable;
}

/** The study pieces a table function reads (a test can build them without files). */
export type StudyData = Pick<Study, "table" | "truth"> & { seed?: number };

/** The table's options with the study's seed (`stii replicate --seed`) unless a seed is given. */
export function withStudySeed<T extends TableOptions>(study: StudyData, opts: T): T {
  return { ...opts, seed: opts.seed ?? study.seed };
}

/** The dml() options of one column: what a notebook shows for "the call behind column (k)". */
export function columnOptions(data: ColumnTable, col: ColumnSpec, opts: TableOptions = {}): DmlOptions {
  const learner = col.learner ?? opts.learner ?? "rf";
  // The table's forest settings apply to the table's learner only; a column's own learner has its own.
  const learnerOptions = col.learner !== undefined ? col.learnerOptions ?? {} : opts.learnerOptions ?? (learner === "rf" ? { ...FOREST } : {});
  return {
    data, y: col.y ?? "FI", d: col.d ?? "Bigdata", x: [...CONTROLS], quadratic: col.quadratic, fe: col.fe,
    extra: col.extra, subset: col.subset, model: col.model, z: col.z, learner, learnerOptions,
    folds: col.folds ?? opts.folds ?? 5, se: opts.se ?? "robust", seed: opts.seed, multi: opts.multi,
  };
}

/** Run dml() for each column in order, timing each. */
export async function runColumns(data: ColumnTable, cols: readonly ColumnSpec[], opts: TableOptions = {}): Promise<{ results: DmlResult[]; seconds: number[] }> {
  const results: DmlResult[] = [], seconds: number[] = [];
  for (const [k, col] of cols.entries()) {
    const t0 = performance.now();
    results.push(await dml({ ...columnOptions(data, col, opts), onProgress: () => {} }));
    seconds.push((performance.now() - t0) / 1000);
    opts.onProgress?.(k + 1, cols.length, col.label, seconds[k]);
  }
  return { results, seconds };
}

/** Line results up in the paper's format, with the paper's row and the truth row where given. */
export function assembleTable(o: {
  caption: string;
  /** One dependent-variable header over all columns, or a header per column (Table 4, robustness). */
  depvar?: string;
  columnHeader?: (col: ColumnSpec, k: number) => string;
  cols: readonly ColumnSpec[];
  results: readonly DmlResult[];
  paper?: PaperRegressionTable | null;
  /** The planted value of a term in column k, or undefined. */
  truth?: (term: string, k: number) => number | undefined;
  labels?: Record<string, Label>;
  se?: "robust" | "cluster";
  note?: string;
}): PaperTable {
  if (o.paper && o.paper.columns.length !== o.cols.length) throw new Error(`assembleTable: ${o.cols.length} columns but the paper has ${o.paper.columns.length}`);
  const seNote = o.se === "cluster" ? "cluster-robust SE (by city) in parentheses" : "robust SE in parentheses";
  return paperTable({
    caption: o.caption,
    depvar: o.depvar,
    labels: o.labels,
    language: "both",
    note: `*** p<0.01, ** p<0.05, * p<0.1; ${seNote}.${o.note ? " " + o.note : ""}`,
    columns: o.cols.map((col, k) => {
      const estimates = estimatesOf(o.results[k]);
      const truth: Record<string, number> = {};
      if (o.truth) for (const term of Object.keys(estimates)) {
        const t = o.truth(term, k);
        if (t !== undefined) truth[term] = t;
      }
      return {
        estimates, flags: col.flags, n: o.results[k].n, depvar: o.columnHeader?.(col, k),
        paper: o.paper?.columns[k].terms, truth: o.truth ? truth : undefined,
      };
    }),
  });
}

const F = (linear: boolean, squared: boolean, year_fe: boolean, city_fe: boolean) => ({ linear, squared, year_fe, city_fe });

/** Table 3: linear controls; + year FE; + year and city FE; then the same with squared controls. */
export const TABLE3_COLUMNS: readonly ColumnSpec[] = [
  { label: "(1)", quadratic: false, fe: [], flags: F(true, false, false, false) },
  { label: "(2)", quadratic: false, fe: ["year"], flags: F(true, false, true, false) },
  { label: "(3)", quadratic: false, fe: ["year", "city"], flags: F(true, false, true, true) },
  { label: "(4)", quadratic: true, fe: [], flags: F(true, true, false, false) },
  { label: "(5)", quadratic: true, fe: ["year"], flags: F(true, true, true, false) },
  { label: "(6)", quadratic: true, fe: ["year", "city"], flags: F(true, true, true, true) },
];

/** The richest baseline specification (column 6), on which robustness, mechanisms and Table 5 build. */
export const BASELINE = TABLE3_COLUMNS[5];

export async function table3(study: StudyData, opts: TableOptions & { paper?: PaperRegressionTable | null } = {}): Promise<TableRun> {
  const { results, seconds } = await runColumns(study.table, TABLE3_COLUMNS, withStudySeed(study, opts));
  const truth = study.truth;
  const table = assembleTable({
    caption: "Table 3 Baseline regression / 表3 基准回归结果", depvar: "FI", cols: TABLE3_COLUMNS, results, paper: opts.paper === undefined ? loadPaperResults().table3 : opts.paper ?? undefined, se: opts.se,
    truth: truth ? (term) => (term === "Bigdata" ? truth.att.FI : undefined) : undefined,
  });
  return { results, seconds, table };
}

/** Whether a planted value lies in a column's 95% interval, and how far the estimate is from it. */
export interface Coverage {
  label: string;
  term: string;
  coef: number;
  ci: [number, number];
  truth: number;
  inside: boolean;
  /** (coef - truth) / se. */
  z: number;
}

export function coverage(cols: readonly ColumnSpec[], results: readonly DmlResult[], truth: (term: string, k: number) => number | undefined): Coverage[] {
  return results.flatMap((r, k) => r.terms.flatMap((t) => {
    const v = truth(t.name, k);
    return v === undefined ? [] : [{ label: cols[k].label, term: t.name, coef: t.coef, ci: t.ci, truth: v, inside: t.ci[0] <= v && v <= t.ci[1], z: (t.coef - v) / t.se }];
  }));
}

/**
 * One sentence per column: is the truth inside the interval and, if not, the likely reason given the
 * column's specification (no city effects in X: confounding by persistent city differences; with them:
 * faster untreated growth of the designated cities, carried by the squared controls, which the forest
 * picks up among hundreds of dummy columns only partly; notebook 09 measures the bias over many panels).
 */
export function coverageSentences(cols: readonly ColumnSpec[], cov: readonly Coverage[]): string[] {
  const f = (x: number) => x.toFixed(4);
  return cov.map((c) => {
    const col = cols.find((x) => x.label === c.label)!;
    const head = `Column ${c.label}, ${c.term}: estimate ${f(c.coef)}, 95% interval [${f(c.ci[0])}, ${f(c.ci[1])}], truth ${f(c.truth)}`;
    if (c.inside) return `${head}: the truth lies inside the interval.`;
    const side = c.z > 0 ? "above" : "below";
    const why = !col.fe.includes("city")
      ? "X has no city effects, so persistent differences between pilot and other cities (the pilots were chosen where development is high) confound the comparison"
      : "although city dummies are in X, the designated cities (the more developed ones) have untreated outcomes that grow faster in this simulation; the squared controls carry that growth, but the forest, among hundreds of dummy columns, picks it up only partly (notebook 09 measures this bias over many simulated panels)";
    return `${head}: the truth lies OUTSIDE, the estimate is ${Math.abs(c.z).toFixed(1)} standard errors ${side} it. Likely reason: ${why}.`;
  });
}
