// Method check: a Monte Carlo study of DML on a simulated panel with a known effect and nonlinear
// confounding. Each replication draws a fresh panel, estimates theta by PLR with a forest, PLR with
// the lasso and naive two-way fixed-effects OLS, and the summary reports bias, SE calibration
// (mean SE / sd of the estimates) and the coverage of the 95% intervals.
//
// The panel (src/simulate/mc-panel.ts): D depends on nonlinear functions of the controls only, and the
// errors are correlated within a city, hence city-clustered SEs for every method. Linear controls cannot
// absorb x1^2 and sin(2 x2), which drive both D and Y: that is the bias of the naive OLS (baseline.ts's
// twfe: city effects removed within city, year dummies, city-clustered SE as Stata's `xtreg, fe vce(cluster)`).
import * as fs from "node:fs";
import * as path from "node:path";
import type { ColumnTable } from "arquero";
import { dml } from "../dml";
import { InputError } from "../errors";
import type { LearnerOptions } from "../learners/types";
import { normalCdf, normalQuantile } from "../numeric/normal";
import { DEFAULT_SEED, deriveSeed } from "../numeric/rng";
import { simulateMcPanel, type McDesign } from "../simulate/mc-panel";
import { twfe } from "../dml/twfe";

// The simulated panel itself lives in simulate/ (a data-generating process, not an estimator).
export { simulateMcPanel, type McDesign } from "../simulate/mc-panel";

/** The paper's panel shape (283 cities x 13 years), so the check speaks to the sample size the paper has. */
export const MC_DESIGN: McDesign = { cities: 283, years: 13, theta: 0.5 };

/** The controls every method sees (the year enters the DML learners as a number, OLS as dummies). */
export const MC_CONTROLS = ["x1", "x2", "x3"] as const;

export type McMethod = "PLR forest" | "PLR lasso" | "TWFE OLS";
export const MC_METHODS: readonly McMethod[] = ["PLR forest", "PLR lasso", "TWFE OLS"];


/** One method's estimate on one panel. */
export async function estimateMc(method: McMethod, data: ColumnTable, learners: { forest?: LearnerOptions; lasso?: LearnerOptions }, seed: number): Promise<{ coef: number; se: number }> {
  if (method === "TWFE OLS") return twfe({ data, y: "Y", d: "D", x: [...MC_CONTROLS], fe: ["year"], panel: "within" });
  const res = await dml({
    data, y: "Y", d: "D", x: [...MC_CONTROLS, "year"], se: "cluster", cluster: "city_code", seed,
    learner: method === "PLR forest" ? "rf" : "lasso", learnerOptions: (method === "PLR forest" ? learners.forest : learners.lasso) ?? {}, onProgress: () => {},
  });
  return { coef: res.terms[0].coef, se: res.terms[0].se };
}

export interface McEstimate {
  rep: number;
  method: McMethod;
  coef: number;
  se: number;
  /** Whether coef +- z_0.975 se contains the true theta. */
  covered: boolean;
}

export interface McSummary {
  method: McMethod;
  reps: number;
  meanEstimate: number;
  bias: number;
  sd: number;
  rmse: number;
  meanSe: number;
  /** meanSe / sd: 1 when the reported SEs match the spread of the estimates. */
  seRatio: number;
  coverage: number;
}

/** Bias, spread, SE calibration and coverage per method (sd with the n - 1 divisor). */
export function summariseMc(estimates: readonly McEstimate[], theta: number): McSummary[] {
  const methods = [...new Set(estimates.map((e) => e.method))];
  return methods.map((method) => {
    const e = estimates.filter((x) => x.method === method);
    const R = e.length;
    const mean = e.reduce((s, x) => s + x.coef, 0) / R;
    const sd = R > 1 ? Math.sqrt(e.reduce((s, x) => s + (x.coef - mean) ** 2, 0) / (R - 1)) : NaN;
    const meanSe = e.reduce((s, x) => s + x.se, 0) / R;
    return {
      method, reps: R, meanEstimate: mean, bias: mean - theta, sd,
      rmse: Math.sqrt(e.reduce((s, x) => s + (x.coef - theta) ** 2, 0) / R),
      meanSe, seRatio: meanSe / sd, coverage: e.filter((x) => x.covered).length / R,
    };
  });
}

/** The estimates of replication `rep` alone: the same numbers it has inside a whole study with that seed. */
export async function replicationMc(rep: number, seed: number, design: McDesign, methods: readonly McMethod[], learners: { forest?: LearnerOptions; lasso?: LearnerOptions }): Promise<McEstimate[]> {
  const z = normalQuantile(0.975);
  const data = simulateMcPanel(design, deriveSeed(seed, rep));
  const out: McEstimate[] = [];
  for (const method of methods) {
    const { coef, se } = await estimateMc(method, data, learners, deriveSeed(seed, rep, 1));
    out.push({ rep, method, coef, se, covered: Math.abs(coef - design.theta) <= z * se });
  }
  return out;
}

