// Figure specs are plain plotly JSON; the fallback SVG draws what the spec holds.
import { after, test, type TestContext } from "node:test";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import assert from "node:assert/strict";
import { barChart, cjkFontPresent, coefPlot, contour, eventStudy, fallbackSvg, figureCacheDir, findChromium, histogram, lineChart, renderStatic, show, withoutChinese } from "../../src/figures";
import type { FigureSpec } from "../../src/figures";
import { renderInChromium } from "../../src/figures/render";
import { renderInSession, sessionPid } from "../../src/figures/chromium-session";
import { startFigureServer } from "../../src/figures/figure-server";
import { execFile } from "node:child_process";

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

// Each run of this file renders into its own cache folder, so every Chromium image below is drawn, not read back.
process.env.STII_FIGURE_CACHE = fs.mkdtempSync(path.join(os.tmpdir(), "stii-figtest-cache-"));
after(() => fs.rmSync(process.env.STII_FIGURE_CACHE!, { recursive: true, force: true }));

/** Chromium, or a failed test where it is expected ($STII_EXPECT_CHROMIUM=1, set by .ci/run once it installed it), else a skip. */
function chromiumOrSkip(t: TestContext): boolean {
  if (findChromium()) return true;
  assert.notEqual(process.env.STII_EXPECT_CHROMIUM, "1", "STII_EXPECT_CHROMIUM=1 but no Chromium was found");
  t.skip("no Chromium on this machine");
  return false;
}

/** renderStatic with the environment changed for the one call. */
function withEnv<T>(env: Record<string, string | undefined>, f: () => T): T {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const set = (e: Record<string, string | undefined>) => { for (const [k, v] of Object.entries(e)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; } };
  set(env);
  try { return f(); } finally { set(saved); }
}

/** A Chromium drawing, failing (not falling back) if Chromium did not draw it. */
function chromiumPng(spec: FigureSpec): Buffer {
  const r = renderStatic(spec);
  assert.equal(r.renderer, "chromium", `expected a Chromium PNG, got the SVG fallback: ${r.note ?? "no reason given"}`);
  return r.png!;
}

test("renderStatic: the SVG fallback without Chromium; a Chromium that fails falls back and says why", () => {
  const spec = lineChart({ x: [1, 2, 3], series: [{ name: "a", y: [1, 3, 2] }] });
  const r = withEnv({ STII_CHROMIUM: "none" }, () => renderStatic(spec));
  assert.equal(r.renderer, "svg-fallback");
  assert.match(r.svg!, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  // A "Chromium" that exits 1 at once: the SVG is drawn and the note names the failure.
  const broken = withEnv({ STII_CHROMIUM: "/bin/false" }, () => renderStatic(lineChart({ x: [1, 2], series: [{ name: "b", y: [2, 1] }] })));
  assert.equal(broken.renderer, "svg-fallback");
  assert.match(broken.note ?? "", /^Chromium failed \(.+\), SVG fallback drawn$/);
});

test("renderStatic: Chromium draws a PNG of the figure's size, twice the same bytes (both drawn, no cache)", (t) => {
  if (!chromiumOrSkip(t)) return;
  const spec = lineChart({ x: [1, 2, 3], series: [{ name: "a", y: [1, 3, 2] }] });
  const png = chromiumPng(spec);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]); // PNG signature
  assert.equal(png.readUInt32BE(16), 760); // width from the IHDR chunk: the default figure width
  const cached = fs.readdirSync(figureCacheDir());
  assert.equal(cached.length, 1, `one image in this run's cache: ${cached.join(", ")}`);
  fs.rmSync(path.join(figureCacheDir(), cached[0]));
  assert.ok(chromiumPng(spec).equals(png), "a second drawing of the same spec differs");
});

test("the process's shared Chromium: several figures in one browser, each the same bytes as a Chromium started for it alone", (t) => {
  if (!chromiumOrSkip(t)) return;
  const chromium = findChromium()!;
  // A broken binary fails its own session (the caller then falls back) and does not spoil the real one's.
  assert.throws(() => renderInSession("/bin/false", lineChart({ x: [1, 2], series: [{ name: "x", y: [1, 2] }] }), 300, 200));
  const specs = [
    lineChart({ x: [1, 2, 3], series: [{ name: "a", y: [1, 3, 2] }] }),
    barChart({ categories: ["p", "q"], series: [{ name: "b", values: [2, 5] }] }),
    { ...lineChart({ x: [1, 2], series: [{ name: "c", y: [4, 1] }] }), layout: { width: 500, height: 300 } },
  ];
  let pid: number | undefined;
  for (const spec of specs) {
    const w = Number(spec.layout?.width ?? 760), h = Number(spec.layout?.height ?? 460);
    const shared = renderInSession(chromium, spec, w, h);
    pid ??= sessionPid();
    assert.equal(sessionPid(), pid, "one browser for every figure");
    assert.equal(shared.readUInt32BE(16), w);
    assert.equal(shared.readUInt32BE(20), h);
    assert.ok(shared.equals(renderInChromium(chromium, spec)), "the shared browser's PNG differs from a one-shot drawing");
  }
});

