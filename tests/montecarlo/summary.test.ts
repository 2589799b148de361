// The Monte Carlo summary arithmetic on a tiny fixed set of estimates, every number worked by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { coverageBand, summarise, type McRecord } from "../../src/montecarlo";

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);
const rec = (estimator: string, rep: number, coef: number, se: number, target: number | null, neg: number | null): McRecord =>
  ({ rep, seed: rep, estimator, term: "Bigdata", coef, se, truth: 2, target, negWeights: neg, nWeights: neg === null ? null : 10 });

// Estimator a: estimates 1, 2, 4 with SEs 0.2, 1, 1; truth 2; target 3; negative weights 2, 0, 1 of 10.
const records = [
  rec("a", 0, 1, 0.2, 3, 2), rec("b", 0, 2, 0.5, null, null),
  rec("a", 1, 2, 1, 3, 0), rec("b", 1, 2.5, 0.5, null, null),
  rec("a", 2, 4, 1, 3, 1), rec("b", 2, 3, 0.5, null, null),
];

test("bias, sd, SE ratio, RMSE, coverage of truth and target, negative weights: worked by hand", () => {
  const [a, b] = summarise(records);
  assert.equal(a.estimator, "a");
  assert.equal(a.reps, 3);
  close(a.meanEstimate, 7 / 3, "mean");
  close(a.bias, 1 / 3, "bias");                       // (-1 + 0 + 2) / 3
  close(a.biasTarget!, -2 / 3, "bias vs target");     // (-2 - 1 + 1) / 3
  close(a.sd, Math.sqrt(7 / 3), "sd");                // ((4 + 1 + 25) / 9) / 2 = 42 / 18
  close(a.rmse, Math.sqrt(5 / 3), "rmse");            // (1 + 0 + 4) / 3
  close(a.meanSe, 2.2 / 3, "mean se");
  close(a.seRatio, 2.2 / 3 / Math.sqrt(7 / 3), "se / sd");
  // Truth 2: |1 - 2| = 1 > 1.96 x 0.2; 0 <= 1.96; |4 - 2| = 2 > 1.96 -> 1 of 3.
  close(a.coverage, 1 / 3, "coverage");
  // Target 3: 2 > 0.392; 1 <= 1.96; 1 <= 1.96 -> 2 of 3.
  close(a.coverageTarget!, 2 / 3, "coverage of the target");
  close(a.negWeights!, 1, "negative weights");
  close(a.nWeights!, 10, "treated cells");
  // Estimator b: no target, no weights; 2, 2.5, 3 around truth 2 with SE 0.5: |3 - 2| = 1 > 0.98 -> 2 of 3.
  assert.equal(b.target, null);
  assert.equal(b.coverageTarget, null);
  assert.equal(b.negWeights, null);
  close(b.bias, 0.5, "bias b");
  close(b.sd, 0.5, "sd b");
  close(b.seRatio, 1, "se / sd b");
  close(b.coverage, 2 / 3, "coverage b");
});

test("binomial band: 0.95 +- 1.96 sqrt(0.95 x 0.05 / R)", () => {
  const [lo, hi] = coverageBand(200);
  close(lo, 0.95 - 1.959963984540054 * Math.sqrt(0.0475 / 200), "lo");
  close(hi, 0.95 + 1.959963984540054 * Math.sqrt(0.0475 / 200), "hi");
  assert.ok(Math.abs(lo - 0.9198) < 1e-4 && Math.abs(hi - 0.9802) < 1e-4);
  assert.deepEqual(summarise(records)[0].band, coverageBand(3));
});
