// FI measurement (SPEC 4 and 10.4): normalise each indicator over the pooled panel, weight each system
// (scatter degree by default, entropy or equal as alternatives), form Y1 and Y2, then C, T and FI.
import { matrix, type Matrix } from "../numeric/matrix";
import { normalise } from "./normalise";
import { scatterWeights } from "./scatter-weights";
import { entropyWeights } from "./entropy-weights";
import { equalWeights } from "./equal-weights";
import { compositeIndex } from "./composite";
import { coupling } from "./coupling";
import { numericColumn, rowLabeller, type Panel } from "../numeric/columns";
import type { Indicator, System } from "./spec";

export type WeightScheme = "scatter" | "entropy" | "equal";
export const WEIGHT_SCHEMES: readonly WeightScheme[] = ["scatter", "entropy", "equal"];

export interface Measurement {
  weights: { S: Record<string, number>; I: Record<string, number> };
  Y1: Float64Array;
  Y2: Float64Array;
  C: Float64Array;
  T: Float64Array;
  FI: Float64Array;
}

/** The pooled normalised matrix of one system (rows in panel order, columns in spec order). */
export function normalisedMatrix(panel: Panel, spec: readonly Indicator[], system: System): Matrix {
  const label = rowLabeller(panel);
  const inds = spec.filter((i) => i.system === system);
  const cols = inds.map((ind) => normalise(numericColumn(panel, ind.column, label), ind.direction, ind.column, label));
  const n = cols[0]?.length ?? 0;
  const data = new Float64Array(n * cols.length);
  cols.forEach((c, j) => data.set(c, j * n));
  return matrix(n, cols.length, data, inds.map((i) => i.column));
}

export function systemWeights(z: Matrix, scheme: WeightScheme): Float64Array {
  switch (scheme) {
    case "scatter": return scatterWeights(z);
    case "entropy": return entropyWeights(z);
    case "equal": return equalWeights(z.ncol);
  }
}

export function measure(panel: Panel, spec: readonly Indicator[], opts: { weights?: WeightScheme } = {}): Measurement {
  const scheme = opts.weights ?? "scatter";
  const weights = { S: {} as Record<string, number>, I: {} as Record<string, number> };
  const index = (system: System): Float64Array => {
    const z = normalisedMatrix(panel, spec, system);
    const w = systemWeights(z, scheme);
    z.colnames!.forEach((c, j) => (weights[system][c] = w[j]));
    return compositeIndex(z, w);
  };
  const Y1 = index("S"), Y2 = index("I");
  return { weights, Y1, Y2, ...coupling(Y1, Y2) };
}

export { normalise, normaliseWithin, type RowLabel } from "./normalise";
export { scatterWeights, standardisedScatterWeights, crossProduct } from "./scatter-weights";
export { entropyWeights } from "./entropy-weights";
export { equalWeights } from "./equal-weights";
export { compositeIndex } from "./composite";
export { coupling, type Coupling } from "./coupling";
export { grade, GRADES, type Grade } from "./grade";
export { regionalSummary, averageGrowth, type RegionalSummary } from "./regional";
export { loadIndicatorSpec, validateSpec, type Indicator, type System } from "./spec";
export { numericColumn, rowLabeller, type Panel } from "../numeric/columns";
