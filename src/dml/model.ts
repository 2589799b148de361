// What a DML model is, for the engine: given the design, folds and learners, the cross-fitted
// nuisance predictions and the score pieces psi_a, psi_b of each term. Everything else (solving,
// standard errors, repetitions) is shared in solve.ts and index.ts.
import type { Classifier, Regressor } from "../learners/types";
import type { FitContext } from "./crossfit";
import type { Design } from "./design";
import type { Score } from "./solve";

/** Nuisance names as in DoubleML: l = E[Y|X], m = E[D|X] (PLR) or P(D=1|X) (IRM) or E[Z|X] (PLIV), g = outcome regression, r = E[D|X] (PLIV). */
export type Nuisance = "l" | "m" | "g" | "r";

export interface NuisanceLearners {
  regressor(n: Nuisance): Regressor;
  classifier(n: Nuisance): Classifier;
}

export interface TermFit {
  name: string;
  score: Score;
  /** Cross-fitted predictions by nuisance (l_hat, m_hat, ...), kept for sensitivity analysis. */
  preds: Record<string, Float64Array>;
}

export interface ModelInput {
  design: Design;
  dNames: string[];
  learners: NuisanceLearners;
  ctx: FitContext;
  score: string;
  /** This repetition's external predictions by treatment (PLR only), used instead of fitting. */
  external?: Record<string, { l_hat?: Float64Array; m_hat?: Float64Array }>;
}

export interface DmlModel {
  /** Scores this model accepts; the first is its default. */
  scores: readonly string[];
  /** Learner fits per repetition (for progress): per fold, so multiplied by K by the caller. */
  fitsPerFold(nTerms: number, score: string): number;
  /** Checks on the data the model needs beyond the design (binary treatment, one instrument...). */
  validate(design: Design, dNames: string[], z?: string): void;
  /** Columns whose training part must vary in every fold. */
  variationColumns(design: Design, dNames: string[], z?: string): { name: string; v: Float64Array }[];
  fit(input: ModelInput): Promise<TermFit[]>;
}
