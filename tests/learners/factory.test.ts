import { test } from "node:test";
import assert from "node:assert/strict";
import {
  makeRegressor, makeClassifier, describeLearner, LEARNER_NAMES, CLASSIFIER_NAMES,
  OLS, Lasso, LassoLogistic, SVR, SVC, LogisticRegression, LinearProbabilityClassifier, MlRandomForestRegressor, MlRandomForestClassifier,
  type LearnerName, type ClassifierName,
} from "../../src/learners";
import { fromColumns } from "../../src/numeric/matrix";
import { makeRng } from "../../src/numeric/rng";
import { InputError } from "../../src/errors";

// This engineer's learners; rf and gbm belong to forest.ts / gbm.ts and are tested there.
const MINE: LearnerName[] = ["lasso", "svm", "ols", "mlrf"];
const opts = { seed: 3, nTrees: 10 };

function data(n: number, seed: number) {
  const rng = makeRng(seed);
  const x1 = Float64Array.from({ length: n }, () => rng.normal());
  const x2 = Float64Array.from({ length: n }, () => rng.normal());
  const y = Float64Array.from(x1, (v, i) => v - 0.5 * x2[i] + 0.3 * rng.normal());
  const d = Float64Array.from(x1, (v) => (v + rng.normal() > 0 ? 1 : 0));
  return { X: fromColumns([x1, x2], ["gdp", "fin"]), y, d };
}

test("factory: each name builds the documented learner", () => {
  const reg: [LearnerName, Function][] = [["lasso", Lasso], ["svm", SVR], ["ols", OLS], ["mlrf", MlRandomForestRegressor]];
  for (const [name, cls] of reg) assert.ok(makeRegressor(name) instanceof cls, name);
  const cla: [ClassifierName, Function][] = [["lasso", LassoLogistic], ["svm", SVC], ["ols", LinearProbabilityClassifier], ["mlrf", MlRandomForestClassifier], ["logit", LogisticRegression]];
  for (const [name, cls] of cla) assert.ok(makeClassifier(name) instanceof cls, name);
  assert.equal((makeClassifier("lasso", { rule: "1se" }) as LassoLogistic).opts.rule, "1se");
  assert.equal((makeClassifier("logit") as LogisticRegression).opts.l2, undefined);
});

test("factory: unknown names throw an InputError listing the valid ones", () => {
  assert.throws(() => makeRegressor("xgb" as LearnerName), (e: Error) => e instanceof InputError && /rf, lasso, gbm, svm, ols, mlrf/.test(e.message));
  assert.throws(() => makeRegressor("logit" as LearnerName), InputError);
  assert.throws(() => makeClassifier("nn" as ClassifierName), /logit/);
  assert.throws(() => describeLearner("toString" as ClassifierName), InputError);
});

test("describeLearner gives one line for every name", () => {
  assert.deepEqual([...CLASSIFIER_NAMES], [...LEARNER_NAMES, "logit"]);
  for (const name of CLASSIFIER_NAMES) {
    const d = describeLearner(name);
    assert.ok(d.length > 10 && !d.includes("\n"), name);
  }
});

test("clone: unfitted, same settings, and refitting gives the same numbers (seeded determinism)", async () => {
  const { X, y, d } = data(120, 1);
  for (const name of MINE) {
    const r = makeRegressor(name, opts);
    await r.fit(X, y);
    const c = r.clone();
    assert.equal(c.name, r.name);
    assert.throws(() => c.predict(X), /before fit/, `${name} clone is unfitted`);
    await c.fit(X, y);
    assert.deepEqual(Array.from(c.predict(X)), Array.from(r.predict(X)), name);
  }
  for (const name of [...MINE, "logit"] as ClassifierName[]) {
    const k = makeClassifier(name, opts);
    await k.fit(X, d);
    const c = k.clone();
    assert.throws(() => c.predictProba(X), /before fit/, `${name} clone is unfitted`);
    await c.fit(X, d);
    const p = k.predictProba(X);
    assert.deepEqual(Array.from(c.predictProba(X)), Array.from(p), name);
    assert.ok(p.every((v) => v >= 0 && v <= 1), `${name} probabilities in [0, 1]`);
  }
});

test("bad input: every learner throws the same clear InputError", async () => {
  const { X, y, d } = data(30, 2);
  const nanX = fromColumns([Float64Array.from(X.data.subarray(0, 30), (v, i) => (i === 6 ? NaN : v)), X.data.subarray(30)], ["gdp", "fin"]);
  const cases: [string, (fit: (X: typeof nanX, y: Float64Array) => Promise<void>, target: Float64Array) => Promise<void>, RegExp][] = [
    ["NaN in X", (fit, t) => fit(nanX, t), /gdp at row 7/],
    ["mismatched lengths", (fit, t) => fit(X, t.subarray(0, 29)), /30 rows but y has 29/],
    ["empty data", (fit) => fit(fromColumns([new Float64Array(0), new Float64Array(0)]), new Float64Array(0)), /empty/],
  ];
  for (const name of MINE) {
    for (const [what, run, re] of cases) {
      const r = makeRegressor(name, opts);
      await assert.rejects(run((a, b) => r.fit(a, b), y), (e: Error) => e instanceof InputError && re.test(e.message), `${name}: ${what}`);
    }
  }
  for (const name of [...MINE, "logit"] as ClassifierName[]) {
    for (const [what, run, re] of cases) {
      const k = makeClassifier(name, opts);
      await assert.rejects(run((a, b) => k.fit(a, b), d), (e: Error) => e instanceof InputError && re.test(e.message), `${name}: ${what}`);
    }
    await assert.rejects(makeClassifier(name, opts).fit(X, new Float64Array(30)), /constant/, `${name}: constant target`);
    const k = makeClassifier(name, opts);
    await k.fit(X, d);
    assert.throws(() => k.predictProba(fromColumns([[1]])), /1 columns but the learner was trained on 2/, `${name}: predict width`);
  }
});

test("no learner changes the matrices or targets it is given (cross-fitting hands the same fold matrix to every nuisance)", async () => {
  const { X, y, d } = data(120, 8);
  const Xc = X.data.slice(), yc = y.slice(), dc = d.slice();
  for (const name of LEARNER_NAMES) {
    const r = makeRegressor(name, opts);
    await r.fit(X, y);
    r.predict(X);
  }
  for (const name of CLASSIFIER_NAMES) {
    const c = makeClassifier(name, opts);
    await c.fit(X, d);
    c.predictProba(X);
  }
  assert.deepEqual(X.data, Xc);
  assert.deepEqual(y, yc);
  assert.deepEqual(d, dc);
});
