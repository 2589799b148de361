// Which forest settings should `dml` use by default? A small Monte Carlo (issue 15, item 4) run through the
// library, over a grid of forest settings (features tried per split, smallest leaf, trees), on two designs:
//   A  the nonlinear confounded PLR of Chernozhukov et al. (2018), as DoubleML's make_plr_CCDDHNR2018 draws
//      it: 10 controls x ~ N(0, S), S_jk = 0.7^|j-k|; d = x1 + 0.25 e^x3/(1+e^x3) + v;
//      y = 0.5 d + e^x1/(1+e^x1) + 0.25 x3 + u; v, u ~ N(0, 1); n = 800, theta = 0.5, heteroskedasticity-robust SE;
//   B  the calibrated panel (src/simulate), the paper's PLR of Table 3 col. (6) (montecarlo's "plr-paper"),
//      judged against the planted ATT and against the variance-weighted average PLR targets.
// Every setting sees the same panels and the same fold and tree seeds (common random numbers), so the
// differences between rows are the settings', not the draws'.
// Run: npm run bench:forest -- [--reps-a 60] [--reps-b 10] [--seed 4]
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import * as aq from "arquero";
import { intOpt, parseArgs } from "../src/cli/args";
import { dml } from "../src/dml";
import { sigmoid } from "../src/learners/logistic";
import { runReplication, summarise, type McRecord, type McSettings } from "../src/montecarlo";
import { deriveSeed, makeRng } from "../src/numeric/rng";

interface Setting { label: string; mtry: number | undefined; minNodeSize: number; nTrees: number }

// mtry undefined = the library's current default, floor(p/3) (ranger's rule); a fraction f tries floor(f p);
// ALL is a count the forest caps at p, so every column is tried (bagged trees, scikit-learn's regression default).
const ALL = 1e6;
const SETTINGS: Setting[] = [
  { label: "p/3, leaf 5, 100 trees (current default)", mtry: undefined, minNodeSize: 5, nTrees: 100 },
  { label: "p/3, leaf 1, 100 trees", mtry: undefined, minNodeSize: 1, nTrees: 100 },
  { label: "2p/3, leaf 5, 100 trees", mtry: 2 / 3, minNodeSize: 5, nTrees: 100 },
  { label: "p, leaf 5, 100 trees", mtry: ALL, minNodeSize: 5, nTrees: 100 },
  { label: "p, leaf 1, 100 trees", mtry: ALL, minNodeSize: 1, nTrees: 100 },
  { label: "p, leaf 5, 200 trees", mtry: ALL, minNodeSize: 5, nTrees: 200 },
];
// The calibrated design costs ~300 columns per fit: its grid is the two that matter there.
const SETTINGS_B = [SETTINGS[0], SETTINGS[3]];

/** One draw of design A (the CCDDHNR 2018 PLR) with n rows and p controls. */
function drawA(n: number, p: number, theta: number, seed: number): aq.ColumnTable {
  const rng = makeRng(seed);
  const cols: Record<string, Float64Array> = { y: new Float64Array(n), d: new Float64Array(n) };
  for (let j = 0; j < p; j++) cols[`x${j + 1}`] = new Float64Array(n);
  const rho = 0.7, s = Math.sqrt(1 - rho * rho);
  for (let i = 0; i < n; i++) {
    // An AR(1) across the index j gives corr(x_j, x_k) = 0.7^|j-k| with unit variances.
    let prev = rng.normal();
    cols.x1[i] = prev;
    for (let j = 1; j < p; j++) { prev = rho * prev + s * rng.normal(); cols[`x${j + 1}`][i] = prev; }
    const x1 = cols.x1[i], x3 = cols.x3[i];
    const d = x1 + 0.25 * sigmoid(x3) + rng.normal();
    cols.d[i] = d;
    cols.y[i] = theta * d + sigmoid(x1) + 0.25 * x3 + rng.normal();
  }
  return aq.table(cols);
}

const forestOptions = (s: Setting) => ({ nTrees: s.nTrees, minNodeSize: s.minNodeSize, ...(s.mtry === undefined ? {} : { mtry: s.mtry }) });

