// One group-time effect ATT(g,t): cross-fitted nuisances on the cell's wide data and the doubly robust
// score of Sant'Anna and Zhao (2020) with in-sample normalisation, as DoubleMLDIDBinary computes it:
//   w_i   = d_i / mean(d) - r_i / mean(r),   r_i = (1 - d_i) m_i / (1 - m_i)
//   psi_a = -d_i / mean(d),   psi_b = w_i (dY_i - g0_i),   theta = -sum(psi_b) / sum(psi_a).
// The score lives on all N units of the panel (0 outside the cell), and its scaled form
// psi / mean_N(psi_a) is what aggregations add up; se = sqrt(mean_N(scaled^2) / N).
import { InputError } from "../errors";
import type { Classifier, Regressor } from "../learners/types";
import { fromColumns, type Matrix } from "../numeric/matrix";
import { deriveSeed, makeRng, permutation } from "../numeric/rng";
import { crossFit } from "../dml/crossfit";
import type { Folds } from "../dml/folds";
import { mean } from "../dml/solve";
import type { GtCell } from "./gt";

/** DoubleML's default clipping of the propensity (PSProcessorConfig.clipping_threshold = 0.01). */
export const CLIP = 0.01;

export interface CellLearners {
  /** Outcome regression of the change on X (fitted among controls for g0 and among the group for g1). */
  g(): Regressor;
  /** Propensity of group membership. */
  m(): Classifier;
}

export interface CellFit {
  theta: number;
  se: number;
  /** psi_i / mean_N(psi_a) on all N units (DoubleML's scaled_psi). */
  scaled: Float64Array;
  /** Cross-fitted predictions on the cell's units (m clipped). */
  g0: Float64Array;
  g1: Float64Array;
  m: Float64Array;
}

/**
 * Folds over the cell's units: from the unit fold column when given, else drawn per cell from
 * deriveSeed(seed, cell) stratified by the treated indicator (DoubleML draws a stratified K-fold split
 * for every group-time model). Every training part must hold treated and control units.
 */
export function cellFolds(cell: GtCell, k: number, seed: number, cellIndex: number, unitFold: Int32Array | undefined, what: string): Folds {
  const n = cell.units.length;
  let folds: Folds;
  if (unitFold) {
    folds = { k, fold: Int32Array.from(cell.units, (u) => unitFold[u]) };
  } else {
    if (k > n) throw new InputError(`${what}: folds (${k}) exceed the ${n} units of the comparison`);
    const fold = new Int32Array(n);
    const rng = makeRng(deriveSeed(seed, cellIndex));
    let pos = 0;
    for (const side of [1, 0]) {
      const members = Array.from(cell.d.keys()).filter((i) => cell.d[i] === side);
      const perm = permutation(members.length, rng);
      for (let i = 0; i < members.length; i++) fold[members[perm[i]]] = pos++ % k;
    }
    folds = { k, fold };
  }
  for (let f = 0; f < k; f++) {
    let treated = 0, controls = 0;
    for (let i = 0; i < n; i++) if (folds.fold[i] !== f) cell.d[i] === 1 ? treated++ : controls++;
    if (treated === 0 || controls === 0) {
      throw new InputError(`${what}: fold ${f + 1} of ${k} leaves no ${treated === 0 ? "treated" : "control"} unit to train on (${cell.nTreated} treated, ${n - cell.nTreated} controls)`);
    }
  }
  return folds;
}

/** The design of the cell: its covariates, or one constant column when there are none (learners then predict training means). */
export function cellDesign(cell: GtCell, names: readonly string[]): Matrix {
  if (cell.x.length === 0) return fromColumns([new Float64Array(cell.units.length)], ["(none)"]);
  return fromColumns(cell.x, names);
}

export async function fitCell(cell: GtCell, X: Matrix, folds: Folds, learners: CellLearners, nUnits: number): Promise<CellFit> {
  const ctx = { folds, tick: () => {} };
  const [g0, g1, mRaw] = await Promise.all([
    crossFit(learners.g(), X, cell.dy, ctx, "g0", (i) => cell.d[i] === 0),
    crossFit(learners.g(), X, cell.dy, ctx, "g1", (i) => cell.d[i] === 1),
    crossFit(learners.m(), X, cell.d, ctx, "m"),
  ]);
  const m = mRaw.map((p) => Math.min(1 - CLIP, Math.max(CLIP, p)));
  return { ...drScore(cell, g0, m, nUnits), g0, g1, m };
}

/** The DR score with in-sample normalisation, its solution and the scaled score on all N units. */
export function drScore(cell: GtCell, g0: Float64Array, m: Float64Array, nUnits: number): { theta: number; se: number; scaled: Float64Array } {
  const { d, dy } = cell;
  const n = d.length;
  const r = Float64Array.from(d, (di, i) => (1 - di) * (m[i] / (1 - m[i])));
  const dBar = mean(d), rBar = mean(r);
  const psiA = Float64Array.from(d, (di) => -di / dBar);
  const psiB = Float64Array.from(d, (di, i) => (di / dBar - r[i] / rBar) * (dy[i] - g0[i]));
  let sa = 0, sb = 0;
  for (let i = 0; i < n; i++) { sa += psiA[i]; sb += psiB[i]; }
  const theta = -sb / sa;
  const J = sa / nUnits;
  const scaled = new Float64Array(nUnits);
  cell.units.forEach((u, i) => (scaled[u] = (psiA[i] * theta + psiB[i]) / J));
  return { theta, se: scaledSe(scaled), scaled };
}

/** DoubleML's se from a scaled score: sqrt(mean(scaled^2) / N). */
export function scaledSe(scaled: Float64Array): number {
  let s = 0;
  for (let i = 0; i < scaled.length; i++) s += scaled[i] * scaled[i];
  return Math.sqrt(s / scaled.length / scaled.length);
}
