// SPEC 10.4: entropy weights (熵值法) over all city-years of the normalised matrix Z (values > 0):
// p_ij = z_ij / sum_i z_ij, e_j = -sum_i p_ij ln p_ij / ln N, w_j = (1 - e_j) / sum_j (1 - e_j).
// An indicator that varies more across city-years has lower entropy and so more weight.
import type { Matrix } from "../numeric/matrix";

export function entropyWeights(z: Matrix): Float64Array {
  const { nrow: n, ncol: m, data } = z;
  if (n < 2) throw new Error("entropyWeights: needs at least 2 rows");
  const d = new Float64Array(m); // 1 - e_j
  for (let j = 0; j < m; j++) {
    let total = 0;
    for (let i = 0; i < n; i++) total += data[j * n + i];
    let h = 0;
    for (let i = 0; i < n; i++) {
      const p = data[j * n + i] / total;
      if (p > 0) h -= p * Math.log(p);
    }
    d[j] = 1 - h / Math.log(n);
  }
  const sum = d.reduce((s, x) => s + x, 0);
  return d.map((x) => x / sum);
}
