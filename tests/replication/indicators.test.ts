// Notebook 01 helpers on small synthetic inputs, checked against hand computations.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { table } from "arquero";
import {
  moments, skewness, histogramGrid, describe, rosterByRegion, rosterExclusions, policyCalendarTable, treatedShares, table2Comparison, indicatorDictionary, bigdataCodings, indicatorProvenance,
} from "../../src/replication/indicators";
import { InputError } from "../../src/errors";
import type { PaperResults } from "../../src/tables";
import { loadRoster, type PolicyCalendar } from "../../src/data";
import { loadIndicatorSpec, type Indicator } from "../../src/measure";

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

function fakePaper(rows: (string | number)[][]): PaperResults {
  return { table2: { source: "", columns: ["variable", "label_zh", "label_en", "n", "mean", "sd", "min", "max"], rows } } as unknown as PaperResults;
}

test("moments: N, mean, sample sd, min, max by hand", () => {
  const m = moments([1, 2, 3, 4]);
  assert.equal(m.n, 4);
  close(m.mean, 2.5);
  close(m.sd, Math.sqrt((2.25 + 0.25 + 0.25 + 2.25) / 3));
  assert.equal(m.min, 1);
  assert.equal(m.max, 4);
  assert.throws(() => moments([1], "X"), (e: Error) => e instanceof InputError && /column X/.test(e.message));
});

test("describe: one row per column; a missing column names itself", () => {
  const p = table({ a: [1, 3, 5], b: [10, 10, 40] });
  const d = describe(p, ["a", "b"]).objects() as Record<string, number>[];
  assert.equal(d.length, 2);
  close(d[0].mean, 3); close(d[0].sd, 2);
  close(d[1].mean, 20); close(d[1].sd, Math.sqrt((100 + 100 + 400) / 2));
  assert.throws(() => describe(p, ["zz"]), /zz/);
});

test("rosterByRegion: cities and flags per region plus the total", () => {
  const roster = table({
    region: ["east", "east", "west", "northeast"],
    capital: [1, 0, 1, 0], sub_provincial: [0, 1, 0, 1], municipality: [1, 0, 0, 0], separately_listed: [0, 1, 0, 0],
  });
  const r = rosterByRegion(roster).objects() as Record<string, string | number>[];
  assert.deepEqual(r.map((x) => x.region), ["east", "central", "west", "northeast", "total"]);
  assert.deepEqual(r.map((x) => x.cities), [2, 0, 1, 1, 4]);
  assert.deepEqual(r.map((x) => x.capital), [1, 0, 1, 0, 2]);
  assert.deepEqual(r.map((x) => x.separately_listed), [1, 0, 0, 0, 1]);
});

test("rosterExclusions: the roster's exclusion list, 14 cities each with a reason, none of them in the roster", () => {
  const t = rosterExclusions().objects() as Record<string, string>[];
  assert.equal(t.length, 14);
  assert.ok(t.every((r) => r.city.endsWith("市") && r.reason.length > 5));
  const roster = new Set(Array.from(loadRoster().array("city") as ArrayLike<string>));
  assert.deepEqual(t.filter((r) => roster.has(r.city)), []);
});

test("rosterExclusions: the shipped README lists 14 cities (297 - 14 = 283)", () => {
  assert.equal(rosterExclusions().numRows(), 14);
});

test("policyCalendarTable: one row per batch with member counts", () => {
  const batch = (id: string, year: number, n: number, complete?: boolean) => ({
    id, year, complete, source: { agency: "A", title: "T", doc_no: "not verified", date: "2016" },
    members: Array.from({ length: n }, (_, k) => ({ code: String(k), city: `c${k}` })),
  });
  const policies = Object.fromEntries(["Bigdata", "LowCarbon", "SmartCity", "InnovCity", "SciFin", "Broadband"].map((p) => [p, { name_zh: "", name_en: "", batches: [] as unknown[] }]));
  policies.Bigdata.batches = [batch("b1", 2016, 3)];
  policies.SmartCity.batches = [batch("s1", 2012, 2), batch("s2", 2015, 0, false)];
  const t = policyCalendarTable({ rules: {}, policies } as unknown as PolicyCalendar).objects() as Record<string, string | number>[];
  assert.deepEqual(t.map((r) => [r.policy, r.year, r.cities, r.complete]), [["Bigdata", 2016, 3, "yes"], ["SmartCity", 2012, 2, "yes"], ["SmartCity", 2015, 0, "no"]]);
  assert.equal(t[0].source, "A, T, 2016"); // an unverified doc number is left out
});