/**
 * Notebook 08's stored study: the three methods on panels of the paper's size, and the forest PLR alone on
 * smaller panels, with the same seed. Forest: all four features tried at each split (mtry 4, bagged trees;
 * with the default p/3 = 1 feature the trees split at random and the nuisance fits are much worse), 25 trees
 * (100 gave the same coverage and SE ratio to within 0.01 at 4x the time). Lasso: a 20-value penalty path,
 * cross-validated as usual.
 */
export interface TextbookSettings {
  reps: number;
  seed: number;
  design: McDesign;
  small: McDesign;
  forest: LearnerOptions;
  lasso: LearnerOptions;
}

export const TEXTBOOK: TextbookSettings = {
  reps: 200,
  seed: DEFAULT_SEED + 1,
  design: MC_DESIGN,
  small: { ...MC_DESIGN, cities: 100, years: 10 },
  forest: { nTrees: 25, minNodeSize: 5, mtry: 4 },
  lasso: { nLambda: 20, tol: 1e-7 },
};

export interface TextbookStudy {
  simulated: true;
  about: string;
  settings: TextbookSettings;
  /** Every method on the paper-sized panels, and its summary. */
  estimates: McEstimate[];
  summary: McSummary[];
  /** "PLR forest" on the small panels, and its summary. */
  smallEstimates: McEstimate[];
  smallSummary: McSummary[];
}

/** One replication of the textbook study, both panel sizes (what notebook 08 re-runs live). */
export async function textbookReplication(rep: number, s: TextbookSettings): Promise<{ estimates: McEstimate[]; small: McEstimate[] }> {
  return {
    estimates: await replicationMc(rep, s.seed, s.design, MC_METHODS, s),
    small: await replicationMc(rep, s.seed, s.small, ["PLR forest"], s),
  };
}

export async function textbookStudy(opts: Partial<TextbookSettings> & { onProgress?: (done: number, total: number, label: string) => void } = {}): Promise<TextbookStudy> {
  const { onProgress, ...given } = opts;
  const s: TextbookSettings = { ...TEXTBOOK, ...given };
  if (!Number.isInteger(s.reps) || s.reps < 1) throw new InputError(`reps must be an integer >= 1, got ${s.reps}`);
  if (!Number.isInteger(s.seed)) throw new InputError(`seed must be an integer, got ${s.seed}`);
  const estimates: McEstimate[] = [], smallEstimates: McEstimate[] = [];
  for (let rep = 0; rep < s.reps; rep++) {
    const r = await textbookReplication(rep, s);
    estimates.push(...r.estimates);
    smallEstimates.push(...r.small);
    onProgress?.(rep + 1, s.reps, `rep ${rep + 1}/${s.reps}`);
  }
  return {
    simulated: true,
    about: "SIMULATED Monte Carlo of notebook 08 (the textbook design, simulate/mc-panel.ts): treatment drawn afresh in every city-year, one constant effect theta.",
    settings: s,
    estimates, summary: summariseMc(estimates, s.design.theta),
    smallEstimates, smallSummary: summariseMc(smallEstimates, s.small.theta),
  };
}

/** The study's estimates as CSV, one row per panel size, replication and method. */
export function textbookCsv(study: TextbookStudy): string {
  const rows = (panel: string, e: McEstimate[]) => e.map((x) => [panel, x.rep, x.method, x.coef, x.se, x.covered].join(","));
  return ["panel,rep,method,coef,se,covered", ...rows("paper", study.estimates), ...rows("small", study.smallEstimates)].join("\n") + "\n";
}

/** Where the committed textbook study lives (the repository's results/montecarlo/, whatever the working directory). */
export const TEXTBOOK_FILE = path.join(__dirname, "..", "..", "results", "montecarlo", "textbook.json");

/** The committed textbook study, or a clear error naming the command that writes it. */
export function readTextbookStudy(file: string = TEXTBOOK_FILE): TextbookStudy {
  if (!fs.existsSync(file)) throw new InputError(`${file} not found: run \`stii montecarlo --design textbook --reps ${TEXTBOOK.reps} --out ${path.relative(process.cwd(), file) || file}\``);
  return JSON.parse(fs.readFileSync(file, "utf8")) as TextbookStudy;
}

/**
 * Coverage a normal estimator would have with only one of the two defects: its bias (in units of its sd)
 * with honest SEs, Phi(z - b) - Phi(-z - b); or its SE ratio r without bias, 2 Phi(z r) - 1.
 */
export function coverageDecomposition(s: Pick<McSummary, "bias" | "sd" | "seRatio">, level = 0.95): { fromBias: number; fromSe: number } {
  const z = normalQuantile(1 - (1 - level) / 2), b = s.bias / s.sd;
  return { fromBias: normalCdf(z - b) - normalCdf(-z - b), fromSe: 2 * normalCdf(z * s.seRatio) - 1 };
}
