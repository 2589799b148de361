// `stii montecarlo --reps R [--seed S] [--estimators LIST] [--trees N] [--min-node-size N] [--json] [--out FILE]`
// (SPEC section 14): run the Monte Carlo on the calibrated design, print the summary (or the whole study
// as JSON) and, with --out, write the study (FILE, .json) and its per-replication estimates (FILE with
// .csv) atomically. `--design textbook` runs notebook 08's study instead (its learners fixed, so the
// calibrated design's learner options are refused). No method of its own: options are checked before any
// fit, so bad ones write nothing.
import * as path from "node:path";
import { InputError } from "../errors";
import { writeAllAtomic } from "../io/atomic";
import { checkMcOptions, MC_ESTIMATORS, MC_FOREST, MC_SEED, monteCarlo, recordsCsv, type McStudy } from "../montecarlo";
import { TEXTBOOK, textbookCsv, textbookStudy, type TextbookStudy } from "../replication/method-check";
import { terminalProgress } from "../report/progress";
import { helpText, intOpt, listOpt, oneOf, parseSpec, requireOpt, type ParsedArgs, type OptionSpec } from "./args";

const DESIGNS = ["calibrated", "textbook"] as const;

const SPECS: OptionSpec[] = [
  { name: "reps", value: "R", help: "number of replications (>= 1; required)" },
  { name: "design", value: "NAME", help: "calibrated (the paper's design, notebook 09; default) or textbook (notebook 08's study)" },
  { name: "seed", value: "S", help: `seed of the study (default ${MC_SEED}; textbook ${TEXTBOOK.seed})` },
  { name: "estimators", value: "LIST", help: `comma-separated subset of ${MC_ESTIMATORS.join(",")} (default all)` },
  { name: "trees", value: "N", help: `forest trees (default ${MC_FOREST.nTrees})` },
  { name: "min-node-size", value: "N", help: `forest minimum leaf size (default ${MC_FOREST.minNodeSize})` },
  { name: "out", value: "FILE", help: "write the study to FILE (.json) and its estimates beside it (.csv)" },
  { name: "json", help: "print the whole study as JSON instead of the summary table" },
];

function summaryText(study: McStudy): string {
  const f = (v: number | null, d = 4) => (v === null ? "" : v.toFixed(d));
  const s = study.settings, dw = study.design;
  const head = [
    `SIMULATED Monte Carlo: ${s.reps} replications, seed ${s.seed}, forest ${JSON.stringify(s.forest)}, ${s.folds} folds`,
    `design weights (Bigdata on year + city effects): ${dw.negative} of ${dw.cells} treated cells negative (sum ${dw.negativeSum.toFixed(4)})`,
    ["estimator", "term", "truth", "target", "bias", "bias(tgt)", "sd", "se/sd", "cover", "cover(tgt)", "neg.w"].map((c) => c.padStart(11)).join(""),
  ];
  const rows = study.summary.map((r) => [r.estimator, r.term, f(r.truth), f(r.target), f(r.bias), f(r.biasTarget), f(r.sd), f(r.seRatio, 2), f(r.coverage, 3), f(r.coverageTarget, 3), f(r.negWeights, 1)]
    .map((c) => c.padStart(11)).join(""));
  const [lo, hi] = study.summary[0]?.band ?? [NaN, NaN];
  return [...head, ...rows, `binomial band of a correct 95% interval's coverage over ${s.reps} replications: [${lo.toFixed(3)}, ${hi.toFixed(3)}]`].join("\n") + "\n";
}

