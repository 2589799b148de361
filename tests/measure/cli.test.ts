// `stii measure` on small temp files: good input gives the derived columns, bad input one line and no file.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { spawnSync } from "child_process";
import { command } from "../../src/cli/measure";
import { InputError } from "../../src/errors";

const root = path.resolve(__dirname, "..", "..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-measure-"));
const specFile = path.join(dir, "spec.json");
fs.writeFileSync(specFile, JSON.stringify({ indicators: [
  { column: "s1", system: "S", direction: 1 }, { column: "s2", system: "S", direction: 1 },
  { column: "i1", system: "I", direction: 1 }, { column: "i2", system: "I", direction: -1 },
] }));
// Three real roster cities (--profile paper checks codes against data/cities.csv), rows sorted by code then year
// as readPanel returns them; the values are those of hand-worked.test.ts (A = Beijing, B = Tianjin, C = Shijiazhuang).
const K = { A: "北京市,110000,北京市,east", B: "天津市,120000,天津市,east", C: "石家庄市,130100,河北省,east" };
const GOOD = [
  "city,city_code,province,region,year,s1,s2,i1,i2",
  `${K.A},2010,0,10,5,1`, `${K.A},2011,2,30,8,1`,
  `${K.B},2010,1,10,6,3`, `${K.B},2011,3,20,9,3`,
  `${K.C},2010,2,20,7,2`, `${K.C},2011,4,30,10,1`,
].join("\n") + "\n";

function csv(name: string, text: string): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
}

/** Run the real command line (main.ts dispatch) in a child process. */
function stii(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "-e", "require('./src/cli/main').main(process.argv.slice(1))", ...args], { cwd: root, encoding: "utf8" });
}

/** Run the command in-process, returning what it printed (spawning a process costs seconds under tsx). */
async function runCaptured(argv: string[]): Promise<string> {
  const write = process.stdout.write;
  let printed = "";
  process.stdout.write = ((chunk: string) => { printed += chunk; return true; }) as typeof process.stdout.write;
  try {
    await command.run(argv);
  } finally {
    process.stdout.write = write;
  }
  return printed;
}

// The generic reader (default): one line per problem naming the file's row and the column.
const bad: [string, string, RegExp][] = [
  ["missing column", GOOD.replace(/,i2/, "").replace(/,\d+\n/g, "\n"), /missingcolumn\.csv: column i2 not found \(the file has city, city_code, province, region, year, s1, s2, i1\)$/],
  ["missing cell", GOOD.replace("2011,3,20,9,3", "2011,3,20,9,"), /missingcell\.csv: row 5, column i2: empty cell$/],
  ["constant column", GOOD.replace(/^(.*,)\d+$/gm, (_, a) => `${a}4`), /column i2: constant/], // every i2 set to 4
  ["non-numeric cell", GOOD.replace("2011,3,20", "2011,n/a,20"), /nonnumericcell\.csv: row 5, column s1: 'n\/a' is not a finite number$/],
  ["duplicate city-year", GOOD.replace(`${K.C},2011`, `${K.C},2010`), /duplicatecityyear\.csv: rows 6, 7: duplicate \(city_code, year\) = \(130100, 2010\)$/],
];

for (const [what, text, message] of bad) {
  test(`bad input (${what}): InputError naming it, no output file`, async () => {
    const out = path.join(dir, `out-${what.replace(/\W/g, "")}.csv`);
    await assert.rejects(async () => command.run(["--data", csv(`${what.replace(/\W/g, "")}.csv`, text), "--spec", specFile, "--out", out]),
      (e: unknown) => e instanceof InputError && message.test(e.message));
    assert.equal(fs.existsSync(out), false);
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes(".tmp-")), []);
  });
}

test("several problems: every one reported at once, one line each, nothing written", async () => {
  const out = path.join(dir, "out-several.csv");
  const text = GOOD.replace("2011,3,20,9,3", "2011,x,20,9,").replace(`${K.C},2011`, `${K.C},2010`);
  await assert.rejects(async () => command.run(["--data", csv("several.csv", text), "--spec", specFile, "--out", out]), (e: unknown) => {
    const lines = (e as Error).message.split("\n");
    assert.deepEqual(lines.map((l) => l.replace(/^.*several\.csv: /, "")), [
      "row 5, column s1: 'x' is not a finite number", "row 5, column i2: empty cell", "rows 6, 7: duplicate (city_code, year) = (130100, 2010)",
    ]);
    return e instanceof InputError;
  });
  assert.equal(fs.existsSync(out), false);
});

// --profile paper: the paper's rules (roster codes, 2010-2022), as readPanel words them.
const badPaper: [string, string, RegExp][] = [
  ["unknown code", GOOD.replace(/130100/g, "999900"), /unknown city code 999900/],
  ["year outside 2010-2022", GOOD.replace(`${K.A},2010`, `${K.A},2009`), /year 2009 outside 2010-2022/],
  ["duplicate city-year", GOOD.replace(`${K.C},2011`, `${K.C},2010`), /duplicate city-year 130100 2010/],
];
for (const [what, text, message] of badPaper) {
  test(`--profile paper, bad input (${what}): InputError naming it, no output file`, async () => {
    const out = path.join(dir, `outp-${what.replace(/\W/g, "")}.csv`);
    await assert.rejects(async () => command.run(["--data", csv(`p-${what.replace(/\W/g, "")}.csv`, text), "--spec", specFile, "--out", out, "--profile", "paper"]),
      (e: unknown) => e instanceof InputError && message.test(e.message));
    assert.equal(fs.existsSync(out), false);
  });
}

