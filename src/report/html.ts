// results/report.html: one self-contained page (inline CSS, images as data URIs, tables inline) with
// everything the notebooks saved, in notebook order, that a reviewer can open offline.
import * as fs from "fs";
import * as path from "path";
import { writeFileAtomic } from "../io/atomic";
import { readManifest, resultsDir } from "./manifest";
import { escapeHtml as esc } from "../escape";

export interface ReportOptions {
  dir?: string;
  /** Whether the data were the simulated panel (default: no $STII_DATA given). */
  simulated?: boolean;
  /** A label for the data (a file name; no absolute paths, so the report is the same on every machine). */
  dataLabel?: string;
  title?: string;
}

const CSS = `body{font-family:Arial,Helvetica,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}h3{font-size:1.05em}
.banner{padding:.8em 1em;border-radius:4px;margin:1em 0}.sim{background:#fff3cd;border:1px solid #e0c060}
.real{background:#e7f3ff;border:1px solid #7aa7d8}table{border-collapse:collapse;font-size:.9em;margin:.5em 0}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}th{background:#f4f4f4}
img{max-width:100%}figure{margin:1em 0}nav li{margin:.15em 0}`;


function inline(dir: string, rel: string): string {
  const file = path.join(dir, rel);
  if (rel.endsWith(".png")) return `<img alt="${esc(path.basename(rel))}" src="data:image/png;base64,${fs.readFileSync(file).toString("base64")}">`;
  if (rel.endsWith(".svg")) return `<img alt="${esc(path.basename(rel))}" src="data:image/svg+xml;base64,${fs.readFileSync(file).toString("base64")}">`;
  if (rel.endsWith(".html")) return fs.readFileSync(file, "utf8");
  return "";
}

export function buildReport(opts: ReportOptions = {}): string {
  const dir = opts.dir ?? resultsDir();
  const simulated = opts.simulated ?? !process.env.STII_DATA;
  const data = opts.dataLabel ?? (process.env.STII_DATA ? path.basename(process.env.STII_DATA) : "data/simulated/panel.csv");
  const sections = readManifest(dir);
  const banner = simulated
    ? `<div class="banner sim"><b>Simulated data.</b> These results come from the simulated, calibrated panel shipped with stii (${esc(data)}), not from the paper's data; compare them with the planted truth, not with the paper.</div>`
    : `<div class="banner real"><b>User data:</b> ${esc(data)}.</div>`;
  const nav = sections.map((s) => `<li><a href="#${esc(s.section)}">${esc(s.section)}</a></li>`).join("");
  const body = sections.map((s) => {
    const items = s.entries.map((e) => {
      // Figures show their image; tables show their HTML form (CSV/JSON are listed as files beside it).
      const shown = e.files.find((f) => /\.(png|svg|html)$/.test(f));
      const files = e.files.map((f) => `<code>${esc(f)}</code>`).join(" ");
      const content = shown ? inline(dir, shown) : "<p>(no inline form)</p>";
      return e.kind === "figure"
        ? `<figure id="${esc(s.section)}-${esc(e.name)}"><h3>${esc(e.title)}</h3>${content}<figcaption>${files}</figcaption></figure>`
        : `<section id="${esc(s.section)}-${esc(e.name)}"><h3>${esc(e.title)}</h3>${content}<p>${files}</p></section>`;
    }).join("\n");
    return `<h2 id="${esc(s.section)}">${esc(s.section)}</h2>\n${items}`;
  }).join("\n");
  const title = opts.title ?? "stii replication report";
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head>\n<body><h1>${esc(title)}</h1>\n${banner}\n<nav><ol>${nav}</ol></nav>\n${body}\n</body></html>\n`;
}

/** Write results/report.html; returns its path. */
export function writeReport(opts: ReportOptions = {}): string {
  const dir = opts.dir ?? resultsDir();
  const file = path.join(dir, "report.html");
  writeFileAtomic(file, buildReport({ ...opts, dir }));
  return file;
}
