// Simulated data with known truth, shared by the forest and boosting tests.
import { matrix, type Matrix } from "../../src/numeric/matrix";
import { makeRng } from "../../src/numeric/rng";

/** n rows of p standard normal features; f is the true mean function of a row. */
export function simulate(n: number, p: number, f: (x: number[]) => number, noiseSd: number, seed: number): { X: Matrix; y: Float64Array; truth: Float64Array } {
  const rng = makeRng(seed);
  const data = new Float64Array(n * p), y = new Float64Array(n), truth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x: number[] = [];
    for (let j = 0; j < p; j++) x.push((data[j * n + i] = rng.normal()));
    truth[i] = f(x);
    y[i] = truth[i] + noiseSd * rng.normal();
  }
  return { X: matrix(n, p, data), y, truth };
}

/** 1 - SSE / SST of predictions against y. */
export function rSquared(y: ArrayLike<number>, pred: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < y.length; i++) mean += y[i] / y.length;
  let sse = 0, sst = 0;
  for (let i = 0; i < y.length; i++) { sse += (y[i] - pred[i]) ** 2; sst += (y[i] - mean) ** 2; }
  return 1 - sse / sst;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Binary outcomes from a logistic model: p = sigmoid(1.5 x1 - x2). */
export function simulateLogistic(n: number, seed: number): { X: Matrix; y: Float64Array; prob: Float64Array } {
  const { X, truth } = simulate(n, 3, (x) => sigmoid(1.5 * x[0] - x[1]), 0, seed);
  const rng = makeRng(seed + 1000);
  const y = truth.map((p) => (rng.next() < p ? 1 : 0));
  return { X, y, prob: truth };
}

export function meanAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i]);
  return s / a.length;
}
