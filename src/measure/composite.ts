// SPEC 4.3: a system's index is the weighted sum of its normalised indicators, Y = Z w.
import type { Matrix } from "../numeric/matrix";

export function compositeIndex(z: Matrix, w: ArrayLike<number>): Float64Array {
  if (w.length !== z.ncol) throw new Error(`compositeIndex: ${w.length} weights for ${z.ncol} columns`);
  const y = new Float64Array(z.nrow);
  for (let j = 0; j < z.ncol; j++) {
    const off = j * z.nrow;
    for (let i = 0; i < z.nrow; i++) y[i] += w[j] * z.data[off + i];
  }
  return y;
}
