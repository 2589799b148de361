// `stii dml` (SPEC section 9): read a panel, run dml(), print the JSON (or a short table). The panel
// goes through readPanel, so file-level problems (duplicate city-year, bad codes) are caught there.
import { InputError } from "../errors";
import { readPanel } from "../data/panel";
import { dml, type ModelName, type MultiTreatment } from "../dml";
import type { FixedEffect, PanelApproach } from "../dml/design";
import { PANEL_APPROACHES } from "../dml/panel";
import type { SensitivityOptions } from "../dml/sensitivity";
import { intOpt, parseArgs, requireOpt } from "./args";
import { terminalProgress } from "../report/progress";
import { termCells } from "../tables/estimate";

const VALUED = ["data", "y", "d", "x", "fe", "model", "z", "learner", "folds", "fold-column", "reps", "se", "seed", "subset", "sensitivity", "panel", "score", "multi"];
const FLAGS = ["quadratic", "json"];

const list = (s: string) => s.split(",").map((c) => c.trim()).filter((c) => c !== "");

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new InputError(`option --${name} must be one of ${allowed.join("|")}, got "${value}"`);
  return value as T;
}

/** "--sensitivity" with no value means the defaults; "cf_y,cf_d[,rho]" sets them. */
function sensitivityOpt(v: string | undefined): SensitivityOptions | undefined {
  if (v === undefined) return undefined;
  if (v === "") return {};
  const nums = v.split(",").map(Number);
  if (nums.length < 2 || nums.length > 3 || nums.some((x) => !Number.isFinite(x))) {
    throw new InputError(`option --sensitivity takes cf_y,cf_d[,rho], got "${v}"`);
  }
  return { cf_y: nums[0], cf_d: nums[1], rho: nums[2] };
}

export const command = {
  summary: "double machine learning estimate (PLR, IRM, PLIV) with optional sensitivity bounds",
  async run(argv: string[]): Promise<void> {
    // --sensitivity may come without a value: give it an empty one so the shared parser accepts it.
    const fixed = argv.map((a, i) => (a === "--sensitivity" && (i + 1 >= argv.length || argv[i + 1].startsWith("--")) ? "--sensitivity=" : a));
    const args = parseArgs(fixed, VALUED, FLAGS);
    const o = args.opts;
    if (args.positional.length) throw new InputError(`unexpected argument "${args.positional[0]}"`);
    const fe = o.fe === undefined ? [] : list(o.fe);
    for (const f of fe) oneOf("fe", f, ["year", "city", "province-year"], "year");
    const seedText = o.seed;
    const seed = seedText === undefined ? undefined : Number(seedText);
    if (seed !== undefined && !Number.isInteger(seed)) throw new InputError(`option --seed must be an integer, got "${seedText}"`);
    const model = oneOf<ModelName>("model", o.model, ["plr", "irm", "pliv"], "plr");
    const learner = oneOf("learner", o.learner, ["rf", "lasso", "gbm", "svm", "ols", "mlrf"], "rf");
    const opts = {
      y: requireOpt(args, "y"),
      d: list(requireOpt(args, "d")),
      x: list(requireOpt(args, "x")),
      quadratic: o.quadratic === "true",
      fe: fe as FixedEffect[],
      panel: oneOf<PanelApproach>("panel", o.panel, [...PANEL_APPROACHES], "dummies"),
      model,
      // PLR score: partialling-out (default) or IV-type; the dash saves quoting on the command line.
      score: o.score === undefined ? undefined : oneOf("score", o.score, ["partialling-out", "IV-type"], "partialling-out").replace("-out", " out"),
      z: o.z,
      // IRM's propensity uses the classifier of the same name (ols -> linear probability model).
      learner,
      folds: intOpt(args, "folds", 5, 2),
      foldColumn: o["fold-column"],
      reps: intOpt(args, "reps", 1, 1),
      se: oneOf("se", o.se, ["robust", "cluster"] as const, "robust"),
      seed,
      subset: o.subset,
      sensitivity: sensitivityOpt(o.sensitivity),
      // Several treatments: DoubleML's per-treatment scores (default) or joint partialling out on X.
      multi: oneOf<MultiTreatment>("multi", o.multi, ["doubleml", "joint"], "doubleml"),
    };
    const { table } = await readPanel(requireOpt(args, "data"));
    const result = await dml({ data: table, ...opts, onProgress: terminalProgress() });
    if (o.json === "true") {
      process.stdout.write(JSON.stringify(result.toJSON()) + "\n");
      return;
    }
    const rows = termCells(result.terms);
    process.stdout.write(`DML ${result.model}${result.multi === "joint" ? " joint" : ""} (${result.learner}), N = ${result.n}, K = ${result.folds}, R = ${result.reps}, se ${result.se}\n`);
    result.terms.forEach((t, j) => process.stdout.write(`  ${t.name.padEnd(16)} ${rows[j]}  95% CI [${t.ci[0].toFixed(4)}, ${t.ci[1].toFixed(4)}]\n`));
  },
};
