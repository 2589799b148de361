// A 3-city x 2-year panel with 2 indicators per system, worked through SPEC 4 by hand: the normalised
// values are written from the min-max formula, the 2x2 eigenvector from its closed form, and the final
// numbers were also checked with numpy (literals below).
import { test } from "node:test";
import assert from "node:assert/strict";
import { measure, validateSpec, normalise, crossProduct, scatterWeights } from "../../src/measure";
import { fromColumns } from "../../src/numeric/matrix";

const rows = [
  { city: "A", year: 2010, s1: 0, s2: 10, i1: 5, i2: 1 },
  { city: "B", year: 2010, s1: 1, s2: 10, i1: 6, i2: 3 },
  { city: "C", year: 2010, s1: 2, s2: 20, i1: 7, i2: 2 },
  { city: "A", year: 2011, s1: 2, s2: 30, i1: 8, i2: 1 },
  { city: "B", year: 2011, s1: 3, s2: 20, i1: 9, i2: 3 },
  { city: "C", year: 2011, s1: 4, s2: 30, i1: 10, i2: 1 },
];
const spec = validateSpec([
  { column: "s1", system: "S", direction: 1 },
  { column: "s2", system: "S", direction: 1 },
  { column: "i1", system: "I", direction: 1 },
  { column: "i2", system: "I", direction: -1 }, // more is worse: z = 0.0001 + 0.9999 (max - x) / (max - min)
]);
const z = (share: number) => 0.0001 + 0.9999 * share;
// Shares (x - min) / (max - min), or (max - x) / (max - min) for i2, read off the raw values above.
const Z = {
  s1: [0, 0.25, 0.5, 0.5, 0.75, 1].map(z),
  s2: [0, 0, 0.5, 1, 0.5, 1].map(z),
  i1: [0, 0.2, 0.4, 0.6, 0.8, 1].map(z),
  i2: [1, 0, 0.5, 1, 0, 1].map(z),
};

const close = (a: number, b: number, tol = 1e-12, what = "") => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);

/** Leading eigenvector of [[a, b], [b, c]] in closed form, rescaled to sum 1. */
function leading2x2(a: number, b: number, c: number): [number, number] {
  const lambda = (a + c) / 2 + Math.sqrt(((a - c) / 2) ** 2 + b * b);
  const v: [number, number] = [b, lambda - a];
  return [v[0] / (v[0] + v[1]), v[1] / (v[0] + v[1])];
}

test("normalise follows the min-max formula, both directions", () => {
  const got = normalise(rows.map((r) => r.i2), -1, "i2");
  Z.i2.forEach((v, i) => close(got[i], v, 1e-15, `i2 row ${i}`));
  const s1 = normalise(rows.map((r) => r.s1), 1, "s1");
  Z.s1.forEach((v, i) => close(s1[i], v, 1e-15, `s1 row ${i}`));
});

test("H = A'A by hand and the closed-form 2x2 eigenvector", () => {
  const H = crossProduct(fromColumns([Z.s1, Z.s2]));
  close(H[0][0], dot(Z.s1, Z.s1), 1e-12, "H11");
  close(H[0][1], dot(Z.s1, Z.s2), 1e-12, "H12");
  close(H[1][1], dot(Z.s2, Z.s2), 1e-12, "H22");
  close(H[0][0], 2.12517502, 1e-8, "H11 numpy");
  close(H[1][1], 2.50010003, 1e-8, "H22 numpy");
  const w = scatterWeights(fromColumns([Z.s1, Z.s2]));
  const [w1, w2] = leading2x2(dot(Z.s1, Z.s1), dot(Z.s1, Z.s2), dot(Z.s2, Z.s2));
  close(w[0], w1, 1e-10, "w1");
  close(w[1], w2, 1e-10, "w2");
  close(w[0], 0.47799014, 1e-8, "w1 numpy");
});

test("Y1, Y2, C, T, FI of the hand-worked panel", () => {
  const m = measure(rows, spec);
  const wS = leading2x2(dot(Z.s1, Z.s1), dot(Z.s1, Z.s2), dot(Z.s2, Z.s2));
  const wI = leading2x2(dot(Z.i1, Z.i1), dot(Z.i1, Z.i2), dot(Z.i2, Z.i2));
  close(m.weights.S.s1, wS[0], 1e-10, "wS1");
  close(m.weights.I.i2, wI[1], 1e-10, "wI2");
  close(m.weights.I.i1, 0.42858966, 1e-8, "wI1 numpy");
  for (let i = 0; i < 6; i++) {
    const y1 = wS[0] * Z.s1[i] + wS[1] * Z.s2[i];
    const y2 = wI[0] * Z.i1[i] + wI[1] * Z.i2[i];
    const C = (2 * Math.sqrt(y1 * y2)) / (y1 + y2);
    const T = 0.5 * y1 + 0.5 * y2;
    close(m.Y1[i], y1, 1e-10, `Y1 ${i}`);
    close(m.Y2[i], y2, 1e-10, `Y2 ${i}`);
    close(m.C[i], C, 1e-10, `C ${i}`);
    close(m.T[i], T, 1e-10, `T ${i}`);
    close(m.FI[i], Math.sqrt(C * T), 1e-10, `FI ${i}`);
  }
  // numpy's values for the same panel (eigh, then the same formulas)
  [0.086945111246380, 0.318275620060349, 0.691478692256674, 0.891115621201913, 0.678922636508213, 1]
    .forEach((v, i) => close(m.FI[i], v, 1e-9, `FI numpy ${i}`));
  close(m.C[0], 0.026452313984392, 1e-9, "C numpy");
});

test("the top city-year on every indicator gets Y1 = Y2 = C = FI = 1", () => {
  const m = measure(rows, spec);
  close(m.Y1[5], 1, 1e-12); close(m.Y2[5], 1, 1e-12); close(m.C[5], 1, 1e-12); close(m.FI[5], 1, 1e-12);
});

test("equal weights give the plain mean of the normalised values", () => {
  const m = measure(rows, spec, { weights: "equal" });
  assert.deepEqual(m.weights, { S: { s1: 0.5, s2: 0.5 }, I: { i1: 0.5, i2: 0.5 } });
  close(m.Y1[2], (Z.s1[2] + Z.s2[2]) / 2, 1e-15);
});
