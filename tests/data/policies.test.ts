import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadPolicies, designationYear, policyDummy, POLICY_NAMES } from "../../src/data/policies";
import { readRosterRecords, dataPath } from "../../src/data/roster";
import { InputError } from "../../src/errors";

const cal = loadPolicies();
const roster = readRosterRecords();
const inBatch = (id: string, code: string) =>
  Object.values(cal.policies).flatMap((p) => p.batches).find((b) => b.id === id)!.members.some((m) => m.code === code);

test("all six policies, every batch with a source and members from the roster", () => {
  const codes = new Map(roster.map((r) => [r.city_code, r.city]));
  for (const name of POLICY_NAMES) {
    assert.ok(cal.policies[name].batches.length > 0, name);
    for (const b of cal.policies[name].batches) {
      for (const k of ["agency", "title", "doc_no", "date"] as const) assert.ok(b.source[k].length > 0, `${b.id} ${k}`);
      for (const m of b.members) assert.equal(codes.get(m.code), m.city, `${b.id} ${m.code}`);
    }
  }
});

test("a whole-province batch covers every roster city of its provinces", () => {
  for (const name of POLICY_NAMES) {
    for (const b of cal.policies[name].batches) {
      for (const prov of b.provinces ?? []) {
        const want = roster.filter((r) => r.province === prov).map((r) => r.city_code);
        assert.ok(want.length > 0, prov);
        for (const code of want) assert.ok(b.members.some((m) => m.code === code), `${b.id} misses ${code}`);
      }
    }
  }
});

test("known big data zone members", () => {
  assert.ok(inBatch("bigdata-guizhou", "520100")); // 贵阳市
  assert.ok(inBatch("bigdata-prd", "440300")); // 深圳市
  assert.ok(inBatch("bigdata-henan", "410100")); // 郑州市
  assert.ok(inBatch("bigdata-jingjinji", "130100")); // 石家庄市
  assert.ok(inBatch("bigdata-neimenggu", "150100")); // 呼和浩特市
  assert.equal(designationYear(cal, "Bigdata", "520100"), 2015); // Guizhou: the first cohort
  assert.equal(designationYear(cal, "Bigdata", "130100"), 2016);
  assert.equal(designationYear(cal, "Bigdata", "420100"), null); // 武汉市 is in no zone
  assert.equal(designationYear(cal, "Bigdata", "440500"), null); // 汕头市: Guangdong, not PRD
});

test("covered cities: 4 Guizhou + 13 Jing-Jin-Ji + 9 PRD + Shanghai + 17 Henan + Chongqing + Shenyang + 9 Inner Mongolia", () => {
  const covered = roster.filter((r) => designationYear(cal, "Bigdata", r.city_code) !== null);
  assert.equal(covered.length, 4 + 13 + 9 + 1 + 17 + 1 + 1 + 9);
});

test("dummy is 1 from the first designation year on", () => {
  assert.equal(policyDummy(cal, "Bigdata", "520100", 2014), 0);
  assert.equal(policyDummy(cal, "Bigdata", "520100", 2015), 1);
  assert.equal(policyDummy(cal, "Bigdata", "310000", 2015), 0); // 上海: second cohort, 2016
  assert.equal(policyDummy(cal, "Bigdata", "310000", 2016), 1);
  assert.equal(policyDummy(cal, "Bigdata", "520100", 2022), 1);
  // 沈阳: Liaoning pilot province 2010, named again as a city in 2017: the earlier year wins.
  assert.equal(designationYear(cal, "LowCarbon", "210100"), 2010);
  assert.equal(designationYear(cal, "LowCarbon", "320100"), 2017); // 南京市
  assert.equal(designationYear(cal, "SciFin", "330200"), 2011); // 宁波: 2011 and 2016
  assert.equal(designationYear(cal, "InnovCity", "440300"), 2008); // 深圳
});

test("Bigdata over 283 x 13 city-years reproduces the paper's Table 2 mean 0.1057 and sd 0.3075", () => {
  let treated = 0;
  for (const r of roster) for (let y = 2010; y <= 2022; y++) treated += policyDummy(cal, "Bigdata", r.city_code, y);
  const share = treated / (283 * 13);
  console.log(`Bigdata treated share ${share.toFixed(4)} (${treated} of ${283 * 13} city-years; paper 0.1057)`);
  assert.equal(treated, 4 * 8 + 51 * 7); // Guizhou's 4 cities treated 2015-2022, the other 51 2016-2022
  const n = 283 * 13, sd = Math.sqrt((n / (n - 1)) * share * (1 - share));
  assert.equal(share.toFixed(4), "0.1057");
  assert.equal(sd.toFixed(4), "0.3075");
});

test("a calendar naming a city outside the roster throws InputError", () => {
  const cal2 = JSON.parse(fs.readFileSync(dataPath("policies.json"), "utf8"));
  cal2.policies.SciFin.batches[0].members.push({ code: "540100", city: "拉萨市" });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pol-")), "policies.json");
  fs.writeFileSync(file, JSON.stringify(cal2));
  assert.throws(() => loadPolicies(file), (e: unknown) => e instanceof InputError && /540100/.test(e.message));
});