function textbookText(study: TextbookStudy): string {
  const s = study.settings;
  const row = (size: string, r: TextbookStudy["summary"][number]) => [size, r.method, r.bias.toFixed(4), r.sd.toFixed(4), r.seRatio.toFixed(2), r.coverage.toFixed(3)].map((c) => c.padStart(12)).join("");
  return [
    `SIMULATED Monte Carlo, textbook design: ${s.reps} replications, seed ${s.seed}, theta ${s.design.theta}; forest ${JSON.stringify(s.forest)}, lasso ${JSON.stringify(s.lasso)}`,
    ["panel", "method", "bias", "sd", "se/sd", "cover"].map((c) => c.padStart(12)).join(""),
    ...study.summary.map((r) => row(`${s.design.cities}x${s.design.years}`, r)),
    ...study.smallSummary.map((r) => row(`${s.small.cities}x${s.small.years}`, r)),
  ].join("\n") + "\n";
}

/** The study and its estimates, both written or neither. */
function writeStudy(out: string, json: unknown, csv: string): void {
  const csvFile = out.replace(/\.json$/i, ".csv");
  try {
    writeAllAtomic([{ file: out, content: JSON.stringify(json, null, 1) + "\n" }, { file: csvFile, content: csv }]);
  } catch (e) {
    throw new InputError(`cannot write ${path.resolve(out)}: ${(e as Error).message.split("\n")[0]}`);
  }
  process.stderr.write(`study -> ${out}, estimates -> ${csvFile}\n`);
}

async function runTextbook(args: ParsedArgs, reps: number, out: string | undefined): Promise<void> {
  for (const name of ["estimators", "trees", "min-node-size"]) {
    if (args.opts[name] !== undefined) throw new InputError(`option --${name} applies to --design calibrated only (the textbook study's learners are fixed: src/replication/method-check.ts)`);
  }
  const seed = intOpt(args, "seed", TEXTBOOK.seed);
  const t0 = performance.now();
  const study = await textbookStudy({ reps, seed, onProgress: terminalProgress() });
  const seconds = (performance.now() - t0) / 1000;
  if (out !== undefined) writeStudy(out, study, textbookCsv(study));
  process.stderr.write(`${reps} replications in ${seconds.toFixed(0)} s (${(seconds / reps).toFixed(2)} s each)\n`);
  process.stdout.write(args.opts.json ? JSON.stringify(study) + "\n" : textbookText(study));
}

export const command = {
  summary: "Monte Carlo on the calibrated design: which estimator recovers the planted effect (SPEC 14)",
  async run(argv: string[]): Promise<void> {
    const args = parseSpec(argv, SPECS);
    if (args.opts.help) { process.stdout.write(helpText("stii montecarlo --reps R [options]", SPECS)); return; }
    if (args.positional.length) throw new InputError(`unexpected argument "${args.positional[0]}"`);
    const o = args.opts;
    const design = oneOf("design", o.design, DESIGNS, "calibrated");
    const reps = (requireOpt(args, "reps"), intOpt(args, "reps", 0, 1));
    const out = o.out;
    if (out !== undefined && !out.toLowerCase().endsWith(".json")) throw new InputError(`option --out must name a .json file, got "${out}"`);
    if (design === "textbook") return runTextbook(args, reps, out);
    const forest = { ...MC_FOREST, nTrees: intOpt(args, "trees", MC_FOREST.nTrees, 1), minNodeSize: intOpt(args, "min-node-size", MC_FOREST.minNodeSize, 1) };
    const opts = {
      reps,
      seed: intOpt(args, "seed", MC_SEED),
      estimators: o.estimators === undefined ? undefined : listOpt(o.estimators),
      forest,
    };
    checkMcOptions(opts);
    const bar = terminalProgress();
    const t0 = performance.now();
    const study = await monteCarlo({ ...opts, onProgress: bar });
    const seconds = (performance.now() - t0) / 1000;
    if (out !== undefined) writeStudy(out, study, recordsCsv(study.records));
    process.stderr.write(`${study.settings.reps} replications in ${seconds.toFixed(0)} s (${(seconds / study.settings.reps).toFixed(1)} s each)\n`);
    process.stdout.write(o.json ? JSON.stringify(study) + "\n" : summaryText(study));
  },
};
