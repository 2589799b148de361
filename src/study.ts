// Which panel the notebooks study: the user's (STII_DATA, set by `stii replicate --data FILE`) or the
// embedded simulated one with its planted truth. Every notebook starts with loadStudy(), so switching
// to real data is one option and the notebooks know whether to say "simulated" and show truth columns.
import * as fs from "fs";
import * as path from "path";
import type { ColumnTable } from "arquero";
import { readPanel, defaultPanelPath, type LoadReport, type ReadOptions } from "./data";
import { truthPathFor } from "./simulate";
import type { Truth } from "./simulate/truth";
import { InputError } from "./errors";
import { DEFAULT_SEED } from "./numeric/rng";

export interface Study {
  table: ColumnTable;
  /** True for the embedded simulated panel: numbers must be labelled "simulated". */
  simulated: boolean;
  /** The planted effects of the simulated panel; null for real data. */
  truth: Truth | null;
  /** The file the panel came from. */
  source: string;
  report: LoadReport;
  /** Options that changed the data (interpolation, winsorizing), for the notebooks to state. */
  options: ReadOptions;
  /** The seed every random step of the notebooks uses (`stii replicate --seed`, default numeric/rng DEFAULT_SEED, the seed of the committed results). */
  seed: number;
}

/** Read the loading options that `stii replicate` passes on through the environment. */
export function studyOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): { file?: string; options: ReadOptions; seed: number } {
  const options: ReadOptions = {};
  if (env.STII_INTERPOLATE === "1") options.interpolate = true;
  if (env.STII_WINSORIZE) {
    const p = env.STII_WINSORIZE.split(",").map(Number);
    if (p.length !== 2 || !p.every(Number.isFinite)) throw new InputError(`STII_WINSORIZE must be "lo,hi" percentiles, got "${env.STII_WINSORIZE}"`);
    options.winsorize = [p[0], p[1]];
  }
  const seed = env.STII_SEED === undefined ? DEFAULT_SEED : Number(env.STII_SEED);
  if (!Number.isInteger(seed) || seed < 0) throw new InputError(`STII_SEED must be a non-negative integer, got "${env.STII_SEED}"`);
  return { file: env.STII_DATA || undefined, options, seed };
}

export async function loadStudy(opts: { file?: string; options?: ReadOptions; seed?: number } = studyOptionsFromEnv()): Promise<Study> {
  const simulated = !opts.file;
  const source = path.resolve(opts.file ?? defaultPanelPath());
  const options = opts.options ?? {};
  const { table, report } = await readPanel(source, options);
  let truth: Truth | null = null;
  if (simulated) {
    const tf = truthPathFor(source);
    if (!fs.existsSync(tf)) throw new InputError(`the simulated panel's truth file ${tf} is missing: run \`npx stii simulate\``);
    truth = JSON.parse(fs.readFileSync(tf, "utf8")) as Truth;
  }
  return { table, simulated, truth, source, report, options, seed: opts.seed ?? DEFAULT_SEED };
}

/** "simulated" or "real" wording for headings and captions. */
export function dataLabel(study: Pick<Study, "simulated" | "source">): string {
  return study.simulated ? "simulated panel (not the paper's data)" : `user panel ${path.basename(study.source)}`;
}
