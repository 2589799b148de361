// SPEC 4.4: coupling degree C, comprehensive index T (a = b = 0.5) and coupling coordination FI = sqrt(C T).
// C = 1 when Y1 = Y2 and falls as the two systems drift apart; FI weighs that balance by the level T.
export interface Coupling { C: Float64Array; T: Float64Array; FI: Float64Array }

export function coupling(y1: ArrayLike<number>, y2: ArrayLike<number>): Coupling {
  const n = y1.length;
  if (y2.length !== n) throw new Error(`coupling: Y1 has ${n} rows, Y2 has ${y2.length}`);
  const C = new Float64Array(n), T = new Float64Array(n), FI = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = y1[i], b = y2[i];
    if (!(a > 0 && b > 0)) throw new Error(`coupling: Y1 and Y2 must be positive (row ${i + 1}: ${a}, ${b})`);
    C[i] = (2 * Math.sqrt(a * b)) / (a + b);
    T[i] = 0.5 * a + 0.5 * b;
    FI[i] = Math.sqrt(C[i] * T[i]);
  }
  return { C, T, FI };
}
