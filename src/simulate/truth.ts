// The planted truth: average effects on the treated, each from BOTH potential outcomes (observed = Bigdata
// as in the calendar; untreated = Bigdata switched off with the same noise), measured on one yardstick.
import { SPLIT_COLUMNS as SPLITS, MECHANISM_COLUMNS as MECHANISMS } from "../data/profile";

export interface EventBin { bin: string; k: number; att: number; n: number }
export interface Truth {
  simulated: true;
  seed: number;
  about: string;
  n_treated: number;
  att: { FI: number; Y1: number; Y2: number };
  mechanisms: Record<string, number>;
  /** Per split H: ATT among treated with H = 1, with H = 0, and their difference (the interaction). */
  heterogeneity: Record<string, { att_h1: number; att_h0: number; difference: number }>;
  /** Diggre / Digine: ATT of Bigdata where the other pilot is also in force, and its excess over Bigdata alone. */
  synergy: Record<string, { att: number; n: number; extra: number }>;
  event_time: EventBin[];
}

/** Event-time bins of SPEC 10.3: k <= -4 binned, -3 .. 5 single years, k >= 6 binned. */
export function eventBin(k: number): number {
  return Math.max(-4, Math.min(6, k));
}
export const binLabel = (b: number): string => (b === -4 ? "<=-4" : b === 6 ? ">=6" : String(b));

export interface PotentialOutcomes {
  /** Observed (treated-as-calendar) and untreated outcome columns, keyed FI, Y1, Y2 and the mechanisms. */
  observed: Record<string, ArrayLike<number>>;
  untreated: Record<string, ArrayLike<number>>;
  /** Design columns: Bigdata, LowCarbon, SmartCity and the splits. */
  design: Record<string, ArrayLike<number>>;
  eventTime: readonly (number | null)[];
}

function meanEffect(po: PotentialOutcomes, col: string, keep: (i: number) => boolean): { att: number; n: number } {
  const y1 = po.observed[col], y0 = po.untreated[col];
  let s = 0, n = 0;
  for (let i = 0; i < y1.length; i++) if (keep(i)) { s += y1[i] - y0[i]; n++; }
  return { att: n ? s / n : NaN, n };
}

export function computeTruth(seed: number, po: PotentialOutcomes): Truth {
  const D = po.design.Bigdata;
  const treated = (i: number): boolean => D[i] === 1;
  const fi = meanEffect(po, "FI", treated);
  const mechanisms: Record<string, number> = {};
  for (const m of MECHANISMS) mechanisms[m] = meanEffect(po, m, treated).att;
  const heterogeneity: Truth["heterogeneity"] = {};
  for (const h of SPLITS) {
    const H = po.design[h];
    const a1 = meanEffect(po, "FI", (i) => treated(i) && H[i] === 1).att;
    const a0 = meanEffect(po, "FI", (i) => treated(i) && H[i] === 0).att;
    heterogeneity[h] = { att_h1: a1, att_h0: a0, difference: a1 - a0 };
  }
  const synergy: Truth["synergy"] = {};
  for (const [name, other] of [["Diggre", "LowCarbon"], ["Digine", "SmartCity"]] as const) {
    const O = po.design[other];
    const both = meanEffect(po, "FI", (i) => treated(i) && O[i] === 1);
    const alone = meanEffect(po, "FI", (i) => treated(i) && O[i] === 0);
    synergy[name] = { att: both.att, n: both.n, extra: both.att - alone.att };
  }
  const event_time: EventBin[] = [];
  for (let b = -4; b <= 6; b++) {
    const e = meanEffect(po, "FI", (i) => po.eventTime[i] !== null && eventBin(po.eventTime[i]!) === b);
    event_time.push({ bin: binLabel(b), k: b, att: e.att, n: e.n });
  }
  return {
    simulated: true,
    seed,
    about: "Planted truth of the SIMULATED panel: average effects on the treated, mean of FI(1) - FI(0) over the rows named, "
      + "both potential outcomes measured with the observed panel's min-max bounds and scatter-degree weights (data/simulated/README.md).",
    n_treated: fi.n,
    att: { FI: fi.att, Y1: meanEffect(po, "Y1", treated).att, Y2: meanEffect(po, "Y2", treated).att },
    mechanisms,
    heterogeneity,
    synergy,
    event_time,
  };
}
