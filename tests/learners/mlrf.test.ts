import { test } from "node:test";
import assert from "node:assert/strict";
import { MlRandomForestRegressor, MlRandomForestClassifier } from "../../src/learners/mlrf";
import { fromColumns } from "../../src/numeric/matrix";
import { makeRng } from "../../src/numeric/rng";
import { InputError } from "../../src/errors";

function stepData(n: number, seed: number) {
  const rng = makeRng(seed);
  const x1 = Float64Array.from({ length: n }, () => rng.next());
  const x2 = Float64Array.from({ length: n }, () => rng.next());
  const f = Float64Array.from(x1, (v) => (v > 0.5 ? 3 : 0));
  const y = Float64Array.from(f, (v) => v + 0.3 * rng.normal());
  return { X: fromColumns([x1, x2]), f, y };
}

test("mlrf regressor: recovers a step function; same seed same numbers, another seed others", async () => {
  const train = stepData(200, 1), hold = stepData(200, 2);
  const m = new MlRandomForestRegressor({ seed: 5, nTrees: 20, mtry: 2 });
  await m.fit(train.X, train.y);
  const p = m.predict(hold.X);
  let se = 0;
  for (let i = 0; i < p.length; i++) se += (p[i] - hold.f[i]) ** 2;
  assert.ok(Math.sqrt(se / p.length) < 0.5, `rmse ${Math.sqrt(se / p.length)}`);
  const again = m.clone();
  await again.fit(train.X, train.y);
  assert.deepEqual(Array.from(again.predict(hold.X)), Array.from(p));
  const other = new MlRandomForestRegressor({ seed: 6, nTrees: 20, mtry: 2 });
  await other.fit(train.X, train.y);
  assert.notDeepEqual(Array.from(other.predict(hold.X)), Array.from(p));
});

test("mlrf classifier: vote-share probabilities in [0, 1] that agree with the package's majority vote", async () => {
  const { X, f } = stepData(200, 3);
  const y = Float64Array.from(f, (v) => (v > 0 ? 1 : 0));
  const c = new MlRandomForestClassifier({ seed: 1, nTrees: 21, mtry: 2 });
  await c.fit(X, y);
  const hold = stepData(100, 4);
  const p = c.predictProba(hold.X);
  assert.ok(p.every((v) => v >= 0 && v <= 1));
  // With 21 trees there are no ties: the majority class is 1 exactly when the share exceeds 1/2.
  const forest = (c as unknown as { forest: { predict(r: number[][]): number[] } }).forest;
  const rows = Array.from({ length: hold.X.nrow }, (_, i) => [hold.X.data[i], hold.X.data[hold.X.nrow + i]]);
  const votes = forest.predict(rows);
  votes.forEach((v, i) => assert.equal(v, p[i] > 0.5 ? 1 : 0, `row ${i}`));
  let correct = 0;
  for (let i = 0; i < p.length; i++) correct += (p[i] > 0.5 ? 1 : 0) === (hold.f[i] > 0 ? 1 : 0) ? 1 : 0;
  assert.ok(correct / p.length > 0.9, `accuracy ${correct / p.length}`);
});

test("mlrf: bad settings and input are rejected", async () => {
  const { X, y } = stepData(20, 5);
  await assert.rejects(new MlRandomForestRegressor({ mtry: 3 }).fit(X, y), InputError);
  await assert.rejects(new MlRandomForestRegressor({ nTrees: 0 }).fit(X, y), InputError);
  await assert.rejects(new MlRandomForestClassifier().fit(X, y), /0 or 1/);
});
