// Learners benchmark: our histogram forest (1 and 2 threads) against ml-random-forest, scikit-learn
// and ranger at equal settings (100 trees, mtry = p, smallest leaf 5) on simulated 2943-row designs,
// plus one DML-shaped fit (200 trees, default mtry, 10 continuous + 13 year + 283 city dummies).
// Fit times are the best of 3 fits (ours after a warm-up), the usual guard against other load on the
// machine; R^2 is on one common held-out set.
// Run: npm run bench:learners [-- --skip-mlrf]   (bench/setup.sh installs sklearn and ranger)
// The benchmarks load TypeScript through tsx's CommonJS hook only (node -r tsx/cjs), never `npx tsx`:
// tsx's ESM loader, once large libraries (mathjs, arquero, ml-matrix) are loaded, was measured to slow
// this project's forest by about 30%, which plain node (the CLI and notebooks run compiled JS) does not.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { RandomForestRegression } from "ml-random-forest";
import { RandomForestRegressor } from "../src/learners/forest";
import { matrix, type Matrix } from "../src/numeric/matrix";
import { makeRng } from "../src/numeric/rng";

const N_TRAIN = 2943, N_TEST = 2000, REPS = 3;
const PY = "/usr/bin/python3";

interface Design { label: string; continuous: number; dummies: number[]; nTrees: number; mtryAll: boolean }
const designs: Design[] = [
  { label: "2943 x 10", continuous: 10, dummies: [], nTrees: 100, mtryAll: true },
  { label: "2943 x 22", continuous: 22, dummies: [], nTrees: 100, mtryAll: true },
  { label: "2943 x 60", continuous: 60, dummies: [], nTrees: 100, mtryAll: true },
  { label: "2943 x (10 + 283 dummies)", continuous: 10, dummies: [283], nTrees: 100, mtryAll: true },
  { label: "DML shape: 2943 x (10 + 13 + 283 dummies), 200 trees, mtry p/3", continuous: 10, dummies: [13, 283], nTrees: 200, mtryAll: false },
];

/** Rows: continuous N(0,1) features, one-hot groups; y nonlinear in x1..x4 plus a group effect. */
function simulate(d: Design, n: number, seed: number): { X: Matrix; y: Float64Array } {
  const rng = makeRng(seed);
  const p = d.continuous + d.dummies.reduce((a, b) => a + b, 0);
  const X = new Float64Array(n * p), y = new Float64Array(n);
  const effects = makeRng(99); // the same group effects in training and test data
  const groupEffect = d.dummies.map((k) => Array.from({ length: k }, () => 0.5 * effects.normal()));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d.continuous; j++) X[j * n + i] = rng.normal();
    let v = Math.sin(X[i]) + X[n + i] ** 2 + 0.5 * X[2 * n + i] * X[3 * n + i];
    let off = d.continuous;
    d.dummies.forEach((k, g) => {
      const level = rng.int(k);
      X[(off + level) * n + i] = 1;
      v += groupEffect[g][level];
      off += k;
    });
    y[i] = v + 0.5 * rng.normal();
  }
  return { X: matrix(n, p, X), y };
}

function r2(y: Float64Array, pred: ArrayLike<number>): number {
  const mean = y.reduce((a, b) => a + b, 0) / y.length;
  let sse = 0, sst = 0;
  y.forEach((v, i) => { sse += (v - pred[i]) ** 2; sst += (v - mean) ** 2; });
  return 1 - sse / sst;
}


interface Result { seconds: number; r2: number }

async function ours(d: Design, tr: { X: Matrix; y: Float64Array }, te: { X: Matrix; y: Float64Array }, threads: number): Promise<Result> {
  const opts = { nTrees: d.nTrees, threads, seed: 1, ...(d.mtryAll ? { mtry: tr.X.ncol, minNodeSize: 5 } : {}) };
  await new RandomForestRegressor(opts).fit(tr.X, tr.y); // warm-up: JIT and worker start
  const times: number[] = [];
  let rf = new RandomForestRegressor(opts);
  for (let r = 0; r < REPS; r++) {
    rf = new RandomForestRegressor(opts);
    const t0 = performance.now();
    await rf.fit(tr.X, tr.y);
    times.push((performance.now() - t0) / 1000);
  }
  return { seconds: Math.min(...times), r2: r2(te.y, rf.predict(te.X)) };
}

