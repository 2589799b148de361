// simulate({ seed }): the simulated, calibrated default panel (SPEC section 8) and its planted truth.
import * as path from "node:path";
import { table, type ColumnTable } from "arquero";
import { measure, loadIndicatorSpec } from "../measure";
import { InputError } from "../errors";
import { schemaColumns, DERIVED_COLUMNS, SPLIT_COLUMNS, MECHANISM_COLUMNS } from "../data/profile";
import { generate, round6, type Calendar, type City } from "./dgp";
import { readCalendar, readCities } from "./inputs";
import { makeYardstick, applyYardstick } from "./yardstick";
import { computeTruth, type Truth } from "./truth";

/** The seed of the shipped data/simulated/panel.csv. */
export const DEFAULT_SEED = 20250101;
/** Where `stii simulate` writes by default (relative to the working directory). */
export const DEFAULT_PANEL_FILE = path.join("data", "simulated", "panel.csv");

/**
 * The truth file written beside a panel: `truth.json` in the same folder for a file named panel.csv
 * (the shipped default), else the panel's name with .csv replaced by .truth.json.
 */
export function truthPathFor(panelFile: string): string {
  const dir = path.dirname(panelFile), stem = path.basename(panelFile).replace(/\.csv$/i, "");
  return path.join(dir, stem === "panel" ? "truth.json" : `${stem}.truth.json`);
}

export interface SimulateOptions { seed?: number; cities?: readonly City[]; calendar?: Calendar }
export interface Simulated {
  table: ColumnTable;
  truth: Truth;
  /** Untreated potential outcomes (Bigdata off, same noise): raw indicators, mechanisms, Y1, Y2, C, T, FI. */
  untreated: Record<string, Float64Array>;
}

export function simulate(opts: SimulateOptions = {}): Simulated {
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(seed)) throw new InputError(`simulate: seed must be an integer, got ${seed}`);
  const gen = generate(seed, opts.cities ?? readCities(), opts.calendar ?? readCalendar());
  const spec = loadIndicatorSpec();
  const num = (name: string): Float64Array => Float64Array.from(gen.columns[name] as number[]);
  const untreated: Record<string, Float64Array> = {};
  for (const [k, v] of Object.entries(gen.untreated)) untreated[k] = Float64Array.from(v);

  // Observed panel measured as any panel is; the untreated one on the observed panel's yardstick.
  const raw1: Record<string, Float64Array> = {};
  for (const ind of spec) raw1[ind.column] = num(ind.column);
  const observed = measure(table(raw1), spec);
  const cf = applyYardstick(makeYardstick(spec, raw1, observed.weights), untreated);

  const cols: Record<string, unknown[]> = {};
  for (const name of schemaColumns()) if (name in gen.columns) cols[name] = gen.columns[name];
  for (const k of DERIVED_COLUMNS) {
    cols[k] = Array.from(observed[k], round6);
    untreated[k] = cf[k];
  }

  const design: Record<string, Float64Array> = {};
  for (const k of ["Bigdata", "LowCarbon", "SmartCity", ...SPLIT_COLUMNS]) design[k] = num(k);
  const obsOut: Record<string, ArrayLike<number>> = { Y1: observed.Y1, Y2: observed.Y2, FI: observed.FI };
  for (const m of MECHANISM_COLUMNS) obsOut[m] = num(m);
  const truth = computeTruth(seed, { observed: obsOut, untreated, design, eventTime: gen.eventTime });
  return { table: table(cols), truth, untreated };
}

export { calibrationTable, readPaperTargets, moments, type CalibrationRow, type PaperTargets, type Moments } from "./calibration";
export type { Truth, EventBin } from "./truth";
export { effectPath, type City, type Calendar } from "./dgp";
export { readCalendar } from "./inputs";
