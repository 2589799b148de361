import assert from "node:assert/strict";
import { test } from "node:test";
import { availableParallelism } from "node:os";
import { InputError } from "../../src/errors";
import { binMatrix } from "../../src/learners/binning";
import { RandomForestClassifier, RandomForestRegressor } from "../../src/learners/forest";
import { defaultThreads } from "../../src/learners/tree-options";
import { matrix } from "../../src/numeric/matrix";
import { makeRng } from "../../src/numeric/rng";
import { meanAbsDiff, rSquared, simulate, simulateLogistic } from "./forest-helpers";

const f = (x: number[]): number => Math.sin(2 * x[0]) + x[1] ** 2;

test("forest recovers sin(2 x1) + x2^2 close to the noise ceiling", async () => {
  const tr = simulate(1000, 5, f, 0.5, 1), te = simulate(2000, 5, f, 0.5, 2);
  const ceiling = rSquared(te.y, te.truth); // R^2 of the true function itself (about 0.91)
  const rf = new RandomForestRegressor({ threads: 1, seed: 1, mtry: 5 });
  await rf.fit(tr.X, tr.y);
  const r2 = rSquared(te.y, rf.predict(te.X));
  assert.ok(r2 > 0.83, `held-out R^2 ${r2}`);
  assert.ok(ceiling - r2 < 0.07, `R^2 ${r2} vs ceiling ${ceiling}`);
});

test("without bootstrap and minNodeSize 1 a tree reproduces a step function exactly", async () => {
  const n = 300, rng = makeRng(5);
  const x = Array.from({ length: n }, () => rng.next());
  const noise = Array.from({ length: n }, () => rng.normal());
  const step = (v: number): number => (v <= 0.3 ? -2 : v <= 0.7 ? 1.5 : 4);
  const X = matrix(n, 2, Float64Array.from([...x, ...noise]));
  const y = Float64Array.from(x, step);
  const rf = new RandomForestRegressor({ threads: 1, nTrees: 3, replace: false, minNodeSize: 1, mtry: 2 });
  await rf.fit(X, y);
  assert.deepEqual(Array.from(rf.predict(X)), Array.from(y));
  // New points well inside each step get that step's value.
  assert.deepEqual(Array.from(rf.predict(matrix(3, 2, Float64Array.from([0.1, 0.5, 0.95, 0, 0, 0])))), [-2, 1.5, 4]);
});

test("probability forest: in [0, 1] and close to the true logistic probabilities", async () => {
  const tr = simulateLogistic(4000, 3), te = simulateLogistic(2000, 4);
  const rf = new RandomForestClassifier({ threads: 1, seed: 2, minNodeSize: 20 });
  await rf.fit(tr.X, tr.y);
  const p = rf.predictProba(te.X);
  assert.ok(p.every((v) => v >= 0 && v <= 1));
  const mae = meanAbsDiff(p, te.prob);
  assert.ok(mae < 0.07, `mean absolute error to true P(y=1): ${mae}`);
});

test("same seed gives bitwise identical predictions with 1 and 2 threads; another seed differs", async () => {
  const tr = simulate(400, 6, f, 0.5, 7), te = simulate(100, 6, f, 0.5, 8);
  const fitPredict = async (seed: number, threads: number): Promise<Float64Array> => {
    const rf = new RandomForestRegressor({ seed, threads, nTrees: 30 });
    await rf.fit(tr.X, tr.y);
    return rf.predict(te.X);
  };
  const one = await fitPredict(11, 1);
  assert.deepEqual(await fitPredict(11, 2), one);
  assert.deepEqual(await fitPredict(11, 3), one);
  assert.notDeepEqual(await fitPredict(12, 2), one);
  const c = simulateLogistic(300, 9);
  const p1 = new RandomForestClassifier({ seed: 4, threads: 1, nTrees: 20 });
  const p2 = p1.clone() as RandomForestClassifier;
  await p1.fit(c.X, c.y);
  await new RandomForestClassifier({ seed: 4, threads: 2, nTrees: 20 }).fit(c.X, c.y);
  await p2.fit(c.X, c.y);
  assert.deepEqual(p2.predictProba(c.X), p1.predictProba(c.X));
});

