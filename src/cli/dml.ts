// `stii dml` (SPEC sections 9, 11): read a panel, run dml(), print the JSON (or a short table). By default
// the panel is read generically (readTable: the file's own column names, only the named columns checked,
// (id, time) unique); `--profile paper` reads it with the paper's schema, roster and years (readPanel).
// Panel options (--id --time --cluster --fe --panel) and forest options pass through to DmlOptions.
import { InputError } from "../errors";
import { readPanel } from "../data/panel";
import { readTable } from "../data/table";
import { dml, type DmlOptions, type ModelName, type MultiTreatment } from "../dml";
import type { FixedEffect, PanelApproach } from "../dml/design";
import { PANEL_APPROACHES } from "../dml/panel";
import type { SensitivityOptions } from "../dml/sensitivity";
import { parseSubset } from "../dml/subset";
import { writeFileAtomic } from "../io/atomic";
import { helpText, intOpt, listOpt, oneOf, parseSpec, requireOpt, PANEL_OPTIONS, type OptionSpec, type ParsedArgs } from "./args";
import { terminalProgress } from "../report/progress";
import { termCells } from "../tables/estimate";

const OPTIONS: OptionSpec[] = [
  PANEL_OPTIONS.data,
  { name: "y", value: "COL", help: "outcome column (required)" },
  { name: "d", value: "COL[,COL]", help: "treatment column(s) (required)" },
  { name: "x", value: "COLS", help: "control columns, comma-separated (required)" },
  { name: "quadratic", help: "add the square of every control" },
  PANEL_OPTIONS.id,
  PANEL_OPTIONS.time,
  { name: "cluster", value: "COL", help: "cluster column for --se cluster (default: the id column)" },
  { name: "fe", value: "LIST", help: "fixed effects: column names (one set of dummies each), A:B (interaction), or year, city, province-year" },
  { name: "panel", value: "APPROACH", help: "dummies|within|fd|cre|cre-normal, the panel approach of SPEC section 12 (default dummies)" },
  { name: "model", value: "plr|irm|pliv", help: "model (default plr)" },
  { name: "score", value: "SCORE", help: "partialling-out|IV-type, the PLR score (default partialling-out)" },
  { name: "z", value: "COL", help: "instrument for pliv" },
  { name: "learner", value: "NAME", help: "rf|lasso|gbm|svm|ols|mlrf, the learner of every nuisance (default rf)" },
  { name: "trees", value: "N", help: "forest (rf, mlrf): number of trees (default 100 for rf)" },
  { name: "min-node-size", value: "N", help: "forest (rf, mlrf): minimum node size (default 5 regression, 1 classification)" },
  { name: "mtry", value: "N", help: "forest (rf, mlrf): features tried per split, a count >= 1 or a fraction in (0, 1)" },
  { name: "folds", value: "K", help: "cross-fitting folds (default 5)" },
  { name: "fold-column", value: "COL", help: "column giving each row's fold (instead of random folds)" },
  { name: "reps", value: "R", help: "repetitions of the sample split (default 1)" },
  { name: "se", value: "robust|cluster", help: "standard errors (default robust)" },
  { name: "seed", value: "S", help: "seed of every random draw" },
  { name: "subset", value: "EXPR", help: "keep rows where EXPR holds, e.g. capital==0" },
  { name: "sensitivity", value: "[cf_y,cf_d[,rho]]", help: "sensitivity bounds (PLR; no value = defaults)" },
  { name: "multi", value: "doubleml|joint", help: "several treatments: one score each (default) or joint partialling out" },
  PANEL_OPTIONS.profile,
  { name: "out", value: "FILE", help: "also write the JSON result to FILE (written only if everything succeeded)" },
  { name: "json", help: "print the JSON result instead of a table" },
];

const USAGE = "stii dml --data FILE --y COL --d COL[,COL] --x COLS [options]";

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

/** --trees, --min-node-size, --mtry under the forest's own option names (src/learners/forest.ts). */
function forestOptions(args: ParsedArgs, learner: string): Record<string, number> {
  const out: Record<string, number> = {};
  const given = ["trees", "min-node-size", "mtry"].filter((k) => args.opts[k] !== undefined);
  if (given.length && learner !== "rf" && learner !== "mlrf") {
    throw new InputError(`option --${given[0]} applies to the forests (--learner rf or mlrf), not --learner ${learner}`);
  }
  if (args.opts.trees !== undefined) out.nTrees = intOpt(args, "trees", 0, 1);
  if (args.opts["min-node-size"] !== undefined) out.minNodeSize = intOpt(args, "min-node-size", 0, 1);
  const m = args.opts.mtry;
  if (m !== undefined) {
    const v = Number(m);
    if (!(Number.isInteger(v) && v >= 1) && !(v > 0 && v < 1)) throw new InputError(`option --mtry must be an integer >= 1 or a fraction in (0, 1), got "${m}"`);
    out.mtry = v;
  }
  return out;
}

/** The columns one --fe entry needs: shorthands resolved against the id and time columns, A:B split. */
function feColumns(entry: string, id: string, time: string): string[] {
  if (entry === "year") return [time];
  if (entry === "city") return [id];
  if (entry === "province-year") return ["province", time];
  const parts = entry.split(":");
  if (parts.length > 2 || parts.some((p) => p === "")) throw new InputError(`option --fe: "${entry}" is not a column name or A:B`);
  return parts;
}

