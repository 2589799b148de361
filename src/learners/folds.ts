// Seeded K-fold assignment shared by the learners' internal cross-validation (lasso, SVM's Platt step).
import { makeRng, permutation } from "../numeric/rng";

/** fold[i] in 0..K-1 for each row: a seeded shuffle dealt round-robin, so fold sizes differ by at most 1. */
export function assignFolds(n: number, K: number, seed: number): Int32Array {
  const perm = permutation(n, makeRng(seed));
  const fold = new Int32Array(n);
  for (let r = 0; r < n; r++) fold[perm[r]] = r % K;
  return fold;
}

/** Row indices where fold equals k (test) and where it does not (train). */
export function splitFold(fold: Int32Array, k: number): { train: Int32Array; test: Int32Array } {
  const train: number[] = [], test: number[] = [];
  for (let i = 0; i < fold.length; i++) (fold[i] === k ? test : train).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}
