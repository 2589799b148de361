// SPEC 4.5: the ten coordination grades of the coupling-coordination literature, bands of width 0.1.
// Band k (0-based) covers [k/10, (k+1)/10); FI = 1 belongs to the top band.

export const GRADES = [
  { zh: "极度失调", en: "extreme disorder" },
  { zh: "严重失调", en: "serious disorder" },
  { zh: "中度失调", en: "moderate disorder" },
  { zh: "轻度失调", en: "mild disorder" },
  { zh: "濒临失调", en: "on the verge of disorder" },
  { zh: "勉强协调", en: "barely coordinated" },
  { zh: "初级协调", en: "primary coordination" },
  { zh: "中级协调", en: "intermediate coordination" },
  { zh: "良好协调", en: "good coordination" },
  { zh: "优质协调", en: "quality coordination" },
] as const;

export interface Grade { band: number; lower: number; upper: number; zh: string; en: string }

export function grade(fi: number): Grade {
  if (!(fi >= 0 && fi <= 1)) throw new RangeError(`grade: FI must be in [0, 1], got ${fi}`);
  // Rounding guards against 0.3 = 0.30000000000000004-style artefacts putting a boundary value one band low.
  const band = Math.min(9, Math.floor(Math.round(fi * 1e9) / 1e8));
  return { band, lower: band / 10, upper: (band + 1) / 10, ...GRADES[band] };
}
