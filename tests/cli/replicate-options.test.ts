// `stii replicate --interpolate --winsorize lo,hi` (with --data, --seed, --placebo-draws): the options
// reach the notebooks' kernel as STII_* variables, and the notebooks' loading path (loadStudy with
// studyOptionsFromEnv, src/study.ts) turns them into a panel whose gap is filled and whose extreme
// values are pulled in to the percentiles, computed here by hand.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { forestThreads } from "../../src/cli/replicate";
import { loadStudy, studyOptionsFromEnv } from "../../src/study";

const REPO = path.resolve(__dirname, "..", "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-replicate-options-"));
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));

// A small panel: Hebei's cities from the simulated panel, with one interior gap and one extreme value in S01.
const COLUMN = "S01_sci_firms";
const lines = fs.readFileSync(path.join(REPO, "data", "simulated", "panel.csv"), "utf8").trimEnd().split("\n");
const header = lines[0].split(",");
const [jCode, jYear, jCol] = ["city_code", "year", COLUMN].map((c) => header.indexOf(c));
const rows = lines.slice(1).map((l) => l.split(",")).filter((r) => r[jCode].startsWith("13"));
const at = (code: string, year: number) => rows.find((r) => r[jCode] === code && Number(r[jYear]) === year)!;
const gapCity = rows[0][jCode], outlierCity = rows[rows.length - 1][jCode];
const before = Number(at(gapCity, 2014)[jCol]), after = Number(at(gapCity, 2016)[jCol]);
at(gapCity, 2015)[jCol] = "";
at(outlierCity, 2018)[jCol] = "1e9";
const panelFile = path.join(dir, "small-panel.csv");
fs.writeFileSync(panelFile, [header, ...rows].map((r) => r.join(",")).join("\n") + "\n");

/** Type-7 percentile (linear between order statistics, R's and numpy's default), written here. */
function pct(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b), h = (s.length - 1) * p / 100, k = Math.floor(h);
  return k + 1 < s.length ? s[k] + (h - k) * (s[k + 1] - s[k]) : s[k];
}

test("stii replicate passes --interpolate, --winsorize, --seed, --placebo-draws and --data to the kernel", () => {
  const nb = path.join(dir, "env.ipynb");
  const cell = (src: string) => ({ cell_type: "code", execution_count: null, id: "env", metadata: {}, outputs: [], source: [src] });
  fs.writeFileSync(nb, JSON.stringify({ cells: [cell(`console.log(JSON.stringify(["STII_INTERPOLATE", "STII_WINSORIZE", "STII_SEED", "STII_PLACEBO_DRAWS", "STII_DATA"].map((k) => process.env[k] ?? null)));`)],
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } }, nbformat: 4, nbformat_minor: 5 }));
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(REPO, "tests", "dml", "run-cli.ts"), "replicate", "--notebooks", nb, "--results", path.join(dir, "results"),
    "--data", panelFile, "--interpolate", "--winsorize", "5,95", "--seed", "9", "--placebo-draws", "3"], { cwd: REPO, encoding: "utf8", env: { ...process.env, STII_PROGRESS: "0" } });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  const out = JSON.parse(fs.readFileSync(nb, "utf8")).cells[0].outputs.find((o: { name?: string }) => o.name === "stdout");
  assert.deepEqual(JSON.parse([out.text].flat().join("")), ["1", "5,95", "9", "3", panelFile]);
});

test("the notebooks' loading path: STII_INTERPOLATE fills the gap linearly, STII_WINSORIZE moves values to the percentiles", async () => {
  const env = { STII_DATA: panelFile, STII_INTERPOLATE: "1", STII_WINSORIZE: "5,95" };
  const study = await loadStudy(studyOptionsFromEnv(env));
  assert.equal(study.simulated, false);
  assert.deepEqual(study.options, { interpolate: true, winsorize: [5, 95] });
  const codes = study.table.array("city_code") as string[], years = study.table.array("year") as number[];
  const value = study.table.array(COLUMN) as Float64Array;
  const row = (code: string, year: number) => codes.findIndex((c, i) => c === code && years[i] === year);

  // By hand: interpolate (midpoint of 2014 and 2016), then the 5th and 95th percentiles of the filled column.
  const raw = rows.map((r) => (r === at(gapCity, 2015) ? (before + after) / 2 : Number(r[jCol])));
  const lo = pct(raw, 5), hi = pct(raw, 95);
  const filled = Math.min(Math.max((before + after) / 2, lo), hi);
  assert.ok(Math.abs(value[row(gapCity, 2015)] - filled) < 1e-9, `gap filled with ${value[row(gapCity, 2015)]}, want ${filled}`);
  assert.ok(Math.abs(value[row(outlierCity, 2018)] - hi) < 1e-9 * hi, `1e9 winsorized to ${value[row(outlierCity, 2018)]}, want the 95th percentile ${hi}`);
  const moved = raw.filter((v) => v < lo || v > hi).length;
  assert.ok(moved >= 2 * Math.floor(rows.length * 0.05), `${moved} values lie outside [p5, p95]`);
  raw.forEach((v, k) => {
    const i = row(rows[k][jCode], Number(rows[k][jYear]));
    assert.ok(Math.abs(value[i] - Math.min(Math.max(v, lo), hi)) <= 1e-9 * Math.max(1, Math.abs(v)), `${rows[k][jCode]} ${rows[k][jYear]}: ${value[i]}`);
  });
  const w = study.report.winsorize.columns[COLUMN];
  assert.equal(w.movedLow + w.movedHigh, moved);

  // Without the options the same file keeps its gap and its extreme value.
  const plain = await loadStudy(studyOptionsFromEnv({ STII_DATA: panelFile }));
  const v0 = plain.table.array(COLUMN) as Float64Array;
  assert.ok(Number.isNaN(v0[row(gapCity, 2015)]) || v0[row(gapCity, 2015)] === null);
  assert.equal(v0[row(outlierCity, 2018)], 1e9);
});

