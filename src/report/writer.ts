// ResultsWriter: tables and figures saved from a notebook into results/, recorded in its manifest.
// Everything written is deterministic: sorted keys, no timestamps, same inputs -> identical bytes.
import * as fs from "fs";
import * as path from "path";
import { writeFileAtomic } from "../io/atomic";
import { renderStatic, StaticImage } from "../figures/render";
import type { FigureSpec } from "../figures/specs";
import { ReportOptions, writeReport } from "./html";
import { ManifestEntry, resultsDir, stableJson } from "./manifest";

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export class ResultsWriter {
  readonly dir: string;
  /** The notebook this writer belongs to ($STII_NOTEBOOK under `stii replicate`). */
  readonly section: string;
  private entries = new Map<string, ManifestEntry>();

  constructor(opts: { dir?: string; section?: string } = {}) {
    this.dir = opts.dir ?? resultsDir();
    this.section = opts.section ?? process.env.STII_NOTEBOOK ?? "notebook";
    checkName(this.section);
    // Keep what this notebook saved earlier (another writer, earlier cells); a same-named save replaces it.
    // `stii replicate` clears the manifest of each notebook before running it.
    const file = this.manifestFile();
    if (fs.existsSync(file)) for (const e of JSON.parse(fs.readFileSync(file, "utf8")).entries as ManifestEntry[]) this.entries.set(e.name, e);
  }

  saveTable(name: string, t: { csv?: string; json?: unknown; html?: string; tex?: string; title?: string }): string[] {
    checkName(name);
    const files: { rel: string; content: string }[] = [];
    if (t.csv !== undefined) files.push({ rel: `tables/${name}.csv`, content: t.csv.endsWith("\n") ? t.csv : t.csv + "\n" });
    if (t.json !== undefined) files.push({ rel: `tables/${name}.json`, content: typeof t.json === "string" ? t.json : stableJson(t.json) });
    if (t.html !== undefined) files.push({ rel: `tables/${name}.html`, content: t.html });
    if (t.tex !== undefined) files.push({ rel: `tables/${name}.tex`, content: t.tex });
    if (files.length === 0) throw new Error(`saveTable("${name}"): give at least one of csv, json, html, tex`);
    for (const f of files) writeFileAtomic(path.join(this.dir, f.rel), f.content);
    return this.record({ kind: "table", name, title: t.title ?? name, files: files.map((f) => f.rel) });
  }

  /** The spec as JSON plus its static image (rendered here unless given). */
  saveFigure(name: string, spec: FigureSpec, image: StaticImage = renderStatic(spec)): string[] {
    checkName(name);
    const files = [`figures/${name}.json`];
    writeFileAtomic(path.join(this.dir, files[0]), stableJson(spec));
    if (image.png) { files.push(`figures/${name}.png`); writeFileAtomic(path.join(this.dir, files[1]), image.png); }
    else if (image.svg) { files.push(`figures/${name}.svg`); writeFileAtomic(path.join(this.dir, files[1]), image.svg); }
    return this.record({ kind: "figure", name, title: spec.layout?.title?.text ?? name, files });
  }

  /** Write results/report.html from everything saved so far (all notebooks); returns its path. */
  writeReport(opts: Omit<ReportOptions, "dir"> = {}): string {
    return writeReport({ ...opts, dir: this.dir });
  }

  private manifestFile(): string {
    return path.join(this.dir, "manifest", `${this.section}.json`);
  }

  private record(e: ManifestEntry): string[] {
    this.entries.set(e.name, e);
    writeFileAtomic(this.manifestFile(), stableJson({ section: this.section, entries: [...this.entries.values()] }));
    return e.files.map((f) => path.join(this.dir, f));
  }
}

function checkName(name: string): void {
  if (!SAFE_NAME.test(name)) throw new Error(`results name "${name}" must be letters, digits, ".", "_" or "-"`);
}
