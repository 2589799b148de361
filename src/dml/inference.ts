// Inference from a fitted DML result's stored scores, without refitting any learner (the role of
// DoubleML's DoubleMLFramework): per repetition theta and se under a chosen variance (the fit's own,
// heteroskedasticity-robust, or clustered by any grouping of the rows), repetitions aggregated by
// DoubleML's rule (solve.ts aggregateInference), t, p and the two-sided interval at a level.
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";
import { aggregateInference, solveScore, type Inference, type SeSpec } from "./solve";

/** One repetition's fit of one term: its estimate and what produced it. */
export interface TermRep {
  theta: number;
  se: number;
  psi: Float64Array;
  /** The term's scalar score pieces; for multi "joint", its row of the stacked score with the other coefficients fixed at their estimates. */
  psiA: Float64Array;
  psiB: Float64Array;
  /** Cross-fitted nuisance predictions (l_hat, m_hat, g_hat, g0_hat, g1_hat, r_hat). */
  preds: Record<string, Float64Array>;
}

/** The fit's own se (default), the robust one, or one clustered by a group id per row of the design. */
export type SeChoice = "fit" | "robust" | { cluster: ArrayLike<unknown> };

export interface DmlInference {
  /** Per term: theta and se of every repetition. */
  reps(se?: SeChoice): { name: string; theta: number[]; se: number[] }[];
  /** Per term: the repetitions aggregated by the median rule, with t, p and the interval at `level`. */
  summary(o?: { se?: SeChoice; level?: number }): (Inference & { name: string })[];
}

export function makeInference(o: {
  names: readonly string[];
  predictions: readonly (readonly TermRep[])[];
  level: number;
  /** Re-solving a scalar score is wrong for these fits (why, for the error message), else undefined. */
  noResolve?: string;
}): DmlInference {
  const reps = (se: SeChoice = "fit") => {
    if (se === "fit") return o.names.map((name, j) => ({ name, theta: o.predictions.map((p) => p[j].theta), se: o.predictions.map((p) => p[j].se) }));
    if (o.noResolve) throw new InputError(`inference: ${o.noResolve}`);
    const n = o.predictions[0][0].psiA.length;
    let spec: SeSpec = { kind: "robust" };
    if (se !== "robust") {
      if (se.cluster.length !== n) throw new InputError(`inference: ${se.cluster.length} cluster ids for ${n} rows of the fit`);
      spec = { kind: "cluster", clusters: firstAppearanceCodes(se.cluster) };
    }
    return o.names.map((name, j) => {
      const solved = o.predictions.map((p) => solveScore({ psiA: p[j].psiA, psiB: p[j].psiB }, spec));
      return { name, theta: solved.map((s) => s.theta), se: solved.map((s) => s.se) };
    });
  };
  return {
    reps,
    summary({ se, level = o.level } = {}) {
      return reps(se).map(({ name, theta, se: s }) => ({ name, ...aggregateInference(theta, s, level) }));
    },
  };
}

function firstAppearanceCodes(v: ArrayLike<unknown>): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(Array.from(v), (x) => {
    const key = String(x);
    if (!ids.has(key)) ids.set(key, ids.size);
    return ids.get(key)!;
  });
}

/**
 * Cluster-robust inference for a fitted DML result without refitting, clusters from a column of
 * `data`. The result must have been fitted on all rows of `data` in order (no subset), so that row i
 * is data's row i.
 */
export function clusterInference(result: { n: number; inference: DmlInference }, data: ColumnTable, column = "city_code", level = 0.95): Inference[] {
  if (result.n !== data.numRows()) throw new InputError(`clusterInference: the result has ${result.n} rows but the data ${data.numRows()}; refit with se "cluster" instead`);
  if (!data.columnNames().includes(column)) throw new InputError(`column ${column} not found (cluster)`);
  return result.inference.summary({ se: { cluster: data.array(column) as ArrayLike<unknown> }, level }).map(({ name: _, ...inf }) => inf);
}
