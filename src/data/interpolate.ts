// Fill missing values within each city by straight lines over the years between its observed values.

export interface InterpolationReport {
  enabled: boolean;
  /** Whether leading/trailing gaps were filled with the nearest observed value. */
  fillEnds: boolean;
  /** Cells filled per column (columns with none filled are left out). */
  filled: Record<string, number>;
  /** Cells still missing per column afterwards (a city with no value at all, or ends when fillEnds is off). */
  stillMissing: Record<string, number>;
}

/**
 * Fill NaNs of one city's series in place; `years` must be increasing. Interior gaps are interpolated
 * linearly in the year (so a skipped year is respected); ends are copied from the nearest observed value
 * only if fillEnds. Returns the number of cells filled.
 */
export function interpolateSeries(years: ArrayLike<number>, values: Float64Array, fillEnds: boolean): number {
  const observed: number[] = [];
  for (let k = 0; k < values.length; k++) if (!Number.isNaN(values[k])) observed.push(k);
  if (observed.length === 0) return 0;
  let filled = 0;
  for (let k = 0; k < values.length; k++) {
    if (!Number.isNaN(values[k])) continue;
    const after = observed.findIndex((o) => o > k);
    if (after > 0) {
      const a = observed[after - 1];
      const b = observed[after];
      values[k] = values[a] + ((values[b] - values[a]) * (years[k] - years[a])) / (years[b] - years[a]);
      filled++;
    } else if (fillEnds) {
      values[k] = values[after === 0 ? observed[0] : observed[observed.length - 1]];
      filled++;
    }
  }
  return filled;
}

/**
 * Interpolate the named columns of a panel whose rows are sorted by city then year (in place).
 * `codes` groups the rows into cities.
 */
export function interpolatePanel(
  codes: readonly (string | null)[], years: Float64Array, columns: Record<string, Float64Array>, fillEnds = false,
): InterpolationReport {
  const report: InterpolationReport = { enabled: true, fillEnds, filled: {}, stillMissing: {} };
  const groups: [number, number][] = [];
  for (let start = 0; start < codes.length; ) {
    let end = start + 1;
    while (end < codes.length && codes[end] === codes[start]) end++;
    groups.push([start, end]);
    start = end;
  }
  for (const [name, col] of Object.entries(columns)) {
    let filled = 0;
    for (const [s, e] of groups) filled += interpolateSeries(years.subarray(s, e), col.subarray(s, e), fillEnds);
    if (filled > 0) report.filled[name] = filled;
    const left = col.reduce((n, x) => n + (Number.isNaN(x) ? 1 : 0), 0);
    if (left > 0) report.stillMissing[name] = left;
  }
  return report;
}
