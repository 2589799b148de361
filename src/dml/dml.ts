// dml(): double/debiased machine learning on a panel table (SPEC section 5). Builds the design,
// draws the folds per repetition, lets the model (plr.ts, irm.ts, pliv.ts) supply its cross-fitted
// score, solves it (solve.ts), aggregates repetitions by the median rule and, for PLR, adds the
// sensitivity bounds of SPEC 10.1. Several PLR treatments are estimated DoubleML's way (multi "doubleml",
// plr.ts) or by joint partialling out on X alone (multi "joint", joint.ts). A panel approach other
// than "dummies" (SPEC 12) draws the folds by unit and uses the fold-wise cluster variance (solve.ts).
// The default seed is DEFAULT_SEED so that results are reproducible.
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";
import type { LearnerOptions } from "../learners/types";
import { DEFAULT_SEED, deriveSeed } from "../numeric/rng";
import { buildDesign, type Design, type FixedEffect, type PanelApproach, type Subset } from "./design";
import { checkFoldsKeepUnits, checkVariation, foldsFromColumn, randomFolds, unitFolds, type Folds } from "./folds";
import { irm } from "./irm";
import { concentratedScore, plrJointFit, solveJointScore } from "./joint";
import { checkLearnerChoice, DEFAULT_LEARNER, learnerLabel, nuisanceLearners, type LearnerChoice } from "./learners";
import type { DmlModel, Nuisance } from "./model";
import { pliv } from "./pliv";
import { plr } from "./plr";
import { checkSensitivityOptions, sensitivity, type SensitivityOptions, type SensitivityResult } from "./sensitivity";
import { makeInference, type DmlInference, type TermRep } from "./inference";
import { solveScore, type Inference, type SeSpec } from "./solve";

export { DEFAULT_SEED };

export type ModelName = "plr" | "irm" | "pliv";
const MODELS: Record<ModelName, { model: DmlModel; nuisances: Nuisance[] }> = {
  plr: { model: plr, nuisances: ["l", "m"] },
  irm: { model: irm, nuisances: ["g", "m"] },
  pliv: { model: pliv, nuisances: ["l", "r", "m"] },
};

export interface DmlOptions {
  data: ColumnTable;
  y: string;
  d: string | string[];
  x: string[];
  quadratic?: boolean;
  /** Fixed effects: "year" (the time column), "city" (the id column), "province-year", a column name, or "A:B". */
  fe?: FixedEffect[];
  extra?: string[];
  /**
   * "dummies" (default) or one of DoubleML's panel approaches (SPEC 12): "within", "fd", "cre",
   * "cre-normal". These draw the folds by unit and report the cluster-robust se by unit (se and
   * cluster are then not consulted beyond a check); model plr only.
   */
  panel?: PanelApproach;
  /** Unit and period columns (default city_code and year). */
  id?: string;
  time?: string;
  model?: ModelName;
  /** PLR: "partialling out" (default) or "IV-type". */
  score?: string;
  z?: string;
  /** A learner name or instance for every nuisance, or one per nuisance ({ l, m } ...); default "rf". */
  learner?: LearnerChoice;
  /**
   * Passed to every learner as they are. The forest's keys: nTrees (the CLI's --trees), minNodeSize
   * (--min-node-size), mtry (--mtry, a count or a fraction of the columns), maxDepth, sampleFraction.
   */
  learnerOptions?: LearnerOptions;
  folds?: number;
  foldColumn?: string;
  reps?: number;
  se?: "robust" | "cluster";
  /** Cluster column for se "cluster" (default: the id column). With panel "dummies" folds stay drawn by row. */
  cluster?: string;
  seed?: number;
  subset?: Subset;
  /** Confidence level of the two-sided intervals (default 0.95). */
  level?: number;
  /** Called after every learner fit (none by default; report/progress.ts has a terminal bar). */
  onProgress?: (done: number, total: number, label: string) => void;
  sensitivity?: SensitivityOptions | true;
  /**
   * Several PLR treatments: "doubleml" (default, the paper's method) gives each its own score with the
   * other treatments among the controls; "joint" partials Y and every treatment out on X alone and
   * solves the stacked score (needed when a treatment is a function of X and another, e.g. D1 x H).
   */
  multi?: MultiTreatment;
  /**
   * Cross-fitted predictions made elsewhere, used instead of fitting that nuisance (DoubleML's
   * external_predictions): per treatment, l_hat and/or m_hat with one array per repetition and one value
   * per design row. Model plr with multi "doubleml"; m_hat not with the CRE panel approaches, which adjust
   * it. To be cross-fitted they must come from the same folds: same rows, seed (or fold column) and K.
   */
  externalPredictions?: Record<string, ExternalPredictions>;
}

