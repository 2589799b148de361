// SPEC 4.2: vertical-and-horizontal scatter degree weights (纵横向拉开档次法, Guo Yajun).
//
// With A_t the (cities x indicators) normalised matrix of year t, H = sum_t A_t'A_t. Stacking the years
// gives A'A for the pooled matrix A, so the year split does not change H and we form A'A directly.
// w is the eigenvector of H for its largest eigenvalue: it maximises sum y^2, y = A w, subject to w'w = 1.
//
// Uncentred vs standardised: Guo's method works on standardised (centred) data, where sum y^2 is the
// total dispersion. Like applied coupling-coordination papers, we apply it to the min-max values, so that
// Y1, Y2 stay positive; the weights then maximise the UNCENTRED sum of squares, not the variance.
// H has positive entries, so (Perron-Frobenius) its leading eigenvector can be taken all-positive.
import { eigs } from "mathjs";
import type { Matrix } from "../numeric/matrix";

/** H = A'A (m x m, row-major number[][]) for a column-major matrix A. */
export function crossProduct(a: Matrix): number[][] {
  const { nrow, ncol, data } = a;
  const h: number[][] = Array.from({ length: ncol }, () => new Array<number>(ncol).fill(0));
  for (let j = 0; j < ncol; j++) {
    for (let k = j; k < ncol; k++) {
      let s = 0;
      for (let i = 0; i < nrow; i++) s += data[j * nrow + i] * data[k * nrow + i];
      h[j][k] = s;
      h[k][j] = s;
    }
  }
  return h;
}

/** Weights of one system from its pooled normalised matrix: positive, summing to 1. */
export function scatterWeights(a: Matrix): Float64Array {
  if (a.ncol === 1) return Float64Array.of(1);
  const h = crossProduct(a);
  const { eigenvectors } = eigs(h);
  let best = eigenvectors[0];
  for (const e of eigenvectors) if ((e.value as number) > (best.value as number)) best = e;
  const v = Array.from(best.vector as unknown as ArrayLike<number>, Number);
  const sum = v.reduce((s, x) => s + x, 0); // dividing by the sum also fixes the sign
  const w = Float64Array.from(v, (x) => x / sum);
  for (let j = 0; j < w.length; j++) {
    if (!(w[j] > 0)) throw new Error(`scatterWeights: leading eigenvector not positive (weight ${j} = ${w[j]})`);
  }
  return w;
}
