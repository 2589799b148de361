// SPEC 10.4: equal weights, the benchmark any weighting scheme is compared against.
export function equalWeights(m: number): Float64Array {
  if (!(Number.isInteger(m) && m > 0)) throw new Error(`equalWeights: need a positive count, got ${m}`);
  return new Float64Array(m).fill(1 / m);
}
