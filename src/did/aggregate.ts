// Aggregations of group-time effects with DoubleML's weights (DoubleMLDIDMulti.aggregate): an
// aggregate is a weighted sum of ATT(g,t) and its scaled score the same weighted sum of theirs, so its
// se comes from the combined influence function. Group shares are unit shares (balanced panel).
//   event time e = t - g: all cells with that e (pre and post), weights prop. to group share;
//   group g: its post cells (t >= g), equal weights; overall = groups averaged by group share;
//   calendar time t: post cells of period t, weights prop. to group share.
// The uniform band over the event-time curve is DoubleML's normal multiplier bootstrap of the max |t|.
import { deriveSeed, makeRng } from "../numeric/rng";
import type { GtCombination } from "./gt";
import { scaledSe } from "./score";

export interface Estimate {
  theta: number;
  se: number;
  scaled: Float64Array;
}

export interface CellEstimate extends Estimate {
  comb: GtCombination;
}

export interface Aggregate<K> extends Estimate {
  key: K;
  /** Weight of each cell (in the order of the cells given), 0 for cells not used. */
  weights: Float64Array;
}

export function combine(parts: readonly Estimate[], weights: ArrayLike<number>): Estimate {
  const n = parts[0].scaled.length;
  const scaled = new Float64Array(n);
  let theta = 0;
  parts.forEach((p, k) => {
    const w = weights[k];
    if (w === 0) return;
    theta += w * p.theta;
    for (let i = 0; i < n; i++) scaled[i] += w * p.scaled[i];
  });
  return { theta, se: scaledSe(scaled), scaled };
}

/** One aggregate per distinct key among the selected cells; `weight` gives a cell's raw weight, normalised within the key. */
function aggregateBy<K extends number>(cells: readonly CellEstimate[], keyOf: (c: GtCombination) => K, select: (c: GtCombination) => boolean, weight: (c: GtCombination, sameKey: number) => number): Aggregate<K>[] {
  const keys = [...new Set(cells.filter((c) => select(c.comb)).map((c) => keyOf(c.comb)))].sort((a, b) => a - b);
  return keys.map((key) => {
    const members = cells.filter((c) => select(c.comb) && keyOf(c.comb) === key);
    const raw = Float64Array.from(cells, (c) => (select(c.comb) && keyOf(c.comb) === key ? weight(c.comb, members.length) : 0));
    const total = raw.reduce((s, v) => s + v, 0);
    const weights = raw.map((v) => v / total);
    return { key, weights, ...combine(cells, weights) };
  });
}

const post = (c: GtCombination) => c.eval >= c.group;

export function eventStudy(cells: readonly CellEstimate[], share: (g: number) => number): Aggregate<number>[] {
  return aggregateBy(cells, (c) => c.eval - c.group, () => true, (c) => share(c.group));
}

export function byGroup(cells: readonly CellEstimate[]): Aggregate<number>[] {
  return aggregateBy(cells, (c) => c.group, post, (_c, count) => 1 / count);
}

export function byTime(cells: readonly CellEstimate[], share: (g: number) => number): Aggregate<number>[] {
  return aggregateBy(cells, (c) => c.eval, post, (c) => share(c.group));
}

/** DoubleML's aggregate("group") overall effect: group effects weighted by group share. */
export function overall(groups: readonly Aggregate<number>[], share: (g: number) => number): Estimate {
  const raw = groups.map((g) => share(g.key));
  const total = raw.reduce((s, v) => s + v, 0);
  return combine(groups, raw.map((v) => v / total));
}

export interface Band {
  /** Critical value: the `level` quantile of max_j |t*_j| over the bootstrap draws. */
  crit: number;
  lo: number[];
  hi: number[];
  draws: number;
}

/**
 * Multiplier bootstrap: t*_bj = sum_i xi_bi scaled_ij / (N se_j), xi ~ N(0,1) i.i.d. from the seed;
 * crit = quantile of max_j |t*_bj| (numpy's linear interpolation); band theta_j -/+ crit se_j.
 */
export function uniformBand(parts: readonly Estimate[], seed: number, draws = 500, level = 0.95): Band {
  const n = parts[0].scaled.length;
  const rng = makeRng(deriveSeed(seed, 0x62616e64));
  const maxT = new Float64Array(draws);
  const xi = new Float64Array(n);
  for (let b = 0; b < draws; b++) {
    for (let i = 0; i < n; i++) xi[i] = rng.normal();
    let m = 0;
    for (const p of parts) {
      if (!(p.se > 0)) continue;
      let s = 0;
      for (let i = 0; i < n; i++) s += xi[i] * p.scaled[i];
      m = Math.max(m, Math.abs(s / (n * p.se)));
    }
    maxT[b] = m;
  }
  const crit = quantile(maxT, level);
  return { crit, lo: parts.map((p) => p.theta - crit * p.se), hi: parts.map((p) => p.theta + crit * p.se), draws };
}

/** numpy.quantile's default (linear interpolation between order statistics). */
export function quantile(v: Float64Array, q: number): number {
  const s = Float64Array.from(v).sort();
  const h = (s.length - 1) * q, lo = Math.floor(h);
  return lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
}
