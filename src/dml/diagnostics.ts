// Diagnostics of a fitted DML result's nuisance fits, read from its stored cross-fitted predictions.
import type { DmlResult } from "./dml";

/** R^2 of term j's treatment nuisance fit m_hat against its treatment, averaged over repetitions. */
export function nuisanceR2(result: Pick<DmlResult, "design" | "predictions">, j: number): number {
  const d = result.design.d[j];
  const mu = d.reduce((s, v) => s + v, 0) / d.length;
  const tss = d.reduce((s, v) => s + (v - mu) ** 2, 0);
  const r2 = result.predictions.map((rep) => 1 - rep[j].preds.m_hat.reduce((s, m, i) => s + (d[i] - m) ** 2, 0) / tss);
  return r2.reduce((s, v) => s + v, 0) / r2.length;
}