test("the figure server (stii replicate): a kernel's figures are drawn in the server's Chromium, the same bytes; an unreachable server falls back to the process's own", async (t) => {
  if (!chromiumOrSkip(t)) return;
  const chromium = findChromium()!;
  const server = await startFigureServer(chromium);
  const spec = lineChart({ x: [1, 2, 3], series: [{ name: "served", y: [2, 1, 3] }] });
  // A child process stands in for a kernel: it draws through renderInSession and reports its bytes and whether it started a browser.
  const child = (socket: string) => new Promise<{ png: Buffer; pid: number | undefined; stderr: string }>((resolve, reject) => {
    const code = `const { renderInSession, sessionPid } = require(${JSON.stringify(path.join(__dirname, "../../src/figures/chromium-session"))});
      const png = renderInSession(${JSON.stringify(chromium)}, ${JSON.stringify(spec)}, 760, 460);
      process.stdout.write(JSON.stringify({ png: png.toString("base64"), pid: sessionPid() }));`;
    execFile(process.execPath, ["--import", "tsx", "-e", code], { env: { ...process.env, STII_FIGURE_SOCKET: socket } }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`${err.message}\n${stderr}`));
      const r = JSON.parse(stdout) as { png: string; pid?: number };
      resolve({ png: Buffer.from(r.png, "base64"), pid: r.pid, stderr });
    });
  });
  try {
    const served = await child(server.socket);
    assert.equal(served.pid, -1, "the kernel started no browser of its own");
    assert.ok(served.png.equals(renderInChromium(chromium, spec)), "the server's PNG differs from a one-shot drawing");
    const fallback = await child(path.join(os.tmpdir(), "no-such-stii-socket"));
    assert.ok(fallback.pid! > 0, "its own browser");
    assert.ok(fallback.png.equals(served.png));
    assert.match(fallback.stderr, /the figure server failed .*; this process starts its own Chromium/);
  } finally {
    server.close();
  }
});

// Chinese labels. With no CJK font, Chromium draws every Chinese character as the same empty box, so a title
// and the same characters in another order give the same image; with a font they differ. The renderer must
// never let boxes through: without a font it leaves the Chinese out and says so.
const zhSpec = (title: string) => lineChart({ title, x: [2010, 2011], series: [{ name: "全国 national", y: [0.2, 0.3] }] });

test("withoutChinese removes Chinese runs and the brackets or spaces they leave", () => {
  assert.equal(withoutChinese(zhSpec("稳健性检验（Robustness）")).layout.title.text, "Robustness");
  assert.equal(withoutChinese(zhSpec("FI (综合指数) by year")).layout.title.text, "FI by year");
  assert.equal(withoutChinese(zhSpec("FI")).data[0].name, "national");
});

test("Chinese text: with a CJK font (fonts-noto-cjk) Chromium draws the glyphs, not boxes", (t) => {
  if (!chromiumOrSkip(t)) return;
  assert.ok(cjkFontPresent(), "no CJK font found (fc-list :lang=zh): .ci/run installs fonts-noto-cjk beside Chromium");
  const r = renderStatic(zhSpec("稳健性检验"));
  assert.equal(r.note, undefined);
  const a = chromiumPng(zhSpec("稳健性检验")), b = chromiumPng(zhSpec("验检性健稳"));
  assert.ok(!a.equals(b), "two orders of the same Chinese characters render alike: boxes, not glyphs");
  assert.ok(!a.equals(chromiumPng(withoutChinese(zhSpec("稳健性检验")))), "the Chinese title left no ink");
});

test("Chinese text: without a CJK font the Chinese is left out of the PNG, with a note and one warning", (t) => {
  if (!chromiumOrSkip(t)) return;
  // A fontconfig that sees DejaVu only (no CJK coverage); Chromium and fc-list both read $FONTCONFIG_FILE.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-nocjk-"));
  try {
    const conf = path.join(dir, "fonts.conf");
    fs.writeFileSync(conf, `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>${dir}/cache</cachedir></fontconfig>\n`);
    const warnings: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((c: string) => { warnings.push(String(c)); return true; }) as typeof process.stderr.write;
    let r1: ReturnType<typeof renderStatic>, r2: ReturnType<typeof renderStatic>, plain: Buffer;
    try {
      [r1, r2, plain] = withEnv({ FONTCONFIG_FILE: conf }, () => {
        assert.equal(cjkFontPresent(), false, "the DejaVu-only fontconfig still lists a CJK font");
        return [renderStatic(zhSpec("稳健性检验 Robustness")), renderStatic(zhSpec("验检性健稳 Robustness")), chromiumPng(zhSpec("Robustness"))];
      });
      // Outside the kernel show() prints the figure's text line: it carries the note.
      const log = console.log, lines: string[] = [];
      console.log = (x: unknown) => { lines.push(String(x)); };
      try { withEnv({ FONTCONFIG_FILE: conf }, () => show(zhSpec("稳健性检验 Robustness"))); } finally { console.log = log; }
      assert.deepEqual(lines, ["<稳健性检验 Robustness: 1 trace(s), static image by chromium; Chinese text left out: no CJK font>"]);
    } finally {
      process.stderr.write = write;
    }
    assert.equal(r1.renderer, "chromium");
    assert.equal(r1.note, "Chinese text left out: no CJK font");
    assert.ok(r1.png!.equals(plain), "without a font the image should be the figure with its Chinese removed");
    assert.ok(r2.png!.equals(plain));
    assert.equal(warnings.filter((w) => /no CJK font found/.test(w)).length, 1, `warnings: ${warnings.join("")}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
