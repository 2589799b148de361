// Builds notebooks/NN-name.ipynb from its readable source notebooks/src/NN-name.md: markdown with ```ts
// fences (each fence = one code cell; a line "---" splits markdown cells). Outputs of an existing
// executed notebook are kept for cells whose code is unchanged, so editing prose does not wipe results.
// Run: npx tsx scripts/build-notebooks.ts [NN-name ...]   (then `npm run replicate` executes them)
import * as fs from "fs";
import * as path from "path";
import { readNotebook, serializeNotebook, type Cell, type Notebook } from "../src/kernel/notebook";

export function parseSource(md: string): Cell[] {
  const cells: Cell[] = [];
  const push = (type: "markdown" | "code", text: string) => {
    const source = text.replace(/^\n+|\n+$/g, "");
    if (!source) return;
    cells.push(type === "code"
      ? { cell_type: "code", source, metadata: {}, outputs: [], execution_count: null }
      : { cell_type: "markdown", source, metadata: {} });
  };
  const markdown = (text: string) => text.split(/^---$/m).forEach((part) => push("markdown", part));
  const fence = /^```ts\n([\s\S]*?)^```\s*$/gm;
  let last = 0;
  for (let m = fence.exec(md); m; m = fence.exec(md)) {
    markdown(md.slice(last, m.index));
    push("code", m[1]);
    last = m.index + m[0].length;
  }
  markdown(md.slice(last));
  cells.forEach((c, i) => (c.id = `cell-${String(i).padStart(2, "0")}`));
  return cells;
}

function build(srcFile: string, outFile: string): void {
  const cells = parseSource(fs.readFileSync(srcFile, "utf8"));
  const old = fs.existsSync(outFile) ? readNotebook(outFile) : undefined;
  if (old) {
    const byCode = new Map(old.cells.filter((c) => c.cell_type === "code").map((c) => [c.source, c]));
    for (const c of cells) {
      const prev = c.cell_type === "code" ? byCode.get(c.source) : undefined;
      if (prev) { c.outputs = prev.outputs; c.execution_count = prev.execution_count; }
    }
  }
  const nb: Notebook = {
    cells,
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      language_info: { codemirror_mode: { mode: "typescript", name: "javascript", typescript: true }, file_extension: ".ts", mimetype: "text/typescript", name: "typescript", version: "5.0.4" },
      // The last run's time, which `stii replicate` uses to start the longest notebooks first.
      ...(old?.metadata.stii ? { stii: old.metadata.stii } : {}),
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(outFile, serializeNotebook(nb));
}

if (require.main === module) {
  const dir = path.join(__dirname, "..", "notebooks");
  const only = process.argv.slice(2);
  for (const f of fs.readdirSync(path.join(dir, "src")).filter((f) => f.endsWith(".md")).sort()) {
    const name = f.replace(/\.md$/, "");
    if (only.length && !only.some((o) => name.startsWith(o))) continue;
    build(path.join(dir, "src", f), path.join(dir, `${name}.ipynb`));
    console.log(`built notebooks/${name}.ipynb`);
  }
}
