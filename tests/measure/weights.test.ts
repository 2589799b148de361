// Scatter-degree weights against a power iteration written here; entropy weights against a hand-worked case.
import { test } from "node:test";
import assert from "node:assert/strict";
import { scatterWeights, entropyWeights, equalWeights } from "../../src/measure";
import { fromColumns } from "../../src/numeric/matrix";
import { makeRng } from "../../src/numeric/rng";

/** Leading eigenvector of the symmetric positive matrix H by power iteration, rescaled to sum 1. */
function powerIteration(H: number[][]): number[] {
  let v = H.map(() => 1);
  for (let it = 0; it < 5000; it++) {
    const next = H.map((row) => row.reduce((s, h, k) => s + h * v[k], 0));
    const norm = Math.hypot(...next);
    v = next.map((x) => x / norm);
  }
  const s = v.reduce((a, b) => a + b, 0);
  return v.map((x) => x / s);
}

test("scatter weights = power-iteration eigenvector of A'A (random 40 x 6 matrix)", () => {
  const rng = makeRng(20250101);
  const cols = Array.from({ length: 6 }, (_, j) => Array.from({ length: 40 }, () => 0.0001 + 0.9999 * rng.next() ** (j + 1)));
  const H = cols.map((a) => cols.map((b) => a.reduce((s, x, i) => s + x * b[i], 0)));
  const want = powerIteration(H);
  const got = scatterWeights(fromColumns(cols));
  want.forEach((w, j) => assert.ok(Math.abs(got[j] - w) < 1e-9, `w${j}: ${got[j]} vs ${w}`));
});

test("entropy weights, hand-worked: columns [1,3], [1,1], [1,2]", () => {
  // p = (1/4, 3/4): e = -(1/4 ln 1/4 + 3/4 ln 3/4) / ln 2 = 0.811278; 1 - e = 0.188722
  // p = (1/2, 1/2): e = 1; 1 - e = 0 (no variation, no weight)
  // p = (1/3, 2/3): e = 0.918296; 1 - e = 0.081704;  w = (0.188722, 0, 0.081704) / 0.270426
  const d1 = 1 + (0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) / Math.log(2);
  const d3 = 1 + ((1 / 3) * Math.log(1 / 3) + (2 / 3) * Math.log(2 / 3)) / Math.log(2);
  const w = entropyWeights(fromColumns([[1, 3], [1, 1], [1, 2]]));
  assert.ok(Math.abs(w[0] - d1 / (d1 + d3)) < 1e-14);
  assert.equal(w[1], 0);
  assert.ok(Math.abs(w[0] - 0.697868720421934) < 1e-12, `${w[0]}`);
  assert.ok(Math.abs(w[2] - 0.302131279578066) < 1e-12, `${w[2]}`);
});

test("equal weights", () => {
  assert.deepEqual(Array.from(equalWeights(4)), [0.25, 0.25, 0.25, 0.25]);
  assert.throws(() => equalWeights(0));
});
