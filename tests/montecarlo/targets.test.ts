// The estimators' targets and weights on tiny hand-made panels.
import { test } from "node:test";
import assert from "node:assert/strict";
import { didTargets, firstTreatedYear, treatedWeights, weightedTarget } from "../../src/montecarlo";

test("weighted target and treated-cell weights: sum V tau / sum V D, negatives counted", () => {
  // Rows: treated with residuals 0.5, 1.5, -0.5 and effects 1, 2, 4; one control with residual -1.5.
  const v = [0.5, 1.5, -0.5, -1.5], d = [1, 1, 1, 0], tau = [1, 2, 4, 0];
  // (0.5 + 3 - 2) / (0.5 + 1.5 - 0.5) = 1.5 / 1.5
  assert.equal(weightedTarget(v, tau, d), 1);
  assert.deepEqual(treatedWeights(v, d), { negative: 1, cells: 3, negativeSum: -0.5 / 1.5 });
});

test("DiD targets: per event time the mean effect, overall the group-size weighted group effects", () => {
  // Units 1, 2 first treated in 2, unit 3 in 3, unit 4 never; periods 1..3.
  const id = [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4], time = [1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3];
  const D = [0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 0, 0];
  const tau = [0, 1, 2, 0, 3, 4, 0, 0, 6, 0, 0, 0];
  const g = firstTreatedYear(id, time, D);
  assert.deepEqual(Array.from(g), [2, 2, 2, 2, 2, 2, 3, 3, 3, 0, 0, 0]);
  const t = didTargets(time, g, tau);
  // e = -2: unit 3 at 1 (0); e = -1: units 1, 2 at 1 and unit 3 at 2 (0); e = 0: (1 + 3 + 6) / 3; e = 1: (2 + 4) / 2.
  assert.deepEqual([...t.event], [[-2, 0], [-1, 0], [0, 10 / 3], [1, 3]]);
  // Group 2: mean over periods 2, 3 of (2, 3) = 2.5, size 2; group 3: 6, size 1 -> (5 + 6) / 3.
  assert.equal(t.overall, 11 / 3);
});
