// The Monte Carlo on the calibrated design (SPEC section 14): R panels from the project's own simulator,
// each with its truth, and on each every estimator of estimators.ts; the summary (summary.ts) per
// estimator and term. Replication r draws its panel with seed deriveSeed(seed, r) and estimator j (its
// index in MC_ESTIMATORS, so a subset gives the same numbers) with deriveSeed(seed, r, 1 + j); the
// forest's trees are seeded per tree, so the numbers do not depend on the thread count.
import * as fs from "node:fs";
import * as path from "node:path";
import { InputError } from "../errors";
import type { LearnerOptions } from "../learners/types";
import { deriveSeed } from "../numeric/rng";
import { simulate } from "../simulate";
import { effectColumn, MC_ESTIMATORS, runEstimator, type McEstimator } from "./estimators";
import { summarise, type McRecord, type McSummaryRow } from "./summary";
import { designWeights, type DesignWeights } from "./design-weights";

export { MC_ESTIMATORS, staggeredDid, type McEstimator } from "./estimators";
export { summarise, coverageBand, type McRecord, type McSummaryRow } from "./summary";
export { designWeights, type DesignWeights } from "./design-weights";
export { didTargets, effectColumn, firstTreatedYear, transformedEffect, treatedWeights, weightedTarget } from "./targets";

/** The study's forest: the notebooks' (replication/common.ts FOREST), 100 trees with leaves of at least 5 rows. */
export const MC_FOREST: { nTrees: number; minNodeSize: number } = { nTrees: 100, minNodeSize: 5 };
export const MC_SEED = 15;

export interface McSettings {
  reps: number;
  seed: number;
  estimators: McEstimator[];
  forest: LearnerOptions;
  folds: 5;
  level: 0.95;
}

export interface McStudy {
  simulated: true;
  about: string;
  settings: McSettings;
  /** De Chaisemartin-D'Haultfoeuille weights of D on year and city effects alone: the calendar's, the same in every panel. */
  design: DesignWeights;
  summary: McSummaryRow[];
  records: McRecord[];
}

export interface McOptions {
  reps: number;
  seed?: number;
  estimators?: readonly string[];
  forest?: LearnerOptions;
  /** After each estimator of each replication. */
  onProgress?: (done: number, total: number, label: string) => void;
}

export function checkMcOptions(o: McOptions): McSettings {
  if (!Number.isInteger(o.reps) || o.reps < 1) throw new InputError(`reps must be an integer >= 1, got ${o.reps}`);
  const seed = o.seed ?? MC_SEED;
  if (!Number.isInteger(seed)) throw new InputError(`seed must be an integer, got ${seed}`);
  const names = o.estimators ?? MC_ESTIMATORS;
  if (names.length === 0) throw new InputError(`estimators: give at least one of ${MC_ESTIMATORS.join(",")}`);
  for (const e of names) if (!(MC_ESTIMATORS as readonly string[]).includes(e)) throw new InputError(`unknown estimator "${e}" (choose from ${MC_ESTIMATORS.join(",")})`);
  const estimators = MC_ESTIMATORS.filter((e) => names.includes(e));
  return { reps: o.reps, seed, estimators, forest: { ...(o.forest ?? MC_FOREST) }, folds: 5, level: 0.95 };
}

/** The records of replication `rep` (what the notebook re-runs live to compare with the stored study). */
export async function runReplication(rep: number, s: McSettings, tick: (label: string) => void = () => {}): Promise<McRecord[]> {
  const seed = deriveSeed(s.seed, rep);
  const sim = simulate({ seed });
  const tau = effectColumn(sim.table, sim.untreated.FI);
  const out: McRecord[] = [];
  for (const name of s.estimators) {
    const j = MC_ESTIMATORS.indexOf(name);
    const est = await runEstimator(name, { sim, tau, forest: s.forest, seed: deriveSeed(s.seed, rep, 1 + j) });
    for (const e of est) out.push({ rep, seed, estimator: name, ...e });
    tick(`rep ${rep + 1}/${s.reps} ${name}`);
  }
  return out;
}

export async function monteCarlo(o: McOptions): Promise<McStudy> {
  const s = checkMcOptions(o);
  const total = s.reps * s.estimators.length;
  let done = 0;
  const records: McRecord[] = [];
  for (let rep = 0; rep < s.reps; rep++) {
    records.push(...(await runReplication(rep, s, (label) => o.onProgress?.(++done, total, label))));
  }
  return {
    simulated: true,
    about: "SIMULATED Monte Carlo on the calibrated design (SPEC section 14): every panel drawn by simulate() with a derived seed, "
      + "every truth and target computed from its potential outcomes (FI(1) - FI(0) through the same measurement).",
    settings: s,
    design: designWeights(simulate({ seed: deriveSeed(s.seed, 0) }).table),
    summary: summarise(records, s.level),
    records,
  };
}

/** The records as CSV (one row per replication, estimator and term), for the committed study. */
export function recordsCsv(records: readonly McRecord[]): string {
  const cols = ["rep", "seed", "estimator", "term", "coef", "se", "truth", "target", "negWeights", "nWeights"] as const;
  const cell = (v: unknown) => (v === null ? "" : String(v));
  return [cols.join(","), ...records.map((r) => cols.map((c) => cell(r[c])).join(","))].join("\n") + "\n";
}

/** Where the committed full study lives (the repository's results/montecarlo/, whatever the working directory). */
export const STUDY_FILE = path.join(__dirname, "..", "..", "results", "montecarlo", "study.json");

/** The committed study (written by `stii montecarlo --out`), or a clear error naming the command that writes it. */
export function readStudy(file: string = STUDY_FILE): McStudy {
  if (!fs.existsSync(file)) throw new InputError(`${file} not found: run \`stii montecarlo --reps 200 --out ${path.relative(process.cwd(), file) || file}\``);
  return JSON.parse(fs.readFileSync(file, "utf8")) as McStudy;
}
