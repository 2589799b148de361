// `stii dml` end to end: valid JSON with SPEC section 9's keys, and every kind of bad input ends in
// exit 1 with one line on stderr and nothing on stdout.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runMain } from "../fixtures/run-main";
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
const stiiInProcess = (args: string[]) => runMain(["dml", ...args]);

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
  ["missing column", ["--data", good, ...base, "--x", "Gdp,Nope"], /panel\.csv: column Nope not found \(the file has city, city_code, /],
  ["non-numeric cell", ["--data", withCell("text.csv", 3, "Gdp", "abc"), ...base], /Gdp/],
  ["empty cell", ["--data", withCell("empty.csv", 4, "Pas", ""), ...base], /empty\.csv: row 5, column Pas: empty cell\n/],
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
  assert.match(real.stderr, /^stii dml: \S+panel\.csv: column Nope not found \(the file has [^\n]*\)\n$/);
  for (const [what, args, pattern] of bad) {
    const r = await stiiInProcess([...args, "--json"]);
    assert.equal(r.code, 1, `${what}: exit ${r.code} ${r.stderr}`);
    assert.equal(r.stdout, "", `${what}: stdout ${r.stdout}`);
    assert.equal(r.stderr.trimEnd().split("\n").length, 1, `${what}: ${r.stderr}`);
    assert.match(r.stderr, pattern, what);
  }
});

// The generic path (SPEC section 11) on the shipped example: firm ids, years 1991-2005, a column named capital.
const firms = path.join(__dirname, "..", "..", "data", "examples", "firms.csv");
const firmArgs = ["--data", firms, "--id", "firm", "--y", "invest", "--d", "subsidy", "--x", "value,capital", "--learner", "ols", "--seed", "3"];

