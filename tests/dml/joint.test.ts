// multi "joint" (multivariate partialling out on X alone, joint.ts) against a hand computation from
// per-fold OLS residuals, the scalar solver for one treatment, a simulation with D2 = D1 x H, the
// input checks and the CLI option.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { dml } from "../../src/dml";
import { solveJointScore } from "../../src/dml/joint";
import { solveScore } from "../../src/dml/solve";
import { InputError } from "../../src/errors";
import { col, handCrossFit, simulatePanel, THETA, toCsv } from "./helpers";

const data = simulatePanel(30, 6);
const X = ["Gdp", "Pas", "Fin"];
const Xcols = X.map((c) => col(data, c));
const fold = col(data, "fold");
const cities = Array.from(data.array("city_code"));
const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

/**
 * By hand: residuals u = Y - l(X), v_j = D_j - m_j(X) from per-fold OLS; theta solves the 2 x 2 normal
 * equations (sum v v') theta = sum v u by Cramer's rule; cov = A^-1 Omega A^-1 / n with A = mean(v v').
 */
function handJoint(y: number[], d1: number[], d2: number[]) {
  const n = y.length;
  const l = handCrossFit(Xcols, y, fold), m1 = handCrossFit(Xcols, d1, fold), m2 = handCrossFit(Xcols, d2, fold);
  const u = y.map((a, i) => a - l[i]), v1 = d1.map((a, i) => a - m1[i]), v2 = d2.map((a, i) => a - m2[i]);
  const S = (f: (i: number) => number) => { let s = 0; for (let i = 0; i < n; i++) s += f(i); return s / n; };
  const a11 = S((i) => v1[i] * v1[i]), a12 = S((i) => v1[i] * v2[i]), a22 = S((i) => v2[i] * v2[i]);
  const b1 = S((i) => v1[i] * u[i]), b2 = S((i) => v2[i] * u[i]);
  const det = a11 * a22 - a12 * a12;
  const t1 = (b1 * a22 - a12 * b2) / det, t2 = (a11 * b2 - a12 * b1) / det;
  const e = u.map((a, i) => a - t1 * v1[i] - t2 * v2[i]);
  const p1 = e.map((a, i) => a * v1[i]), p2 = e.map((a, i) => a * v2[i]);
  const inv = [[a22 / det, -a12 / det], [-a12 / det, a11 / det]];
  const sandwich = (o: number[][]) => [0, 1].map((k) => Math.sqrt(
    [0, 1].reduce((s, a) => s + [0, 1].reduce((t, b) => t + inv[k][a] * o[a][b] * inv[k][b], 0), 0) / n));
  const robust = sandwich([[S((i) => p1[i] * p1[i]), S((i) => p1[i] * p2[i])], [S((i) => p1[i] * p2[i]), S((i) => p2[i] * p2[i])]]);
  const g = new Map<unknown, [number, number]>();
  cities.forEach((c, i) => { const s = g.get(c) ?? [0, 0]; g.set(c, [s[0] + p1[i], s[1] + p2[i]]); });
  const G = [...g.values()];
  const cl = (a: number, b: number) => G.reduce((s, v) => s + v[a] * v[b], 0) / n;
  const cluster = sandwich([[cl(0, 0), cl(0, 1)], [cl(1, 0), cl(1, 1)]]);
  return { theta: [t1, t2], robust, cluster };
}

test("joint with OLS learners and a fold column equals the hand computation (theta, robust and cluster se)", async () => {
  const hand = handJoint(col(data, "FI"), col(data, "Bigdata"), col(data, "LowCarbon"));
  const base = { data, y: "FI", d: ["Bigdata", "LowCarbon"], x: X, learner: "ols" as const, foldColumn: "fold", multi: "joint" as const };
  const robust = await dml(base), cluster = await dml({ ...base, se: "cluster" });
  assert.equal(robust.multi, "joint");
  for (const j of [0, 1]) {
    close(robust.terms[j].coef, hand.theta[j], 1e-8, `theta ${j}`);
    close(robust.terms[j].se, hand.robust[j], 1e-8, `robust se ${j}`);
    close(cluster.terms[j].coef, hand.theta[j], 1e-8, `theta ${j} (cluster run)`);
    close(cluster.terms[j].se, hand.cluster[j], 1e-8, `cluster se ${j}`);
    // The per-term score kept in the result (others fixed at their estimates) solves to the same theta.
    const p = robust.predictions[0][j];
    close(solveScore({ psiA: p.psiA, psiB: p.psiB }, { kind: "robust" }).theta, hand.theta[j], 1e-8, `concentrated score ${j}`);
  }
  // Both treatments are partialled out on X alone, so both share the one l_hat.
  assert.equal(robust.predictions[0][0].preds.l_hat, robust.predictions[0][1].preds.l_hat);
  // ... and it differs from DoubleML's per-treatment scores.
  const dm = await dml({ ...base, multi: "doubleml" });
  assert.ok(Math.abs(dm.terms[0].coef - robust.terms[0].coef) > 1e-6);
});