async function designA(reps: number, seed: number, seconds: Map<string, number>): Promise<McRecord[]> {
  const n = 800, p = 10, theta = 0.5;
  const x = Array.from({ length: p }, (_, j) => `x${j + 1}`);
  const out: McRecord[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const data = drawA(n, p, theta, deriveSeed(seed, rep));
    for (const s of SETTINGS) {
      const t0 = performance.now();
      const res = await dml({ data, y: "y", d: "d", x, learner: "rf", folds: 5, seed: deriveSeed(seed, rep, 1), onProgress: () => {}, learnerOptions: forestOptions(s) });
      seconds.set(s.label, (seconds.get(s.label) ?? 0) + (performance.now() - t0) / 1000);
      const t = res.terms[0];
      out.push({ rep, seed: deriveSeed(seed, rep), estimator: s.label, term: "d", coef: t.coef, se: t.se, truth: theta, target: null, negWeights: null, nWeights: null });
    }
    process.stderr.write(`\rdesign A: ${rep + 1}/${reps}`);
  }
  process.stderr.write("\n");
  return out;
}

async function designB(reps: number, seed: number, seconds: Map<string, number>): Promise<McRecord[]> {
  const out: McRecord[] = [];
  for (const s of SETTINGS_B) {
    const settings: McSettings = { reps, seed, estimators: ["plr-paper"], folds: 5, level: 0.95, forest: forestOptions(s) };
    for (let rep = 0; rep < reps; rep++) {
      const t0 = performance.now();
      // The time includes drawing the panel (well under a second), the same for every setting.
      for (const r of await runReplication(rep, settings)) out.push({ ...r, estimator: s.label });
      seconds.set(s.label, (seconds.get(s.label) ?? 0) + (performance.now() - t0) / 1000);
      process.stderr.write(`\rdesign B, ${s.label}: ${rep + 1}/${reps}`);
    }
    process.stderr.write("\n");
  }
  return out;
}

function table(records: McRecord[], seconds: Map<string, number>, withTarget: boolean): string[] {
  const head = withTarget
    ? ["| forest | reps | bias vs ATT | bias vs PLR target | sd | bias / sd | mean SE / sd | coverage of ATT | coverage of target | s per fit |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    : ["| forest | reps | bias | sd | bias / sd | mean SE / sd | 95% coverage | RMSE | s per fit |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"];
  const f = (x: number | null, d = 4) => (x === null ? "" : x.toFixed(d));
  return [...head, ...summarise(records).map((r) => withTarget
    ? `| ${r.estimator} | ${r.reps} | ${f(r.bias)} | ${f(r.biasTarget)} | ${f(r.sd)} | ${f(r.bias / r.sd, 2)} | ${f(r.seRatio, 2)} | ${f(r.coverage, 3)} | ${f(r.coverageTarget, 3)} | ${f(seconds.get(r.estimator)! / r.reps, 2)} |`
    : `| ${r.estimator} | ${r.reps} | ${f(r.bias)} | ${f(r.sd)} | ${f(r.bias / r.sd, 2)} | ${f(r.seRatio, 2)} | ${f(r.coverage, 3)} | ${f(r.rmse)} | ${f(seconds.get(r.estimator)! / r.reps, 2)} |`)];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), ["reps-a", "reps-b", "seed"]);
  const repsA = intOpt(args, "reps-a", 60, 1), repsB = intOpt(args, "reps-b", 10, 1), seed = intOpt(args, "seed", 4, 0);
  const load0 = loadavg()[0];
  const timeA = new Map<string, number>(), timeB = new Map<string, number>();
  const a = await designA(repsA, seed, timeA);
  const b = await designB(repsB, seed, timeB);
  const out = [
    `${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}; seed ${seed}; 1-minute load average ${load0.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after.`,
    "",
    "All numbers are from simulated data. \"p\" is the number of columns the forest sees; \"leaf\" its smallest leaf (minNodeSize).",
    "",
    `## A. Nonlinear confounded PLR (Chernozhukov et al. 2018 design), n = 800, 10 controls, theta = 0.5`,
    "",
    ...table(a, timeA, false),
    "",
    `## B. The calibrated panel, the paper's PLR (Table 3 col. 6: controls, squares, year and city dummies)`,
    "",
    "The planted ATT is the effect averaged over treated city-years; PLR targets a variance-weighted average of the",
    "same effects (montecarlo/targets.ts), so both are shown.",
    "",
    ...table(b, timeB, true),
  ].join("\n");
  writeFileSync(join(__dirname, "results-forest-defaults.md"), `# Forest defaults for DML: a small Monte Carlo\n\nGenerated by \`npm run bench:forest\`.\n\n${out}\n`);
  console.log(out);
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
