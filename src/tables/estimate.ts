// One estimated coefficient and how the paper prints it: 4 decimals, stars by p-value, SE in parentheses.
import { stars } from "../numeric/stars";

export { stars };

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

/** One cell per term, as `stii dml` prints them: coefficient with stars, then (se), plain toFixed. */
export function termCells(terms: readonly { coef: number; se: number; p: number }[], digits = 4): string[] {
  return terms.map((t) => `${t.coef.toFixed(digits)}${stars(t.p)} (${t.se.toFixed(digits)})`);
}
