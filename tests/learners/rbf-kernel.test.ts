// The SVM's kernel matrices against the textbook computation exp(-gamma |z_a - z_b|^2) on the centred
// and scaled rows, on a design with dense columns, dummies (stored sparse) and a constant column.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fromColumns } from "../../src/numeric/matrix";
import { makeRng } from "../../src/numeric/rng";
import { applyScaling, fitScaling } from "../../src/learners/standardise";
import { kernelBlock, kernelColumns, kernelRows, rbfKernel, subsetRows } from "../../src/learners/rbf-kernel";

function design(n: number, seed: number) {
  const rng = makeRng(seed);
  const x1 = Float64Array.from({ length: n }, () => 100 + 10 * rng.normal()); // a large mean: centring matters for rounding
  const x2 = Float64Array.from({ length: n }, () => rng.next());
  const city = Float64Array.from({ length: n }, () => Math.floor(rng.next() * 6));
  const dummies = [1, 2, 3, 4, 5].map((c) => Float64Array.from(city, (v) => (v === c ? 1 : 0)));
  const constant = new Float64Array(n).fill(3);
  return fromColumns([x1, x2, ...dummies, constant]);
}

function direct(Za: number[][], Zb: number[][], gamma: number): number[][] {
  return Za.map((a) => Zb.map((b) => Math.exp(-gamma * a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0))));
}

const rowsOf = (X: ReturnType<typeof design>) => Array.from({ length: X.nrow }, (_, i) => Array.from({ length: X.ncol }, (_, j) => X.data[j * X.nrow + i]));

test("rbf kernel: the dummies are stored sparse, and K equals the direct computation on standardised rows", () => {
  const X = design(40, 1), New = design(15, 2), gamma = 0.3;
  const sc = fitScaling(X);
  const cols = kernelColumns(X, sc);
  assert.deepEqual(Array.from(cols.sparse), [2, 3, 4, 5, 6]);
  assert.deepEqual(Array.from(cols.dense), [0, 1, 7]);
  const R = kernelRows(X, cols);
  const Z = rowsOf(applyScaling(X, sc)), Znew = rowsOf(applyScaling(New, sc));
  const check = (K: Float64Array, ref: number[][]) => ref.forEach((row, a) => row.forEach((v, b) => assert.ok(Math.abs(K[a * row.length + b] - v) < 1e-12, `${a},${b}: ${K[a * row.length + b]} vs ${v}`)));
  const G = rbfKernel(R, R, gamma);
  check(G, direct(Z, Z, gamma));
  for (let a = 0; a < 40; a++) for (let b = 0; b < 40; b++) assert.equal(G[a * 40 + b], G[b * 40 + a]);
  check(rbfKernel(kernelRows(New, cols), R, gamma), direct(Znew, Z, gamma));
  // A subset of rows is the same rows: the kernel of rows 3, 7, 30 against all.
  const idx = [30, 3, 7];
  check(rbfKernel(subsetRows(R, idx), R, gamma), direct(idx.map((i) => Z[i]), Z, gamma));
  check(rbfKernel(subsetRows(R, idx), subsetRows(R, idx), gamma), direct(idx.map((i) => Z[i]), idx.map((i) => Z[i]), gamma));
  // A block of the whole Gram matrix is, to the bit, the Gram matrix of those rows (the SVM's Platt folds use it).
  const sorted = [3, 7, 30];
  const sub = subsetRows(R, sorted);
  assert.deepEqual(Array.from(kernelBlock(G, 40, sorted)), Array.from(rbfKernel(sub, sub, gamma)));
});
