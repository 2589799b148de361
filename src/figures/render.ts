// Static images of a figure spec: Plotly itself in headless Chromium when it is installed (PNG), otherwise
// our own plain SVG. Results are cached on disk by a hash of the spec, so re-running notebooks is fast.
// The PNG comes from the process's one Chromium (chromium-session.ts); if that fails, from a Chromium
// started for the figure alone.
// Chinese text needs a CJK font that Chromium can find (Debian: fonts-noto-cjk); without one the PNG
// would show empty boxes, so the Chinese is left out of the image and a note says so, once per process.
import { createHash } from "crypto";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { FigureSpec } from "./specs";
import { fallbackSvg } from "./svg";
import { renderInSession } from "./chromium-session";
import { chromiumFlags, figurePage } from "./chromium-page";

export interface StaticImage {
  png?: Buffer;
  svg?: string;
  /** Which renderer drew it: Plotly in Chromium, or the built-in SVG fallback. */
  renderer: "chromium" | "svg-fallback";
  /** Why the image is not the full Chromium drawing (Chromium failed; Chinese left out for want of a font). */
  note?: string;
}

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The Chromium binary: $STII_CHROMIUM if set ("none" disables it), else the first one installed. */
export function findChromium(): string | undefined {
  const env = process.env.STII_CHROMIUM;
  if (env) return env === "none" ? undefined : env;
  return CANDIDATES.find((p) => fs.existsSync(p));
}

/** The PNG cache: $STII_FIGURE_CACHE (tests give each run its own), else $TMPDIR/stii-figure-cache. */
export function figureCacheDir(): string {
  return process.env.STII_FIGURE_CACHE || path.join(os.tmpdir(), "stii-figure-cache");
}

export function figureSize(spec: FigureSpec): { width: number; height: number } {
  return { width: Number(spec.layout?.width ?? 760), height: Number(spec.layout?.height ?? 460) };
}

// Han ideographs (and extension A, compatibility), CJK punctuation, fullwidth forms.
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const CJK_RUN = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+/g;

export function hasChinese(spec: FigureSpec): boolean {
  return CJK.test(JSON.stringify(spec));
}

/** Whether fontconfig (which Chromium uses on Linux) knows a font covering Chinese. */
export function cjkFontPresent(): boolean {
  const config = process.env.FONTCONFIG_FILE ?? "";
  let present = fcListZh.get(config);
  if (present === undefined) {
    try {
      present = execFileSync("fc-list", [":lang=zh", "family"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 10_000 }).trim() !== "";
    } catch {
      present = false; // no fontconfig: Chromium will not find a CJK font either
    }
    fcListZh.set(config, present);
  }
  return present;
}
// Asked once per process and fontconfig configuration (Chromium reads the same $FONTCONFIG_FILE).
const fcListZh = new Map<string, boolean>();

/** The spec with every run of Chinese characters removed from its strings (and the spaces or brackets left around it tidied). */
export function withoutChinese(spec: FigureSpec): FigureSpec {
  const strip = (s: string) => s.replace(CJK_RUN, "").replace(/[(（]\s*[)）]/g, "").replace(/ {2,}/g, " ").trim();
  return JSON.parse(JSON.stringify(spec), (_k, v) => (typeof v === "string" ? strip(v) : v)) as FigureSpec;
}

const NO_CJK_NOTE = "no CJK font found (fc-list :lang=zh is empty): Chinese text is left out of the static figure images; install fonts-noto-cjk to draw it";
let warnedNoCjk = false;

export function renderStatic(spec: FigureSpec): StaticImage {
  const chromium = findChromium();
  const svg = (note?: string): StaticImage => ({ svg: fallbackSvg(spec, figureSize(spec).width, figureSize(spec).height), renderer: "svg-fallback", ...(note ? { note } : {}) });
  if (!chromium) return svg();
  let drawn = spec, note: string | undefined;
  if (hasChinese(spec) && !cjkFontPresent()) {
    // Boxes in place of characters would look like a rendering; leave the Chinese out and say so.
    if (!warnedNoCjk) process.stderr.write(`stii figures: ${NO_CJK_NOTE}\n`);
    warnedNoCjk = true;
    drawn = withoutChinese(spec);
    note = "Chinese text left out: no CJK font";
  }
  const key = createHash("sha256").update(JSON.stringify(drawn)).update(chromium).digest("hex");
  const cacheDir = figureCacheDir();
  const cached = path.join(cacheDir, `${key}.png`);
  const image = (png: Buffer): StaticImage => ({ png, renderer: "chromium", ...(note ? { note } : {}) });
  if (fs.existsSync(cached)) return image(fs.readFileSync(cached));
  try {
    const png = drawPng(chromium, drawn);
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(`${cached}.tmp-${process.pid}`, png);
    fs.renameSync(`${cached}.tmp-${process.pid}`, cached);
    return image(png);
  } catch (e) {
    // A broken Chromium must not stop a notebook: draw the plain SVG instead, and say why (renderer and note).
    const why = `Chromium failed (${(e as Error).message.split("\n")[0].slice(0, 200)}), SVG fallback drawn`;
    process.stderr.write(`stii figures: ${why}\n`);
    return svg(why);
  }
}
let warnedSession = false;

function drawPng(chromium: string, spec: FigureSpec): Buffer {
  const { width, height } = figureSize(spec);
  try {
    return renderInSession(chromium, spec, width, height);
  } catch (e) {
    if (!warnedSession) process.stderr.write(`stii figures: the shared Chromium failed (${(e as Error).message.split("\n")[0].slice(0, 200)}); each figure gets its own Chromium\n`);
    warnedSession = true;
    return renderInChromium(chromium, spec);
  }
}

// One page that draws the figure, asks Plotly for a PNG and writes it, base64, into the DOM, which
// `--dump-dom` prints once the page is idle (the virtual time budget lets the promises settle).
export function renderInChromium(chromium: string, spec: FigureSpec): Buffer {
  const { width, height } = figureSize(spec);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stii-render-"));
  try {
    const page = path.join(dir, "figure.html");
    const json = JSON.stringify(spec).replace(/</g, "\\u003c");
    fs.writeFileSync(page, figurePage(`draw(${json}, ${width}, ${height})
  .then((url) => { const d = document.createElement("div"); d.id = "png"; d.textContent = url; document.body.appendChild(d); },
        (e) => { const d = document.createElement("div"); d.id = "err"; d.textContent = String(e); document.body.appendChild(d); });`));
    const dom = execFileSync(chromium, [...chromiumFlags(path.join(dir, "profile")), "--virtual-time-budget=15000", "--dump-dom", `file://${page}`],
      { encoding: "utf8", maxBuffer: 64 << 20, timeout: 60_000, stdio: ["ignore", "pipe", "ignore"] });
    const m = /<div id="png">data:image\/png;base64,([A-Za-z0-9+/=]+)<\/div>/.exec(dom);
    if (!m) throw new Error(`Chromium did not render the figure: ${/<div id="err">([^<]*)/.exec(dom)?.[1] ?? "no output"}`);
    return Buffer.from(m[1], "base64");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