test("bigdataCodings: the calendar as coded and each batch's alternative year, by hand", () => {
  const batch = (id: string, year: number, codes: string[], alternative_year?: number) => ({
    id, year, alternative_year, source: { agency: "A", title: "T", doc_no: "", date: "" }, members: codes.map((code) => ({ code, city: code })),
  });
  const policies = Object.fromEntries(["Bigdata", "LowCarbon", "SmartCity", "InnovCity", "SciFin", "Broadband"].map((p) => [p, { name_zh: "", name_en: "", batches: [] as unknown[] }]));
  policies.Bigdata.batches = [batch("early", 2015, ["a"], 2016), batch("late", 2016, ["b", "c"])];
  const cal = { rules: {}, policies } as unknown as PolicyCalendar;
  // Cities a, b, c, d over 2014-2017 (16 city-years): a treated 2015-2017 (3), b and c 2016-2017 (2 each): 7.
  // With a from 2016: 6. Mean 7/16, sd sqrt(16/15 p (1 - p)).
  const t = bigdataCodings(cal, ["a", "b", "c", "d"], [2014, 2015, 2016, 2017], fakePaper([["Bigdata", "", "", 16, 0.4, 0.5, 0, 1]])).objects() as Record<string, number | string>[];
  assert.deepEqual(t.map((r) => [r.treated, r.n]), [[7, 16], [6, 16]]);
  assert.equal(t[0].coding, "as coded: 2015 early; 2016 late");
  assert.equal(t[1].coding, "early in 2016 instead of 2015");
  const sd = (p: number) => Math.sqrt((16 / 15) * p * (1 - p));
  close(t[0].mean as number, 7 / 16); close(t[0].sd as number, sd(7 / 16));
  close(t[1].mean as number, 6 / 16); close(t[1].sd as number, sd(6 / 16));
  close(t[0].gap_mean as number, 7 / 16 - 0.4); close(t[1].gap_sd as number, sd(6 / 16) - 0.5);
});

test("treatedShares: share of treated city-years and the gap to the paper's Bigdata mean", () => {
  const zeros = [0, 0, 0, 0];
  const p = table({ Bigdata: [1, 0, 0, 0], LowCarbon: [1, 1, 0, 0], SmartCity: zeros, InnovCity: zeros, SciFin: zeros, Broadband: [1, 1, 1, 1] });
  const t = treatedShares(p, fakePaper([["Bigdata", "", "", 4, 0.3, 0.1, 0, 1]])).objects() as Record<string, number | null>[];
  close(t[0].share as number, 0.25);
  close(t[0].gap as number, -0.05);
  assert.equal(t[1].treated, 2);
  assert.equal(t[1].paper_share, null);
  close(t[5].share as number, 1);
});

test("table2Comparison: our moments beside the paper's, gaps in percent of the paper", () => {
  const p = table({ FI: [0.1, 0.2, 0.3], Gdp: [10, 10, 13] });
  const paper = fakePaper([["FI", "", "fi", 3, 0.25, 0.1, 0.1, 0.3], ["Gdp", "", "gdp", 3, 11, 2, 10, 13]]);
  const t = table2Comparison(p, paper).objects() as Record<string, number | string>[];
  assert.deepEqual(t.map((r) => r.variable), ["FI", "Gdp"]);
  close(t[0].mean as number, 0.2);
  close(t[0].gap_mean_pct as number, -20, 1e-9);
  close(t[0].gap_sd_pct as number, 0, 1e-9);
  close(t[1].gap_sd_pct as number, (100 * (Math.sqrt(3) - 2)) / 2, 1e-9);
  assert.equal(t[1].paper_max, 13);
});

