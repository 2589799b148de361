// One fixed yardstick for both potential outcomes: the observed panel's min-max bounds and scatter-degree
// weights, applied to any panel of raw indicators. Re-normalising the counterfactual panel on its own
// bounds would move the scale and make FI(1) - FI(0) meaningless.
import { coupling, normaliseWithin, type Coupling, type Indicator } from "../measure";

export interface Yardstick {
  spec: readonly Indicator[];
  bounds: Record<string, [number, number]>;
  weights: { S: Record<string, number>; I: Record<string, number> };
}

/** Bounds of each indicator over the observed (pooled) panel; the weights come from measure() on it. */
export function makeYardstick(spec: readonly Indicator[], observed: Record<string, ArrayLike<number>>,
  weights: Yardstick["weights"]): Yardstick {
  const bounds: Record<string, [number, number]> = {};
  for (const ind of spec) {
    let lo = Infinity, hi = -Infinity;
    for (const v of Array.from(observed[ind.column])) { if (v < lo) lo = v; if (v > hi) hi = v; }
    bounds[ind.column] = [lo, hi];
  }
  return { spec, bounds, weights };
}

/** Y1, Y2, C, T, FI of raw indicator columns, SPEC section 4 with the yardstick's bounds and weights. */
export function applyYardstick(y: Yardstick, raw: Record<string, ArrayLike<number>>): Coupling & { Y1: Float64Array; Y2: Float64Array } {
  const n = raw[y.spec[0].column].length;
  const Y1 = new Float64Array(n), Y2 = new Float64Array(n);
  for (const ind of y.spec) {
    const [lo, hi] = y.bounds[ind.column];
    const z = normaliseWithin(raw[ind.column], ind.direction, lo, hi);
    const w = y.weights[ind.system][ind.column];
    const target = ind.system === "S" ? Y1 : Y2;
    for (let i = 0; i < n; i++) target[i] += w * z[i];
  }
  return { Y1, Y2, ...coupling(Y1, Y2) };
}
