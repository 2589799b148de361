// The bottom-layer statistics (src/numeric/stats.ts), against hand-worked values.
import { test } from "node:test";
import assert from "node:assert/strict";
import { averageRanks, moments, spearman } from "../../src/numeric/stats";
import { InputError } from "../../src/errors";

test("moments: n, mean, sample sd (n - 1), min, max by hand", () => {
  const m = moments([4, 1, 3, 2]);
  assert.deepEqual([m.n, m.mean, m.min, m.max], [4, 2.5, 1, 4]);
  assert.ok(Math.abs(m.sd - Math.sqrt(5 / 3)) < 1e-15); // squares 2.25 + 2.25 + 0.25 + 0.25 = 5, over 3
  assert.throws(() => moments([1], "x"), (e: unknown) => e instanceof InputError && /column x: needs at least two values/.test(e.message));
});

test("spearman: a monotone pair is 1, a reversed one -1, a hand-worked tie case", () => {
  assert.equal(spearman([1, 2, 3, 4], [10, 20, 40, 80]), 1);
  assert.equal(spearman([1, 2, 3, 4], [8, 4, 2, 1]), -1);
  // ranks a = 1, 2.5, 2.5, 4; b = 1, 2, 3, 4: centred (-1.5, 0, 0, 1.5) and (-1.5, -0.5, 0.5, 1.5): 4.5 / sqrt(4.5 * 5)
  assert.deepEqual([...averageRanks([5, 7, 7, 9])], [1, 2.5, 2.5, 4]);
  assert.ok(Math.abs(spearman([5, 7, 7, 9], [1, 2, 3, 4]) - 4.5 / Math.sqrt(4.5 * 5)) < 1e-15);
  assert.throws(() => spearman([1, 1, 1], [1, 2, 3]), /one ranking is constant/);
});
