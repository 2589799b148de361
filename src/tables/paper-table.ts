// Line estimates up the way fixest's etable / Stata's esttab do: one column per model, each term a coef
// row (with stars) and an SE row, then Yes/No rows for controls and fixed effects, then N. Optional
// comparison rows under a term show the paper's number and the planted (simulated) truth beside ours.
import { fmt, stars, type Estimate } from "./estimate";
import { labelText, type Label, type Language } from "./labels";

export interface PaperValue { coef: number; se: number; stars?: string }

export interface TableColumn {
  /** Estimates by term name. */
  estimates: Record<string, Estimate>;
  /** This column's dependent variable, when columns differ (Table 4). */
  depvar?: string;
  /** Yes/No rows by flag key, e.g. { linear: true, year_fe: false }. */
  flags?: Record<string, boolean>;
  /** Defaults to the n of the column's first estimate. */
  n?: number;
  /** The paper's coef (se) for a term, shown in a "Paper" row under it. */
  paper?: Record<string, PaperValue>;
  /** The planted effect for a term, shown in a "Truth (simulated)" row under it. */
  truth?: Record<string, number>;
}

export interface PaperTableSpec {
  caption?: string;
  /** One dependent-variable header over all columns (Table 3); otherwise per-column `depvar`. */
  depvar?: string;
  columns: TableColumn[];
  /** Row order; default: terms in order of first appearance. */
  terms?: string[];
  /** Yes/No rows in this order; default: flag keys in order of first appearance. */
  flags?: string[];
  /** Labels overriding the defaults of labels.ts, by term / flag / depvar key. */
  labels?: Record<string, Label>;
  language?: Language;
  digits?: number;
  /** Add a [lo, hi] row under each SE when the estimate has a ci. */
  showCI?: boolean;
  /** Default: the star legend and "robust SE in parentheses". */
  note?: string;
}

/** A header cell spanning `span` model columns. */
export interface HeaderCell { text: string; span: number }
export type RowKind = "coef" | "se" | "ci" | "paper" | "truth" | "flag" | "n";
export interface BodyRow { kind: RowKind; label: string; cells: string[] }

/** The rendered grid every output format shares, plus the numbers for toJSON. */
export interface PaperTable {
  caption?: string;
  /** Header rows over the model columns (the stub column is implicit). */
  header: HeaderCell[][];
  /** Sections separated by a rule: terms, then Yes/No rows, then N. */
  sections: BodyRow[][];
  note: string;
  spec: PaperTableSpec;
}

export const DEFAULT_NOTE = "*** p<0.01, ** p<0.05, * p<0.1; robust SE in parentheses.";

function firstAppearance(lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}

/** Merge runs of equal neighbouring texts into spanning cells. */
function spans(texts: string[]): HeaderCell[] {
  const out: HeaderCell[] = [];
  for (const t of texts) {
    const last = out[out.length - 1];
    if (last && last.text === t) last.span++;
    else out.push({ text: t, span: 1 });
  }
  return out;
}

export function paperTable(spec: PaperTableSpec): PaperTable {
  const { columns } = spec;
  if (columns.length === 0) throw new Error("paperTable: no columns");
  const d = spec.digits ?? 4;
  const label = (key: string) => labelText(key, spec.language, spec.labels?.[key]);
  const terms = spec.terms ?? firstAppearance(columns.map((c) => Object.keys(c.estimates)));
  const flags = spec.flags ?? firstAppearance(columns.map((c) => Object.keys(c.flags ?? {})));

  const depvars = columns.map((c) => c.depvar ?? spec.depvar ?? "");
  const header: HeaderCell[][] = [];
  if (depvars.some((v) => v)) header.push(spans(depvars.map((v) => (v ? label(v) : ""))));
  header.push(columns.map((_, k) => ({ text: `(${k + 1})`, span: 1 })));

  const termRows: BodyRow[] = [];
  for (const term of terms) {
    const est = columns.map((c) => c.estimates[term]);
    const cell = (f: (e: Estimate) => string) => est.map((e) => (e ? f(e) : ""));
    const where = (k: number) => `term ${term}, column (${k + 1})`;
    est.forEach((e, k) => {
      if (e && !(Number.isFinite(e.coef) && Number.isFinite(e.se) && Number.isFinite(e.p))) {
        throw new Error(`paperTable: non-finite estimate at ${where(k)}`);
      }
    });
    termRows.push({ kind: "coef", label: label(term), cells: cell((e) => fmt(e.coef, d) + stars(e.p)) });
    termRows.push({ kind: "se", label: "", cells: cell((e) => `(${fmt(e.se, d)})`) });
    if (spec.showCI && est.some((e) => e?.ci)) {
      termRows.push({ kind: "ci", label: "", cells: cell((e) => (e.ci ? `[${fmt(e.ci[0], d)}, ${fmt(e.ci[1], d)}]` : "")) });
    }
    if (columns.some((c) => c.paper?.[term])) {
      termRows.push({ kind: "paper", label: label("paper"), cells: columns.map((c) => {
        const p = c.paper?.[term];
        return p ? `${fmt(p.coef, d)}${p.stars ?? ""} (${fmt(p.se, d)})` : "";
      }) });
    }
    if (columns.some((c) => c.truth?.[term] !== undefined)) {
      termRows.push({ kind: "truth", label: label("truth"), cells: columns.map((c) => {
        const t = c.truth?.[term];
        return t === undefined ? "" : fmt(t, d);
      }) });
    }
  }
  const flagRows: BodyRow[] = flags.map((f) => ({
    kind: "flag", label: label(f),
    cells: columns.map((c) => (c.flags?.[f] === undefined ? "" : c.flags[f] ? "Yes" : "No")),
  }));
  const nRow: BodyRow = {
    kind: "n", label: "N",
    cells: columns.map((c) => {
      const n = c.n ?? Object.values(c.estimates)[0]?.n;
      return n === undefined ? "" : String(n);
    }),
  };
  const sections = [termRows, flagRows, [nRow]].filter((s) => s.length > 0);
  return { caption: spec.caption, header, sections, note: spec.note ?? DEFAULT_NOTE, spec };
}
