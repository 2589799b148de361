// `stii dml` end to end: valid JSON with SPEC section 9's keys, and every kind of bad input ends in
// exit 1 with one line on stderr and nothing on stdout.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../src/cli/main";
import { dml } from "../../src/dml";
import { simulatePanel, toCsv } from "./helpers";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-dml-"));
const csv = toCsv(simulatePanel(30, 6).derive({ T1: (r: { fold: number }) => (r.fold === 1 ? 1 : 0) }));
const file = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };
const good = file("panel.csv", csv);
const lines = csv.trimEnd().split("\n");
const header = lines[0].split(",");
/** The panel with one cell replaced (data row `row`, 1-based). */
const withCell = (name: string, row: number, column: string, value: string) => {
  const j = header.indexOf(column);
  const out = lines.map((l, i) => (i === row ? l.split(",").map((c, k) => (k === j ? value : c)).join(",") : l));
  return file(name, out.join("\n") + "\n");
};

function stii(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", path.join(__dirname, "run-cli.ts"), "dml", ...args], { env: { ...process.env, STII_PROGRESS: "0" } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** The same entry point in this process, stdout/stderr captured: fast enough to try every bad input. */
async function stiiInProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  const [w1, w2, before] = [process.stdout.write, process.stderr.write, process.exitCode];
  process.stdout.write = ((c: string) => { out.stdout += c; return true; }) as typeof process.stdout.write;
  process.stderr.write = ((c: string) => { out.stderr += c; return true; }) as typeof process.stderr.write;
  process.exitCode = 0;
  try {
    await main(["dml", ...args]);
  } finally {
    process.stdout.write = w1;
    process.stderr.write = w2;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = before;
  return { code, ...out };
}

const base = ["--y", "FI", "--d", "Bigdata", "--x", "Gdp,Pas,Fin", "--learner", "ols"];

test("valid run prints SPEC section 9's JSON, with sensitivity objects when asked", async () => {
  const r = await stii(["--data", good, ...base, "--d", "Bigdata,LowCarbon", "--folds", "3", "--reps", "2", "--seed", "4", "--sensitivity", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j), ["model", "learner", "n", "folds", "reps", "terms"]);
  assert.deepEqual([j.model, j.learner, j.n, j.folds, j.reps], ["plr", "ols", 180, 3, 2]);
  assert.deepEqual(j.terms.map((t: { name: string }) => t.name), ["Bigdata", "LowCarbon"]);
  assert.deepEqual(Object.keys(j.terms[0]), ["name", "coef", "se", "t", "p", "ci", "sensitivity"]);
  assert.deepEqual(Object.keys(j.terms[0].sensitivity), ["cf_y", "cf_d", "rho", "theta_lower", "theta_upper", "ci_lower", "ci_upper", "rv", "rva"]);
  assert.equal(j.terms[0].sensitivity.cf_y, 0.03);
  const s = await stii(["--data", good, ...base, "--sensitivity", "0.1,0.2,0.5", "--fe", "year", "--subset", "capital==0", "--se", "cluster", "--json"]);
  assert.equal(s.code, 0, s.stderr);
  const k = JSON.parse(s.stdout);
  assert.deepEqual([k.terms[0].sensitivity.cf_y, k.terms[0].sensitivity.cf_d, k.terms[0].sensitivity.rho], [0.1, 0.2, 0.5]);
  assert.equal(k.n, 180 - 6 * 6); // cities 0, 5, 10, ... are capitals in the simulation
});

const bad: [string, string[], RegExp][] = [
  ["missing column", ["--data", good, ...base, "--x", "Gdp,Nope"], /column Nope not found/],
  ["non-numeric cell", ["--data", withCell("text.csv", 3, "Gdp", "abc"), ...base], /Gdp/],
  ["empty cell", ["--data", withCell("empty.csv", 4, "Pas", ""), ...base], /column Pas: missing value at city_code=\d+, year=2013/],
  ["duplicate city-year", ["--data", file("dup.csv", csv + lines[1] + "\n"), ...base], /duplicate|twice/i],
  ["non-binary IRM treatment", ["--data", good, ...base, "--d", "Dend", "--model", "irm"], /binary 0\/1 treatment: Dend/],
  ["fold without variation", ["--data", good, ...base, "--d", "T1", "--fold-column", "fold"], /fold 1 of 4: no variation in T1/],
  ["empty subset", ["--data", good, ...base, "--subset", "year>3000"], /leaves no rows/],
  ["bad folds", ["--data", good, ...base, "--folds", "1"], /--folds/],
  ["bad learner", ["--data", good, ...base, "--learner", "xgb"], /--learner must be one of/],
  ["bad se", ["--data", good, ...base, "--se", "hc3"], /--se must be one of/],
  ["bad sensitivity", ["--data", good, ...base, "--sensitivity", "1,0.1"], /cf_y must lie in \[0, 1\)/],
  ["sensitivity with IRM", ["--data", good, ...base, "--model", "irm", "--sensitivity"], /sensitivity analysis is defined for model plr/],
  ["missing file", ["--data", path.join(dir, "none.csv"), ...base], /no such file/],
];

test("bad input: one line on stderr naming the problem, exit 1, nothing on stdout", async () => {
  // One case through a real process, to check the exit code the shell sees; the rest in-process.
  const real = await stii([...bad[0][1], "--json"]);
  assert.deepEqual([real.code, real.stdout], [1, ""]);
  assert.match(real.stderr, /^stii dml: column Nope not found \(control\)\n$/);
  for (const [what, args, pattern] of bad) {
    const r = await stiiInProcess([...args, "--json"]);
    assert.equal(r.code, 1, `${what}: exit ${r.code} ${r.stderr}`);
    assert.equal(r.stdout, "", `${what}: stdout ${r.stdout}`);
    assert.equal(r.stderr.trimEnd().split("\n").length, 1, `${what}: ${r.stderr}`);
    assert.match(r.stderr, pattern, what);
  }
});

test("--panel through the CLI: the library's fit, the cluster se by unit, the approach named in the JSON", async () => {
  const r = await stiiInProcess(["--data", good, ...base, "--panel", "cre", "--folds", "4", "--seed", "2", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  const lib = await dml({ data: simulatePanel(30, 6), y: "FI", d: "Bigdata", x: ["Gdp", "Pas", "Fin"], learner: "ols", panel: "cre", folds: 4, seed: 2 });
  assert.equal(j.panel, "cre");
  assert.equal(j.terms[0].coef, lib.terms[0].coef);
  assert.equal(j.terms[0].se, lib.terms[0].se);
  assert.equal(lib.se, "cluster");
});

test("--panel cre-normal is accepted by the CLI", async () => {
  const r = await stiiInProcess(["--data", good, ...base, "--panel", "cre-normal", "--folds", "3", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).panel, "cre-normal");
});
