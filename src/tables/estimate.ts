// One estimated coefficient and how the paper prints it: 4 decimals, stars by p-value, SE in parentheses.

export interface Estimate {
  coef: number;
  se: number;
  p: number;
  n: number;
  label?: string;
  ci?: [number, number];
}

/** *** p < 0.01, ** p < 0.05, * p < 0.1 (strict: p = 0.05 gets one star), as in the paper and esttab. */
export function stars(p: number): string {
  if (!(p >= 0 && p <= 1)) throw new Error(`stars: p-value must be in [0, 1], got ${p}`);
  return p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : "";
}

/** Fixed decimals; a value that rounds to zero prints without a minus sign. */
export function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) throw new Error(`cannot format non-finite value ${x} in a table`);
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}
