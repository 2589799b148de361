// Figure specs are plain plotly JSON; the fallback SVG draws what the spec holds.
import { test } from "node:test";
import assert from "node:assert/strict";
import { barChart, coefPlot, contour, eventStudy, fallbackSvg, findChromium, histogram, lineChart, renderStatic } from "../../src/figures";
import type { FigureSpec } from "../../src/figures";

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

function assertPlotly(spec: FigureSpec): void {
  assert.ok(Array.isArray(spec.data) && spec.data.length > 0);
  assert.equal(typeof spec.layout, "object");
  for (const t of spec.data) assert.ok(["scatter", "bar", "contour"].includes(t.type), `trace type ${t.type}`);
  assert.deepEqual(JSON.parse(JSON.stringify(spec)), spec); // pure JSON: no undefined, functions or typed arrays
}

test("lineChart: one trace per series over the shared x; year axes without decimals", () => {
  const s = lineChart({ title: "FI", x: [2010, 2011, 2012], series: [{ name: "national", y: [0.2, 0.21, 0.22] }, { name: "east", y: [0.3, 0.31, 0.33] }] });
  assertPlotly(s);
  assert.deepEqual(s.data.map((t) => t.name), ["national", "east"]);
  assert.deepEqual(s.data[1].y, [0.3, 0.31, 0.33]);
  assert.equal(s.layout.xaxis.tickformat, "d");
  assert.throws(() => lineChart({ x: [1, 2], series: [{ name: "a", y: [1] }] }), /1 values for 2 x positions/);
  const svg = fallbackSvg(s);
  assert.equal(count(svg, /<polyline class="line"/g), 2);
  assert.equal(count(svg, /<circle class="marker"/g), 6);
  assert.match(svg, />FI<\/text>/);
  assert.match(svg, /class="legend"[^>]*>national</);
});

test("barChart: bars per category, horizontal puts values on x", () => {
  const s = barChart({ categories: ["S01", "S02", "S03"], series: [{ name: "w", values: [0.2, 0.3, 0.5] }], horizontal: true });
  assertPlotly(s);
  assert.deepEqual(s.data[0].x, [0.2, 0.3, 0.5]);
  assert.equal(s.data[0].orientation, "h");
  const svg = fallbackSvg(s, 700, 450);
  assert.equal(count(svg, /<rect class="bar"/g), 3);
  // Bar lengths are proportional to the values: 0.5 / 0.2 = 2.5 (x axis starts at 0 - 5% padding).
  const widths = [...svg.matchAll(/<rect class="bar" x="[^"]+" y="[^"]+" width="([^"]+)"/g)].map((m) => Number(m[1]));
  assert.ok(Math.abs(widths[2] / widths[0] - 2.5) < 1e-9);
});

test("coefPlot: 95% intervals as asymmetric error bars, reference lines at baseline and truth", () => {
  const s = coefPlot({ estimates: [{ label: "base", coef: 0.02, lo: 0.015, hi: 0.03 }, { label: "K=3", coef: 0.018, lo: 0.01, hi: 0.02 }], baseline: 0.02, truth: 0.025 });
  assertPlotly(s);
  const ex = s.data[0].error_x as { array: number[]; arrayminus: number[] };
  assert.deepEqual(ex.array.map((v) => +v.toFixed(12)), [0.01, 0.002]);
  assert.deepEqual(ex.arrayminus.map((v) => +v.toFixed(12)), [0.005, 0.008]);
  const xs = s.layout.shapes.map((sh: any) => sh.x0);
  assert.deepEqual(xs, [0, 0.02, 0.025]);
  const svg = fallbackSvg(s);
  assert.equal(count(svg, /class="errorbar"/g), 2);
  assert.equal(count(svg, /class="shape"/g), 3);
});

