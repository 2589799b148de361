// `stii montecarlo`: bad options give one line on stderr, exit 1, and write nothing; one tiny replication
// gives the same numbers to the last digit with one or two forest threads and when re-run.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runMain } from "../fixtures/run-main";
import { uncached } from "../fixtures/uncached";
import { checkMcOptions, runReplication } from "../../src/montecarlo";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-mc-"));

for (const [what, args, message] of [
  ["reps 0", ["--reps", "0"], /--reps must be an integer >= 1, got "0"/],
  ["reps missing", [], /missing required option --reps/],
  ["reps not a number", ["--reps", "two"], /--reps must be an integer/],
  ["unknown estimator", ["--reps", "1", "--estimators", "plr-paper,ols-magic"], /unknown estimator "ols-magic"/],
  ["out not json", ["--reps", "1", "--out", path.join(dir, "study.txt")], /--out must name a .json file/],
  ["unknown option", ["--reps", "1", "--learner", "rf"], /unknown option --learner/],
  ["unknown design", ["--reps", "1", "--design", "classroom"], /--design must be one of calibrated\|textbook, got "classroom"/],
  ["textbook reps 0", ["--design", "textbook", "--reps", "0"], /--reps must be an integer >= 1, got "0"/],
  ["textbook with estimators", ["--design", "textbook", "--reps", "1", "--estimators", "did"], /--estimators applies to --design calibrated only/],
  ["textbook with trees", ["--design", "textbook", "--reps", "1", "--trees", "5"], /--trees applies to --design calibrated only/],
] as const) {
  test(`bad options: ${what}`, async () => {
    const out = path.join(dir, `${what.replace(/ /g, "-")}.json`);
    const r = await runMain(["montecarlo", ...args, ...(args.includes("--out") ? [] : ["--out", out])]);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr.trimEnd().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, /^stii montecarlo: /);
    assert.match(r.stderr, message);
    assert.deepEqual(fs.readdirSync(dir), []);
  });
}

test("one tiny replication: identical with 1 and 2 forest threads, and on a re-run", () => uncached(async () => {
  const run = (threads: number) => runReplication(0, checkMcOptions({ reps: 1, seed: 4, forest: { nTrees: 3, minNodeSize: 20, threads } }));
  const a = await run(1), b = await run(2), c = await run(2);
  assert.deepEqual(a, b);
  assert.deepEqual(b, c);
  assert.deepEqual([...new Set(a.map((r) => r.estimator))], ["plr-paper", "plr-within", "plr-fd", "plr-cre", "plr-cre-normal", "irm-atte", "twfe", "did"]);
  for (const r of a) assert.ok(Number.isFinite(r.coef) && r.se > 0 && Number.isFinite(r.truth), `${r.estimator} ${r.term}`);
  // Truth and targets come from the potential outcomes: the ATT is the same for every overall estimate.
  assert.equal(new Set(a.filter((r) => !r.term.startsWith("e=")).map((r) => r.truth)).size, 1);
}));
