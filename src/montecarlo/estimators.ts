// The estimators the Monte Carlo compares (SPEC section 14), each run on one simulated panel: its estimate,
// SE and, where it targets another average than the ATT, that target from the potential outcomes.
//   plr-paper       the paper's PLR (Table 3 col. 6): forest, controls and squares, year + city dummies;
//   plr-<approach>  PLR with a panel approach of SPEC 12 (controls and squares, year dummies, as notebook 07);
//   irm-atte        IRM with the ATTE score, forest, controls, year and region dummies (city dummies would
//                   make the propensity 0 or 1: a city's treatment is fixed by the calendar);
//   twfe            naive two-way FE OLS (controls and squares, year dummies, within city, cluster SE);
//   did             staggered DiD (SPEC 13), never-treated controls, forest nuisances, the controls as X:
//                   the overall effect and every event-time effect.
import { dml, type DmlOptions } from "../dml";
import type { PanelApproach } from "../dml/design";
import { twfe } from "../dml/twfe";
import type { ColumnTable } from "arquero";
import { did, type DidResult } from "../did";
import { CONTROL_COLUMNS } from "../data/profile";
import type { LearnerOptions } from "../learners/types";
import type { Simulated } from "../simulate";
import type { McRecord } from "./summary";
import { didTargets, effectColumn, firstTreatedYear, transformedEffect, treatedWeights, weightedTarget } from "./targets";

export const MC_ESTIMATORS = ["plr-paper", "plr-within", "plr-fd", "plr-cre", "plr-cre-normal", "irm-atte", "twfe", "did"] as const;
export type McEstimator = (typeof MC_ESTIMATORS)[number];

/** What one estimator returns for one panel (the replication adds rep, seed and truth where it is the ATT). */
export type McEstimate = Omit<McRecord, "rep" | "seed" | "estimator">;

export interface EstimatorContext {
  sim: Simulated;
  /** tau_i of every row (effectColumn). */
  tau: Float64Array;
  forest: LearnerOptions;
  seed: number;
}

const X = [...CONTROL_COLUMNS];

async function plrRun(ctx: EstimatorContext, panel: PanelApproach): Promise<McEstimate[]> {
  const table = ctx.sim.table;
  const spec = { d: ["Bigdata"], x: X, quadratic: true, fe: panel === "dummies" ? ["year", "city"] : ["year"], panel };
  const opts: DmlOptions = { data: table, y: "FI", ...spec, d: "Bigdata", learner: "rf", learnerOptions: ctx.forest, folds: 5, seed: ctx.seed, onProgress: () => {} };
  const res = await dml(opts);
  const t = res.terms[0];
  const dStar = res.design.d[0], mHat = res.predictions[0][0].preds.m_hat;
  const v = dStar.map((a, i) => a - mHat[i]);
  const target = weightedTarget(v, transformedEffect(table, ctx.tau, spec), dStar);
  // Treated-cell weights are V itself only where the design keeps the rows untransformed.
  const w = panel === "dummies" || panel === "cre" || panel === "cre-normal" ? treatedWeights(v, dStar) : null;
  return [{ term: "Bigdata", coef: t.coef, se: t.se, truth: ctx.sim.truth.att.FI, target, negWeights: w?.negative ?? null, nWeights: w?.cells ?? null }];
}

async function irmRun(ctx: EstimatorContext): Promise<McEstimate[]> {
  const res = await dml({
    data: ctx.sim.table, y: "FI", d: "Bigdata", x: X, fe: ["year", "region"], model: "irm", score: "ATTE",
    learner: "rf", learnerOptions: ctx.forest, folds: 5, seed: ctx.seed, onProgress: () => {},
  });
  const t = res.terms[0];
  return [{ term: "Bigdata", coef: t.coef, se: t.se, truth: ctx.sim.truth.att.FI, target: null, negWeights: null, nWeights: null }];
}

function twfeRun(ctx: EstimatorContext): McEstimate[] {
  const table = ctx.sim.table;
  const r = twfe({ data: table, y: "FI", d: "Bigdata", x: X, quadratic: true, fe: ["year"], panel: "within" });
  const d = table.array("Bigdata") as ArrayLike<number>;
  // Within city, d~ has unit means 0, so sum d~ Y~ = sum d~ Y and sum d~ D~ = sum d~ D: the weights act on raw cells.
  const w = treatedWeights(r.dResidual, d);
  return [{ term: "Bigdata", coef: r.coef, se: r.se, truth: ctx.sim.truth.att.FI, target: weightedTarget(r.dResidual, ctx.tau, d), negWeights: w.negative, nWeights: w.cells }];
}

/**
 * The staggered DiD on a panel of the paper's schema: group = the first year Bigdata is 1 (0 if never),
 * never-treated controls, forest nuisances, the five controls at the base period. Also what notebook 03
 * shows beside the paper's estimate.
 */
export async function staggeredDid(table: ColumnTable, forest: LearnerOptions, seed: number, y = "FI"): Promise<{ result: DidResult; group: Float64Array; year: Float64Array }> {
  const year = Float64Array.from(table.array("year") as ArrayLike<number>, Number);
  const id = Float64Array.from(table.array("city_code") as ArrayLike<unknown>, Number);
  const group = firstTreatedYear(id, year, table.array("Bigdata") as ArrayLike<number>);
  const data: Record<string, ArrayLike<number>> = { id, year, group, [y]: table.array(y) as ArrayLike<number> };
  for (const c of X) data[c] = table.array(c) as ArrayLike<number>;
  const res = await did({ data, y, id: "id", time: "year", group: "group", x: X, control: "never", learner: "rf", learnerOptions: forest, folds: 5, seed, bootstrap: 1 });
  return { result: res, group, year };
}

async function didRun(ctx: EstimatorContext): Promise<McEstimate[]> {
  const { result: res, group, year } = await staggeredDid(ctx.sim.table, ctx.forest, ctx.seed);
  const target = didTargets(year, group, ctx.tau);
  const none = { negWeights: null, nWeights: null };
  return [
    { term: "overall", coef: res.overall.theta, se: res.overall.se, truth: ctx.sim.truth.att.FI, target: target.overall, ...none },
    ...res.eventstudy.map((a) => ({ term: `e=${a.key}`, coef: a.theta, se: a.se, truth: target.event.get(a.key) ?? 0, target: null, ...none })),
  ];
}

export function runEstimator(name: McEstimator, ctx: EstimatorContext): Promise<McEstimate[]> | McEstimate[] {
  switch (name) {
    case "plr-paper": return plrRun(ctx, "dummies");
    case "plr-within": return plrRun(ctx, "within");
    case "plr-fd": return plrRun(ctx, "fd");
    case "plr-cre": return plrRun(ctx, "cre");
    case "plr-cre-normal": return plrRun(ctx, "cre-normal");
    case "irm-atte": return irmRun(ctx);
    case "twfe": return twfeRun(ctx);
    case "did": return didRun(ctx);
  }
}

export { effectColumn };
