// Run a notebook's code cells in order in a fresh tslab kernel, write the outputs back into the file, and
// stop at the first failing cell (the partly executed notebook is still written, so the reader sees where).
import * as path from "path";
import { writeFileAtomic } from "../io/atomic";
import { ExecuteOutcome, KernelClient, KernelTimeoutError } from "./client";
import { Cell, Output, normalizeMimeBundle, readNotebook, serializeNotebook } from "./notebook";


export interface ExecuteOptions {
  /** Extra environment for the kernel (STII_DATA, STII_RESULTS, ...). */
  env?: Record<string, string>;
  /** Per-cell time limit in milliseconds (default 300 s). */
  timeoutMs?: number;
  /** Called after each code cell: `index` counts code cells from 1 of `total`; `cell` is its place among all cells. */
  onCell?: (p: { index: number; total: number; cell: number; seconds: number; status: string }) => void;
  /** Write the executed notebook here instead of over the input. */
  outPath?: string;
}

export interface NotebookRun {
  path: string;
  seconds: number;
  cells: { cell: number; seconds: number }[];
}

/** A cell failed: names the notebook, the cell (1-based among all cells) and the kernel's error. */
export class NotebookCellError extends Error {
  constructor(readonly notebook: string, readonly cell: number, readonly ename: string, readonly evalue: string) {
    super(`notebook ${notebook}, cell ${cell}: ${ename}: ${evalue}`);
    this.name = "NotebookCellError";
  }
}

const KERNELSPEC = { display_name: "TypeScript", language: "typescript", name: "tslab" };
const LANGUAGE_INFO = { codemirror_mode: { mode: "typescript", name: "javascript", typescript: true }, file_extension: ".ts", mimetype: "text/typescript", name: "typescript" };

/** The seconds the notebook's last run took (executeNotebook stores them in metadata.stii), if recorded. */
export function lastRunSeconds(file: string): number | undefined {
  const s = (readNotebook(file).metadata.stii as { seconds?: unknown } | undefined)?.seconds;
  return typeof s === "number" && Number.isFinite(s) && s >= 0 ? s : undefined;
}

export async function executeNotebook(file: string, opts: ExecuteOptions = {}): Promise<NotebookRun> {
  const nb = readNotebook(file);
  const out = opts.outPath ?? file;
  const name = path.basename(file);
  const timeoutMs = opts.timeoutMs ?? 300_000;
  nb.metadata.kernelspec ??= KERNELSPEC;
  nb.metadata.language_info ??= LANGUAGE_INFO;
  const code = nb.cells.map((c, i) => ({ c, i })).filter(({ c }) => c.cell_type === "code");
  for (const { c } of code) { c.outputs = []; c.execution_count = null; }

  const started = Date.now();
  const run: NotebookRun = { path: file, seconds: 0, cells: [] };
  const kernel = await KernelClient.start({ cwd: path.dirname(path.resolve(file)), env: opts.env });
  let failure: NotebookCellError | undefined;
  try {
    for (let k = 0; k < code.length && !failure; k++) {
      const { c, i } = code[k];
      const t0 = Date.now();
      let outcome: ExecuteOutcome;
      try {
        outcome = await kernel.execute(c.source, timeoutMs);
      } catch (e) {
        if (!(e instanceof KernelTimeoutError)) throw e;
        await kernel.kill();
        c.outputs!.push({ output_type: "error", ename: "Timeout", evalue: e.message, traceback: [e.message] });
        failure = new NotebookCellError(name, i + 1, "Timeout", e.message);
        break;
      }
      fillCell(c, outcome);
      const seconds = (Date.now() - t0) / 1000;
      run.cells.push({ cell: i + 1, seconds });
      opts.onCell?.({ index: k + 1, total: code.length, cell: i + 1, seconds, status: outcome.status });
      if (outcome.status !== "ok") {
        const err = c.outputs!.find((o) => o.output_type === "error") as Extract<Output, { output_type: "error" }>;
        failure = new NotebookCellError(name, i + 1, err.ename, err.evalue);
      }
    }
  } finally {
    await kernel.shutdown();
    run.seconds = (Date.now() - started) / 1000;
    nb.metadata.stii = { ...(nb.metadata.stii as object | undefined), seconds: Math.round(run.seconds * 10) / 10 };
    writeFileAtomic(out, serializeNotebook(nb));
  }
  if (failure) throw failure;
  return run;
}

/** Turn the iopub messages of one request into nbformat outputs (adjacent streams merged, updates applied). */
function fillCell(c: Cell, r: ExecuteOutcome): void {
  const outputs = c.outputs!;
  const byDisplayId = new Map<string, Output>();
  c.execution_count = r.executionCount;
  for (const m of r.outputs) {
    const t = m.header.msg_type;
    const content = m.content;
    if (t === "stream") {
      const last = outputs[outputs.length - 1];
      if (last?.output_type === "stream" && last.name === content.name) last.text += content.text;
      else outputs.push({ output_type: "stream", name: content.name, text: content.text });
    } else if (t === "display_data" || t === "update_display_data") {
      const o: Output = { output_type: "display_data", data: normalizeMimeBundle(content.data ?? {}), metadata: content.metadata ?? {} };
      const id = content.transient?.display_id;
      const earlier = id ? byDisplayId.get(id) : undefined;
      if (t === "update_display_data" && earlier) Object.assign(earlier, o);
      else if (t === "display_data") { outputs.push(o); if (id) byDisplayId.set(id, o); }
    } else if (t === "execute_result") {
      outputs.push({ output_type: "execute_result", execution_count: r.executionCount, data: normalizeMimeBundle(content.data ?? {}), metadata: content.metadata ?? {} });
    } else if (t === "error") {
      outputs.push({ output_type: "error", ename: content.ename, evalue: content.evalue, traceback: content.traceback ?? [] });
    }
  }
  if (r.status !== "ok" && !outputs.some((o) => o.output_type === "error")) outputs.push(errorFromStderr(outputs, r));
}

// tslab reports a failure only as stderr text plus status "error" in execute_reply; rebuild a proper
// error output from that text (the stderr streams move into its traceback, so nothing is shown twice).
function errorFromStderr(outputs: Output[], r: ExecuteOutcome): Output {
  let text = "";
  for (let j = outputs.length - 1; j >= 0; j--) {
    const o = outputs[j];
    if (o.output_type === "stream" && o.name === "stderr") { text = o.text + text; outputs.splice(j, 1); }
  }
  if (r.status === "abort") return { output_type: "error", ename: "Aborted", evalue: "the kernel aborted this cell", traceback: [] };
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  // The kernel's own frames (tslab, node:vm) say nothing about the cell.
  const traceback = lines.filter((l) => !/node_modules[\\/]tslab[\\/]|\(node:vm:|at sigintHandlersWrap/.test(l));
  if (typeof r.reply.ename === "string") return { output_type: "error", ename: r.reply.ename, evalue: String(r.reply.evalue ?? ""), traceback };
  // TypeScript diagnostics look like "3:7 - Type 'string' is not assignable to type 'number'."
  const diagnostics = lines.filter((l) => /^(\S+ )?\d+:\d+ - /.test(l));
  if (diagnostics.length > 0) return { output_type: "error", ename: "TypeScriptError", evalue: diagnostics.join("; "), traceback };
  const thrown = lines.map((l) => /^([A-Za-z_$][\w$]*): (.*)$/.exec(l)).find((m) => m !== null);
  if (thrown) return { output_type: "error", ename: thrown[1], evalue: thrown[2], traceback };
  return { output_type: "error", ename: "Error", evalue: lines[0] ?? "the cell failed without a message", traceback };
}

