// The histogram tree against a plain reference written for this test: bootstrap copies spelled out,
// every cut of every feature tried by brute force, no merging, no sparse or one-hot shortcuts. The two
// must grow the same tree (features, cuts, leaf values), which checks the shortcuts in tree.ts.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import test from "node:test";
import { binMatrix, type Binned } from "../../src/learners/binning";
import { growTree, type FlatTree } from "../../src/learners/tree";
import { matrix } from "../../src/numeric/matrix";
import { makeRng } from "../../src/numeric/rng";

interface RefNode { feature: number; bin: number; value: number; left?: RefNode; right?: RefNode }

/** Exhaustive tree on the bin codes; `rows` lists every copy. Ties go to the first feature and cut. */
function referenceTree(d: Binned, rows: number[], num: Float64Array, den: Float64Array | null, minLeaf: number): RefNode {
  const w = (r: number): number => (den === null ? 1 : den[r]);
  const sum = (rs: number[]): { N: number; D: number; Q: number } => {
    let N = 0, D = 0, Q = 0;
    for (const r of rs) { N += num[r]; D += w(r); Q += num[r] * num[r] / w(r); }
    return { N, D, Q };
  };
  const { N, D, Q } = sum(rows);
  const node: RefNode = { feature: -1, bin: -1, value: N / D };
  if (rows.length < 2 * minLeaf || Q - N * N / D <= 1e-12 * Math.abs(Q)) return node;
  let best = 1e-12 * Math.abs(Q);
  for (let f = 0; f < d.p; f++) {
    for (let b = 0; b < d.nBins[f] - 1; b++) {
      // A cut after an empty bin repeats the previous partition; only cuts after occupied bins count.
      if (!rows.some((r) => d.codes[f * d.n + r] === b)) continue;
      const left = rows.filter((r) => d.codes[f * d.n + r] <= b);
      if (left.length < minLeaf || rows.length - left.length < minLeaf) continue;
      const l = sum(left), rn = N - l.N, rd = D - l.D;
      const gain = l.N * l.N / l.D + rn * rn / rd - N * N / D;
      if (gain > best) { best = gain; node.feature = f; node.bin = b; }
    }
  }
  if (node.feature < 0) return node;
  const col = node.feature * d.n;
  node.left = referenceTree(d, rows.filter((r) => d.codes[col + r] <= node.bin), num, den, minLeaf);
  node.right = referenceTree(d, rows.filter((r) => d.codes[col + r] > node.bin), num, den, minLeaf);
  return node;
}

/**
 * Same partition of the node's rows at every split (a mirror image counts as the same: two features
 * can separate the same rows, with equal gains up to rounding) and the same leaf values.
 */
function assertSameTree(d: Binned, t: FlatTree, ref: RefNode, rows: number[], at = 0, path = "root"): void {
  assert.ok(Math.abs(t.value[at] - ref.value) <= 1e-12 * (1 + Math.abs(ref.value)), `${path}: value ${t.value[at]} vs ${ref.value}`);
  assert.equal(t.feature[at] < 0, ref.feature < 0, `${path}: leaf in one tree only`);
  if (ref.feature < 0) return;
  const split = (f: number, b: number): [number[], number[]] => [rows.filter((r) => d.codes[f * d.n + r] <= b), rows.filter((r) => d.codes[f * d.n + r] > b)];
  const [oursL, oursR] = split(t.feature[at], t.bin[at]), [refL, refR] = split(ref.feature, ref.bin);
  const key = (rs: number[]): string => [...rs].sort((a, b) => a - b).join(",");
  const mirrored = key(oursL) !== key(refL);
  assert.equal(key(oursL), key(mirrored ? refR : refL), `${path}: different partition (ours: feature ${t.feature[at]}, reference: ${ref.feature})`);
  assertSameTree(d, t, mirrored ? ref.right! : ref.left!, oursL, t.left[at], `${path}.L`);
  assertSameTree(d, t, mirrored ? ref.left! : ref.right!, oursR, t.right[at], `${path}.R`);
}