test("indicatorDictionary: rows in spec order, direction as a sign, the third level where given", () => {
  const spec = [
    { column: "s1", system: "S", direction: 1, label_en: "S one", label_zh: "甲", source: "yearbook", dimension_en: "subjects", dimension_zh: "主体", item_zh: "企业", item_en: "firms" },
    { column: "i1", system: "I", direction: -1, label_en: "I one", label_zh: "乙", source: "" },
  ] as Indicator[];
  const t = indicatorDictionary(spec).objects() as Record<string, string>[];
  assert.deepEqual(t.map((r) => [r.column, r.direction, r.dimension, r.item]), [["s1", "+", "主体 subjects", "企业 firms"], ["i1", "-", "", ""]]);
  assert.match(t[1].system, /^I/);
});

test("data/indicators.json: Table 1's three levels for all 22 indicators, provenance stated, still a valid spec", () => {
  const spec = loadIndicatorSpec() as (Indicator & { item_zh?: string })[];
  assert.equal(spec.length, 22);
  // Table 1's third level, in the paper's order (S: 4 dimensions of 3, 3, 3, 4 items; I: 3 of 3 items).
  assert.deepEqual(spec.map((i) => i.item_zh), [
    "企业创新主体", "高校创新主体", "科研机构创新主体", "创新经费投入", "创新人才引进", "创新平台建设", "科技创新重视度", "科技金融关注度", "知识产权保护度",
    "知识性创新成果", "原创性创新成果", "颠覆性创新成果", "渐进性创新成果", "产学研合作水平", "产业链韧性", "产业协同聚集水平", "产业创新价值实现",
    "产业创新转化规模", "产业创新转化效率", "未来产业培育", "战略性新兴产业培育", "市场发展潜力"]);
  const prov = indicatorProvenance().objects() as { status: string; field: string }[];
  const stated = prov.filter((r) => r.status.startsWith("stated")).map((r) => r.field.split(" ")[0]);
  const ours = prov.filter((r) => r.status.startsWith("the project")).map((r) => r.field.split(":")[0].split(",")[0]);
  assert.deepEqual(stated, ["system", "dimension_zh", "item_zh", "label_zh"]);
  assert.ok(ours.includes("direction") && ours.includes("source"), ours.join());
  const bare = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ind-")), "indicators.json");
  fs.writeFileSync(bare, JSON.stringify({ indicators: [] }));
  assert.throws(() => indicatorProvenance(bare), InputError);
});

test("skewness: symmetric is 0, a hand-worked right tail", () => {
  close(skewness([1, 2, 3]), 0);
  // x = 0, 0, 3: mean 1, deviations -1, -1, 2: m2 = 6/3 = 2, m3 = (-1 - 1 + 8)/3 = 2, skew = 2 / 2^1.5
  close(skewness([0, 0, 3]), 2 / Math.pow(2, 1.5));
  assert.throws(() => skewness([4, 4]), InputError);
});

test("histogramGrid: one trace per panel on its own axes, counts adding up to the values", () => {
  const f = histogramGrid([{ title: "a", xTitle: "x", values: [1, 2, 2, 3] }, { title: "b", xTitle: "y", values: [5, 6, 7] }, { title: "c", xTitle: "z", values: [0, 1] }], 2, 4);
  assert.deepEqual(f.data.map((t) => [t.xaxis, t.yaxis]), [["x", "y"], ["x2", "y2"], ["x3", "y3"]]);
  assert.deepEqual([f.layout.grid.rows, f.layout.grid.columns], [2, 2]);
  assert.equal((f.data[0].y as number[]).reduce((a, b) => a + b, 0), 4);
  assert.equal((f.data[1].y as number[]).reduce((a, b) => a + b, 0), 3);
  assert.equal(f.layout.annotations[2].text, "c");
  assert.throws(() => histogramGrid([]), /no panels/);
});