function rows(X: Matrix): number[][] {
  return Array.from({ length: X.nrow }, (_, i) => Array.from({ length: X.ncol }, (_, j) => X.data[j * X.nrow + i]));
}

function mlrf(tr: { X: Matrix; y: Float64Array }, te: { X: Matrix; y: Float64Array }, nTrees: number): Result {
  const rf = new RandomForestRegression({
    nEstimators: nTrees, maxFeatures: tr.X.ncol, replacement: false, useSampleBagging: true, noOOB: true, seed: 1,
    treeOptions: { minNumSamples: 5 },
  });
  const t0 = performance.now();
  rf.train(rows(tr.X), Array.from(tr.y));
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, r2: r2(te.y, rf.predict(rows(te.X))) };
}

function writeCsv(file: string, d: { X: Matrix; y: Float64Array }): void {
  const { X, y } = d;
  const lines = [["y", ...Array.from({ length: X.ncol }, (_, j) => `x${j + 1}`)].join(",")];
  for (let i = 0; i < X.nrow; i++) {
    const row = [y[i]];
    for (let j = 0; j < X.ncol; j++) row.push(X.data[j * X.nrow + i]);
    lines.push(row.join(","));
  }
  writeFileSync(file, lines.join("\n") + "\n");
}

const SKLEARN = `
import sys, json, time, numpy as np
from sklearn.ensemble import RandomForestRegressor
tr = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1); te = np.loadtxt(sys.argv[2], delimiter=",", skiprows=1)
nt, mtry, jobs = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
times = []
for r in range(${REPS}):
    m = RandomForestRegressor(n_estimators=nt, max_features=mtry, min_samples_leaf=5, n_jobs=jobs, random_state=r)
    t0 = time.perf_counter(); m.fit(tr[:, 1:], tr[:, 0]); times.append(time.perf_counter() - t0)
pred = m.predict(te[:, 1:]); y = te[:, 0]
print(json.dumps({"seconds": min(times), "r2": 1 - ((y - pred) ** 2).sum() / ((y - y.mean()) ** 2).sum()}))
`;

const RANGER = `
a <- commandArgs(TRUE); suppressMessages(library(ranger))
tr <- read.csv(a[1]); te <- read.csv(a[2]); nt <- as.integer(a[3]); mtry <- as.integer(a[4]); th <- as.integer(a[5])
leaf <- if ("min.bucket" %in% names(formals(ranger))) list(min.bucket = 5) else list(min.node.size = 5)
times <- c()
for (r in 1:${REPS}) {
  t0 <- proc.time()[["elapsed"]]
  m <- do.call(ranger, c(list(y ~ ., data = tr, num.trees = nt, mtry = mtry, num.threads = th, seed = r, verbose = FALSE), leaf))
  times <- c(times, proc.time()[["elapsed"]] - t0)
}
pred <- predict(m, te)$predictions
cat(sprintf('{"seconds": %.6f, "r2": %.6f}', min(times), 1 - sum((te$y - pred)^2) / sum((te$y - mean(te$y))^2)))
`;

function external(cmd: string, args: string[]): Result | undefined {
  try {
    return JSON.parse(execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 26, stdio: ["ignore", "pipe", "pipe"] })) as Result;
  } catch (e) {
    console.error(`${cmd}: ${(e as Error).message.split("\n")[0]}`);
    return undefined;
  }
}

