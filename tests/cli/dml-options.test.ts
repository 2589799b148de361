// `stii dml` passes --quadratic, --score and --z (with --model pliv) through to dml(): the printed JSON
// equals dml() called with the option, and differs from the run without it. (The estimators behind
// these options are checked against hand computations in tests/dml/estimators.test.ts and design.test.ts.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { dml, type DmlOptions } from "../../src/dml";
import { simulatePanel, toCsv } from "../dml/helpers";

const data = simulatePanel(30, 6);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-dml-options-"));
const file = path.join(dir, "panel.csv");
fs.writeFileSync(file, toCsv(data));
process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));

function stiiDml(args: string[]): { code: number | null; json: unknown; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "..", "dml", "run-cli.ts"), "dml", "--data", file, "--json", ...args], {
    encoding: "utf8", env: { ...process.env, STII_PROGRESS: "0" },
  });
  return { code: r.status, json: r.status === 0 ? JSON.parse(r.stdout) : undefined, stderr: r.stderr };
}

const viaApi = async (opts: Omit<DmlOptions, "data">) => JSON.parse(JSON.stringify((await dml({ data, ...opts })).toJSON()));
const X = ["Gdp", "Pas", "Fin"];
const plr = { y: "FI", d: "Bigdata", x: X, learner: "ols" as const };
const cli = ["--y", "FI", "--d", "Bigdata", "--x", X.join(","), "--learner", "ols"];

test("--quadratic adds the squared controls: same JSON as dml({ quadratic: true }), not the plain run's", async () => {
  const r = stiiDml([...cli, "--quadratic"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.json, await viaApi({ ...plr, quadratic: true }));
  assert.notDeepEqual(r.json, await viaApi(plr));
});

test("--score IV-type: same JSON as dml({ score: \"IV-type\" }); --score partialling-out is the default; a bad score exits 1", async () => {
  const iv = stiiDml([...cli, "--score", "IV-type"]);
  assert.equal(iv.code, 0, iv.stderr);
  assert.deepEqual(iv.json, await viaApi({ ...plr, score: "IV-type" }));
  assert.notDeepEqual(iv.json, await viaApi(plr));
  const po = stiiDml([...cli, "--score", "partialling-out"]);
  assert.deepEqual(po.json, await viaApi(plr));
  const bad = stiiDml([...cli, "--score", "orthogonal"]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /^stii dml: option --score must be one of partialling-out\|IV-type, got "orthogonal"\n$/);
});

test("--model pliv --z names the instrument: same JSON as dml({ model: \"pliv\", z }); a missing --z column exits 1 naming it", async () => {
  const args = ["--y", "Yiv", "--d", "Dend", "--x", X.join(","), "--learner", "ols", "--model", "pliv"];
  const r = stiiDml([...args, "--z", "IV_relief"]);
  assert.equal(r.code, 0, r.stderr);
  const api = await viaApi({ y: "Yiv", d: "Dend", x: X, learner: "ols", model: "pliv", z: "IV_relief" });
  assert.deepEqual(r.json, api);
  assert.equal((r.json as { model: string }).model, "pliv");
  const bad = stiiDml([...args, "--z", "IV_nowhere"]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /IV_nowhere/);
  assert.equal(bad.stderr.trim().split("\n").length, 1);
});
