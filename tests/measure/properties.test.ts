// Properties that must hold for any panel: weights positive and summing to 1, C and FI in (0, 1],
// and the measurement does not depend on the order of the rows.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { measure, validateSpec, type WeightScheme } from "../../src/measure";

const spec = validateSpec([
  { column: "s1", system: "S", direction: 1 },
  { column: "s2", system: "S", direction: -1 },
  { column: "s3", system: "S", direction: 1 },
  { column: "i1", system: "I", direction: 1 },
  { column: "i2", system: "I", direction: 1 },
]);
const cols = spec.map((i) => i.column);

// 3-6 cities x 2-4 years, indicator values in [0, 1000] rounded to 3 decimals; constant columns skipped.
const panelArb = fc
  .record({ cities: fc.integer({ min: 3, max: 6 }), years: fc.integer({ min: 2, max: 4 }) })
  .chain(({ cities, years }) =>
    fc.array(fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: cols.length, maxLength: cols.length }), {
      minLength: cities * years, maxLength: cities * years,
    }).map((vals) => vals.map((v, k) => ({
      city: `c${k % cities}`, year: 2010 + Math.floor(k / cities),
      ...Object.fromEntries(cols.map((c, j) => [c, v[j] / 1000])),
    }))))
  .filter((rows) => cols.every((c) => new Set(rows.map((r) => (r as Record<string, unknown>)[c])).size > 1));

const schemes: WeightScheme[] = ["scatter", "entropy", "equal"];

test("weights are positive and sum to 1 (entropy: non-negative)", () => {
  fc.assert(fc.property(panelArb, fc.constantFrom(...schemes), (rows, scheme) => {
    const m = measure(rows, spec, { weights: scheme });
    for (const w of [Object.values(m.weights.S), Object.values(m.weights.I)]) {
      assert.ok(Math.abs(w.reduce((a, b) => a + b, 0) - 1) < 1e-12);
      for (const x of w) assert.ok(scheme === "entropy" ? x >= 0 : x > 0, `weight ${x}`);
    }
  }), { numRuns: 150, seed: 11 });
});

test("C and FI lie in (0, 1]", () => {
  fc.assert(fc.property(panelArb, fc.constantFrom(...schemes), (rows, scheme) => {
    const m = measure(rows, spec, { weights: scheme });
    for (let i = 0; i < rows.length; i++) {
      assert.ok(m.C[i] > 0 && m.C[i] <= 1 + 1e-15, `C ${m.C[i]}`);
      assert.ok(m.FI[i] > 0 && m.FI[i] <= 1 + 1e-15, `FI ${m.FI[i]}`);
    }
  }), { numRuns: 150, seed: 12 });
});

test("shuffling the rows leaves every city-year's FI unchanged", () => {
  fc.assert(fc.property(panelArb, fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), (rows, stream) => {
    const keys = rows.map((r) => `${r.city}/${r.year}`);
    const order = keys.map((_, i) => i);
    const draws = stream.take(order.length);
    const u = [...draws];
    order.sort((a, b) => u[a] - u[b] || a - b);
    const before = measure(rows, spec).FI;
    const after = measure(order.map((i) => rows[i]), spec).FI;
    order.forEach((src, k) => assert.ok(Math.abs(after[k] - before[src]) < 1e-9, `${keys[src]}: ${after[k]} vs ${before[src]}`));
  }), { numRuns: 100, seed: 13 });
});
