// Showing a figure from a notebook cell: ONE display_data carrying the live Plotly spec, a static image
// (for viewers without Plotly, e.g. GitHub) and a text line. tslab is required lazily, so the library
// still loads outside the kernel, where show() prints the text line instead.
import type { FigureSpec } from "./specs";
import { renderStatic } from "./render";
import { escapeHtml } from "../escape";

type WriteDisplay = (content: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

/** tslab's display writer for the running cell, or undefined outside the kernel. */
function kernelDisplay(): WriteDisplay | undefined {
  try {
    return require("tslab/dist/jupyter").lastWriteDisplayData ?? undefined;
  } catch {
    return undefined;
  }
}

export function displayBundle(data: Record<string, unknown>): void {
  const write = kernelDisplay();
  if (write) write({ data, metadata: {}, transient: {} }, false);
  else console.log(String(data["text/plain"] ?? ""));
}

export function show(spec: FigureSpec, opts: { title?: string } = {}): void {
  const img = renderStatic(spec);
  const title = opts.title ?? spec.layout?.title?.text ?? "figure";
  const data: Record<string, unknown> = {
    "application/vnd.plotly.v1+json": spec,
    "text/plain": `<${title}: ${spec.data.length} trace(s), static image by ${img.renderer}${img.note ? `; ${img.note}` : ""}>`,
  };
  if (img.png) data["image/png"] = img.png.toString("base64");
  if (img.svg) data["image/svg+xml"] = img.svg;
  displayBundle(data);
}

export function showHTML(html: string): void {
  displayBundle({ "text/html": html, "text/plain": html.replace(/<[^>]*>/g, "").slice(0, 200) });
}

/**
 * A progress bar for a long step (placebo draws, Monte Carlo replications), usable as an onProgress
 * callback: inside the kernel one display updated in place, so the executed notebook keeps the final
 * state (count, elapsed time, seconds per step); outside it, a line on stderr when that is a terminal.
 */
export function progressBar(label: string): (done: number, total: number) => void {
  let display: { html(s: string): void } | undefined;
  try {
    if (require("tslab/dist/jupyter").lastWriteDisplayData) display = require("tslab").newDisplay();
  } catch {
    display = undefined;
  }
  const t0 = Date.now();
  let shown = 0;
  return (done, total) => {
    const now = Date.now();
    if (done < total && now - shown < 300) return; // at most ~3 updates a second
    shown = now;
    const secs = (now - t0) / 1000;
    const tail = done === total ? `, ${(secs / total).toFixed(2)} s each` : "";
    if (display) {
      display.html(`<div style="font-family:sans-serif">${escapeHtml(label)} <progress value="${done}" max="${total}"></progress> ${done}/${total} (${secs.toFixed(1)} s${tail})</div>`);
    } else if (process.stderr.isTTY) {
      process.stderr.write(`\r${label} ${done}/${total} (${secs.toFixed(1)} s${tail})${done === total ? "\n" : ""}`);
    }
  };
}
