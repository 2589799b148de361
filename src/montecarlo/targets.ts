// What each estimator targets, computed from the potential outcomes of a simulated panel (never typed in).
// The effect of Bigdata on FI in row i is tau_i = FI_i(1) - FI_i(0) on treated rows (0 elsewhere). An
// estimator of the form theta = sum_i V_i Y*_i / sum_i V_i D*_i, with Y*, D* the outcome and treatment
// after its panel transformation and V its treatment residual (D* - m_hat for PLR, the OLS residual of D
// for TWFE), puts on the effects the weights V: its target is sum_i V_i (D tau)*_i / sum_i V_i D*_i, a
// weighted average of the tau_i (weights summing to one) that equals the ATT only when the effects are equal
// or the weights are. Where the transformation is the identity the weight of treated cell i is
// V_i / sum_{D=1} V; negative ones are those of de Chaisemartin and D'Haultfoeuille (2020).
import type { ColumnTable } from "arquero";
import { buildDesign, type DesignOptions } from "../dml/design";

/** tau_i: the effect on FI of the row's treatment (0 on untreated rows), observed FI minus untreated FI. */
export function effectColumn(table: ColumnTable, untreatedFI: ArrayLike<number>, d = "Bigdata", y = "FI"): Float64Array {
  const D = table.array(d) as ArrayLike<number>, Y = table.array(y) as ArrayLike<number>;
  return Float64Array.from(D, (v, i) => (v === 1 ? Number(Y[i]) - untreatedFI[i] : 0));
}

/** The effect column after the same design and panel transformation as the estimator's outcome. */
export function transformedEffect(table: ColumnTable, tau: Float64Array, opts: Omit<DesignOptions, "y">): Float64Array {
  const name = "__effect__";
  return buildDesign(table.assign({ [name]: tau }), { ...opts, y: name }).y;
}

/** sum V effect* / sum V d*: the weighted average of effects the estimator with residual V targets. */
export function weightedTarget(v: ArrayLike<number>, effect: ArrayLike<number>, d: ArrayLike<number>): number {
  let num = 0, den = 0;
  for (let i = 0; i < v.length; i++) { num += v[i] * effect[i]; den += v[i] * d[i]; }
  return num / den;
}

/** Weights V_i / sum_{D=1} V of the treated cells (untransformed designs): how many are negative, of how many. */
export function treatedWeights(v: ArrayLike<number>, d: ArrayLike<number>): { negative: number; cells: number; negativeSum: number } {
  let s = 0, cells = 0;
  for (let i = 0; i < v.length; i++) if (d[i] === 1) { s += v[i]; cells++; }
  let negative = 0, negativeSum = 0;
  for (let i = 0; i < v.length; i++) if (d[i] === 1 && v[i] / s < 0) { negative++; negativeSum += v[i] / s; }
  return { negative, cells, negativeSum };
}

/** Group of each row: the first year its unit is treated (0 if never), from a 0/1 treatment column. */
export function firstTreatedYear(id: ArrayLike<unknown>, time: ArrayLike<number>, d: ArrayLike<number>): Float64Array {
  const first = new Map<unknown, number>();
  for (let i = 0; i < d.length; i++) {
    if (d[i] === 1 && !(first.has(id[i]) && first.get(id[i])! <= time[i])) first.set(id[i], time[i]);
  }
  return Float64Array.from({ length: d.length }, (_, i) => first.get(id[i]) ?? 0);
}

/**
 * The staggered DiD's targets from the effects: at event time e the mean effect over units at that event
 * time (0 before adoption), and overall the group effects (mean over post periods of the mean effect of
 * the group's units) averaged with group-size weights, as the DiD aggregates (did/aggregate.ts).
 */
export function didTargets(time: ArrayLike<number>, group: ArrayLike<number>, tau: ArrayLike<number>): { event: Map<number, number>; overall: number } {
  // Per group g: period -> [sum of effects, units]; per event time e: [sum, units].
  const cells = new Map<number, Map<number, [number, number]>>();
  const byEvent = new Map<number, [number, number]>();
  const add = <K>(m: Map<K, [number, number]>, k: K, v: number) => { const c = m.get(k) ?? [0, 0]; c[0] += v; c[1]++; m.set(k, c); };
  for (let i = 0; i < tau.length; i++) {
    const g = group[i];
    if (g === 0) continue;
    if (!cells.has(g)) cells.set(g, new Map());
    add(cells.get(g)!, time[i], tau[i]);
    add(byEvent, time[i] - g, tau[i]);
  }
  const event = new Map([...byEvent].sort((a, b) => a[0] - b[0]).map(([e, [s, n]]) => [e, s / n] as [number, number]));
  let num = 0, den = 0;
  for (const [g, periods] of cells) {
    const post = [...periods].filter(([t]) => t >= g).map(([, [s, n]]) => s / n);
    const size = periods.get(g)![1];
    num += size * (post.reduce((s, x) => s + x, 0) / post.length);
    den += size;
  }
  return { event, overall: num / den };
}
