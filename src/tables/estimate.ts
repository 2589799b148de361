// One estimated coefficient and how the paper prints it: 4 decimals, stars by p-value, SE in parentheses.
export { stars } from "../numeric/stars";

export interface Estimate {
  coef: number;
  se: number;
  p: number;
  n: number;
  label?: string;
  ci?: [number, number];
}

/** Fixed decimals; a value that rounds to zero prints without a minus sign. */
export function fmt(x: number, digits = 4): string {
  if (!Number.isFinite(x)) throw new Error(`cannot format non-finite value ${x} in a table`);
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}
