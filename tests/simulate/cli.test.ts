// `stii simulate`: files written atomically beside each other, byte-identical per seed, bad options rejected.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { command } from "../../src/cli/simulate";
import { truthPathFor } from "../../src/simulate";
import { InputError } from "../../src/errors";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "stii-sim-"));
const quiet = <T>(f: () => T): T => {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try { return f(); } finally { process.stdout.write = write; }
};

test("truth file naming: truth.json beside panel.csv, else <name>.truth.json", () => {
  assert.equal(truthPathFor(path.join("a", "panel.csv")), path.join("a", "truth.json"));
  assert.equal(truthPathFor(path.join("a", "sim7.csv")), path.join("a", "sim7.truth.json"));
});

test("writes panel and truth; same seed byte-identical, other seed different", () => {
  const [a, b, c] = [tmp(), tmp(), tmp()];
  quiet(() => command.run(["--seed", "11", "--out", path.join(a, "panel.csv")]));
  quiet(() => command.run(["--seed=11", "--out", path.join(b, "x.csv")]));
  quiet(() => command.run(["--seed", "12", "--out", path.join(c, "panel.csv")]));
  const csvA = fs.readFileSync(path.join(a, "panel.csv"));
  assert.ok(csvA.equals(fs.readFileSync(path.join(b, "x.csv"))));
  assert.ok(!csvA.equals(fs.readFileSync(path.join(c, "panel.csv"))));
  assert.equal(csvA.toString().trimEnd().split("\n").length, 3680);
  const truth = JSON.parse(fs.readFileSync(path.join(a, "truth.json"), "utf8"));
  assert.equal(truth.seed, 11);
  assert.equal(truth.simulated, true);
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(b, "x.truth.json"), "utf8")), truth);
  assert.deepEqual(fs.readdirSync(a).sort(), ["panel.csv", "truth.json"]); // no temporary files left
});

test("bad options are InputErrors and write nothing", () => {
  const dir = tmp();
  const out = path.join(dir, "panel.csv");
  for (const argv of [["--seed", "1.5", "--out", out], ["--seed", "abc", "--out", out], ["--out", path.join(dir, "p.txt")], ["--bogus", "1"]]) {
    assert.throws(() => quiet(() => command.run(argv)), InputError, argv.join(" "));
  }
  const blocker = path.join(dir, "afile");
  fs.writeFileSync(blocker, "x");
  assert.throws(() => quiet(() => command.run(["--out", path.join(blocker, "panel.csv")])), InputError);
  assert.deepEqual(fs.readdirSync(dir), ["afile"]);
});
