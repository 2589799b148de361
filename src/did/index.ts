// Staggered-adoption difference-in-differences with DML nuisances (Callaway and Sant'Anna 2021; doubly
// robust score of Sant'Anna and Zhao 2020), matching DoubleML's DoubleMLDIDMulti for panel data:
// ATT(g,t) for the standard group-time cells, aggregated to event time, group, calendar time and overall,
// with influence-function SEs and a multiplier-bootstrap uniform band for the event-time curve.
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";
import { makeClassifier, makeRegressor } from "../learners";
import type { Classifier, LearnerOptions, Regressor } from "../learners/types";
import { deriveSeed } from "../numeric/rng";
import { byGroup, byTime, eventStudy, overall, uniformBand, type Aggregate, type Band, type CellEstimate, type Estimate } from "./aggregate";
import { cellData, standardCombinations, type ControlGroup } from "./gt";
import { buildPanel, type Columns, type PanelSpec } from "./panel";
import { cellDesign, cellFolds, fitCell, type CellLearners } from "./score";

export type { ControlGroup, GtCombination } from "./gt";
export { buildPanel, checkNamedColumns, type Columns, type DidPanel } from "./panel";

export const DID_LEARNERS = ["rf", "lasso", "gbm", "ols"] as const;
export type DidLearnerName = (typeof DID_LEARNERS)[number];

export interface DidOptions extends Omit<PanelSpec, "x"> {
  data: Columns | ColumnTable;
  x?: readonly string[];
  control?: ControlGroup;
  anticipation?: number;
  /** A learner name (ols = linear regression + unpenalised logit), or instances cloned per fold. */
  learner?: DidLearnerName | { g: Regressor; m: Classifier };
  learnerOptions?: LearnerOptions;
  folds?: number;
  seed?: number;
  /** Multiplier-bootstrap draws for the uniform event-time band (DoubleML's default 500). */
  bootstrap?: number;
  level?: number;
}

export interface GtEstimate extends CellEstimate {
  nUnits: number;
  nTreated: number;
}

export interface DidResult {
  n: number;
  periods: number[];
  control: ControlGroup;
  anticipation: number;
  learner: string;
  folds: number;
  attGt: GtEstimate[];
  eventstudy: Aggregate<number>[];
  group: Aggregate<number>[];
  time: Aggregate<number>[];
  overall: Estimate;
  band: Band;
  toJSON(): DidJson;
}

export interface DidJson {
  att_gt: { group: number; pre: number; time: number; coef: number; se: number }[];
  eventstudy: { e: number; coef: number; se: number }[];
  group: { group: number; coef: number; se: number }[];
  time: { time: number; coef: number; se: number }[];
  overall: { coef: number; se: number };
}

function columnsOf(data: Columns | ColumnTable, names: readonly string[]): Columns {
  if (typeof (data as ColumnTable).array !== "function") return data as Columns;
  const t = data as ColumnTable;
  const out: Columns = {};
  for (const c of names) {
    if (!t.columnNames().includes(c)) throw new InputError(`column ${c} not found`);
    out[c] = t.array(c) as ArrayLike<number | string>;
  }
  return out;
}

function learnersFor(choice: DidOptions["learner"], options: LearnerOptions, seed: number): CellLearners {
  if (typeof choice === "object") {
    const { g, m } = choice;
    return { g: () => g, m: () => m };
  }
  const name = choice ?? "rf";
  if (!DID_LEARNERS.includes(name)) throw new InputError(`learner must be one of ${DID_LEARNERS.join("|")}, got "${String(name)}"`);
  return {
    g: () => makeRegressor(name, { ...options, seed }),
    m: () => makeClassifier(name === "ols" ? "logit" : name, { ...options, seed }),
  };
}

