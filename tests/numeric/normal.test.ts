// The normal CDF, two-sided p-values and quantiles against values computed independently: the C
// library's erfc (Phi(x) = erfc(-x / sqrt 2) / 2) and Wichura's AS 241 quantile, as Python's
// math.erfc and statistics.NormalDist.inv_cdf give them (printed once, copied here).
import { test } from "node:test";
import assert from "node:assert/strict";
import { normalCdf, normalQuantile, twoSidedP } from "../../src/numeric/normal";

const close = (got: number, want: number, rel: number, what: string) =>
  assert.ok(Math.abs(got - want) <= rel * Math.abs(want), `${what}: ${got}, want ${want} (relative error ${Math.abs(got - want) / Math.abs(want)})`);

test("normalCdf: centre, shoulders and both tails, to 1e-12 relative (1e-9 beyond 6 sd)", () => {
  assert.equal(normalCdf(0), 0.5);
  const cases: [number, number][] = [
    [1, 0.8413447460685429], [-1, 0.15865525393145707], [1.959963984540054, 0.975], [-3, 0.0013498980316300957],
    [3.5, 0.9997673709209645], [-6, 9.865876450377012e-10], [-8.5, 9.479534822203355e-18],
  ];
  for (const [x, want] of cases) close(normalCdf(x), want, Math.abs(x) >= 6 ? 1e-9 : 1e-12, `Phi(${x})`);
});

test("twoSidedP: 2 (1 - Phi(|z|)), symmetric in z, to 1e-12 relative", () => {
  const cases: [number, number][] = [
    [0.5, 0.6170750774519738], [1.96, 0.04999579029644087], [2.5758293035489004, 0.01000000000000002],
    [4, 6.334248366623993e-05], [7, 2.55962508777167e-12],
  ];
  for (const [z, want] of cases) {
    close(twoSidedP(z), want, 1e-12, `p(${z})`);
    assert.equal(twoSidedP(-z), twoSidedP(z));
  }
  assert.equal(twoSidedP(0), 1);
});

test("normalQuantile: the usual critical values and the tails, to 1e-12; 0 and 1 give infinities, others throw", () => {
  const cases: [number, number][] = [
    [0.9, 1.2815515655446008], [0.95, 1.6448536269514715], [0.975, 1.9599639845400536], [0.995, 2.5758293035489],
    [0.001, -3.090232306167813], [1e-10, -6.361340902404056], [0.02425, -1.9729610513118845], [0.9999, 3.7190164854557084],
  ];
  assert.equal(normalQuantile(0.5), 0);
  for (const [p, want] of cases) assert.ok(Math.abs(normalQuantile(p) - want) <= 1e-12 * Math.max(1, Math.abs(want)), `q(${p}) = ${normalQuantile(p)}, want ${want}`);
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  assert.throws(() => normalQuantile(1.5), /p must lie in \(0, 1\)/);
});