test("generic panel: non-6-digit ids, years outside 2010-2022, `capital` a continuous control; same numbers as the library", async () => {
  const r = await stiiInProcess([...firmArgs, "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.n, 300);
  // Independent path: the library on the table built here by hand from the CSV, no reader involved.
  const text = fs.readFileSync(firms, "utf8").trim().split("\n");
  const head = text[0].split(",");
  const rows = text.slice(1).map((l) => l.split(","));
  const col = (c: string) => rows.map((r) => r[head.indexOf(c)]);
  const num = (c: string) => Float64Array.from(col(c), Number);
  const { table } = await import("arquero");
  const t = table({ firm: col("firm"), year: num("year"), invest: num("invest"), subsidy: num("subsidy"), value: num("value"), capital: num("capital") });
  const lib = await dml({ data: t, y: "invest", d: "subsidy", x: ["value", "capital"], learner: "ols", seed: 3 });
  assert.equal(j.terms[0].coef, lib.terms[0].coef); // the file is already sorted by firm then year
  assert.equal(j.terms[0].se, lib.terms[0].se);
  // The paper profile refuses the same file: it is not a 283-city panel.
  const p = await stiiInProcess([...firmArgs, "--profile", "paper", "--json"]);
  assert.equal(p.code, 1);
  assert.match(p.stderr, /^stii dml: \d+ problems in \S+firms\.csv: missing column city; missing column city_code/);
});

test("forest options reach the forest under its own names (nTrees, minNodeSize, mtry)", async () => {
  const rf = ["--data", firms, "--id", "firm", "--y", "invest", "--d", "subsidy", "--x", "value,capital", "--seed", "3", "--folds", "2", "--json"];
  // A real process: the forest's worker threads would write into the in-process capture.
  const r = await stii([...rf, "--trees", "3", "--min-node-size", "20", "--mtry", "1"]);
  assert.equal(r.code, 0, r.stderr);
  const { readTable } = await import("../../src/data/table");
  const { table } = await readTable(firms, { columns: ["invest", "subsidy", "value", "capital"], id: "firm", time: "year" });
  const lib = await dml({ data: table, y: "invest", d: "subsidy", x: ["value", "capital"], seed: 3, folds: 2, learnerOptions: { nTrees: 3, minNodeSize: 20, mtry: 1 } });
  assert.equal(JSON.parse(r.stdout).terms[0].coef, lib.terms[0].coef);
  const other = await stii([...rf, "--trees", "4", "--min-node-size", "20", "--mtry", "1"]);
  assert.notEqual(JSON.parse(other.stdout).terms[0].coef, lib.terms[0].coef);
});

test("stii dml --help lists every option", async () => {
  const r = await stiiInProcess(["--help"]);
  assert.equal(r.code, 0);
  for (const o of ["data", "y", "d", "x", "id", "time", "cluster", "fe", "panel", "trees", "min-node-size", "mtry", "profile", "out", "json", "sensitivity", "subset"]) {
    assert.match(r.stdout, new RegExp(`^  --${o}\\b`, "m"), o);
  }
  assert.match(r.stdout, /dummies\|within\|fd\|cre\|cre-normal/);
});

const firmText = fs.readFileSync(firms, "utf8");
const genericBad: [string, string[], RegExp][] = [
  ["missing named column", ["--x", "value,Capital"], /firms\.csv: column Capital not found \(the file has firm, year, sector, invest, subsidy, value, capital\)\n$/],
  ["non-numeric cell", ["--data", file("g-text.csv", firmText.replace("firm-01,1992,steel,2.2263", "firm-01,1992,steel,abc"))], /g-text\.csv: row 3, column invest: 'abc' is not a finite number\n$/],
  ["empty cell", ["--data", file("g-empty.csv", firmText.replace(",1.1376\n", ",\n"))], /g-empty\.csv: row 3, column capital: empty cell\n$/],
  ["duplicate (id, time)", ["--data", file("g-dup.csv", firmText.replace("firm-01,1992", "firm-01,1991"))], /g-dup\.csv: rows 2, 3: duplicate \(firm, year\) = \(firm-01, 1991\)\n$/],
  ["unknown option", ["--trees-count", "5"], /^stii dml: unknown option --trees-count \(accepted: .*--trees .*\)\n$/],
  ["--fe column that does not exist", ["--fe", "sector:industry"], /firms\.csv: column industry not found \(the file has /],
  ["--fe shorthand whose column is absent", ["--fe", "year,province-year"], /firms\.csv: column province not found/],
  ["explicit --time absent", ["--time", "period"], /column period not found/],
  ["bad --mtry", ["--learner", "rf", "--mtry", "1.5"], /option --mtry must be an integer >= 1 or a fraction in \(0, 1\), got "1\.5"/],
  ["forest option with another learner", ["--trees", "10"], /option --trees applies to the forests \(--learner rf or mlrf\), not --learner ols/],
  ["bad --panel", ["--panel", "random"], /option --panel must be one of dummies\|within\|fd\|cre\|cre-normal/],
  ["bad --profile", ["--profile", "china"], /option --profile must be one of paper/],

];

test("generic bad input: one line naming row and column, exit 1, the --out file never written", async () => {
  for (const [what, extra, pattern] of genericBad) {
    const out = path.join(dir, `never-${what.replace(/\W/g, "")}.json`);
    const r = await stiiInProcess([...firmArgs, ...extra, "--out", out, "--json"]);
    assert.equal(r.code, 1, `${what}: exit ${r.code} ${r.stderr}`);
    assert.equal(r.stdout, "", what);
    assert.equal(r.stderr.trimEnd().split("\n").length, 1, `${what}: ${r.stderr}`);
    assert.match(r.stderr, pattern, what);
    assert.equal(fs.existsSync(out), false, what);
  }
  // A clean run writes the same JSON it prints.
  const out = path.join(dir, "written.json");
  const ok = await stiiInProcess([...firmArgs, "--out", out, "--json"]);
  assert.equal(fs.readFileSync(out, "utf8"), ok.stdout);
});

test("on a paper-schema panel the generic reader and --profile paper give the same numbers to the last digit", async () => {
  const args = ["--data", good, ...base, "--fe", "year", "--se", "cluster", "--json"];
  const generic = await stiiInProcess(args);
  const paper = await stiiInProcess([...args, "--profile", "paper"]);
  assert.equal(generic.code, 0, generic.stderr);
  assert.equal(paper.stdout, generic.stdout);
});

test("no unit column (no --id, no city_code): cross-sectional DML runs; --panel and default clusters say what is missing", async () => {
  const noId = ["--data", firms, "--y", "invest", "--d", "subsidy", "--x", "value,capital", "--learner", "ols", "--seed", "3", "--json"];
  const r = await stiiInProcess(noId);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).n, 300);
  for (const [extra, pattern] of [
    [["--panel", "within"], /^stii dml: option --panel within needs a unit column: \S+firms\.csv has no column city_code; give --id COL\n$/],
    [["--se", "cluster"], /^stii dml: option --se cluster without --cluster needs a unit column: /],
  ] as [string[], RegExp][]) {
    const b = await stiiInProcess([...noId, ...extra]);
    assert.equal(b.code, 1);
    assert.match(b.stderr, pattern);
  }
  // An explicit cluster column is enough.
  const c = await stiiInProcess([...noId, "--se", "cluster", "--cluster", "sector"]);
  assert.equal(c.code, 0, c.stderr);
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
