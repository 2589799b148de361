// Shared pieces of the replication notebooks: the paper's control set, turning a DML result into a table
// estimate, the data banner every notebook opens with, and saving a paper table in every format.
import { CONTROL_COLUMNS } from "../data/profile";
import type { DmlResult } from "../dml";
import { escapeHtml, toCSV, toHTML, toJSON, toLaTeX, type Estimate, type PaperTable } from "../tables";
import type { ResultsWriter } from "../report";
import { dataLabel, type Study } from "../study";

/** The five controls of the paper (section 4.2.4): Gdp, Pas, Fin, Env, Ope. */
export const CONTROLS = CONTROL_COLUMNS;

/** Random-forest settings shared by every replication table (the paper does not report its own). */
export const FOREST = { nTrees: 100, minNodeSize: 5 } as const;

/** The estimate of one term of a DML result, as the table functions take it. */
export function estimateOf(result: DmlResult, term?: string): Estimate {
  const t = term === undefined ? result.terms[0] : result.terms.find((x) => x.name === term);
  if (!t) throw new Error(`estimateOf: no term ${term} in the result (terms: ${result.terms.map((x) => x.name).join(", ")})`);
  return { coef: t.coef, se: t.se, p: t.p, n: result.n, ci: t.ci, label: t.name };
}

/** All terms of a result keyed by name. */
export function estimatesOf(result: DmlResult): Record<string, Estimate> {
  return Object.fromEntries(result.terms.map((t) => [t.name, estimateOf(result, t.name)]));
}

/** The HTML banner at the top of every notebook: which data, and whether numbers are simulated. */
export function banner(study: Study): string {
  const opts: string[] = [];
  if (study.options.interpolate) opts.push("missing values interpolated linearly within each city");
  if (study.options.winsorize) opts.push(`continuous columns winsorized at percentiles ${study.options.winsorize.join(" / ")}`);
  const n = study.table.numRows();
  const body = study.simulated
    ? `<b>Simulated data.</b> Every number below comes from the ${escapeHtml(dataLabel(study))}: the real 283 cities and policy calendars with simulated outcomes calibrated to the paper and planted effects of known size. Compare estimates with the <i>truth (simulated)</i> rows; the paper's numbers are shown as targets of a real-data replication.`
    : `<b>Your data.</b> Every number below comes from ${escapeHtml(dataLabel(study))} (${n} rows). The paper's numbers are shown beside yours as targets.`;
  const transformed = study.report.transformations;
  const extra = (opts.length ? `<br><b>Data options on:</b> ${escapeHtml(opts.join("; "))}.` : "")
    + (transformed.length ? `<br><b>Columns transformed on reading:</b> ${escapeHtml(transformed.join("; "))}.` : "");
  const style = study.simulated ? "background:#fff4e0;border-left:4px solid #E69F00" : "background:#e8f4fb;border-left:4px solid #0072B2";
  return `<div style="${style};padding:8px 12px;margin:4px 0;font-family:sans-serif">${body}${extra}</div>`;
}

/** Save a paper table as CSV, JSON, HTML and LaTeX under results/tables/. */
export function saveTable(out: ResultsWriter, name: string, table: PaperTable, title?: string): void {
  out.saveTable(name, { csv: toCSV(table), json: toJSON(table), html: toHTML(table), tex: toLaTeX(table), title: title ?? table.caption });
}
