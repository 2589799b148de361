// Winsorize: pull values below the lower / above the upper percentile of a column back to those cut points.
import { InputError } from "../errors";

export interface WinsorColumn { lo: number; hi: number; movedLow: number; movedHigh: number }

export interface WinsorizeReport {
  enabled: boolean;
  /** Percentiles in percent, e.g. [1, 99]. */
  percentiles: [number, number] | null;
  columns: Record<string, WinsorColumn>;
}

/**
 * The p-th percentile (0-100) of sorted finite values, by linear interpolation between order statistics
 * (Hyndman-Fan type 7, the default of R and numpy): h = (n - 1) p / 100.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const h = ((sorted.length - 1) * p) / 100;
  const k = Math.floor(h);
  return k + 1 < sorted.length ? sorted[k] + (h - k) * (sorted[k + 1] - sorted[k]) : sorted[k];
}

/** Winsorize one column in place at percentiles [lower, upper]; NaN (missing) cells are ignored and stay NaN. */
export function winsorizeColumn(values: Float64Array, lower: number, upper: number): WinsorColumn {
  const present = values.filter((x) => !Number.isNaN(x)).sort();
  if (present.length === 0) return { lo: NaN, hi: NaN, movedLow: 0, movedHigh: 0 };
  const lo = percentile(present, lower);
  const hi = percentile(present, upper);
  let movedLow = 0;
  let movedHigh = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < lo) { values[i] = lo; movedLow++; }
    else if (values[i] > hi) { values[i] = hi; movedHigh++; }
  }
  return { lo, hi, movedLow, movedHigh };
}

/** Winsorize each named column at the same percentiles (in place). */
export function winsorizePanel(columns: Record<string, Float64Array>, percentiles: [number, number]): WinsorizeReport {
  const [lower, upper] = percentiles;
  if (!(lower >= 0 && lower < upper && upper <= 100)) {
    throw new InputError(`winsorize percentiles must satisfy 0 <= lower < upper <= 100, got ${lower}, ${upper}`);
  }
  const report: WinsorizeReport = { enabled: true, percentiles: [lower, upper], columns: {} };
  for (const [name, col] of Object.entries(columns)) report.columns[name] = winsorizeColumn(col, lower, upper);
  return report;
}