test("stii replicate --jobs: notebooks run at once, each keeps its own outputs; a failing one fails the run; --jobs 0 is refused", () => {
  const cell = (src: string) => ({ cell_type: "code", execution_count: null, id: "c", metadata: {}, outputs: [], source: [src] });
  const write = (name: string, src: string) => {
    const nb = path.join(dir, name);
    fs.writeFileSync(nb, JSON.stringify({ cells: [cell(src)], metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } }, nbformat: 4, nbformat_minor: 5 }));
    return nb;
  };
  const run = (nbs: string[], jobs: string) => spawnSync(process.execPath, ["--import", "tsx", path.join(REPO, "tests", "dml", "run-cli.ts"), "replicate", "--notebooks", nbs.join(","), "--results", path.join(dir, "results-jobs"), "--jobs", jobs],
    { cwd: REPO, encoding: "utf8", env: { ...process.env, STII_PROGRESS: "0" } });
  const nbs = ["a", "b", "c"].map((k) => write(`jobs-${k}.ipynb`, `console.log(process.env.STII_NOTEBOOK);`));
  const ok = run(nbs, "3");
  assert.equal(ok.status, 0, `${ok.stdout}\n${ok.stderr}`);
  assert.match(ok.stdout, /3 notebook\(s\), 3 at a time/);
  for (const [k, nb] of nbs.entries()) {
    const out = JSON.parse(fs.readFileSync(nb, "utf8")).cells[0].outputs[0];
    assert.equal([out.text].flat().join("").trim(), `jobs-${"abc"[k]}`);
  }
  // The summary lists the notebooks in name order, whatever order they finished in.
  assert.deepEqual([...ok.stdout.matchAll(/^(jobs-\w)\.ipynb\s+[\d.]+\s+ok$/gm)].map((m) => m[1]), ["jobs-a", "jobs-b", "jobs-c"]);
  const bad = write("jobs-b.ipynb", `throw new Error("planted failure");`);
  const failed = run([nbs[0], bad, nbs[2]], "2");
  assert.equal(failed.status, 1);
  assert.match(failed.stdout, /jobs-b\.ipynb\s+[\d.]+\s+FAILED/);
  assert.match(failed.stderr, /planted failure/);
  // Each run stored its time in the notebook; the next run starts the longest first (one never run, first of all).
  for (const nb of nbs) assert.equal(typeof JSON.parse(fs.readFileSync(nb, "utf8")).metadata.stii.seconds, "number");
  const orderFile = path.join(dir, "order.txt");
  const logOrder = (k: string, seconds?: number) => {
    const nb = write(`order-${k}.ipynb`, `require("fs").appendFileSync(${JSON.stringify(orderFile)}, "${k}\\n");`);
    if (seconds !== undefined) {
      const j = JSON.parse(fs.readFileSync(nb, "utf8"));
      j.metadata.stii = { seconds };
      fs.writeFileSync(nb, JSON.stringify(j));
    }
    return nb;
  };
  const ordered = [logOrder("a", 2), logOrder("b", 30), logOrder("c"), logOrder("d", 7)];
  fs.rmSync(orderFile, { force: true });
  assert.equal(run(ordered, "1").status, 0);
  assert.deepEqual(fs.readFileSync(orderFile, "utf8").trim().split("\n"), ["c", "b", "d", "a"]);
  const zero = run(nbs, "0");
  assert.equal(zero.status, 1);
  assert.match(zero.stderr, /--jobs must be an integer >= 1, got "0"/);
});

test("each kernel's forests get the cores divided by --jobs (at least one), unless STII_THREADS is set", () => {
  assert.equal(forestThreads(2, 2, undefined), "1");
  assert.equal(forestThreads(1, 2, undefined), "2");
  assert.equal(forestThreads(3, 2, undefined), "1");
  assert.equal(forestThreads(2, 8, ""), "4");
  assert.equal(forestThreads(2, 2, "3"), "3");
});
