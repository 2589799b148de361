// The sensitivity bounds of SPEC 10.1 evaluated from one fitted PLR result at any (cf_y, cf_d), e.g.
// over a grid for a contour plot, without refitting: each repetition's bound, then the median rule.
import { InputError } from "../errors";
import type { DmlResult } from "./dml";
import { repBounds, type SensitivityElements } from "./sensitivity";
import { aggregateReps } from "./solve";

/** What the bound formulas need from a fitted PLR term, one entry per repetition. */
export function sensitivityElementsOf(result: DmlResult, term = 0): SensitivityElements[] {
  return result.predictions.map((rep) => {
    const p = rep[term];
    return { y: result.design.y, d: result.design.d[term], l_hat: p.preds.l_hat, m_hat: p.preds.m_hat, theta: p.theta, psi: p.psi, psiA: p.psiA };
  });
}

/** theta_lower at (cf_y, cf_d), aggregated over repetitions by the median rule as dml() does. */
export function lowerBound(els: SensitivityElements[], cf_y: number, cf_d: number, rho = 1): number {
  const b = els.map((el) => repBounds(el, cf_y, cf_d, rho));
  return aggregateReps(b.map((x) => x.theta_lower), b.map((x) => x.se_lower)).theta;
}

/** z[i][j] = theta_lower at cf_y = grid[i], cf_d = grid[j] (the contour's y and x), without refitting. */
export function lowerBoundGrid(result: DmlResult, grid: readonly number[], rho = 1, term = 0): number[][] {
  for (const c of grid) if (!(c >= 0 && c < 1)) throw new InputError(`sensitivity grid values must lie in [0, 1), got ${c}`);
  const els = sensitivityElementsOf(result, term);
  return grid.map((cy) => grid.map((cd) => lowerBound(els, cy, cd, rho)));
}