/**
 * 400 rows: 3 continuous features, a one-hot block of 30 dummies covering about 30% of rows (the first
 * alone 10%, so the block's sparse sums decide splits near the root), a lone
 * dummy, a mostly-one dummy, and a 5-level column; y depends on several of them plus noise.
 */
function design(seed: number): { X: ReturnType<typeof matrix>; y: Float64Array } {
  const n = 400, p = 3 + 30 + 3, rng = makeRng(seed);
  const X = new Float64Array(n * p), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) X[j * n + i] = rng.normal();
    const u = rng.next(), level = u < 0.1 ? 0 : u < 0.3 ? 1 + rng.int(29) : -1; // level 0: about 40 rows
    if (level >= 0) X[(3 + level) * n + i] = 1;
    X[33 * n + i] = rng.next() < 0.1 ? 1 : 0;
    X[34 * n + i] = rng.next() < 0.85 ? 1 : 0;
    X[35 * n + i] = rng.int(5);
    y[i] = Math.sin(2 * X[i]) + X[n + i] ** 2 + (level === 0 ? 4 : level > 0 && level < 5 ? 2 : 0) + X[33 * n + i] - X[34 * n + i] + 0.3 * X[35 * n + i] + 0.3 * rng.normal();
  }
  return { X: matrix(n, p, X), y };
}

test("binning finds the one-hot block and leaves lone, mostly-one and overlapping dummies out", () => {
  const { X } = design(1);
  const d = binMatrix(X, 32);
  assert.deepEqual(Array.from(d.groupFirst), [3]);
  assert.deepEqual(Array.from(d.groupEnd), [33]);
  assert.deepEqual(Array.from(d.group).map((g, f) => [f, g]).filter(([, g]) => g >= 0).map(([f]) => f), Array.from({ length: 30 }, (_, k) => 3 + k));
  for (let i = 0; i < d.n; i++) {
    let hot = -1;
    for (let f = 3; f < 33; f++) if (X.data[f * d.n + i] === 1) hot = f;
    assert.equal(d.hot[i], hot, `row ${i}`);
  }
  // Two adjacent dummies with a shared 1-row are not one block; they start separate blocks.
  const n = 6;
  const Y = matrix(n, 4, Float64Array.from([1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0]));
  const e = binMatrix(Y, 8);
  assert.deepEqual([Array.from(e.groupFirst), Array.from(e.groupEnd)], [[1], [4]]);
});

test("forest tree (bootstrap copies, all features) equals the brute-force reference tree", () => {
  for (const [seed, minLeaf] of [[1, 3], [2, 3], [3, 3], [1, 30]]) {
    const { X, y } = design(seed);
    const d = binMatrix(X, 32);
    const rng = makeRng(100 + seed);
    const rows = Int32Array.from({ length: X.nrow }, () => rng.int(X.nrow)); // with repeats
    const tree = growTree(d, rows, y, null, { mtry: X.ncol, minNodeSize: minLeaf, maxDepth: Infinity }, makeRng(seed));
    assertSameTree(d, tree, referenceTree(d, Array.from(rows), y, null, minLeaf), Array.from(rows));
    assert.ok(tree.feature.length > 400 / minLeaf, "a deep tree");
  }
});

test("weighted (Newton) tree with its own denominators equals the reference", () => {
  const { X, y } = design(4);
  const d = binMatrix(X, 32);
  const rng = makeRng(9);
  const den = Float64Array.from(y, () => 0.05 + rng.next());
  const rows = Int32Array.from({ length: 300 }, () => rng.int(X.nrow));
  const tree = growTree(d, rows, y, den, { mtry: X.ncol, minNodeSize: 4, maxDepth: Infinity }, makeRng(1));
  assertSameTree(d, tree, referenceTree(d, Array.from(rows), y, den, 4), Array.from(rows));
});