test("generic path: ids that are not city codes, years outside 2010-2022, columns named like schema flags", async () => {
  // Counties of another country, 1990-1991; `capital` and `T` are indicators here, `c` an ordinary column.
  const text = [
    "county,t,c,capital,s2,T,i2",
    "A-1,1990,x,0,10,5,1", "A-1,1991,y,2,30,8,1", "B-7,1990,x,1,10,6,3", "B-7,1991,y,3,20,9,3", "C-3,1990,x,2,20,7,2", "C-3,1991,y,4,30,10,1",
  ].join("\n") + "\n";
  const spec2 = path.join(dir, "spec2.json");
  fs.writeFileSync(spec2, JSON.stringify({ indicators: [
    { column: "capital", system: "S", direction: 1 }, { column: "s2", system: "S", direction: 1 },
    { column: "T", system: "I", direction: 1 }, { column: "i2", system: "I", direction: -1 },
  ] }));
  const printed = await runCaptured(["--data", csv("counties.csv", text), "--spec", spec2, "--id", "county", "--time", "t", "--json"]);
  const json = JSON.parse(printed);
  assert.equal(json.rows.length, 6);
  assert.deepEqual(json.rows.map((r: { county: string; t: number }) => `${r.county} ${r.t}`), ["A-1 1990", "A-1 1991", "B-7 1990", "B-7 1991", "C-3 1990", "C-3 1991"]);
  // Same numbers as the city panel above (the same values under other names): the hand-worked FI of A 1990.
  assert.ok(Math.abs(json.rows[0].FI - 0.08694511124638) < 1e-9, String(json.rows[0].FI));
  assert.equal(json.rows[5].FI, 1);
  // A duplicate (county, t) is still caught, named by the user's own columns.
  await assert.rejects(async () => command.run(["--data", csv("counties-dup.csv", text.replace("C-3,1991", "C-3,1990")), "--spec", spec2, "--id", "county", "--time", "t"]),
    /rows 6, 7: duplicate \(county, t\) = \(C-3, 1990\)/);
  // The same file under the paper profile is refused: no city_code, no year, and T is a derived column there.
  await assert.rejects(async () => command.run(["--data", csv("counties-p.csv", text), "--spec", spec2, "--profile", "paper"]), /missing column city_code/);
});

test("the command line exits 1 with one stderr line and writes nothing; an unknown option is one line too", () => {
  const out = path.join(dir, "never.csv");
  const r = stii("measure", "--data", csv("dup.csv", GOOD.replace(`${K.C},2011`, `${K.C},2010`)), "--spec", specFile, "--out", out);
  assert.equal(r.status, 1);
  assert.equal(r.stderr.trim().split("\n").length, 1);
  assert.match(r.stderr, /^stii measure: .*dup\.csv: rows 6, 7: duplicate \(city_code, year\) = \(130100, 2010\)/);
  assert.equal(fs.existsSync(out), false);
  const u = stii("measure", "--data", csv("dup.csv", GOOD), "--spec", specFile, "--out", out, "--idd", "x");
  assert.equal(u.status, 1);
  assert.match(u.stderr, /^stii measure: unknown option --idd \(accepted: [^\n]*--id [^\n]*\)\n$/);
  assert.equal(fs.existsSync(out), false);
});

test("--out writes the panel with Y1 Y2 C T FI; --json prints weights and rows", async () => {
  const out = path.join(dir, "measured.csv");
  const printed = await runCaptured(["--data", csv("good.csv", GOOD), "--spec", specFile, "--out", out, "--json"]);
  const lines = fs.readFileSync(out, "utf8").trim().split("\n");
  assert.equal(lines[0], "city,city_code,province,region,year,s1,s2,i1,i2,Y1,Y2,C,T,FI");
  assert.equal(lines.length, 7);
  const json = JSON.parse(printed);
  assert.deepEqual(Object.keys(json.weights.S), ["s1", "s2"]);
  assert.deepEqual(Object.keys(json.weights.I), ["i1", "i2"]);
  assert.equal(json.rows.length, 6);
  // FI of city A in 2010, worked by hand in hand-worked.test.ts (numpy value)
  assert.ok(Math.abs(json.rows[0].FI - 0.08694511124638) < 1e-9, String(json.rows[0].FI));
  // Shijiazhuang 2011 is top on every indicator: FI = 1
  assert.equal(json.rows[5].FI, 1);
  assert.equal(Number(lines[6].split(",").at(-1)), 1);
  // Beijing 2011: numpy's FI for the hand-worked panel
  assert.ok(Math.abs(json.rows[1].FI - 0.891115621201913) < 1e-9, String(json.rows[1].FI));
});

test("--weights rejects an unknown scheme; equal weights are 1/2", async () => {
  await assert.rejects(async () => command.run(["--data", csv("g.csv", GOOD), "--spec", specFile, "--weights", "pca"]), /--weights must be one of scatter\|entropy\|equal/);
  const printed = await runCaptured(["--data", csv("g2.csv", GOOD), "--spec", specFile, "--json", "--weights", "equal"]);
  assert.deepEqual(JSON.parse(printed).weights, { S: { s1: 0.5, s2: 0.5 }, I: { i1: 0.5, i2: 0.5 } });
});

test("stii measure --help lists every option, the spec format included", async () => {
  const printed = await runCaptured(["--help"]);
  for (const o of ["data", "spec", "id", "time", "weights", "profile", "out", "json", "help"]) assert.match(printed, new RegExp(`^  --${o}\\b`, "m"), o);
  assert.match(printed, /"system":"S"\|"I"/);
});
