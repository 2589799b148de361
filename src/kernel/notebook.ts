// nbformat 4 on disk: read a notebook, and write it back the way Jupyter does (sorted keys, one-space
// indent, multi-line strings as lists of lines) so that re-running a notebook gives small diffs.
import * as fs from "fs";
import { InputError } from "../errors";
import { stableJson } from "../sorted-json";

export type Output =
  | { output_type: "stream"; name: string; text: string }
  | { output_type: "display_data"; data: Record<string, unknown>; metadata: Record<string, unknown> }
  | { output_type: "execute_result"; execution_count: number | null; data: Record<string, unknown>; metadata: Record<string, unknown> }
  | { output_type: "error"; ename: string; evalue: string; traceback: string[] };

export interface Cell {
  cell_type: "code" | "markdown" | "raw";
  source: string;
  metadata: Record<string, unknown>;
  outputs?: Output[];
  execution_count?: number | null;
  [other: string]: unknown;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

const isJsonMime = (mime: string) => mime === "application/json" || mime.endsWith("+json");
const joinLines = (s: unknown): string => (Array.isArray(s) ? s.join("") : typeof s === "string" ? s : "");

export function readNotebook(file: string): Notebook {
  let nb: any;
  try {
    nb = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new InputError(`${file}: not a readable notebook (${(e as Error).message})`);
  }
  if (nb?.nbformat !== 4 || !Array.isArray(nb.cells)) throw new InputError(`${file}: not an nbformat 4 notebook`);
  for (const c of nb.cells) {
    c.source = joinLines(c.source);
    for (const o of c.outputs ?? []) {
      if (o.output_type === "stream") o.text = joinLines(o.text);
      for (const [mime, v] of Object.entries(o.data ?? {})) if (Array.isArray(v) && !isJsonMime(mime)) o.data[mime] = joinLines(v);
    }
  }
  return nb as Notebook;
}

/** Split "a\nb\n" into ["a\n", "b\n"] as nbformat stores multi-line strings. */
function splitLines(s: string): string[] {
  return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

// Text-like payloads are stored as lists of lines; base64 images stay single strings.
const isLinedMime = (mime: string) => mime.startsWith("text/") || mime === "image/svg+xml";

function toDisk(nb: Notebook): unknown {
  return {
    ...nb,
    cells: nb.cells.map((c) => {
      const cell: Record<string, unknown> = { ...c, source: splitLines(c.source) };
      if (c.outputs) {
        cell.outputs = c.outputs.map((o) => {
          if (o.output_type === "stream") return { ...o, text: splitLines(o.text) };
          if (o.output_type === "error") return o;
          const data: Record<string, unknown> = {};
          for (const [mime, v] of Object.entries(o.data)) data[mime] = typeof v === "string" && isLinedMime(mime) ? splitLines(v) : v;
          return { ...o, data };
        });
      }
      return cell;
    }),
  };
}

/** JSON with keys sorted at every level (arrays keep their order), like Python's sort_keys=True. */
export function serializeNotebook(nb: Notebook): string {
  return stableJson(toDisk(nb));
}

/** A MIME bundle as Jupyter expects it: JSON types as objects even when the kernel sent a string. */
export function normalizeMimeBundle(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [mime, v] of Object.entries(data)) {
    if (isJsonMime(mime) && typeof v === "string") {
      try { out[mime] = JSON.parse(v); } catch { out[mime] = v; }
    } else {
      out[mime] = v;
    }
  }
  return out;
}