test("STII_THREADS sets a forest's default thread count (stii replicate shares the cores with it); a bad value is one error", async () => {
  const before = process.env.STII_THREADS;
  try {
    delete process.env.STII_THREADS;
    assert.equal(defaultThreads(), availableParallelism());
    process.env.STII_THREADS = "3";
    assert.equal(defaultThreads(), 3);
    for (const bad of ["0", "1.5", "two"]) {
      process.env.STII_THREADS = bad;
      assert.throws(() => new RandomForestRegressor(), (e: unknown) => e instanceof InputError && e.message === `STII_THREADS must be an integer >= 1, got ${bad}`);
    }
    process.env.STII_THREADS = "1";
    const tr = simulate(200, 4, f, 0.5, 3);
    const fitPredict = async (o: { threads?: number }) => {
      const rf = new RandomForestRegressor({ seed: 5, nTrees: 10, ...o });
      await rf.fit(tr.X, tr.y);
      return rf.predict(tr.X);
    };
    assert.deepEqual(await fitPredict({}), await fitPredict({ threads: 2 }), "an explicit option wins, with the same numbers");
  } finally {
    if (before === undefined) delete process.env.STII_THREADS;
    else process.env.STII_THREADS = before;
  }
});

test("binning: 0/1 dummies keep exact bins; many distinct values get at most maxBins quantile bins", () => {
  const n = 1000, rng = makeRng(3);
  const dummy = Array.from({ length: n }, () => (rng.next() < 0.1 ? 1 : 0));
  const cont = Array.from({ length: n }, () => rng.normal());
  const b = binMatrix(matrix(n, 2, Float64Array.from([...dummy, ...cont])), 16);
  assert.equal(b.nBins[0], 2);
  assert.equal(b.thresholds[0], 0.5);
  for (let i = 0; i < n; i++) assert.equal(b.codes[i], dummy[i]);
  assert.equal(b.nBins[1], 16);
  const counts = new Array(16).fill(0);
  for (let i = 0; i < n; i++) counts[b.codes[n + i]]++;
  assert.ok(counts.every((c) => c >= 40 && c <= 80), `bin counts ${counts}`); // about n / 16 = 62.5 each
  // Codes are ordered like the values.
  const order = cont.map((v, i) => i).sort((i, j) => cont[i] - cont[j]);
  for (let k = 1; k < n; k++) assert.ok(b.codes[n + order[k]] >= b.codes[n + order[k - 1]]);
});

test("a dummy effect is split exactly at 0.5 among hundreds of dummies", async () => {
  const n = 600, groups = 200;
  const data = new Float64Array(n * groups);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const g = i % groups;
    data[g * n + i] = 1;
    y[i] = g === 7 ? 10 : 0;
  }
  const rf = new RandomForestRegressor({ threads: 1, nTrees: 5, replace: false, mtry: groups, minNodeSize: 1 });
  await rf.fit(matrix(n, groups, data), y);
  const probe = new Float64Array(2 * groups);
  probe[7 * 2] = 1; // row 0 in group 7, row 1 in no group
  assert.deepEqual(Array.from(rf.predict(matrix(2, groups, probe))), [10, 0]);
});

test("bad input throws InputError naming the problem", async () => {
  const X = matrix(3, 2, Float64Array.from([1, 2, 3, 4, 5, 6]));
  const rf = new RandomForestRegressor({ threads: 1 });
  await assert.rejects(rf.fit(matrix(3, 2, Float64Array.from([1, NaN, 3, 4, 5, 6])), new Float64Array(3)), (e: Error) => e instanceof InputError && /column 1 at row 2/.test(e.message));
  await assert.rejects(rf.fit(X, Float64Array.from([1, Infinity, 2])), /non-finite target/);
  await assert.rejects(rf.fit(X, new Float64Array(2)), /3 rows but y has 2/);
  await assert.rejects(rf.fit(matrix(0, 2), new Float64Array(0)), /empty/);
  const clf = new RandomForestClassifier({ threads: 1 });
  await assert.rejects(clf.fit(X, Float64Array.from([0, 2, 1])), /must be 0 or 1/);
  await assert.rejects(clf.fit(X, Float64Array.from([1, 1, 1])), /constant/);
  assert.throws(() => new RandomForestRegressor({ nTrees: 0 }), /nTrees/);
  assert.throws(() => new RandomForestRegressor({ mtry: 2.5 }), /mtry/);
  assert.throws(() => rf.predict(X), /before fit/);
  await rf.fit(X, Float64Array.from([1, 2, 3]));
  assert.throws(() => rf.predict(matrix(1, 3)), /3 columns/);
});
