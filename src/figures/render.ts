// Static images of a figure spec: Plotly itself in headless Chromium when it is installed (PNG), otherwise
// our own plain SVG. Results are cached on disk by a hash of the spec, so re-running notebooks is fast.
import { createHash } from "crypto";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { FigureSpec } from "./specs";
import { fallbackSvg } from "./svg";

export interface StaticImage {
  png?: Buffer;
  svg?: string;
  /** Which renderer drew it: Plotly in Chromium, or the built-in SVG fallback. */
  renderer: "chromium" | "svg-fallback";
}

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The Chromium binary: $STII_CHROMIUM if set ("none" disables it), else the first one installed. */
export function findChromium(): string | undefined {
  const env = process.env.STII_CHROMIUM;
  if (env) return env === "none" ? undefined : env;
  return CANDIDATES.find((p) => fs.existsSync(p));
}

export function figureSize(spec: FigureSpec): { width: number; height: number } {
  return { width: Number(spec.layout?.width ?? 760), height: Number(spec.layout?.height ?? 460) };
}

export function renderStatic(spec: FigureSpec): StaticImage {
  const chromium = findChromium();
  if (!chromium) return { svg: fallbackSvg(spec, figureSize(spec).width, figureSize(spec).height), renderer: "svg-fallback" };
  const key = createHash("sha256").update(JSON.stringify(spec)).update(chromium).digest("hex");
  const cacheDir = path.join(os.tmpdir(), "stii-figure-cache");
  const cached = path.join(cacheDir, `${key}.png`);
  if (fs.existsSync(cached)) return { png: fs.readFileSync(cached), renderer: "chromium" };
  try {
    const png = renderInChromium(chromium, spec);
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(`${cached}.tmp-${process.pid}`, png);
    fs.renameSync(`${cached}.tmp-${process.pid}`, cached);
    return { png, renderer: "chromium" };
  } catch {
    // A broken Chromium must not stop a notebook: draw the plain SVG instead (the renderer field says so).
    return { svg: fallbackSvg(spec, figureSize(spec).width, figureSize(spec).height), renderer: "svg-fallback" };
  }
}

// One page that draws the figure, asks Plotly for a PNG and writes it, base64, into the DOM, which
// `--dump-dom` prints once the page is idle (the virtual time budget lets the promises settle).
function renderInChromium(chromium: string, spec: FigureSpec): Buffer {
  const { width, height } = figureSize(spec);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-render-"));
  try {
    const plotly = require.resolve("plotly.js-dist-min/plotly.min.js");
    const page = path.join(dir, "figure.html");
    const json = JSON.stringify(spec).replace(/</g, "\\u003c");
    fs.writeFileSync(page, `<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0">
<div id="g" style="width:${width}px;height:${height}px"></div>
<script src="file://${plotly}"></script>
<script>
const spec = ${json};
Plotly.newPlot("g", spec.data, spec.layout, { staticPlot: true })
  .then((gd) => Plotly.toImage(gd, { format: "png", width: ${width}, height: ${height} }))
  .then((url) => { const d = document.createElement("div"); d.id = "png"; d.textContent = url; document.body.appendChild(d); },
        (e) => { const d = document.createElement("div"); d.id = "err"; d.textContent = String(e); document.body.appendChild(d); });
</script></body></html>`);
    const dom = execFileSync(chromium, [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", `--user-data-dir=${path.join(dir, "profile")}`,
      "--virtual-time-budget=15000", "--dump-dom", `file://${page}`,
    ], { encoding: "utf8", maxBuffer: 64 << 20, timeout: 60_000, stdio: ["ignore", "pipe", "ignore"] });
    const m = /<div id="png">data:image\/png;base64,([A-Za-z0-9+/=]+)<\/div>/.exec(dom);
    if (!m) throw new Error(`Chromium did not render the figure: ${/<div id="err">([^<]*)/.exec(dom)?.[1] ?? "no output"}`);
    return Buffer.from(m[1], "base64");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
