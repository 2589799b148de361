// One forest tree as an independent unit of work: its own seed picks its sample rows (bootstrap or
// subsample) and its split features, so the same tree comes out in-process or in any worker thread.
import { deriveSeed, makeRng, type Rng } from "../numeric/rng";
import type { Binned } from "./binning";
import { growTree, type FlatTree, type TreeParams } from "./tree";

export interface ForestTreeParams extends TreeParams {
  /** Sample rows per tree as a fraction of n. */
  sampleFraction: number;
  /** Draw with replacement (bootstrap) or without (subsample). */
  replace: boolean;
}

/** Rows for one tree: round(fraction * n) draws, with or without replacement. */
export function sampleRows(n: number, fraction: number, replace: boolean, rng: Rng): Int32Array {
  const m = Math.max(1, Math.min(replace ? Infinity : n, Math.round(fraction * n)));
  const rows = new Int32Array(m);
  if (replace) {
    for (let k = 0; k < m; k++) rows[k] = rng.int(n);
    return rows;
  }
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  for (let k = 0; k < m; k++) {
    const j = k + rng.int(n - k);
    const t = all[j]; all[j] = all[k]; all[k] = t;
    rows[k] = t;
  }
  return rows;
}

/** Tree number t of the forest with this seed; y is the target, every sampled copy with weight one. */
export function growForestTree(data: Binned, y: Float64Array, params: ForestTreeParams, seed: number, t: number): FlatTree {
  const rng = makeRng(deriveSeed(seed, t));
  const rows = sampleRows(data.n, params.sampleFraction, params.replace, rng);
  return growTree(data, rows, y, null, params, rng);
}