export const command = {
  summary: "double machine learning estimate (PLR, IRM, PLIV) on any panel, with optional sensitivity bounds (--help lists the options)",
  async run(argv: string[]): Promise<void> {
    // --sensitivity may come without a value: give it an empty one so the shared parser accepts it.
    const fixed = argv.map((a, i) => (a === "--sensitivity" && (i + 1 >= argv.length || argv[i + 1].startsWith("--")) ? "--sensitivity=" : a));
    const args = parseSpec(fixed, OPTIONS);
    const o = args.opts;
    if (o.help === "true") {
      process.stdout.write(helpText(USAGE, OPTIONS));
      return;
    }
    if (args.positional.length) throw new InputError(`unexpected argument "${args.positional[0]}"`);
    const profile = o.profile === undefined ? undefined : oneOf("profile", o.profile, ["paper"] as const, "paper");
    const fe = o.fe === undefined ? [] : listOpt(o.fe);
    const seedText = o.seed;
    const seed = seedText === undefined ? undefined : Number(seedText);
    if (seed !== undefined && !Number.isInteger(seed)) throw new InputError(`option --seed must be an integer, got "${seedText}"`);
    const model = oneOf<ModelName>("model", o.model, ["plr", "irm", "pliv"], "plr");
    const learner = oneOf("learner", o.learner, ["rf", "lasso", "gbm", "svm", "ols", "mlrf"], "rf");
    const learnerOptions = forestOptions(args, learner);
    const se = oneOf("se", o.se, ["robust", "cluster"] as const, "robust");
    const y = requireOpt(args, "y"), d = listOpt(requireOpt(args, "d")), x = listOpt(requireOpt(args, "x"));
    const file = requireOpt(args, "data");
    const opts = {
      y, d, x,
      quadratic: o.quadratic === "true",
      panel: oneOf<PanelApproach>("panel", o.panel, [...PANEL_APPROACHES], "dummies"),
      model,
      // PLR score: partialling-out (default) or IV-type; the dash saves quoting on the command line.
      score: o.score === undefined ? undefined : oneOf("score", o.score, ["partialling-out", "IV-type"], "partialling-out").replace("-out", " out"),
      z: o.z,
      // IRM's propensity uses the classifier of the same name (ols -> linear probability model).
      learner,
      ...(Object.keys(learnerOptions).length ? { learnerOptions } : {}),
      folds: intOpt(args, "folds", 5, 2),
      foldColumn: o["fold-column"],
      reps: intOpt(args, "reps", 1, 1),
      // Passed only when given, so a panel approach's cluster SE is not met by a default "robust".
      se: o.se === undefined ? undefined : se,
      seed,
      subset: o.subset,
      sensitivity: sensitivityOpt(o.sensitivity),
      // Several treatments: DoubleML's per-treatment scores (default) or joint partialling out on X.
      multi: oneOf<MultiTreatment>("multi", o.multi, ["doubleml", "joint"], "doubleml"),
    };

    let data;
    let keys: { id: string; time: string };
    if (profile === "paper") {
      data = (await readPanel(file)).table;
      keys = { id: o.id ?? "city_code", time: o.time ?? "year" };
    } else {
      // Generic: check exactly the columns this run uses; id/time default to city_code/year only if present.
      const numeric = [y, ...d, ...x, ...(o.z ? [o.z] : []), ...(o["fold-column"] ? [o["fold-column"]] : []), ...(o.subset ? parseSubset(o.subset).columns : [])];
      const read = await readTable(file, {
        columns: numeric, id: o.id, time: o.time, defaultKeys: { id: "city_code", time: "year" },
        labels: [...(o.cluster ? [o.cluster] : []), ...fe.flatMap((f) => feColumns(f, o.id ?? "city_code", o.time ?? "year"))],
      });
      data = read.table;
      keys = { id: read.report.id ?? o.id ?? "city_code", time: read.report.time ?? o.time ?? "year" };
    }
    const names = data.columnNames();
    for (const f of fe) for (const c of feColumns(f, keys.id, keys.time)) {
      if (!names.includes(c)) throw new InputError(`option --fe ${f}: column ${c} not found in ${file}`);
    }
    // Without an id column (no --id, no city_code) a panel approach or a default cluster has no unit to use.
    const noId = (why: string) => new InputError(`${why} needs a unit column: ${file} has no column ${keys.id}; give --id COL`);
    if (!names.includes(keys.id)) {
      if (opts.panel !== "dummies") throw noId(`option --panel ${opts.panel}`);
      if (se === "cluster" && o.cluster === undefined) throw noId("option --se cluster without --cluster");
    }
    // The panel keys travel by name (DmlOptions id/time/cluster); fe entries pass through as written.
    // A defaulted key the file lacks is not passed on (a cross-sectional run needs none); a named one must exist.
    const key = (given: string | undefined, k: string) => (given !== undefined || names.includes(k) ? k : undefined);
    const panelKeys = { id: key(o.id, keys.id), time: key(o.time, keys.time), cluster: se === "cluster" ? o.cluster ?? keys.id : o.cluster };
    const call = { data, ...opts, ...panelKeys, fe: fe as FixedEffect[] } as DmlOptions;
    const result = await dml({ ...call, onProgress: terminalProgress() });
    const json = JSON.stringify(result.toJSON());
    if (o.out !== undefined) writeFileAtomic(o.out, json + "\n");
    if (o.json === "true") {
      process.stdout.write(json + "\n");
      return;
    }
    const rows = termCells(result.terms);
    process.stdout.write(`DML ${result.model}${result.multi === "joint" ? " joint" : ""} (${result.learner}), N = ${result.n}, K = ${result.folds}, R = ${result.reps}, se ${result.se}\n`);
    result.terms.forEach((t, j) => process.stdout.write(`  ${t.name.padEnd(16)} ${rows[j]}  95% CI [${t.ci[0].toFixed(4)}, ${t.ci[1].toFixed(4)}]\n`));
  },
};
