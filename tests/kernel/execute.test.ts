// Notebooks executed in the real tslab kernel (each test starts one kernel: about a second).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { executeNotebook, NotebookCellError } from "../../src/kernel";

const REPO = path.resolve(__dirname, "..", "..");
const FIXTURES = path.join(REPO, "tests", "fixtures", "notebooks");

const rootOf = (copy: string) => path.resolve(path.dirname(copy), "..", "..", "..");

/** A copy of a fixture in a temp folder at the same depth below a folder linking to dist/ (so ../../../dist resolves). */
function tempCopy(name: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "stii-exec-"));
  fs.symlinkSync(path.join(REPO, "dist"), path.join(root, "dist"));
  const dir = path.join(root, "a", "b", "c");
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
  return path.join(dir, name);
}

const nb = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));
const text = (o: any) => (Array.isArray(o.text) ? o.text.join("") : o.text);

test("the smoke notebook runs: every code cell has its output and an execution count, markdown is kept", async () => {
  assert.ok(fs.existsSync(path.join(REPO, "dist", "numeric", "normal.js")), "dist/ is missing: run `npm run build` first");
  const file = tempCopy("smoke.ipynb");
  const seen: number[] = [];
  const run = await executeNotebook(file, { timeoutMs: 30_000, onCell: (c) => seen.push(c.cell) });
  assert.deepEqual(seen, [2, 3, 4, 5]);
  assert.equal(run.cells.length, 4);
  const cells = nb(file).cells;
  assert.equal(cells[0].cell_type, "markdown");
  assert.equal(cells[0].source.join(""), "# Smoke test\nA markdown cell that must survive execution.");
  assert.deepEqual(cells.slice(1).map((c: any) => c.execution_count), [1, 2, 3, 4]);
  for (const c of cells.slice(1)) assert.ok(!c.outputs.some((o: any) => o.output_type === "error"));
  assert.equal(text(cells[1].outputs[0]), "hello from tslab\n");
  assert.deepEqual(cells[2].outputs[0], { output_type: "display_data", data: { "text/html": ["<b>bold</b>"] }, metadata: {} });
  assert.equal(text(cells[3].outputs[0]), "0.9750\n"); // Phi(1.959964) = 0.975, through the compiled library
  assert.equal(text(cells[4].outputs[0]), "42\n");
  assert.equal(nb(file).metadata.kernelspec.name, "tslab");
  fs.rmSync(rootOf(file), { recursive: true, force: true });
});

test("a per-cell timeout fails clearly and names the cell", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-timeout-"));
  const file = path.join(dir, "slow.ipynb");
  fs.writeFileSync(file, JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
    { cell_type: "code", metadata: {}, source: "await new Promise((r) => setTimeout(r, 20000));", outputs: [], execution_count: null },
  ] }));
  await assert.rejects(executeNotebook(file, { timeoutMs: 1500 }), (e: unknown) =>
    e instanceof NotebookCellError && e.cell === 1 && /notebook slow\.ipynb, cell 1: Timeout: cell did not finish within 2 s/.test(e.message));
  assert.equal(nb(file).cells[0].outputs[0].ename, "Timeout");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("stii replicate on a failing notebook: names notebook, cell and error, exits 1, writes the partial notebook", () => {
  const file = tempCopy("failing.ipynb");
  const results = fs.mkdtempSync(path.join(os.tmpdir(), "stii-results-"));
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", `require(${JSON.stringify(path.join(REPO, "src", "cli", "main.ts"))}).main(process.argv.slice(1))`,
    "replicate", "--notebooks", file, "--results", results, "--timeout", "30"], { cwd: REPO, encoding: "utf8" });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /notebook failing\.ipynb, cell 3: RangeError: planted failure/);
  assert.match(r.stdout, /cell 2\/3 \(cell 3\)/);
  const cells = nb(file).cells;
  assert.equal(cells[2].outputs[0].output_type, "error");
  assert.equal(cells[2].outputs[0].evalue, "planted failure");
  assert.equal(cells[3].execution_count, null); // stopped at the failure
  assert.ok(!fs.existsSync(path.join(results, "report.html")));
  for (const d of [results, rootOf(file)]) fs.rmSync(d, { recursive: true, force: true });
});

test("stii replicate --data with a missing file is an input error", () => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "-e", `require(${JSON.stringify(path.join(REPO, "src", "cli", "main.ts"))}).main(process.argv.slice(1))`,
    "replicate", "--data", "/nonexistent/panel.csv"], { cwd: REPO, encoding: "utf8" });
  assert.equal(r.status, 1);
  assert.equal(r.stderr, "stii replicate: --data: no such file /nonexistent/panel.csv\n");
});

test("stii replicate: a bad --seed, --winsorize or --placebo-draws is one input error before any notebook runs", () => {
  const cases: [string[], string][] = [
    [["--seed", "1.5"], "--seed must be a non-negative integer"],
    [["--winsorize", "99,1"], "--winsorize must be two percentiles"],
    [["--winsorize", "5"], "--winsorize must be two percentiles"],
    [["--placebo-draws", "0"], "--placebo-draws must be a positive integer"],
  ];
  for (const [args, message] of cases) {
    const r = spawnSync(process.execPath, ["--import", "tsx", "-e", `require(${JSON.stringify(path.join(REPO, "src", "cli", "main.ts"))}).main(process.argv.slice(1))`,
      "replicate", ...args, "--results", path.join(os.tmpdir(), "stii-never-written")], { cwd: REPO, encoding: "utf8" });
    assert.equal(r.status, 1, args.join(" "));
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.ok(r.stderr.includes(message), r.stderr);
    assert.equal(r.stdout, "");
    assert.ok(!fs.existsSync(path.join(os.tmpdir(), "stii-never-written")));
  }
});