export interface ExternalPredictions {
  l_hat?: Float64Array[];
  m_hat?: Float64Array[];
}

export type MultiTreatment = "doubleml" | "joint";
export type { TermRep } from "./inference";

export interface DmlTerm extends Inference {
  name: string;
  sensitivity?: SensitivityResult;
}

export interface DmlResult {
  model: ModelName;
  score: string;
  learner: string;
  n: number;
  folds: number;
  reps: number;
  se: "robust" | "cluster";
  seed: number;
  multi: MultiTreatment;
  panel: PanelApproach;
  terms: DmlTerm[];
  /** Per term: theta and se of every repetition. */
  perRep: { name: string; theta: number[]; se: number[] }[];
  /** predictions[r][j]: repetition r, term j. */
  predictions: TermRep[][];
  /** The folds of each repetition. */
  foldAssignments: Folds[];
  /** The data the model saw (after subset and panel transformation). */
  design: Design;
  /** Inference from the stored scores: other variances, other levels, without refitting. */
  inference: DmlInference;
  /** SPEC section 9's JSON object. */
  toJSON(): object;
}

export async function dml(opts: DmlOptions): Promise<DmlResult> {
  const modelName = opts.model ?? "plr";
  const spec = MODELS[modelName];
  if (!spec) throw new InputError(`model must be plr, irm or pliv, got "${modelName}"`);
  const { model } = spec;
  const score = opts.score ?? model.scores[0];
  if (!model.scores.includes(score)) throw new InputError(`score for ${modelName} must be one of ${model.scores.join(" | ")}, got "${score}"`);
  const dNames = typeof opts.d === "string" ? [opts.d] : opts.d;
  const K = opts.folds ?? 5, reps = opts.reps ?? 1, seed = opts.seed ?? DEFAULT_SEED, level = opts.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new InputError(`level must be in (0, 1), got ${level}`);
  if (!Number.isInteger(reps) || reps < 1) throw new InputError(`reps must be an integer >= 1, got ${reps}`);
  if (!Number.isInteger(K) || K < 2) throw new InputError(`folds must be an integer >= 2, got ${K}`);
  const panel = opts.panel ?? "dummies";
  const idCol = opts.id ?? "city_code";
  if (opts.se !== undefined && opts.se !== "robust" && opts.se !== "cluster") throw new InputError(`se must be robust or cluster, got "${opts.se}"`);
  if (panel !== "dummies") {
    if (modelName !== "plr") throw new InputError(`panel ${panel} is defined for model plr only (DoubleML's panel PLR)`);
    if (opts.cluster !== undefined && opts.cluster !== idCol) throw new InputError(`panel ${panel} clusters by the unit (${idCol}); cluster ${opts.cluster} is not offered with it`);
    if (opts.se === "robust") throw new InputError(`panel ${panel} uses the cluster-robust SE by unit (SPEC section 12); se robust is not offered with it`);
  }
  const seKind = panel !== "dummies" ? "cluster" : opts.se ?? "robust";
  const choice = opts.learner ?? DEFAULT_LEARNER;
  checkLearnerChoice(choice);
  const sens = opts.sensitivity === undefined ? undefined : checkSensitivityOptions(opts.sensitivity === true ? {} : opts.sensitivity);
  if (sens && (modelName !== "plr" || score !== "partialling out")) {
    throw new InputError(`sensitivity analysis is defined for model plr with the partialling-out score only`);
  }
  const multi = opts.multi ?? "doubleml";
  if (multi !== "doubleml" && multi !== "joint") throw new InputError(`multi must be doubleml or joint, got "${multi}"`);
  if (multi === "joint" && (modelName !== "plr" || score !== "partialling out")) {
    throw new InputError(`multi "joint" is defined for model plr with the partialling-out score only`);
  }
  if (multi === "joint" && sens) throw new InputError(`sensitivity analysis is defined for multi "doubleml" only`);
  if (panel !== "dummies" && (multi === "joint" || sens)) throw new InputError(`panel ${panel} is defined for multi "doubleml" without sensitivity analysis (as DoubleML's panel PLR)`);

  const design = buildDesign(opts.data, {
    y: opts.y, d: dNames, x: opts.x, z: opts.z, quadratic: opts.quadratic, fe: opts.fe, extra: opts.extra,
    panel, subset: opts.subset, foldColumn: opts.foldColumn, id: opts.id, time: opts.time,
    cluster: seKind === "cluster" && panel === "dummies" ? opts.cluster ?? idCol : undefined,
  });
  model.validate(design, dNames, opts.z);
  const unit = design.panel?.unit;
  const seSpecOf = (folds: Folds): SeSpec =>
    unit ? { kind: "unit-folds", clusters: unit, folds } : seKind === "cluster" ? { kind: "cluster", clusters: design.clusters! } : { kind: "robust" };

  const fixedFolds = design.foldValues && foldsFromColumn(design.foldValues, opts.foldColumn!);
  if (fixedFolds && unit) checkFoldsKeepUnits(fixedFolds, unit, design.rowLabel, opts.foldColumn!);
  const foldAssignments = Array.from({ length: reps }, (_, r) =>
    fixedFolds ?? (unit ? unitFolds(unit, design.panel!.nUnits, K, seed, r) : randomFolds(design.n, K, seed, r)));
  // Check every repetition's folds before any (possibly slow) fit.
  for (const folds of foldAssignments) {
    for (const c of model.variationColumns(design, dNames, opts.z)) checkVariation(folds, c.v, c.name);
  }
  const external = opts.externalPredictions;
  if (external) checkExternalPredictions(external, { modelName, multi, panel, dNames, reps, n: design.n, rowLabel: design.rowLabel });
  const k = foldAssignments[0].k;
  const externalFits = external ? Object.values(external).reduce((s, e) => s + (e.l_hat ? 1 : 0) + (e.m_hat ? 1 : 0), 0) : 0;
  const total = reps * k * (multi === "joint" ? 1 + dNames.length : model.fitsPerFold(dNames.length, score) - externalFits);
  const progress = opts.onProgress ?? (() => {});
  let done = 0;

  const predictions: TermRep[][] = [];
  for (let r = 0; r < reps; r++) {
    const learners = nuisanceLearners(choice, opts.learnerOptions ?? {}, deriveSeed(seed, r, 1));
    const seSpec = seSpecOf(foldAssignments[r]);
    const ctx = { folds: foldAssignments[r], tick: (label: string) => progress(++done, total, `rep ${r + 1}/${reps} ${label}`) };
    if (multi === "joint") {
      const fit = await plrJointFit({ design, dNames, learners, ctx });
      const s = solveJointScore(fit.score, seSpec, dNames);
      // Per term, the score with the other coefficients fixed at their estimates (solves to theta_j).
      predictions.push(dNames.map((_, j) => {
        const c = concentratedScore(fit.score, s.theta, j);
        return { theta: s.theta[j], se: s.se[j], psi: s.psi[j], psiA: c.psiA, psiB: c.psiB, preds: fit.preds[j] };
      }));
      continue;
    }
    const ext = external && Object.fromEntries(Object.entries(external).map(([t, e]) => [t, { l_hat: e.l_hat?.[r], m_hat: e.m_hat?.[r] }]));
    const fits = await model.fit({ design, dNames, learners, ctx, score, external: ext });
    predictions.push(fits.map((f) => {
      const s = solveScore(f.score, seSpec);
      return { theta: s.theta, se: s.se, psi: s.psi, psiA: f.score.psiA, psiB: f.score.psiB, preds: f.preds };
    }));
  }

  const inf = makeInference({
    names: dNames, predictions, level,
    // A joint fit's covariance couples its coefficients; a panel fit's variance is fold-wise by unit.
    noResolve: multi === "joint" ? `a joint multi-treatment result needs a refit with se "cluster"`
      : panel !== "dummies" ? `a panel ${panel} fit's se is DoubleML's fold-wise cluster rule by unit; refit to change it` : undefined,
  });
  const perRep = inf.reps();
  const terms: DmlTerm[] = inf.summary().map((t, j) => {
    const term: DmlTerm = t;
    if (sens) {
      term.sensitivity = sensitivity(predictions.map((p) => ({
        y: design.y, d: design.d[j], l_hat: p[j].preds.l_hat, m_hat: p[j].preds.m_hat, theta: p[j].theta, psi: p[j].psi, psiA: p[j].psiA,
      })), sens);
    }
    return term;
  });

  const result: DmlResult = {
    model: modelName, score, learner: learnerLabel(choice, spec.nuisances), n: design.n, folds: k, reps, se: seKind, seed, multi, panel,
    terms, perRep, predictions, foldAssignments, design, inference: inf,
    toJSON() {
      return {
        model: this.model, learner: this.learner, n: this.n, folds: this.folds, reps: this.reps,
        // SPEC 9's keys stay as they are for the default; the non-default method is named.
        ...(this.multi === "joint" ? { multi: this.multi } : {}),
        ...(this.panel !== "dummies" ? { panel: this.panel } : {}),
        // What a panel transformation dropped (single-row units, fd gaps), so that n is explained.
        ...(this.design.notes.length ? { notes: this.design.notes } : {}),
        terms: this.terms.map((t) => {
          const out: Record<string, unknown> = { name: t.name, coef: t.coef, se: t.se, t: t.t, p: t.p, ci: t.ci };
          if (t.sensitivity) {
            const s = t.sensitivity;
            out.sensitivity = { cf_y: s.cf_y, cf_d: s.cf_d, rho: s.rho, theta_lower: s.theta_lower, theta_upper: s.theta_upper, ci_lower: s.ci_lower, ci_upper: s.ci_upper, rv: s.rv, rva: s.rva };
          }
          return out;
        }),
      };
    },
  };
  return result;
}

