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
import type * as MathJs from "mathjs";
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

/** mathjs builds all its functions as it loads (about 0.5 s), so it is loaded at the first eigenvector, not with the library. */
function mathjs(): typeof MathJs {
  return require("mathjs") as typeof MathJs;
}

/** The eigenvector of the symmetric matrix h for its largest eigenvalue, rescaled to sum to 1 (which also fixes its sign). */
function leadingEigenvectorSummingToOne(h: number[][]): Float64Array {
  const { eigenvectors } = mathjs().eigs(h);
  let best = eigenvectors[0];
  for (const e of eigenvectors) if ((e.value as number) > (best.value as number)) best = e;
  const v = Array.from(best.vector as unknown as ArrayLike<number>, Number);
  const sum = v.reduce((s, x) => s + x, 0);
  return Float64Array.from(v, (x) => x / sum);
}

/** Weights of one system from its pooled normalised matrix: positive, summing to 1. */
export function scatterWeights(a: Matrix): Float64Array {
  if (a.ncol === 1) return Float64Array.of(1);
  const w = leadingEigenvectorSummingToOne(crossProduct(a));
  for (let j = 0; j < w.length; j++) {
    if (!(w[j] > 0)) throw new Error(`scatterWeights: leading eigenvector not positive (weight ${j} = ${w[j]})`);
  }
  return w;
}

/**
 * Guo's method as he defines it, on standardised data: each column centred and scaled to unit variance, so H
 * is (n - 1) times the correlation matrix; its leading eigenvector rescaled to sum to 1 (sign: positive sum).
 * Entries may be negative, which is why coupling papers use the min-max (uncentred) form instead, whose
 * H = (n - 1) Cov + n mean mean' also rewards an indicator's average level. (Shown beside the weights in notebook 02.)
 */
export function standardisedScatterWeights(z: Matrix): Float64Array {
  const { nrow, ncol, data } = z;
  const cols = Array.from({ length: ncol }, (_, j) => {
    const c = data.subarray(j * nrow, (j + 1) * nrow);
    const mean = c.reduce((s, v) => s + v, 0) / nrow;
    const sd = Math.sqrt(c.reduce((s, v) => s + (v - mean) ** 2, 0) / (nrow - 1));
    return Float64Array.from(c, (v) => (v - mean) / sd);
  });
  return leadingEigenvectorSummingToOne(cols.map((a) => cols.map((b) => a.reduce((s, v, i) => s + v * b[i], 0))));
}
