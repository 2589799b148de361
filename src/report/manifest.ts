// The results/ folder and its manifest: one JSON file per notebook listing what it saved, in order, so the
// report can be assembled afterwards in notebook order.
import * as fs from "fs";
import * as path from "path";
import { packageRoot } from "../data/roster";
import { stableJson } from "../sorted-json";

export interface ManifestEntry {
  kind: "table" | "figure";
  name: string;
  title: string;
  /** Files relative to the results folder. */
  files: string[];
}

/** The results folder: $STII_RESULTS, else `<repo>/results`. */
export function resultsDir(): string {
  return process.env.STII_RESULTS ? path.resolve(process.env.STII_RESULTS) : path.join(packageRoot(), "results");
}

export { stableJson };

/** Sections in notebook order (file names sort like the notebooks: 01-..., 02-...). */
export function readManifest(dir: string = resultsDir()): { section: string; entries: ManifestEntry[] }[] {
  const mdir = path.join(dir, "manifest");
  if (!fs.existsSync(mdir)) return [];
  return fs.readdirSync(mdir).filter((f) => f.endsWith(".json")).sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(mdir, f), "utf8")));
}

/** Forget what the given notebooks saved (before re-running them). */
export function clearSections(sections: string[], dir: string = resultsDir()): void {
  for (const s of sections) fs.rmSync(path.join(dir, "manifest", `${s}.json`), { force: true });
}
