// The committed simulated panel is what the simulator gives: data/simulated/panel.csv and truth.json
// equal, byte for byte, what `stii simulate` (default seed) would write now. A change to the simulator
// or its inputs (calendar, roster, indicator spec) without regenerating the files fails here.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { tableToCSV } from "../../src/data/csv";
import { DEFAULT_PANEL_FILE, DEFAULT_SEED, truthPathFor } from "../../src/simulate";
import { defaultSim } from "./fixture";

const REPO = path.resolve(__dirname, "..", "..");

/** The first line where two texts differ, for the failure message. */
function firstDifference(a: string, b: string): string {
  const x = a.split("\n"), y = b.split("\n");
  const i = x.findIndex((l, k) => l !== y[k]);
  const k = i === -1 ? x.length : i;
  return `line ${k + 1}: committed ${JSON.stringify(x[k]?.slice(0, 160))}, simulator ${JSON.stringify(y[k]?.slice(0, 160))}`;
}

test("data/simulated/panel.csv and truth.json are the simulator's default output (npx stii simulate regenerates them)", () => {
  assert.equal(DEFAULT_SEED, 20250101, "tests/simulate/fixture.ts simulates seed 20250101, the default");
  const sim = defaultSim();
  const panelFile = path.join(REPO, DEFAULT_PANEL_FILE);
  const committed = fs.readFileSync(panelFile, "utf8");
  const fresh = tableToCSV(sim.table);
  assert.ok(committed === fresh, `data/simulated/panel.csv differs from the simulator's output at ${firstDifference(committed, fresh)}; run \`npx stii simulate\``);
  const truth = fs.readFileSync(truthPathFor(panelFile), "utf8");
  const freshTruth = JSON.stringify(sim.truth, null, 2) + "\n";
  assert.ok(truth === freshTruth, `data/simulated/truth.json differs at ${firstDifference(truth, freshTruth)}`);
});
