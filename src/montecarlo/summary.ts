// The arithmetic of a Monte Carlo summary: per estimator and term, the bias against the planted truth
// (and against the estimator's own target where it has one), the spread of the estimates, how well the
// reported SEs match that spread, and how often the 95% interval holds the truth, with the band a
// correct interval's coverage stays inside in 95% of studies of this size (binomial, normal approximation).
import { normalQuantile } from "../numeric/normal";

/** One estimate of one term in one replication. */
export interface McRecord {
  rep: number;
  /** Seed of the replication's simulated panel. */
  seed: number;
  estimator: string;
  term: string;
  coef: number;
  se: number;
  /** The planted effect this term estimates (the ATT, or the planted effect at event time e). */
  truth: number;
  /** The average the estimator targets when it is not the ATT (a weighted average of the effects), else null. */
  target: number | null;
  /** TWFE-type weights on the treated cells: how many are negative, of how many (null where not computed). */
  negWeights: number | null;
  nWeights: number | null;
}

export interface McSummaryRow {
  estimator: string;
  term: string;
  reps: number;
  /** Means over replications of the truth and of the target (null without one). */
  truth: number;
  target: number | null;
  meanEstimate: number;
  /** mean(coef - truth) and mean(coef - target). */
  bias: number;
  biasTarget: number | null;
  /** Sd of the estimates (divisor R - 1). */
  sd: number;
  rmse: number;
  meanSe: number;
  /** meanSe / sd: 1 when the reported SEs match the spread of the estimates. */
  seRatio: number;
  /** Share of replications whose interval coef +- z se holds the truth (and the target). */
  coverage: number;
  coverageTarget: number | null;
  /** level +- z sqrt(level (1 - level) / R): where a correct interval's coverage falls in 95% of studies. */
  band: [number, number];
  /** Mean number of negative weights on the treated cells, and of treated cells (null where not computed). */
  negWeights: number | null;
  nWeights: number | null;
}

const mean = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;

/** The binomial band of a coverage rate over R replications at the nominal level. */
export function coverageBand(reps: number, level = 0.95): [number, number] {
  const h = normalQuantile(0.975) * Math.sqrt((level * (1 - level)) / reps);
  return [level - h, level + h];
}

function covers(r: McRecord, value: number, z: number): boolean {
  return Math.abs(r.coef - value) <= z * r.se;
}

/** One row per (estimator, term), in the order they first appear. */
export function summarise(records: readonly McRecord[], level = 0.95): McSummaryRow[] {
  const z = normalQuantile(1 - (1 - level) / 2);
  const keys: string[] = [];
  const groups = new Map<string, McRecord[]>();
  for (const r of records) {
    const k = `${r.estimator}\u0000${r.term}`;
    if (!groups.has(k)) { groups.set(k, []); keys.push(k); }
    groups.get(k)!.push(r);
  }
  return keys.map((k) => {
    const e = groups.get(k)!;
    const R = e.length;
    const coef = e.map((r) => r.coef);
    const m = mean(coef);
    const sd = R > 1 ? Math.sqrt(coef.reduce((s, x) => s + (x - m) ** 2, 0) / (R - 1)) : NaN;
    const meanSe = mean(e.map((r) => r.se));
    const hasTarget = e.every((r) => r.target !== null);
    const hasWeights = e.every((r) => r.negWeights !== null && r.nWeights !== null);
    return {
      estimator: e[0].estimator, term: e[0].term, reps: R,
      truth: mean(e.map((r) => r.truth)),
      target: hasTarget ? mean(e.map((r) => r.target!)) : null,
      meanEstimate: m,
      bias: mean(e.map((r) => r.coef - r.truth)),
      biasTarget: hasTarget ? mean(e.map((r) => r.coef - r.target!)) : null,
      sd,
      rmse: Math.sqrt(mean(e.map((r) => (r.coef - r.truth) ** 2))),
      meanSe,
      seRatio: meanSe / sd,
      coverage: e.filter((r) => covers(r, r.truth, z)).length / R,
      coverageTarget: hasTarget ? e.filter((r) => covers(r, r.target!, z)).length / R : null,
      band: coverageBand(R, level),
      negWeights: hasWeights ? mean(e.map((r) => r.negWeights!)) : null,
      nWeights: hasWeights ? mean(e.map((r) => r.nWeights!)) : null,
    };
  });
}
