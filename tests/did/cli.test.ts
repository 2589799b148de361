// `stii did` end to end: JSON with exactly SPEC section 13's keys, and bad input ends in exit 1 with one
// line on stderr naming the row or column and nothing on stdout.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { did } from "../../src/did";
import { makePanel, makeUnits } from "./helpers";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-did-cli-"));
const data = makePanel(makeUnits([[0, 20], [2012, 8], [2013, 8]], 4), [2010, 2011, 2012, 2013, 2014], (g, t) => 1 + 0.5 * (t - g));
const names = Object.keys(data);
const lines = [names.join(","), ...Array.from(data.id, (_, i) => names.map((c) => data[c][i]).join(","))];
const write = (name: string, rows: string[]) => { const f = path.join(dir, name); fs.writeFileSync(f, rows.join("\n") + "\n"); return f; };
const good = write("panel.csv", lines);
const ARGS = ["--y", "y", "--id", "id", "--time", "t", "--group", "g", "--x", "x1,x2", "--learner", "ols", "--seed", "4"];

function stii(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", path.join(__dirname, "run-cli.ts"), "did", ...args], (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

test("--json prints SPEC 13's keys and the library's numbers", async () => {
  const r = await stii(["--data", good, ...ARGS, "--control", "notyet", "--folds", "3", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(j), ["att_gt", "eventstudy", "group", "time", "overall"]);
  assert.deepEqual(Object.keys(j.att_gt[0]), ["group", "pre", "time", "coef", "se"]);
  assert.deepEqual(Object.keys(j.eventstudy[0]), ["e", "coef", "se"]);
  assert.deepEqual(Object.keys(j.group[0]), ["group", "coef", "se"]);
  assert.deepEqual(Object.keys(j.time[0]), ["time", "coef", "se"]);
  assert.deepEqual(Object.keys(j.overall), ["coef", "se"]);
  const lib = await did({ data, y: "y", id: "id", time: "t", group: "g", x: ["x1", "x2"], learner: "ols", seed: 4, control: "notyet", folds: 3 });
  assert.deepEqual(j, JSON.parse(JSON.stringify(lib.toJSON())));
  assert.deepEqual(j.group.map((g: { group: number }) => g.group), [2012, 2013]);
});

test("a fold column is honoured; the table output shows the uniform band", async () => {
  const r = await stii(["--data", good, ...ARGS, "--fold-column", "f", "--anticipation", "1"]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /K = 4/);
  assert.match(r.stdout, /uniform band \(crit \d\.\d{3}, 500 draws\)/);
});

test("bad input: exit 1, one line naming the row or column, nothing on stdout", async () => {
  const h = names.indexOf("g"), y = names.indexOf("y");
  const cell = (row: number, j: number, v: string) => lines.map((l, i) => (i === row ? l.split(",").map((c, k) => (k === j ? v : c)).join(",") : l));
  const cases: [string[], RegExp][] = [
    [["--data", write("g.csv", cell(2, h, "2013")), ...ARGS], /column g: unit 1000 has group 0 in id=1000, t=2010 but 2013 in id=1000, t=2011/],
    [["--data", write("y.csv", cell(4, y, "n/a")), ...ARGS], /y\.csv: row 5, column y: 'n\/a' is not a finite number/],
    [["--data", write("u.csv", lines.filter((_, i) => i !== 3)), ...ARGS], /unbalanced panel: unit 1000 has no row for period 2012/],
    [["--data", write("f.csv", cell(1, names.indexOf("f"), "3")), ...ARGS, "--fold-column", "f"], /fold column f: unit 1000 is in fold 3 in id=1000, t=2010 but 0 in id=1000, t=2011/],
    [["--data", good, ...ARGS, "--control", "later"], /option --control must be one of never\|notyet/],
    [["--data", good, ...ARGS, "--x", "x9"], /column x9 not found/],
    [["--data", good, ...ARGS, "--treatment", "d"], /give exactly one of --group COL .* and --treatment COL/],
  ];
  for (const [args, pattern] of cases) {
    const r = await stii(args);
    assert.equal(r.code, 1, `${args.join(" ")}: ${r.stdout}`);
    assert.equal(r.stdout, "");
    assert.match(r.stderr, /^stii did: /);
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
  }
});

test("--treatment reads each unit's group off a 0/1 dummy (same numbers as --group); text ids work; a dummy that switches off is refused", async () => {
  // The dummy of the panel's groups, and the same panel with text ids: firm-1000 ...
  const gCol = names.indexOf("g"), tCol = names.indexOf("t"), idCol = names.indexOf("id");
  const withD = (f: (cells: string[]) => string[]) => [names.join(",") + ",d", ...lines.slice(1).map((l) => {
    const c = l.split(","), g = Number(c[gCol]), d = g !== 0 && Number(c[tCol]) >= g ? "1" : "0";
    return f([...c, d]).join(",");
  })];
  const asGroup = await stii(["--data", good, ...ARGS, "--json"]);
  const asDummy = await stii(["--data", write("d.csv", withD((c) => c)), ...ARGS.filter((a) => a !== "--group" && a !== "g"), "--treatment", "d", "--json"]);
  assert.equal(asDummy.code, 0, asDummy.stderr);
  assert.deepEqual(JSON.parse(asDummy.stdout), JSON.parse(asGroup.stdout));
  const text = await stii(["--data", write("text.csv", withD((c) => { c[idCol] = `firm-${c[idCol]}`; return c; })), ...ARGS, "--json"]);
  assert.equal(text.code, 0, text.stderr);
  assert.equal(JSON.parse(text.stdout).att_gt.length, JSON.parse(asGroup.stdout).att_gt.length);
  // The first unit of group 2012 back to 0 in 2014 : not staggered adoption.
  const dLines = withD((c) => c), last = dLines.findIndex((l) => l.split(",")[gCol] === "2012" && l.split(",")[tCol] === "2014");
  const offFile = write("off.csv", dLines.map((l, i) => (i === last ? l.replace(/,1$/, ",0") : l)));
  const r = await stii(["--data", offFile, ...ARGS.filter((a) => a !== "--group" && a !== "g"), "--treatment", "d"]);
  assert.equal(r.code, 1, r.stdout);
  assert.match(r.stderr, /^stii did: column d: unit \d+ is treated from \d+ but 0 again in id=\d+, t=\d+ \(staggered adoption needs a treatment that stays on\)\n$/);
});