test("joint with one treatment reproduces the scalar PLR (random folds, two repetitions, cluster se)", async () => {
  const base = { data, y: "FI", d: "Bigdata", x: X, learner: "ols" as const, folds: 3, reps: 2, se: "cluster" as const };
  const scalar = await dml(base), joint = await dml({ ...base, multi: "joint" });
  assert.deepEqual(joint.perRep[0].theta, scalar.perRep[0].theta);
  assert.equal(joint.terms[0].coef, scalar.terms[0].coef);
  joint.perRep[0].se.forEach((s, r) => close(s, scalar.perRep[0].se[r], 1e-13, `se rep ${r}`));
  // The solvers themselves, robust se: same theta to the last digit, se to rounding.
  const p = scalar.predictions[0][0];
  const one = solveScore({ psiA: p.psiA, psiB: p.psiB }, { kind: "robust" });
  const vec = solveJointScore({ psiA: [[p.psiA]], psiB: [p.psiB] }, { kind: "robust" }, ["Bigdata"]);
  assert.equal(vec.theta[0], one.theta);
  close(vec.se[0], one.se, 1e-13, "robust se");
  assert.deepEqual(Array.from(vec.psi[0]), Array.from(one.psi));
});

test("D2 = D1 x H with H in X: joint recovers both planted effects", async () => {
  const big = simulatePanel(283, 13, 11);
  const GAP = 0.25; // planted difference of the effect where H = 1
  const H = col(big, "Fin").map((f) => (f > 0 ? 1 : 0));
  const D2 = col(big, "Bigdata").map((b, i) => b * H[i]);
  const withH = big.assign({ H, D2, FIh: col(big, "FI").map((y, i) => y + GAP * D2[i] + 0.1 * H[i]) });
  const res = await dml({ data: withH, y: "FIh", d: ["Bigdata", "D2"], x: ["Gdp", "Pas", "Fin", "LowCarbon", "H"], learner: "ols", multi: "joint" });
  for (const [j, truth] of [THETA, GAP].entries()) {
    const t = res.terms[j];
    assert.ok(Math.abs(t.coef - truth) < 4 * t.se, `${t.name} ${t.coef} vs ${truth}`);
    assert.ok(t.se < 0.1, `${t.name} se ${t.se}`);
  }
});

test("joint is checked: PLR partialling out only, no sensitivity, a known method name", async () => {
  const base = { data, y: "FI", d: ["Bigdata", "LowCarbon"], x: X, learner: "ols" as const, foldColumn: "fold" };
  await assert.rejects(dml({ ...base, d: "Bigdata", model: "irm", multi: "joint" }), (e) => e instanceof InputError && /joint/.test(e.message));
  await assert.rejects(dml({ ...base, score: "IV-type", multi: "joint" }), (e) => e instanceof InputError && /partialling-out/.test(e.message));
  await assert.rejects(dml({ ...base, multi: "joint", sensitivity: true }), (e) => e instanceof InputError && /doubleml/.test(e.message));
  await assert.rejects(dml({ ...base, multi: "both" as never }), (e) => e instanceof InputError && /multi/.test(e.message));
  // Two identical treatments cannot be told apart.
  const twin = data.derive({ B2: (r: { Bigdata: number }) => r.Bigdata });
  await assert.rejects(dml({ ...base, data: twin, d: ["Bigdata", "B2"], multi: "joint" }), (e) => e instanceof InputError && /collinear/.test(e.message));
});

test("CLI: --multi joint prints the joint estimates; a bad value exits 1 naming the option", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-joint-"));
  const file = path.join(dir, "panel.csv");
  fs.writeFileSync(file, toCsv(data));
  const run = (args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ["--import", "tsx", path.join(__dirname, "run-cli.ts"), "dml", ...args], { env: { ...process.env, STII_PROGRESS: "0" } }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === "number" ? err.code : 1) : 0, stdout, stderr });
    });
  });
  const args = ["--data", file, "--y", "FI", "--d", "Bigdata,LowCarbon", "--x", X.join(","), "--learner", "ols", "--fold-column", "fold"];
  const [ok, bad] = await Promise.all([run([...args, "--multi", "joint", "--json"]), run([...args, "--multi", "both", "--json"])]);
  assert.equal(ok.code, 0, ok.stderr);
  const j = JSON.parse(ok.stdout);
  assert.equal(j.multi, "joint");
  const hand = handJoint(col(data, "FI"), col(data, "Bigdata"), col(data, "LowCarbon"));
  j.terms.forEach((t: { coef: number }, k: number) => close(t.coef, hand.theta[k], 1e-8, `cli theta ${k}`));
  assert.equal(bad.code, 1);
  assert.equal(bad.stdout, "");
  assert.match(bad.stderr.trim(), /^[^\n]*--multi[^\n]*$/);
});
