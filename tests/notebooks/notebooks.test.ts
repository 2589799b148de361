// Every notebook executes headless in the real tslab kernel with no error output, and the paper tables it
// writes have the paper's columns and terms. Also: two runs on the same small panel and seed give
// byte-identical results/ files. These are the slowest tests (the whole replication runs once).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { loadPaperResults } from "../../src/tables";

const REPO = path.resolve(__dirname, "..", "..");
const NOTEBOOKS = path.join(REPO, "notebooks");
const notebookFiles = fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort();

/** A scratch folder one level below the repository, so the notebooks' `../dist/index` import resolves. */
function scratch(tag: string): string {
  const dir = path.join(REPO, `.nbtest-${tag}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  return dir;
}

function replicate(notebooks: string[], results: string, extra: string[] = []): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [path.join(REPO, "bin", "stii.js"), "replicate", "--notebooks", notebooks.join(","), "--results", results, ...extra], {
    cwd: REPO, encoding: "utf8", env: { ...process.env, STII_PROGRESS: "0" },
  });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

const readNb = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as { cells: { cell_type: string; outputs?: { output_type: string; ename?: string; evalue?: string }[]; execution_count?: number | null }[] };

function errorsIn(file: string): string[] {
  return readNb(file).cells.flatMap((c, i) => (c.outputs ?? []).filter((o) => o.output_type === "error").map((o) => `cell ${i + 1}: ${o.ename}: ${o.evalue}`));
}

test("the committed notebooks are executed: every code cell ran, none shows an error", () => {
  assert.ok(notebookFiles.length >= 9, `expected the 9 notebooks, found ${notebookFiles.join(", ")}`);
  for (const f of notebookFiles) {
    const nb = readNb(path.join(NOTEBOOKS, f));
    const code = nb.cells.filter((c) => c.cell_type === "code");
    assert.ok(code.length > 0, `${f} has no code cells`);
    assert.ok(code.every((c) => typeof c.execution_count === "number"), `${f} has code cells that were not executed`);
    assert.deepEqual(errorsIn(path.join(NOTEBOOKS, f)), [], `${f} holds error output`);
  }
});

test("every notebook executes headless on the default panel, and the paper tables have the paper's shape", () => {
  const dir = scratch("all");
  try {
    const copies = notebookFiles.map((f) => {
      fs.copyFileSync(path.join(NOTEBOOKS, f), path.join(dir, f));
      return path.join(dir, f);
    });
    const results = path.join(dir, "results");
    const run = replicate(copies, results);
    assert.equal(run.status, 0, `stii replicate failed:\n${run.out.slice(-3000)}`);
    for (const c of copies) assert.deepEqual(errorsIn(c), [], `${path.basename(c)} holds error output`);

    // Each paper table saved by the notebooks lines up with the paper's reported table.
    const paper = loadPaperResults() as unknown as Record<string, { columns: { terms: Record<string, unknown>; n: number }[] }>;
    for (const name of ["table3", "table4", "table5", "table6"]) {
      const file = path.join(results, "tables", `${name}.json`);
      assert.ok(fs.existsSync(file), `results/tables/${name}.json was not written`);
      const ours = JSON.parse(fs.readFileSync(file, "utf8")) as { columns: { terms: Record<string, { coef: number; se: number }>; n: number }[] };
      const theirs = paper[name].columns;
      assert.equal(ours.columns.length, theirs.length, `${name}: ${ours.columns.length} columns, the paper has ${theirs.length}`);
      ours.columns.forEach((col, k) => {
        for (const term of Object.keys(theirs[k].terms)) {
          const e = col.terms[term];
          assert.ok(e, `${name} column ${k + 1} lacks the term ${term}`);
          assert.ok(Number.isFinite(e.coef) && e.se > 0, `${name} column ${k + 1} ${term}: coef ${e.coef}, se ${e.se}`);
        }
        assert.ok(Number.isInteger(col.n) && col.n > 0, `${name} column ${k + 1}: N ${col.n}`);
      });
    }
    assert.ok(fs.existsSync(path.join(results, "report.html")), "report.html was not written");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("two runs of stii replicate on the same small panel and seed write byte-identical results/", () => {
  const dir = scratch("repro");
  try {
    // A small real-data-style panel: four provinces of the simulated panel (treated and untreated cities).
    const lines = fs.readFileSync(path.join(REPO, "data", "simulated", "panel.csv"), "utf8").trimEnd().split("\n");
    const code = lines[0].split(",").indexOf("city_code");
    const keep = lines.filter((l, i) => i === 0 || ["13", "14", "41", "42"].includes(l.split(",")[code].slice(0, 2)));
    const data = path.join(dir, "small-panel.csv");
    fs.writeFileSync(data, keep.join("\n") + "\n");

    const chosen = notebookFiles.filter((f) => /^(02|04|05)-/.test(f));
    assert.equal(chosen.length, 3);
    const listing = (root: string): string[] => fs.readdirSync(root, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(root, f)).isFile()).sort();
    const runs = ["a", "b"].map((tag) => {
      const copies = chosen.map((f) => {
        const to = path.join(dir, f); // same names in both runs, so manifests and report.html compare too
        fs.copyFileSync(path.join(NOTEBOOKS, f), to);
        return to;
      });
      const results = path.join(dir, `results-${tag}`);
      const run = replicate(copies, results, ["--data", data, "--seed", "7"]);
      assert.equal(run.status, 0, `run ${tag} failed:\n${run.out.slice(-3000)}`);
      return results;
    });
    const [a, b] = runs.map(listing);
    assert.ok(a.length > 5, `too few result files: ${a.join(", ")}`);
    assert.deepEqual(a, b);
    for (const f of a) {
      assert.ok(fs.readFileSync(path.join(runs[0], f)).equals(fs.readFileSync(path.join(runs[1], f))), `results/${f} differs between two identical runs`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
