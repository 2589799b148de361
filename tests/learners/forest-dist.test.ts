// The compiled CommonJS (what dist/, the CLI and tslab load) must find forest-worker.js next to
// itself and give the same forest as the in-process TypeScript source.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { RandomForestRegressor } from "../../src/learners/forest";
import { simulate } from "./forest-helpers";

test("compiled forest with 2 worker threads equals the in-process source forest", async () => {
  const out = mkdtempSync(join(tmpdir(), "stii-forest-"));
  try {
    const root = join(__dirname, "..", "..");
    execFileSync(process.execPath, [
      join(root, "node_modules", "typescript", "bin", "tsc"), "--outDir", out, "--rootDir", join(root, "src"),
      "--module", "commonjs", "--target", "ES2022", "--strict", "--esModuleInterop", "--skipLibCheck", "--types", "node",
      join(root, "src", "learners", "forest.ts"), join(root, "src", "learners", "forest-worker.ts"),
    ], { cwd: root });
    const tr = simulate(300, 4, (x) => x[0] * x[1], 0.3, 1);
    const script = `
      const { RandomForestRegressor } = require(${JSON.stringify(join(out, "learners", "forest.js"))});
      const X = { nrow: 300, ncol: 4, data: Float64Array.from(${JSON.stringify(Array.from(tr.X.data))}) };
      const rf = new RandomForestRegressor({ seed: 9, threads: 2, nTrees: 20 });
      rf.fit(X, Float64Array.from(${JSON.stringify(Array.from(tr.y))})).then(() => process.stdout.write(JSON.stringify(Array.from(rf.predict(X)))));`;
    // A plain node process (no tsx), so the worker must be the compiled forest-worker.js.
    const compiled = JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } })) as number[];
    const rf = new RandomForestRegressor({ seed: 9, threads: 1, nTrees: 20 });
    await rf.fit(tr.X, tr.y);
    assert.deepEqual(compiled, Array.from(rf.predict(tr.X)));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