export async function did(opts: DidOptions): Promise<DidResult> {
  const x = opts.x ?? [];
  const control = opts.control ?? "never";
  if (control !== "never" && control !== "notyet") throw new InputError(`control must be never|notyet, got "${String(control)}"`);
  const anticipation = opts.anticipation ?? 0;
  if (!Number.isInteger(anticipation) || anticipation < 0) throw new InputError(`anticipation must be an integer >= 0, got ${anticipation}`);
  const seed = opts.seed ?? 1;
  const k = opts.folds ?? 5;
  if (opts.foldColumn === undefined && (!Number.isInteger(k) || k < 2)) throw new InputError(`folds must be an integer >= 2, got ${k}`);
  const draws = opts.bootstrap ?? 500, level = opts.level ?? 0.95;
  if (!Number.isInteger(draws) || draws < 1) throw new InputError(`bootstrap draws must be an integer >= 1, got ${draws}`);
  if (!(level > 0 && level < 1)) throw new InputError(`level must be in (0, 1), got ${level}`);
  const spec: PanelSpec = { ...opts, x };
  const gName = opts.group ?? opts.treatment;
  const names = [opts.id, opts.time, ...(gName === undefined ? [] : [gName]), opts.y, ...x, ...(opts.foldColumn ? [opts.foldColumn] : [])];
  const panel = buildPanel(columnsOf(opts.data, names), spec);
  const N = panel.ids.length;
  const groups = [...new Set(panel.group)].filter((g) => g !== 0).sort((a, b) => a - b);
  if (groups.length === 0) throw new InputError(`column ${gName}: no treated group (${opts.group !== undefined ? "every value is 0" : "never 1"})`);
  const combos = standardCombinations(panel.periods, groups, anticipation);
  if (combos.length === 0) throw new InputError(`column ${gName}: no group has ${anticipation + 1} period(s) before its first treated period`);
  const K = panel.foldK ?? k;

  // Build and check every cell first, so bad input fails before any fit.
  const cells = combos.map((comb, c) => {
    const data = cellData(panel, comb, control, anticipation);
    const what = `group ${comb.group}, period ${comb.eval}`;
    return { comb, data, folds: cellFolds(data, K, seed, c, panel.fold, what) };
  });
  // Learners of cell c are seeded from (seed, c, 1) (its folds from (seed, c)): no cell depends on another,
  // so the cells are fitted concurrently (keeping a forest's worker threads busy) with the same numbers.
  const learners = cells.map((_, c) => learnersFor(opts.learner, opts.learnerOptions ?? {}, deriveSeed(seed, c, 1)));
  const attGt: GtEstimate[] = await Promise.all(cells.map(async (cell, c) => {
    const fit = await fitCell(cell.data, cellDesign(cell.data, x), cell.folds, learners[c], N);
    return { comb: cell.comb, theta: fit.theta, se: fit.se, scaled: fit.scaled, nUnits: cell.data.units.length, nTreated: cell.data.nTreated };
  }));

  const count = new Map<number, number>();
  panel.group.forEach((g) => count.set(g, (count.get(g) ?? 0) + 1));
  const share = (g: number) => count.get(g)! / N;
  const es = eventStudy(attGt, share);
  const grp = byGroup(attGt);
  const tm = byTime(attGt, share);
  const ov = overall(grp, share);
  const band = uniformBand(es, seed, draws, level);
  const learnerName = typeof opts.learner === "object" ? `g=${opts.learner.g.name},m=${opts.learner.m.name}` : opts.learner ?? "rf";
  return {
    n: N, periods: panel.periods, control, anticipation, learner: learnerName, folds: K,
    attGt, eventstudy: es, group: grp, time: tm, overall: ov, band,
    toJSON: () => ({
      att_gt: attGt.map((a) => ({ group: a.comb.group, pre: a.comb.pre, time: a.comb.eval, coef: a.theta, se: a.se })),
      eventstudy: es.map((a) => ({ e: a.key, coef: a.theta, se: a.se })),
      group: grp.map((a) => ({ group: a.key, coef: a.theta, se: a.se })),
      time: tm.map((a) => ({ time: a.key, coef: a.theta, se: a.se })),
      overall: { coef: ov.theta, se: ov.se },
    }),
  };
}
