// The fixed yardstick on a hand-worked example: one S and one I indicator, bounds and weights given.
import { test } from "node:test";
import assert from "node:assert/strict";
import { makeYardstick, applyYardstick } from "../../src/simulate/yardstick";
import type { Indicator } from "../../src/measure";

const spec: Indicator[] = [
  { column: "s", system: "S", direction: 1, label_en: "s", label_zh: "s", source: "" },
  { column: "i", system: "I", direction: -1, label_en: "i", label_zh: "i", source: "" },
];

test("bounds come from the observed panel and are applied unchanged to another panel", () => {
  const y = makeYardstick(spec, { s: [0, 10, 5], i: [2, 4, 3] }, { S: { s: 1 }, I: { i: 1 } });
  assert.deepEqual(y.bounds, { s: [0, 10], i: [2, 4] });
  // s = 5 -> 0.0001 + 0.9999 * 0.5 = 0.50005; i = 3 (negative) -> 0.50005 too, so C = 1, T = FI^2
  // s = 2 -> 0.0001 + 0.9999 * 0.2 = 0.20008; i = 4 -> 0.0001 (the worst value)
  const out = applyYardstick(y, { s: [5, 2], i: [3, 4] });
  assert.ok(Math.abs(out.Y1[0] - 0.50005) < 1e-12 && Math.abs(out.Y2[0] - 0.50005) < 1e-12);
  assert.ok(Math.abs(out.C[0] - 1) < 1e-12);
  assert.ok(Math.abs(out.FI[0] - Math.sqrt(0.50005)) < 1e-12);
  const a = 0.20008, b = 0.0001;
  const C = (2 * Math.sqrt(a * b)) / (a + b), T = (a + b) / 2;
  assert.ok(Math.abs(out.FI[1] - Math.sqrt(C * T)) < 1e-12, `${out.FI[1]} vs ${Math.sqrt(C * T)}`);
});
