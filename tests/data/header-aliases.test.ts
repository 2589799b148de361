// The paper profile's header aliases (data/column-names.json): each plain alias renames, each
// transformed alias transforms (log of a level, reciprocal of an inverted ratio) or refuses naming the
// row, and every transformation is listed in the load report and the notebook banner.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { mapHeaders } from "../../src/data/headers";
import { readPanel } from "../../src/data/panel";
import { InputError } from "../../src/errors";
import { loadStudy } from "../../src/study";
import { banner } from "../../src/replication/common";

const names = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "data", "column-names.json"), "utf8")) as {
  columns: Record<string, string[]>;
  transformed: Record<string, { column: string; transform: "log" | "reciprocal" }>;
};
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-aliases-"));
const file = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };

for (const [column, aliases] of Object.entries(names.columns)) {
  for (const alias of aliases) {
    test(`plain alias ${alias} -> ${column}: renamed, values untouched`, () => {
      const m = mapHeaders([alias]);
      assert.deepEqual(m.names, [column]);
      assert.deepEqual(m.transforms, []);
    });
  }
}

for (const [alias, t] of Object.entries(names.transformed)) {
  test(`transformed alias ${alias} -> ${t.column} (${t.transform}): values transformed, listed, bad values refused by row`, async () => {
    const m = mapHeaders([alias]);
    assert.deepEqual(m.names, [t.column]);
    assert.equal(m.transforms.length, 1);
    assert.equal(m.transforms[0].transform, t.transform);
    const head = `城市,城市代码,省份,区域,年份,${alias}`;
    const good = [head, "北京市,110000,北京市,east,2015,4", "北京市,110000,北京市,east,2016,0.5", "天津市,120000,天津市,east,2015,"].join("\n") + "\n";
    const { table, report } = await readPanel(file(`${t.column}.csv`, good));
    const got = Array.from(table.array(t.column) as Float64Array);
    // Independent arithmetic: ln 4, ln 0.5 / 1/4, 1/0.5; the empty cell stays empty.
    const want = t.transform === "log" ? [Math.log(4), Math.log(0.5), NaN] : [0.25, 2, NaN];
    assert.deepEqual(got, want);
    const text = t.transform === "log" ? `${alias} -> ${t.column} = ln(${alias})` : `${alias} -> ${t.column} = 1 / ${alias}`;
    assert.deepEqual(report.transformations, [text]);
    // A value the transformation cannot take is refused, naming row and header; other problems come with it.
    const badValue = t.transform === "log" ? "-1" : "0";
    const bad = good.replace("2016,0.5", `2016,${badValue}`).replace("天津市,120000,天津市,east,2015", "天津市,120000,天津市,east,2031");
    await assert.rejects(readPanel(file(`${t.column}-bad.csv`, bad)), (e: unknown) => {
      assert.ok(e instanceof InputError);
      assert.match(e.message, /^2 problems in /);
      assert.match(e.message, /year 2031 outside 2010-2022 \(row 4\)/);
      assert.ok(e.message.includes(`row 3 column ${alias}: ${badValue} cannot become ${t.column} (${text} needs `), e.message);
      return true;
    });
  });
}

test("not aliases: 环境规制 is not Env, 财政分权 is not Fin; they are kept as columns of their own", () => {
  const m = mapHeaders(["环境规制", "财政分权"]);
  assert.deepEqual(m.names, ["环境规制", "财政分权"]);
  assert.deepEqual(m.unknown, ["环境规制", "财政分权"]);
});

test("a transformation shows in the notebook banner; a file without one leaves the banner as it was", async () => {
  const f = file("banner.csv", ["城市,城市代码,省份,区域,年份,人均GDP,财政自给率", "北京市,110000,北京市,east,2015,80000,0.8"].join("\n") + "\n");
  const html = banner(await loadStudy({ file: f }));
  assert.ok(html.includes("<b>Columns transformed on reading:</b> 人均GDP -&gt; Gdp = ln(人均GDP); 财政自给率 -&gt; Fin = 1 / 财政自给率."), html);
  const plain = file("plain.csv", ["城市,城市代码,省份,区域,年份,Gdp", "北京市,110000,北京市,east,2015,11.3"].join("\n") + "\n");
  assert.ok(!banner(await loadStudy({ file: plain })).includes("transformed"));
});
