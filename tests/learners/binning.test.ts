import assert from "node:assert/strict";
import { test } from "node:test";
import { binMatrix, binMatrixCached } from "../../src/learners/binning";
import { matrix } from "../../src/numeric/matrix";
import { makeRng } from "../../src/numeric/rng";

/** One bin per distinct value, worked by hand: codes are value ranks, thresholds the midpoints. */
function expectOneBinPerValue(values: number[], maxBins: number): void {
  const b = binMatrix(matrix(values.length, 1, Float64Array.from(values)), maxBins);
  const distinct = [...new Set(values)].sort((a, c) => a - c);
  assert.equal(b.nBins[0], distinct.length);
  values.forEach((v, i) => assert.equal(b.codes[i], distinct.indexOf(v), `row ${i} (value ${v})`));
  for (let k = 0; k + 1 < distinct.length; k++) assert.equal(b.thresholds[k], (distinct[k] + distinct[k + 1]) / 2);
}

test("binning: a column with few distinct values (found without sorting) and one with more (sorted) both keep a bin per value", () => {
  const rng = makeRng(11);
  const few = [3, -1, 2, 7.5, 0, 10, -4, 1]; // 8: the unsorted path
  const more = [...few, 5]; // 9: the sorted path
  for (const set of [few, more, [0, 1], [4], [-2, 6]]) {
    const values = Array.from({ length: 300 }, (_, i) => (i < set.length ? set[i] : set[rng.int(set.length)]));
    expectOneBinPerValue(values, 255);
  }
  // Fewer bins allowed than distinct values: quantile bins, never more than maxBins.
  const b = binMatrix(matrix(9, 1, Float64Array.from(more)), 4);
  assert.ok(b.nBins[0] <= 4);
});

test("binMatrixCached: equal content gives the remembered binning; any changed value gives a fresh one", () => {
  const rng = makeRng(2);
  const n = 200, p = 3;
  const data = Float64Array.from({ length: n * p }, (_, k) => (k < n ? (rng.next() < 0.2 ? 1 : 0) : rng.normal()));
  const first = binMatrixCached(matrix(n, p, data), 255);
  assert.deepEqual(first, binMatrix(matrix(n, p, data), 255));
  assert.equal(binMatrixCached(matrix(n, p, data.slice()), 255), first, "a copy of the same matrix is a hit");
  assert.notEqual(binMatrixCached(matrix(n, p, data), 16), first, "another maxBins is not");
  const changed = data.slice();
  changed[n + 5] += 1e-9;
  const other = binMatrixCached(matrix(n, p, changed), 255);
  assert.notEqual(other, first);
  assert.deepEqual(other, binMatrix(matrix(n, p, changed), 255));
  // The cache keeps its own copy: changing the caller's array afterwards does not change what a hit means.
  data[0] = 1 - data[0];
  const after = binMatrixCached(matrix(n, p, data), 255);
  assert.notEqual(after, first);
  assert.deepEqual(after, binMatrix(matrix(n, p, data), 255));
});
