// `stii check --data FILE`: the paper profile's all-problems-at-once report, and a summary of a clean file.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runMain } from "../fixtures/run-main";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-check-"));
const file = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };

const check = (args: string[]) => runMain(["check", ...args]);

const HEAD = "城市,城市代码,省份,区域,年份,人均GDP,财政自给率,环境规制";
const GOOD = [HEAD, "北京市,110000,北京市,east,2015,80000,0.8,1", "北京市,110000,北京市,east,2016,85000,0.9,", "天津市,120000,天津市,east,2015,70000,0.5,2"].join("\n") + "\n";

test("a clean file: a summary naming renamed and transformed headers, unknown columns, balance and gaps", async () => {
  const r = await check(["--data", file("good.csv", GOOD)]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split("\n");
  assert.match(lines[0], /good\.csv: no problems for the paper profile: 3 rows, 2 cities$/);
  assert.ok(lines.includes("column transformed: 人均GDP -> Gdp = ln(人均GDP)"), r.stdout);
  assert.ok(lines.includes("column transformed: 财政自给率 -> Fin = 1 / 财政自给率"), r.stdout);
  assert.ok(lines.includes("not in the schema, kept as they are: 环境规制"), r.stdout);
  assert.ok(lines.some((l) => /^unbalanced: 1 cities lack some years \(e\.g\. 120000 lacks 2016\)$/.test(l)), r.stdout);
  assert.ok(lines.some((l) => /^empty cells .*环境规制 1/.test(l)), r.stdout);
  assert.ok(lines.some((l) => l.startsWith("schema columns absent") && l.includes("Bigdata") && !l.includes("Gdp")), r.stdout);
});

test("a bad file: every problem at once in one line, exit 1", async () => {
  const bad = GOOD.replace("2016,85000", "2031,85000").replace("天津市,120000", "天津市,999999").replace("0.5,2", "0,2");
  const r = await check(["--data", file("bad.csv", bad)]);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
  assert.match(r.stderr, /^stii check: 3 problems in \S+bad\.csv: year 2031 outside 2010-2022 \(row 3\); unknown city code 999999 \(row 4\); row 4 column 财政自给率: 0 cannot become Fin/);
});

test("unknown option and --help", async () => {
  const u = await check(["--data", "x.csv", "--profile", "paper"]);
  assert.equal(u.code, 1);
  assert.match(u.stderr, /^stii check: unknown option --profile \(accepted: --data --sheet --json --help\)\n$/);
  const h = await check(["--help"]);
  assert.match(h.stdout, /^usage: stii check --data FILE/);
});
