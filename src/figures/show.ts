// Showing a figure from a notebook cell: ONE display_data carrying the live Plotly spec, a static image
// (for viewers without Plotly, e.g. GitHub) and a text line. tslab is required lazily, so the library
// still loads outside the kernel, where show() prints the text line instead.
import type { FigureSpec } from "./specs";
import { renderStatic } from "./render";

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
    "text/plain": `<${title}: ${spec.data.length} trace(s), static image by ${img.renderer}>`,
  };
  if (img.png) data["image/png"] = img.png.toString("base64");
  if (img.svg) data["image/svg+xml"] = img.svg;
  displayBundle(data);
}

export function showHTML(html: string): void {
  displayBundle({ "text/html": html, "text/plain": html.replace(/<[^>]*>/g, "").slice(0, 200) });
}
