// `stii montecarlo --reps R [--seed S] [--estimators LIST] [--trees N] [--min-node-size N] [--json] [--out FILE]`
// (SPEC section 14): run the Monte Carlo on the calibrated design, print the summary (or the whole study
// as JSON) and, with --out, write the study (FILE, .json) and its per-replication estimates (FILE with
// .csv) atomically. No method of its own: options are checked before any fit, so bad ones write nothing.
import * as path from "node:path";
import { InputError } from "../errors";
import { writeAllAtomic } from "../io/atomic";
import { checkMcOptions, MC_ESTIMATORS, MC_FOREST, MC_SEED, monteCarlo, recordsCsv, type McStudy } from "../montecarlo";
import { terminalProgress } from "../report/progress";
import { helpText, intOpt, listOpt, parseSpec, requireOpt, type OptionSpec } from "./args";

const SPECS: OptionSpec[] = [
  { name: "reps", value: "R", help: "number of replications (>= 1; required)" },
  { name: "seed", value: "S", help: `seed of the study (default ${MC_SEED})` },
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

export const command = {
  summary: "Monte Carlo on the calibrated design: which estimator recovers the planted effect (SPEC 14)",
  async run(argv: string[]): Promise<void> {
    const args = parseSpec(argv, SPECS);
    if (args.opts.help) { process.stdout.write(helpText("stii montecarlo --reps R [options]", SPECS)); return; }
    if (args.positional.length) throw new InputError(`unexpected argument "${args.positional[0]}"`);
    const o = args.opts;
    const forest = { ...MC_FOREST, nTrees: intOpt(args, "trees", MC_FOREST.nTrees, 1), minNodeSize: intOpt(args, "min-node-size", MC_FOREST.minNodeSize, 1) };
    const opts = {
      reps: (requireOpt(args, "reps"), intOpt(args, "reps", 0, 1)),
      seed: intOpt(args, "seed", MC_SEED),
      estimators: o.estimators === undefined ? undefined : listOpt(o.estimators),
      forest,
    };
    checkMcOptions(opts);
    const out = o.out;
    if (out !== undefined && !out.toLowerCase().endsWith(".json")) throw new InputError(`option --out must name a .json file, got "${out}"`);
    const bar = terminalProgress();
    const t0 = performance.now();
    const study = await monteCarlo({ ...opts, onProgress: bar });
    const seconds = (performance.now() - t0) / 1000;
    if (out !== undefined) {
      const csv = out.replace(/\.json$/i, ".csv");
      try {
        writeAllAtomic([{ file: out, content: JSON.stringify(study, null, 1) + "\n" }, { file: csv, content: recordsCsv(study.records) }]);
      } catch (e) {
        throw new InputError(`cannot write ${path.resolve(out)}: ${(e as Error).message.split("\n")[0]}`);
      }
      process.stderr.write(`study -> ${out}, estimates -> ${csv}\n`);
    }
    process.stderr.write(`${study.settings.reps} replications in ${seconds.toFixed(0)} s (${(seconds / study.settings.reps).toFixed(1)} s each)\n`);
    process.stdout.write(o.json ? JSON.stringify(study) + "\n" : summaryText(study));
  },
};
