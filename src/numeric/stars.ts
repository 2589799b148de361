// Significance stars as the paper and esttab print them.

/** *** p < 0.01, ** p < 0.05, * p < 0.1 (strict: p = 0.05 gets one star). */
export function stars(p: number): string {
  if (!(p >= 0 && p <= 1)) throw new Error(`stars: p-value must be in [0, 1], got ${p}`);
  return p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : "";
}