test("a tree grown after another data set of the same shape but other one-hot blocks equals the reference", () => {
  // B's column 2 is constant, so B's block starts one column earlier than A's; growTree keeps one
  // workspace for both (same n, p and number of blocks), and A's block sums must not leak into B's tree.
  const a = design(5), b = design(6);
  b.X.data.fill(0, 2 * b.X.nrow, 3 * b.X.nrow);
  const dA = binMatrix(a.X, 32), dB = binMatrix(b.X, 32);
  assert.deepEqual([Array.from(dA.groupFirst), Array.from(dB.groupFirst)], [[3], [2]]);
  const all = Int32Array.from({ length: a.X.nrow }, (_, i) => i);
  const params = { mtry: a.X.ncol, minNodeSize: 3, maxDepth: Infinity };
  growTree(dA, all, a.y, null, params, makeRng(1));
  const tree = growTree(dB, all, b.y, null, params, makeRng(1));
  assertSameTree(dB, tree, referenceTree(dB, Array.from(all), b.y, null, 3), Array.from(all));
});

test("a tree that fails midway leaves nothing behind: the next tree still equals the reference", () => {
  const { X, y } = design(7);
  const d = binMatrix(X, 32);
  const all = Int32Array.from({ length: X.nrow }, (_, i) => i);
  const params = { mtry: 12, minNodeSize: 3, maxDepth: Infinity };
  // An Rng that fails at its 100th draw (a whole tree makes several hundred): the tree stops inside a split search.
  const good = makeRng(3);
  let draws = 0;
  const failing = { ...good, int: (k: number) => { if (++draws === 100) throw new Error("stop"); return good.int(k); } };
  assert.throws(() => growTree(d, all, y, null, params, failing), /stop/);
  const full = { mtry: X.ncol, minNodeSize: 3, maxDepth: Infinity };
  const tree = growTree(d, all, y, null, full, makeRng(1));
  assertSameTree(d, tree, referenceTree(d, Array.from(all), y, null, 3), Array.from(all));
});

test("more training rows than STII_FOREST_MAX_ROWS is one clear error naming both numbers; a bad value is one error", () => {
  // The limit is read when the module loads, so each case is a fresh process.
  const tree = JSON.stringify(path.join(__dirname, "..", "..", "src", "learners", "tree.ts"));
  const binning = JSON.stringify(path.join(__dirname, "..", "..", "src", "learners", "binning.ts"));
  const rng = JSON.stringify(path.join(__dirname, "..", "..", "src", "numeric", "rng.ts"));
  const script = `const { growTree } = require(${tree}); const { binMatrix } = require(${binning}); const { makeRng } = require(${rng});
    const n = 60, X = { nrow: n, ncol: 1, data: Float64Array.from({ length: n }, (_, i) => i) }, y = X.data.slice();
    try { growTree(binMatrix(X, 16), Int32Array.from({ length: n }, (_, i) => i), y, null, { mtry: 1, minNodeSize: 5, maxDepth: Infinity }, makeRng(1)); console.log("grown"); }
    catch (e) { console.log("error: " + e.message); }`;
  const run = (limit: string) => spawnSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8", env: { ...process.env, STII_FOREST_MAX_ROWS: limit } });
  assert.match(run("50").stdout, /error: random forest \/ boosting: 60 training rows, more than the trees' limit of 50; set STII_FOREST_MAX_ROWS to at least 60/);
  assert.match(run("60").stdout, /^grown/);
  // A forest checks in its own thread: with worker threads the error would otherwise come back as a stack text.
  const forest = JSON.stringify(path.join(__dirname, "..", "..", "src", "learners", "forest.ts"));
  const viaWorkers = spawnSync(process.execPath, ["--import", "tsx", "-e", `const { RandomForestRegressor } = require(${forest});
    const n = 60, X = { nrow: n, ncol: 1, data: Float64Array.from({ length: n }, (_, i) => i) };
    new RandomForestRegressor({ nTrees: 4, threads: 2 }).fit(X, X.data.slice()).then(() => console.log("grown"), (e) => console.log(e.constructor.name + ": " + e.message));`],
  { encoding: "utf8", env: { ...process.env, STII_FOREST_MAX_ROWS: "50" } });
  assert.equal(viaWorkers.stdout.trim(), "InputError: random forest / boosting: 60 training rows, more than the trees' limit of 50; set STII_FOREST_MAX_ROWS to at least 60");
  const bad = run("many");
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /STII_FOREST_MAX_ROWS must be an integer >= 1, got many/);
});
