// Small descriptive statistics shared by the layers above (replication tables, the simulator's calibration
// check): moments of a vector, average ranks and Spearman's rank correlation. Plain functions over arrays.
import { InputError } from "../errors";

export interface Moments { n: number; mean: number; sd: number; min: number; max: number }

/** N, mean, sample sd (n - 1), min, max of a numeric vector. */
export function moments(x: ArrayLike<number>, column = "value"): Moments {
  const n = x.length;
  if (n < 2) throw new InputError(`column ${column}: needs at least two values for a standard deviation, got ${n}`);
  let s = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) { s += x[i]; min = Math.min(min, x[i]); max = Math.max(max, x[i]); }
  const mean = s / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2;
  return { n, mean, sd: Math.sqrt(ss / (n - 1)), min, max };
}

/** Ranks 1..n, ties sharing the average of the ranks they span. */
export function averageRanks(x: ArrayLike<number>): Float64Array {
  const n = x.length;
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i])) throw new InputError(`rank: value ${i + 1} is not a finite number`);
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && x[order[j + 1]] === x[order[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    i = j + 1;
  }
  return ranks;
}

/** Spearman's rank correlation: Pearson's correlation of the average ranks (so ties are handled). */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new InputError(`spearman: ${a.length} values against ${b.length}`);
  if (a.length < 2) throw new InputError("spearman: needs at least 2 pairs");
  const ra = averageRanks(a), rb = averageRanks(b);
  const m = (ra.length + 1) / 2; // the mean of any full set of ranks, ties or not
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < ra.length; i++) {
    sab += (ra[i] - m) * (rb[i] - m);
    saa += (ra[i] - m) ** 2;
    sbb += (rb[i] - m) ** 2;
  }
  if (saa === 0 || sbb === 0) throw new InputError("spearman: one ranking is constant");
  return sab / Math.sqrt(saa * sbb);
}
