// The paper's reported numbers (data/paper-results.json), typed, for comparison rows and notebooks.
import * as fs from "fs";
import { dataPath } from "../data/roster";
import type { PaperValue } from "./paper-table";

export interface PaperColumn {
  depvar?: string;
  split?: string;
  terms: Record<string, PaperValue>;
  flags: Record<string, boolean>;
  n: number;
}
export interface PaperRegressionTable { source: string; depvar?: string; columns: PaperColumn[] }

export interface PaperResults {
  table2: { source: string; columns: string[]; rows: (string | number)[][] };
  table3: PaperRegressionTable;
  table4: PaperRegressionTable;
  table5: PaperRegressionTable;
  table6: PaperRegressionTable;
  fi_path: {
    source: string;
    national: { first_year: number; first: number; last_year: number; last: number; growth: number };
    pooled_means: Record<string, number>;
    growth: Record<string, number>;
    growth_note: string;
  };
}

/** Default: data/paper-results.json of the package. */
export function loadPaperResults(file: string = dataPath("paper-results.json")): PaperResults {
  return JSON.parse(fs.readFileSync(file, "utf8")) as PaperResults;
}