/** External predictions: only where a model uses them, for known treatments, every repetition, every row, finite. */
function checkExternalPredictions(
  ext: Record<string, ExternalPredictions>,
  o: { modelName: ModelName; multi: MultiTreatment; panel: PanelApproach; dNames: string[]; reps: number; n: number; rowLabel(i: number): string },
): void {
  if (o.modelName !== "plr" || o.multi !== "doubleml") throw new InputError(`external predictions are offered for model plr with multi "doubleml" only`);
  for (const [t, e] of Object.entries(ext)) {
    if (!o.dNames.includes(t)) throw new InputError(`external predictions for ${t}, which is not a treatment (${o.dNames.join(", ")})`);
    for (const [key, reps] of Object.entries(e) as [string, Float64Array[] | undefined][]) {
      if (reps === undefined) continue;
      if (key !== "l_hat" && key !== "m_hat") throw new InputError(`external predictions for ${t}: ${key} is not l_hat or m_hat`);
      if (key === "m_hat" && (o.panel === "cre" || o.panel === "cre-normal")) throw new InputError(`external m_hat is not offered with panel ${o.panel}, which adjusts m`);
      if (reps.length !== o.reps) throw new InputError(`external ${key} for ${t}: ${reps.length} repetition(s), the fit has ${o.reps}`);
      reps.forEach((a, r) => {
        if (a.length !== o.n) throw new InputError(`external ${key} for ${t} (repetition ${r + 1}): ${a.length} values, the design has ${o.n} rows`);
        const bad = a.findIndex((v) => !Number.isFinite(v));
        if (bad >= 0) throw new InputError(`external ${key} for ${t} (repetition ${r + 1}) is not finite at ${o.rowLabel(bad)}`);
      });
    }
  }
}
