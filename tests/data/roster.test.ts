import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadRoster, readRosterRecords, cityByCode, packageRoot, REGIONS } from "../../src/data/roster";
import { InputError } from "../../src/errors";

const roster = loadRoster();
const recs = readRosterRecords();
const names = (flag: "capital" | "sub_provincial" | "municipality" | "separately_listed") =>
  recs.filter((r) => r[flag] === 1).map((r) => r.city).sort();

test("283 cities with unique 6-digit string codes", () => {
  assert.equal(roster.numRows(), 283);
  const codes = roster.array("city_code") as string[];
  for (const c of codes) assert.match(c, /^\d{6}$/);
  assert.equal(new Set(codes).size, 283);
  assert.equal(roster.get("city_code", 0), "110000"); // leading row, string not number
});

test("flags: 4 municipalities, 15 sub-provincial, 5 separately listed", () => {
  assert.deepEqual(names("municipality"), ["上海市", "北京市", "天津市", "重庆市"].sort());
  assert.deepEqual(names("sub_provincial"), ["哈尔滨市", "长春市", "沈阳市", "大连市", "济南市", "青岛市", "南京市",
    "杭州市", "宁波市", "厦门市", "武汉市", "广州市", "深圳市", "成都市", "西安市"].sort());
  assert.deepEqual(names("separately_listed"), ["大连市", "青岛市", "宁波市", "厦门市", "深圳市"].sort());
});

test("capitals: one per province other than municipalities and Tibet, each with a xx0100 code", () => {
  const caps = recs.filter((r) => r.capital === 1);
  // 27 provinces and autonomous regions, minus Tibet whose cities are all excluded.
  assert.equal(caps.length, 26);
  assert.equal(new Set(caps.map((c) => c.province)).size, 26);
  for (const c of caps) assert.match(c.city_code, /^\d\d0100$/, c.city);
  assert.ok(caps.every((c) => c.municipality === 0));
});

test("provinces and regions follow the NBS scheme", () => {
  assert.equal(new Set(recs.map((r) => r.province)).size, 30); // 31 minus Tibet
  assert.deepEqual([...new Set(recs.map((r) => r.region))].sort(), [...REGIONS].sort());
  // Northeast: Liaoning 14 + Jilin 8 + Heilongjiang 12 prefecture-level cities.
  assert.equal(recs.filter((r) => r.region === "northeast").length, 34);
  assert.equal(cityByCode("440300")?.region, "east");
  assert.equal(cityByCode("500000")?.region, "west");
  assert.equal(cityByCode("410100")?.region, "central");
});

test("documented exclusions are absent, ordinary cities present", () => {
  const all = new Set(recs.map((r) => r.city));
  for (const gone of ["拉萨市", "三沙市", "儋州市", "海东市", "毕节市", "铜仁市", "吐鲁番市", "哈密市", "嘉峪关市"]) {
    assert.ok(!all.has(gone), gone);
  }
  assert.equal(cityByCode("320500")?.city, "苏州市");
  assert.equal(cityByCode("999999"), undefined);
});

test("package root holds package.json", () => {
  assert.ok(fs.existsSync(path.join(packageRoot(), "package.json")));
});

test("a malformed roster throws InputError naming the row", () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "roster-")), "cities.csv");
  fs.writeFileSync(file, "city,city_code,province,region,capital,sub_provincial,municipality,separately_listed\n" +
    "北京市,110000,北京市,east,0,0,1,0\n天津市,12000,天津市,east,0,0,1,0\n");
  assert.throws(() => readRosterRecords(file), (e: unknown) => e instanceof InputError && /row 3/.test(e.message));
});
