// `stii replicate`: execute the notebooks headless in the real tslab kernel, write their outputs in place,
// then results/report.html. Builds nothing: the notebooks import the compiled dist/. Notebooks are
// independent (each its own kernel and results files), so `--jobs` of them run at once: one notebook
// leaves a core idle much of the time (its single-threaded steps, the kernel's compiling, the figures'
// Chromium), and each kernel's forests get the cores divided by the jobs (STII_THREADS). The kernels
// draw their figures in one Chromium of this process (figures/figure-server.ts) rather than each in its
// own. The longest start first, by the times of their last run (stored in each notebook), so that no
// long one is left running alone at the end. Each one's log is printed when it ends; the numbers do not
// depend on the order.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { InputError } from "../errors";
import { executeNotebook, lastRunSeconds, NotebookCellError } from "../kernel";
import { clearSections, writeReport } from "../report";
import { findChromium } from "../figures";
import { FIGURE_SOCKET_ENV, startFigureServer, type FigureServer } from "../figures/figure-server";
import { intOpt, parseArgs } from "./args";
import { packageRoot } from "../data/roster";

const REPO = packageRoot();

/** One notebook's line of the closing summary. */
interface NotebookRun { name: string; seconds: number; status: "ok" | "FAILED" }

function globToRegExp(glob: string): RegExp {
  return new RegExp("^" + glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".") + "$");
}

/** The notebooks to run: all of notebooks/*.ipynb, or those matching a comma list of names, paths or globs. */
export function selectNotebooks(dir: string, selector?: string): string[] {
  const all = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort() : [];
  if (!selector) {
    if (all.length === 0) throw new InputError(`no notebooks found in ${dir}`);
    return all.map((f) => path.join(dir, f));
  }
  const picked = new Set<string>();
  for (const item of selector.split(",").map((s) => s.trim()).filter(Boolean)) {
    if (item.includes("/") && !item.includes("*")) {
      if (!fs.existsSync(item)) throw new InputError(`--notebooks: no such notebook ${item}`);
      picked.add(path.resolve(item));
      continue;
    }
    const re = globToRegExp(path.basename(item));
    const hits = all.filter((f) => re.test(f) || re.test(f.replace(/\.ipynb$/, "")));
    if (hits.length === 0) throw new InputError(`--notebooks: "${item}" matches no notebook in ${dir}`);
    for (const f of hits) picked.add(path.join(dir, f));
  }
  return [...picked].sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
}

/** Options that change the data or the random draws reach the notebooks as environment variables (see src/study.ts). */
function studyEnv(opts: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  if (opts.seed !== undefined) {
    if (!/^\d+$/.test(opts.seed)) throw new InputError(`--seed must be a non-negative integer, got "${opts.seed}"`);
    env.STII_SEED = opts.seed;
  }
  if (opts.interpolate) env.STII_INTERPOLATE = "1";
  if (opts["placebo-draws"] !== undefined) {
    if (!/^[1-9]\d*$/.test(opts["placebo-draws"])) throw new InputError(`--placebo-draws must be a positive integer, got "${opts["placebo-draws"]}"`);
    env.STII_PLACEBO_DRAWS = opts["placebo-draws"];
  }
  if (opts.winsorize !== undefined) {
    const p = opts.winsorize.split(",").map(Number);
    if (p.length !== 2 || !p.every((x) => Number.isFinite(x) && x >= 0 && x <= 100) || p[0] >= p[1]) {
      throw new InputError(`--winsorize must be two percentiles "lo,hi" with 0 <= lo < hi <= 100, got "${opts.winsorize}"`);
    }
    env.STII_WINSORIZE = opts.winsorize;
  }
  return env;
}

/**
 * STII_THREADS for each kernel: the user's, else the cores shared among the notebooks that run at once. Two
 * kernels with a forest thread per core each make 4 busy threads on 2 cores; notebooks 04 and 06 run together
 * took 4% longer that way than with one thread each (98 s against 95 s, and 104 s against 100 s, alternating).
 */
export function forestThreads(jobs: number, cores = os.availableParallelism(), given = process.env.STII_THREADS): string {
  return given || String(Math.max(1, Math.floor(cores / jobs)));
}