function version(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const skipMlrf = process.argv.includes("--skip-mlrf");
  const loadAtStart = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  const dir = mkdtempSync(join(tmpdir(), "stii-bench-"));
  const sk = version(PY, ["-c", "import sklearn; print(sklearn.__version__)"]);
  const rg = version("Rscript", ["-e", "cat(as.character(packageVersion('ranger')))"]);
  const table: string[] = [];
  try {
    for (const d of designs) {
      const tr = simulate(d, N_TRAIN, 1), te = simulate(d, N_TEST, 2);
      const p = tr.X.ncol, mtry = d.mtryAll ? p : Math.floor(p / 3);
      const ftr = join(dir, "train.csv"), fte = join(dir, "test.csv");
      writeCsv(ftr, tr); writeCsv(fte, te);
      const res: Record<string, Result | undefined> = {};
      res["ours, 1 thread"] = await ours(d, tr, te, 1);
      res["ours, 2 threads"] = await ours(d, tr, te, 2);
      // ml-random-forest takes minutes per fit beyond the smallest design; run it there only.
      if (!skipMlrf && d === designs[0]) res["ml-random-forest"] = mlrf(tr, te, d.nTrees);
      // sklearn and ranger at mtry p/3 for the DML shape too (the forest's own default there).
      if (sk) res["scikit-learn, 1 job"] = external(PY, ["-c", SKLEARN, ftr, fte, `${d.nTrees}`, `${mtry}`, "1"]);
      if (sk) res["scikit-learn, 2 jobs"] = external(PY, ["-c", SKLEARN, ftr, fte, `${d.nTrees}`, `${mtry}`, "2"]);
      if (rg) res["ranger, 1 thread"] = external("Rscript", ["-e", RANGER, ftr, fte, `${d.nTrees}`, `${mtry}`, "1"]);
      if (rg) res["ranger, 2 threads"] = external("Rscript", ["-e", RANGER, ftr, fte, `${d.nTrees}`, `${mtry}`, "2"]);
      const base = res["ours, 1 thread"]!.seconds;
      const skBase = res["scikit-learn, 1 job"]?.seconds;
      for (const [name, r] of Object.entries(res)) {
        if (!r) continue;
        const line = `| ${d.label} | ${name} | ${r.seconds.toFixed(3)} | ${(r.seconds / base).toFixed(2)} | ${skBase ? (r.seconds / skBase).toFixed(2) : "-"} | ${r.r2.toFixed(3)} |`;
        table.push(line);
        console.log(line);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const cpu = (readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/) ?? [])[1] ?? cpus()[0]?.model ?? "unknown";
  const nproc = version("nproc", []) ?? String(cpus().length);
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  const mlrfVersion = (JSON.parse(readFileSync(join(__dirname, "..", "node_modules", "ml-random-forest", "package.json"), "utf8")) as { version: string }).version;
  const md = [
    "# Learners benchmark: random forest fit times",
    "",
    `Generated by \`npm run bench:learners\` on ${new Date().toISOString()}.`,
    `Machine: ${nproc} cores (nproc), ${cpu}. Node ${process.version}; ml-random-forest ${mlrfVersion};`,
    `scikit-learn ${sk ?? "not installed"} (${existsSync(PY) ? PY : "no python3"}); ranger ${rg ?? "not installed"}.`,
    `Load average (1, 5, 15 min): ${loadAtStart} at the start, ${load} at the end (other jobs on the machine slow every`,
    "implementation alike; compare ratios within a row group rather than absolute seconds).",
    "",
    "Settings: 100 trees, all p features tried per split (mtry = p), smallest leaf 5 (ours: minNodeSize 5;",
    "scikit-learn: min_samples_leaf = 5; ranger: min.bucket = 5 where available, else min.node.size = 5;",
    "ml-random-forest: minNumSamples = 5, run on the smallest design only). The DML-shape row uses 200 trees",
    "and mtry = floor(p/3) for every implementation. Ours bins each feature into at most 255 quantile bins",
    "(0/1 dummies exact); scikit-learn and ranger search exact cut points. Times: fit only, best of 3 fits (ml-random-forest: one fit)",
    "(ours after one warm-up fit); ratio columns divide by our 1-thread time and by scikit-learn's 1-job time.",
    "Test R^2 on a common held-out set of 2000 rows (y = sin x1 + x2^2 + 0.5 x3 x4 [+ group effects] + N(0, 0.25)).",
    "",
    "| design | implementation | fit seconds | / ours 1 thread | / sklearn 1 job | test R^2 |",
    "|---|---|---:|---:|---:|---:|",
    ...table,
    "",
  ].join("\n");
  writeFileSync(join(__dirname, "results-learners.md"), md);
  console.log(`wrote ${join(__dirname, "results-learners.md")}`);
}

void main();
