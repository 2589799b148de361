// SPEC 4.1: direction-aware min-max over the pooled panel, shifted away from 0 so that every
// normalised value is in [0.0001, 1] and the indices Y1, Y2 stay strictly positive for the coupling formula.
import { InputError } from "../errors";
import type { RowLabel } from "../numeric/columns";

export type { RowLabel } from "../numeric/columns";

export function normalise(x: ArrayLike<number>, direction: 1 | -1, column: string, rowLabel?: RowLabel): Float64Array {
  const n = x.length;
  if (n === 0) throw new InputError(`column ${column}: no rows`);
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (!Number.isFinite(v)) {
      throw new InputError(`column ${column}: non-finite value (${v}) at ${rowLabel ? rowLabel(i) : `row ${i + 1}`}`);
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max === min) throw new InputError(`column ${column}: constant (every value is ${min}), cannot be normalised`);
  return normaliseWithin(x, direction, min, max);
}

/** The shifted min-max map with given bounds (the pooled panel's, or a fixed yardstick's for a counterfactual). */
export function normaliseWithin(x: ArrayLike<number>, direction: 1 | -1, min: number, max: number): Float64Array {
  const range = max - min;
  const z = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const share = direction === 1 ? (x[i] - min) / range : (max - x[i]) / range;
    z[i] = 0.0001 + 0.9999 * share;
  }
  return z;
}
