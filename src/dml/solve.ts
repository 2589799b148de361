// The one solver every DML model shares (DoubleML's design): a model supplies per-observation score
// pieces psi = psi_a * theta + psi_b; theta solves mean(psi) = 0, the variance comes from the score,
// and repetitions of the cross-fitting are combined by DoubleML's current median rule (0.10.0 on).
import { normalQuantile, twoSidedP } from "../numeric/normal";
import type { Folds } from "./folds";

export interface Score {
  psiA: Float64Array;
  psiB: Float64Array;
}

/**
 * "robust": sigma^2 = mean(psi^2) / mean(psi_a)^2 / n (heteroskedasticity-robust).
 * "cluster": sigma^2 = sum_g (sum_{i in g} psi_i)^2 / (n mean(psi_a))^2, the one-way cluster sandwich
 * with no small-sample factor (no G/(G-1)), matching DoubleML's large-sample form. `clusters` holds a
 * cluster id per observation.
 * "unit-folds": folds drawn by cluster (panel approaches, SPEC 12), DoubleML's one-way cluster rule
 * (Chiang et al. 2022): with I_k the clusters of test fold k, theta solves
 * sum_k (1/|I_k|) sum_{i in k} psi_i = 0; J = (1/K) sum_k (1/|I_k|) sum_{i in k} psi_a,i,
 * Gamma = (1/K) sum_k (1/|I_k|) sum_{c in I_k} (sum_{i in c} psi_i)^2, var = Gamma / J^2 / #clusters.
 */
export type SeSpec = { kind: "robust" } | { kind: "cluster"; clusters: Int32Array } | { kind: "unit-folds"; clusters: Int32Array; folds: Folds };

export interface Solved {
  theta: number;
  se: number;
  /** psi_i at the solution, kept for sensitivity analysis. */
  psi: Float64Array;
}

export function solveScore({ psiA, psiB }: Score, se: SeSpec): Solved {
  if (se.kind === "unit-folds") return solveUnitFolds(psiA, psiB, se.clusters, se.folds);
  const n = psiA.length;
  const meanA = mean(psiA);
  const theta = -mean(psiB) / meanA;
  const psi = psiA.map((a, i) => a * theta + psiB[i]);
  let variance: number;
  if (se.kind === "robust") {
    variance = mean(psi.map((p) => p * p)) / (meanA * meanA) / n;
  } else {
    let s = 0;
    for (const [v] of clusterTotals(se.clusters, [psi])) s += v * v;
    variance = s / (n * meanA) ** 2;
  }
  return { theta, se: Math.sqrt(variance), psi };
}

function solveUnitFolds(psiA: Float64Array, psiB: Float64Array, clusters: Int32Array, folds: Folds): Solved {
  const K = folds.k;
  // |I_k|: the number of clusters in test fold k.
  const clusterFold = new Map<number, number>();
  clusters.forEach((c, i) => clusterFold.set(c, folds.fold[i]));
  const size = new Float64Array(K);
  for (const f of clusterFold.values()) size[f]++;
  let a = 0, b = 0;
  for (let i = 0; i < psiA.length; i++) { const w = 1 / size[folds.fold[i]]; a += w * psiA[i]; b += w * psiB[i]; }
  const theta = -b / a;
  const psi = psiA.map((v, i) => v * theta + psiB[i]);
  const total = new Map<number, number>();
  clusters.forEach((c, i) => total.set(c, (total.get(c) ?? 0) + psi[i]));
  let gamma = 0;
  for (const [c, t] of total) gamma += (t * t) / size[clusterFold.get(c)!];
  const J = a / K;
  gamma /= K;
  return { theta, se: Math.sqrt(gamma / (J * J) / total.size), psi };
}

/** Per cluster (in order of first appearance), the sums of each score component over its rows. */
export function clusterTotals(clusters: Int32Array, psi: readonly Float64Array[]): Float64Array[] {
  const index = new Map<number, number>();
  const totals: Float64Array[] = [];
  clusters.forEach((g, i) => {
    let k = index.get(g);
    if (k === undefined) { k = totals.length; index.set(g, k); totals.push(new Float64Array(psi.length)); }
    for (let j = 0; j < psi.length; j++) totals[k][j] += psi[j][i];
  });
  return totals;
}

export interface Inference {
  coef: number;
  se: number;
  t: number;
  p: number;
  ci: [number, number];
}

/**
 * Repetitions combined by DoubleML's rule (version 0.10.0 on, commit 20ba4ede of May 2025, which
 * replaced sqrt(median(se_r^2 + (theta_r - theta)^2)) of 0.9.x): theta = median(theta_r),
 * se = (median(theta_r + 1.96 se_r) - theta) / 1.96. One repetition gives its theta and se as they
 * are (what the formula gives up to rounding).
 */
export function aggregateReps(thetas: readonly number[], ses: readonly number[]): { theta: number; se: number } {
  if (thetas.length === 1) return { theta: thetas[0], se: ses[0] };
  const theta = median(thetas);
  const upper = median(thetas.map((t, r) => t + AGGREGATION_Z * ses[r]));
  return { theta, se: (upper - theta) / AGGREGATION_Z };
}

/** DoubleML's fixed critical value of the se aggregation (whatever the interval's level). */
export const AGGREGATION_Z = 1.96;

/**
 * Inference over repetitions as DoubleML reports it: theta and se by aggregateReps, t = theta / se,
 * p = median of the repetitions' p-values, interval = medians of the repetitions' interval ends.
 */
export function aggregateInference(thetas: readonly number[], ses: readonly number[], level = 0.95): Inference {
  if (thetas.length === 1) return inference(thetas[0], ses[0], level);
  const { theta, se } = aggregateReps(thetas, ses);
  const per = thetas.map((t, r) => inference(t, ses[r], level));
  return { coef: theta, se, t: theta / se, p: median(per.map((x) => x.p)), ci: [median(per.map((x) => x.ci[0])), median(per.map((x) => x.ci[1]))] };
}

/** t, two-sided normal p-value and the two-sided confidence interval at `level`. */
export function inference(coef: number, se: number, level = 0.95): Inference {
  const q = normalQuantile(1 - (1 - level) / 2);
  const t = coef / se;
  return { coef, se, t, p: twoSidedP(t), ci: [coef - q * se, coef + q * se] };
}

export function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/** Median with the two middle values averaged for an even count (as numpy). */
export function median(v: readonly number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}
