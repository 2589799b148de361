import { test } from "node:test";
import assert from "node:assert/strict";
import { grade, GRADES, regionalSummary, averageGrowth } from "../../src/measure";

test("grade bands of width 0.1 at their boundaries", () => {
  const cases: [number, number][] = [[0, 0], [0.0999, 0], [0.1, 1], [0.2346, 2], [0.3, 3], [0.7, 7], [0.8999999, 8], [0.9, 9], [1, 9]];
  for (const [fi, band] of cases) assert.equal(grade(fi).band, band, `FI ${fi}`);
  assert.equal(grade(0.05).zh, "极度失调");
  assert.equal(grade(0.05).en, "extreme disorder");
  assert.equal(grade(0.95).zh, "优质协调");
  assert.equal(grade(0.95).en, "quality coordination");
  assert.equal(grade(0.55).zh, "勉强协调");
  assert.equal(GRADES.length, 10);
  assert.throws(() => grade(-0.01));
  assert.throws(() => grade(1.01));
  assert.throws(() => grade(NaN));
});

test("average growth: closed form (last / first)^(1 / (years - 1)) - 1", () => {
  assert.ok(Math.abs(averageGrowth([1, 1.1, 1.21]) - 0.1) < 1e-12);
  const series = [0.2083, ...Array(11).fill(0.25), 0.2736];
  assert.ok(Math.abs(averageGrowth(series) - (Math.exp(Math.log(0.2736 / 0.2083) / 12) - 1)) < 1e-15);
});

test("regional summary: yearly, pooled and growth by hand", () => {
  // east: 2010 {0.2, 0.4} -> 0.3, 2011 {0.6} -> 0.6 ; west: 2010 {0.1} -> 0.1, 2011 {0.2, 0.3} -> 0.25
  const year = [2010, 2010, 2010, 2011, 2011, 2011];
  const region = ["east", "east", "west", "east", "west", "west"];
  const fi = [0.2, 0.4, 0.1, 0.6, 0.2, 0.3];
  const s = regionalSummary(year, region, fi);
  assert.deepEqual(s.years, [2010, 2011]);
  assert.deepEqual(s.groups, ["national", "east", "west"]);
  const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
  near(s.byYear.east[0], 0.3); near(s.byYear.east[1], 0.6);
  near(s.byYear.west[1], 0.25);
  near(s.byYear.national[0], 0.7 / 3); near(s.byYear.national[1], 1.1 / 3);
  near(s.pooled.east, 0.4); near(s.pooled.west, 0.2); near(s.pooled.national, 1.8 / 6);
  near(s.growth.east, 1); near(s.growth.west, 1.5); near(s.growth.national, 1.1 / 0.7 - 1);
});

test("regional summary refuses a region missing a year and a single-year panel", () => {
  assert.throws(() => regionalSummary([2010, 2011, 2011], ["east", "east", "west"], [0.1, 0.2, 0.3]), /region west: no rows in year 2010/);
  assert.throws(() => regionalSummary([2010, 2010], ["east", "west"], [0.1, 0.2]), /at least two years/);
});
