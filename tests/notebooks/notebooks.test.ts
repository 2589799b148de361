// Every notebook executes headless in the real tslab kernel with no error output, and the paper tables it
// writes have the paper's columns and terms. The fresh run's results/tables/*.json, results/figures/*.json
// and every notebook's outputs (less timings and the static images, which depend on the machine's
// Chromium) equal the committed ones. Also: two runs on the same small panel and seed (one notebook at a
// time, and three at once) give byte-identical results/ files. These are the slowest tests: the whole
// replication runs once, shared by every test below that needs it (freshRun), and each run renders its
// figures into its own cache folder.
import { after, test } from "node:test";
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

/** `stii replicate` with a figure cache of its own (next to results), so every figure is drawn in this run. */
function replicate(notebooks: string[], results: string, extra: string[] = []): { status: number | null; out: string } {
  const cache = `${results}-figure-cache`;
  fs.rmSync(cache, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [path.join(REPO, "bin", "stii.js"), "replicate", "--notebooks", notebooks.join(","), "--results", results, ...extra], {
    cwd: REPO, encoding: "utf8", env: { ...process.env, STII_PROGRESS: "0", STII_FIGURE_CACHE: cache },
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

/** The whole replication on the default panel, once per test process, on copies of the committed notebooks. */
let fresh: { dir: string; copies: string[]; results: string; run: { status: number | null; out: string } } | undefined;
function freshRun(): NonNullable<typeof fresh> {
  if (!fresh) {
    const dir = scratch("all");
    const copies = notebookFiles.map((f) => {
      fs.copyFileSync(path.join(NOTEBOOKS, f), path.join(dir, f));
      return path.join(dir, f);
    });
    const results = path.join(dir, "results");
    fresh = { dir, copies, results, run: replicate(copies, results) };
  }
  assert.equal(fresh.run.status, 0, `stii replicate failed:\n${fresh.run.out.slice(-3000)}`);
  return fresh;
}
after(() => { if (fresh) fs.rmSync(fresh.dir, { recursive: true, force: true }); });

test("every notebook executes headless on the default panel, and the paper tables have the paper's shape", () => {
  const { copies, results } = freshRun();
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
});

/** Where two texts first differ, briefly, for a failure message. */
function firstDifference(committed: string, now: string): string {
  let i = 0;
  while (i < committed.length && committed[i] === now[i]) i++;
  const clip = (t: string) => JSON.stringify(t.slice(Math.max(0, i - 60), i + 100));
  return `at character ${i}: committed ${clip(committed)}, fresh run ${clip(now)}`;
}

test("the fresh run's results/tables/*.json and results/figures/*.json equal the committed results/", () => {
  const { results } = freshRun();
  for (const kind of ["tables", "figures"]) {
    const list = (root: string) => fs.readdirSync(path.join(root, kind)).filter((f) => f.endsWith(".json")).sort();
    const committed = list(path.join(REPO, "results")), now = list(results);
    assert.deepEqual(now, committed, `results/${kind}: the fresh run writes other files than are committed`);
    for (const f of committed) {
      const a = fs.readFileSync(path.join(REPO, "results", kind, f), "utf8"), b = fs.readFileSync(path.join(results, kind, f), "utf8");
      assert.ok(a === b, `results/${kind}/${f} moved (the first of results/${kind} that did) ${firstDifference(a, b)}; re-run \`npm run replicate\` and commit`);
    }
  }
  // Where Chromium is expected (.ci/run sets STII_EXPECT_CHROMIUM=1 once it is installed), a figure drawn by the SVG fallback fails.
  if (process.env.STII_EXPECT_CHROMIUM === "1") {
    const figures = fs.readdirSync(path.join(results, "figures"));
    const svg = figures.filter((f) => f.endsWith(".svg"));
    assert.deepEqual(svg, [], `Chromium is expected but these figures fell back to SVG: ${svg.join(", ")}`);
    for (const f of figures.filter((g) => g.endsWith(".json"))) assert.ok(figures.includes(f.replace(/\.json$/, ".png")), `no PNG for results/figures/${f}`);
  }
});

// What in a notebook's outputs depends on the clock or the machine, not the code: elapsed times ("2.1 s",
// "280 ms", a progress bar's "(10.7 s, 0.11 s each)", a table's "seconds" or "time (ms)" column), the static images
// (Chromium's version and fonts), the renderer named in a figure's text line, and the absolute path of the
// results folder (a notebook may print where it saved a file). A display with HTML is
// compared by its HTML (its text/plain is a 200-character plain copy of it).
const TIME = /\d+(?:\.\d+)?(?=\s?m?s\b)/g;
/** Elapsed times masked, and the results folder's absolute path (where the notebooks ran) reduced to "results/". */
const machineFree = (text: string) => text.replace(TIME, "#").replace(/(?:\/[^\s'"\\/]+)+\/results\//g, "results/");
const TIME_HEADER = /^(seconds|time \((s|ms)\))$/;
function maskSecondsColumns(html: string): string {
  return html.replace(/<table[\s\S]*?<\/table>/g, (tab) => {
    const heads = [...tab.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => m[1]);
    const k = heads.findIndex((h) => TIME_HEADER.test(h));
    if (k < 0) return tab;
    return tab.replace(/<tr>([\s\S]*?)<\/tr>/g, (row) => {
      let j = 0;
      return row.replace(/(<td[^>]*>)([\s\S]*?)(<\/td>)/g, (m, open, _v, close) => (j++ === k ? `${open}(time)${close}` : m));
    });
  });
}
type Output = { output_type: string; name?: string; text?: string | string[]; data?: Record<string, unknown>; ename?: string; evalue?: string };
const joined = (t: unknown) => (Array.isArray(t) ? t.join("") : t);
function comparable(o: Output): unknown {
  if (o.output_type === "stream") return { stream: o.name, text: machineFree(String(joined(o.text))) };
  if (o.output_type === "error") return { error: o.ename, evalue: o.evalue };
  const data: Record<string, unknown> = {};
  for (const [mime, v] of Object.entries(o.data ?? {})) {
    if (mime.startsWith("image/") || (mime === "text/plain" && o.data?.["text/html"] !== undefined)) continue;
    const text = joined(v);
    if (mime === "text/html") data[mime] = machineFree(maskSecondsColumns(String(text)));
    else if (mime === "text/plain") data[mime] = machineFree(String(text).replace(/static image by [^>]*>/, "static image>"));
    else data[mime] = v;
  }
  return { [o.output_type]: data };
}

test("every notebook's outputs in the fresh run equal the committed notebook's, timings and images aside", () => {
  const { copies } = freshRun();
  for (const copy of copies) {
    const name = path.basename(copy);
    const cells = (file: string) => (JSON.parse(fs.readFileSync(file, "utf8")).cells as { cell_type: string; outputs?: Output[] }[])
      .map((c, i) => ({ cell: i + 1, outputs: JSON.stringify((c.outputs ?? []).map(comparable)) }));
    const committed = cells(path.join(NOTEBOOKS, name)), now = cells(copy);
    assert.equal(now.length, committed.length, `${name}: cell count changed`);
    committed.forEach((c, i) => {
      assert.ok(c.outputs === now[i].outputs, `${name} cell ${c.cell} moved (its first output that did: ${firstDifference(c.outputs, now[i].outputs)}); re-run \`npm run replicate\` and commit`);
    });
  }
});

test("two runs of stii replicate on the same small panel and seed, one notebook at a time and three at once, write byte-identical results/", () => {
  const dir = scratch("repro");
  try {
    // A small real-data-style panel: four provinces of the simulated panel (treated and untreated cities).
    // Each run draws its figures afresh (its own figure cache), so the PNGs compared were rendered twice.
    const lines = fs.readFileSync(path.join(REPO, "data", "simulated", "panel.csv"), "utf8").trimEnd().split("\n");
    const code = lines[0].split(",").indexOf("city_code");
    const keep = lines.filter((l, i) => i === 0 || ["13", "14", "41", "42"].includes(l.split(",")[code].slice(0, 2)));
    const data = path.join(dir, "small-panel.csv");
    fs.writeFileSync(data, keep.join("\n") + "\n");

    const chosen = notebookFiles.filter((f) => /^(02|04|05)-/.test(f));
    assert.equal(chosen.length, 3);
    const listing = (root: string): string[] => fs.readdirSync(root, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(root, f)).isFile()).sort();
    const runs = (["a", "b"] as const).map((tag) => {
      const copies = chosen.map((f) => {
        const to = path.join(dir, f); // same names in both runs, so manifests and report.html compare too
        fs.copyFileSync(path.join(NOTEBOOKS, f), to);
        return to;
      });
      const results = path.join(dir, `results-${tag}`);
      const run = replicate(copies, results, ["--data", data, "--seed", "7", "--jobs", tag === "a" ? "1" : "3"]);
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
