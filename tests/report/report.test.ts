// results/ and report.html are deterministic and self-contained.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ResultsWriter, readManifest } from "../../src/report";
import { barChart, fallbackSvg } from "../../src/figures";

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const f of fs.readdirSync(d).sort()) {
      const p = path.join(d, f);
      if (fs.statSync(p).isDirectory()) walk(p); else out[path.relative(dir, p)] = fs.readFileSync(p).toString("base64");
    }
  };
  walk(dir);
  return out;
}

function produce(dir: string): void {
  const spec = barChart({ title: "Weights", categories: ["S01", "S02"], series: [{ name: "w", values: [0.4, 0.6] }] });
  const second = new ResultsWriter({ dir, section: "02-dml" });
  second.saveTable("table3", { csv: "col,coef\n1,0.019", json: { z: 1, a: [1, 2] }, html: "<table><tr><td>0.019</td></tr></table>", title: "Table 3" });
  const first = new ResultsWriter({ dir, section: "01-measure" });
  first.saveFigure("weights", spec, { svg: fallbackSvg(spec), renderer: "svg-fallback" });
  first.saveTable("moments", { csv: "a,b\n1,2\n" });
  first.writeReport({ simulated: true, dataLabel: "panel.csv" });
}

test("two runs give byte-identical results/ folders", () => {
  const a = fs.mkdtempSync(path.join(os.tmpdir(), "stii-res-a-"));
  const b = fs.mkdtempSync(path.join(os.tmpdir(), "stii-res-b-"));
  produce(a);
  produce(b);
  const sa = snapshot(a), sb = snapshot(b);
  assert.deepEqual(Object.keys(sa), ["manifest/01-measure.json", "manifest/02-dml.json", "report.html", "tables/moments.csv", "tables/table3.csv", "tables/table3.html", "tables/table3.json", "figures/weights.json", "figures/weights.svg"].sort());
  assert.deepEqual(sa, sb);
  assert.equal(fs.readFileSync(path.join(a, "tables/table3.json"), "utf8"), '{\n "a": [\n  1,\n  2\n ],\n "z": 1\n}\n');
  for (const d of [a, b]) fs.rmSync(d, { recursive: true, force: true });
});

test("report.html: notebook order, simulated banner, everything inline", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-res-"));
  produce(dir);
  const html = fs.readFileSync(path.join(dir, "report.html"), "utf8");
  assert.ok(html.indexOf('id="01-measure"') < html.indexOf('id="02-dml"'));
  assert.match(html, /<b>Simulated data\.<\/b>/);
  assert.match(html, /src="data:image\/svg\+xml;base64,/);
  assert.match(html, /<td>0\.019<\/td>/);
  assert.doesNotMatch(html, /(src|href)="(?!data:|#)/); // no external files or links
  assert.deepEqual(readManifest(dir).map((s) => s.section), ["01-measure", "02-dml"]);
  assert.throws(() => new ResultsWriter({ dir, section: "x" }).saveTable("../escape", { csv: "a" }), /must be letters/);
  fs.rmSync(dir, { recursive: true, force: true });
});