test("histogram: hand-binned counts and the marked value", () => {
  // Values 0..9 in 5 bins over [0, 9]: width 1.8 -> bins [0,1.8) [1.8,3.6) [3.6,5.4) [5.4,7.2) [7.2,9] hold 2,2,2,2,2.
  const s = histogram({ values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], bins: 5, marked: { value: 4, label: "actual" } });
  assertPlotly(s);
  assert.deepEqual(s.data[0].y, [2, 2, 2, 2, 2]);
  assert.ok(Math.abs((s.data[0].x as number[])[0] - 0.9) < 1e-12);
  assert.equal(s.layout.shapes[0].x0, 4);
  assert.equal(count(fallbackSvg(s), /<rect class="bar"/g), 5);
  assert.throws(() => histogram({ values: [NaN] }), /no finite values/);
});

test("eventStudy and contour build valid specs", () => {
  const e = eventStudy({ points: [{ k: -2, coef: 0, lo: -0.01, hi: 0.01 }, { k: 0, coef: 0.02, lo: 0.01, hi: 0.03 }] });
  assertPlotly(e);
  assert.equal(e.layout.shapes[1].x0, -0.5); // between the omitted k = -1 and k = 0
  const c = contour({ x: [0, 0.1], y: [0, 0.1, 0.2], z: [[1, 2], [2, 3], [3, 4]], marked: [{ x: 0.05, y: 0.05, label: "Gdp" }] });
  assertPlotly(c);
  assert.equal(c.data.length, 2);
  assert.throws(() => contour({ x: [0, 1], y: [0], z: [[1]] }), /contour z row 1/);
  assert.equal(count(fallbackSvg(c), /<rect class="cell"/g), 6);
});

test("renderStatic: Chromium PNG when available, else the SVG fallback, and says which", () => {
  const spec = lineChart({ x: [1, 2, 3], series: [{ name: "a", y: [1, 3, 2] }] });
  const saved = process.env.STII_CHROMIUM;
  process.env.STII_CHROMIUM = "none";
  try {
    const r = renderStatic(spec);
    assert.equal(r.renderer, "svg-fallback");
    assert.match(r.svg!, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  } finally {
    if (saved === undefined) delete process.env.STII_CHROMIUM; else process.env.STII_CHROMIUM = saved;
  }
  if (!findChromium()) return; // nothing more to check on a machine without Chromium
  const r = renderStatic(spec);
  assert.equal(r.renderer, "chromium");
  assert.deepEqual([...r.png!.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]); // PNG signature
  assert.equal(r.png!.readUInt32BE(16), 760); // width from the IHDR chunk: the default figure width
});

test("stripPlot, coverageChart and eventStudy with a truth line", async () => {
  const { stripPlot, coverageChart } = await import("../../src/figures");
  const s = stripPlot({ groups: [{ name: "a", values: [1, 2, 6] }, { name: "b", values: [0, 0] }], reference: { value: 0, label: "zero" } });
  assert.equal(s.data.length, 3);
  assert.deepEqual(s.data[0].y, [1, 2, 6]);
  // Points of group 0 spread over [-0.3, 0.3] in draw order: -0.3 + 0.6 (i + 0.5) / 3.
  (s.data[0].x as number[]).forEach((x, i) => assert.ok(Math.abs(x - (-0.3 + (0.6 * (i + 0.5)) / 3)) < 1e-12));
  assert.deepEqual(s.data[2].y, [3, 0]);
  assert.deepEqual(s.layout.xaxis.ticktext, ["a", "b"]);
  const c = coverageChart({ categories: ["a"], series: [{ name: "x", values: [0.9] }], nominal: 0.95, band: [0.92, 0.98] });
  assert.equal(c.layout.shapes[0].y0, 0.92);
  assert.equal(c.layout.shapes[0].y1, 0.98);
  assert.equal(c.layout.shapes[1].y0, 0.95);
  const e = eventStudy({ points: [{ k: 0, coef: 0.02, lo: 0.01, hi: 0.03 }], truth: [{ k: 0, value: 0.025 }] });
  assert.equal(e.data.length, 2);
  assert.deepEqual(e.data[1].y, [0.025]);
  assert.equal(e.layout.showlegend, true);
});