export const command = {
  summary: "execute the notebooks in the tslab kernel, write their outputs and results/report.html",
  async run(argv: string[]): Promise<void> {
    const args = parseArgs(argv, ["data", "notebooks", "results", "timeout", "seed", "winsorize", "placebo-draws", "jobs"], ["interpolate"]);
    const data = args.opts.data === undefined ? undefined : path.resolve(args.opts.data);
    if (data !== undefined && !fs.statSync(data, { throwIfNoEntry: false })?.isFile()) throw new InputError(`--data: no such file ${args.opts.data}`);
    const results = path.resolve(args.opts.results ?? path.join(REPO, "results"));
    const timeoutMs = intOpt(args, "timeout", 600, 1) * 1000;
    const jobs = intOpt(args, "jobs", Math.min(2, os.cpus().length), 1);
    const dataEnv = studyEnv(args.opts);
    const threads = forestThreads(jobs);
    const notebooks = selectNotebooks(path.join(REPO, "notebooks"), args.opts.notebooks);
    const sections = notebooks.map((nb) => path.basename(nb, ".ipynb"));
    clearSections(sections, results);

    const log = (s: string) => process.stdout.write(s + "\n");
    const started = Date.now();
    log(`stii replicate: ${notebooks.length} notebook(s), ${jobs} at a time (${threads} forest thread(s) each), data: ${data ?? "simulated panel (default)"}, results: ${results}`);
    const summary: (NotebookRun | undefined)[] = notebooks.map(() => undefined);
    const order = longestFirst(notebooks);
    const chromium = findChromium();
    const figures: FigureServer | undefined = chromium ? await startFigureServer(chromium).catch(() => undefined) : undefined;
    let failure: unknown, next = 0;
    // A worker takes the next notebook until none is left or one has failed (those running then finish).
    const worker = async (): Promise<void> => {
      while (failure === undefined && next < order.length) {
        const k = order[next++], nb = notebooks[k], name = path.basename(nb);
        const lines = [name];
        const env: Record<string, string> = { STII_RESULTS: results, STII_NOTEBOOK: path.basename(nb, ".ipynb"), STII_THREADS: threads };
        if (figures) env[FIGURE_SOCKET_ENV] = figures.socket;
        if (data) env.STII_DATA = data;
        Object.assign(env, dataEnv);
        const t0 = Date.now();
        try {
          await executeNotebook(nb, {
            env,
            timeoutMs,
            onCell: (c) => lines.push(`  cell ${c.index}/${c.total} (cell ${c.cell})  ${c.seconds.toFixed(1)} s${c.status === "ok" ? "" : "  " + c.status}`),
          });
          summary[k] = { name, seconds: (Date.now() - t0) / 1000, status: "ok" };
        } catch (e) {
          summary[k] = { name, seconds: (Date.now() - t0) / 1000, status: "FAILED" };
          failure ??= e;
        }
        log(lines.join("\n"));
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(jobs, notebooks.length) }, worker));
    } finally {
      figures?.close();
    }
    const done = summary.filter((r): r is NotebookRun => r !== undefined);
    if (failure !== undefined) {
      printSummary(log, done, started);
      if (!(failure instanceof NotebookCellError)) throw failure;
      process.stderr.write(`${failure.message}\n`);
      process.exitCode = 1;
      return;
    }
    printSummary(log, done, started);
    const report = writeReport({ dir: results, simulated: data === undefined, dataLabel: data ? path.basename(data) : undefined });
    log(`report: ${report}`);
  },
};

/** Indices of the notebooks, longest last run first; one never run (no time stored) counts as longest. Ties keep name order. */
export function longestFirst(notebooks: readonly string[]): number[] {
  const seconds = notebooks.map((nb) => lastRunSeconds(nb) ?? Infinity);
  return notebooks.map((_, k) => k).sort((a, b) => (seconds[b] === seconds[a] ? a - b : seconds[b] > seconds[a] ? 1 : -1));
}

function printSummary(log: (s: string) => void, rows: NotebookRun[], started: number): void {
  const w = Math.max(8, ...rows.map((r) => r.name.length));
  log(`\n${"notebook".padEnd(w)}  ${"seconds".padStart(8)}  status`);
  for (const r of rows) log(`${r.name.padEnd(w)}  ${r.seconds.toFixed(1).padStart(8)}  ${r.status}`);
  log(`${"total".padEnd(w)}  ${rows.reduce((s, r) => s + r.seconds, 0).toFixed(1).padStart(8)}`);
  log(`${"wall clock".padEnd(w)}  ${((Date.now() - started) / 1000).toFixed(1).padStart(8)}`);
}
