// Method check: a Monte Carlo study of DML on a simulated panel with a known effect and nonlinear
// confounding. Each replication draws a fresh panel, estimates theta by PLR with a forest, PLR with
// the lasso and naive two-way fixed-effects OLS, and the summary reports bias, SE calibration
// (mean SE / sd of the estimates) and the coverage of the 95% intervals.
//
// The panel (src/simulate/mc-panel.ts): D depends on nonlinear functions of the controls only, and the
// errors are correlated within a city, hence city-clustered SEs for every method. Linear controls cannot
// absorb x1^2 and sin(2 x2), which drive both D and Y: that is the bias of the naive OLS (baseline.ts's
// twfe: city effects removed within city, year dummies, city-clustered SE as Stata's `xtreg, fe vce(cluster)`).
import type { ColumnTable } from "arquero";
import { dml } from "../dml";
import { InputError } from "../errors";
import type { LearnerOptions } from "../learners/types";
import { normalCdf, normalQuantile } from "../numeric/normal";
import { deriveSeed } from "../numeric/rng";
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

export interface MonteCarloOptions {
  reps: number;
  seed: number;
  design?: McDesign;
  methods?: readonly McMethod[];
  /** Learner settings of "PLR forest" and "PLR lasso". */
  forest?: LearnerOptions;
  lasso?: LearnerOptions;
  onProgress?: (done: number, total: number) => void;
}

/** Replication r draws its panel from deriveSeed(seed, r) and its folds and trees from deriveSeed(seed, r, 1). */
export async function monteCarlo(opts: MonteCarloOptions): Promise<{ design: McDesign; estimates: McEstimate[]; summary: McSummary[] }> {
  const design = opts.design ?? MC_DESIGN;
  const methods = opts.methods ?? MC_METHODS;
  if (!Number.isInteger(opts.reps) || opts.reps < 1) throw new InputError(`Monte Carlo reps must be an integer >= 1, got ${opts.reps}`);
  const z = normalQuantile(0.975);
  const estimates: McEstimate[] = [];
  for (let rep = 0; rep < opts.reps; rep++) {
    const data = simulateMcPanel(design, deriveSeed(opts.seed, rep));
    for (const method of methods) {
      const { coef, se } = await estimateMc(method, data, opts, deriveSeed(opts.seed, rep, 1));
      estimates.push({ rep, method, coef, se, covered: Math.abs(coef - design.theta) <= z * se });
    }
    opts.onProgress?.(rep + 1, opts.reps);
  }
  return { design, estimates, summary: summariseMc(estimates, design.theta) };
}

/**
 * Coverage a normal estimator would have with only one of the two defects: its bias (in units of its sd)
 * with honest SEs, Phi(z - b) - Phi(-z - b); or its SE ratio r without bias, 2 Phi(z r) - 1.
 */
export function coverageDecomposition(s: Pick<McSummary, "bias" | "sd" | "seRatio">, level = 0.95): { fromBias: number; fromSe: number } {
  const z = normalQuantile(1 - (1 - level) / 2), b = s.bias / s.sd;
  return { fromBias: normalCdf(z - b) - normalCdf(-z - b), fromSe: 2 * normalCdf(z * s.seRatio) - 1 };
}
