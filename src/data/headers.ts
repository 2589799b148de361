// The paper profile's header aliases: map the header cells of a user's file (Chinese yearbook names,
// stray or full-width spaces) to schema column names (data/column-names.json). A plain alias is the
// same quantity under another name; a transformed alias is a related quantity (a level where the schema
// holds its log, a ratio the other way up) whose values are transformed here and the transformation
// reported, never renamed silently. Matching is exact up to NFKC and whitespace: case is never folded.
import * as fs from "fs";
import { InputError } from "../errors";
import { dataPath } from "./roster";
import { schemaColumns } from "./profile";
import { showCell } from "./validate";

/** A header cell cleaned for display: NFKC (full-width letters/spaces to half-width), trimmed, inner whitespace runs to one space. */
export function cleanHeader(h: string): string {
  return h.normalize("NFKC").replace(/\s+/g, " ").trim();
}

/** The key a header is matched on: cleaned and without any whitespace (case kept: `t` is not `T`). */
function matchKey(h: string): string {
  return cleanHeader(h).replace(/\s+/g, "");
}

/** log: the header holds a positive level, the schema its natural log; reciprocal: the schema holds 1/value. */
export type HeaderTransform = "log" | "reciprocal";

interface Alias { column: string; transform?: HeaderTransform; meaning?: string }

let lookup: Map<string, Alias> | undefined;

/** Alias key -> schema column (and transformation), from the schema names, data/column-names.json and the indicators' label_zh. */
function aliasLookup(): Map<string, Alias> {
  if (lookup) return lookup;
  const names = JSON.parse(fs.readFileSync(dataPath("column-names.json"), "utf8")) as {
    columns: Record<string, string[]>;
    transformed?: Record<string, { column: string; transform: HeaderTransform; meaning: string }>;
  };
  const indicators = JSON.parse(fs.readFileSync(dataPath("indicators.json"), "utf8")) as {
    indicators: { column: string; label_zh: string }[];
  };
  const map = new Map<string, Alias>();
  const add = (header: string, alias: Alias) => {
    const key = matchKey(header);
    const prior = map.get(key);
    // Two schema columns claiming one alias is a bug in the mapping files, not in the user's data.
    if (prior !== undefined && (prior.column !== alias.column || prior.transform !== alias.transform)) {
      throw new Error(`header alias '${header}' maps to both ${prior.column} and ${alias.column}`);
    }
    map.set(key, alias);
  };
  for (const c of schemaColumns()) add(c, { column: c });
  for (const [column, aliases] of Object.entries(names.columns)) for (const a of aliases) add(a, { column });
  for (const [header, t] of Object.entries(names.transformed ?? {})) {
    if (t.transform !== "log" && t.transform !== "reciprocal") throw new Error(`column-names.json: unknown transform '${t.transform}' for '${header}'`);
    add(header, { column: t.column, transform: t.transform, meaning: t.meaning });
  }
  for (const ind of indicators.indicators) add(ind.label_zh, { column: ind.column });
  lookup = map;
  return map;
}

/** One header whose values are transformed into the schema column's, as listed in the load report and the notebook banner. */
export interface AppliedTransform {
  from: string;
  to: string;
  transform: HeaderTransform;
  /** What the header holds and why it is transformed. */
  meaning: string;
  /** One line for reports: "人均GDP -> Gdp = ln(人均GDP)". */
  text: string;
}

export interface HeaderMapping {
  /** The name each column will have in the panel. */
  names: string[];
  /** Headers that were renamed to a schema name (transformed ones included). */
  renamed: { from: string; to: string }[];
  /** Headers whose values must be transformed (applied by readPanel). */
  transforms: AppliedTransform[];
  /** Headers the schema does not know, kept (cleaned) as they are. */
  unknown: string[];
}

function transformText(from: string, to: string, t: HeaderTransform): string {
  return t === "log" ? `${from} -> ${to} = ln(${from})` : `${from} -> ${to} = 1 / ${from}`;
}

/** Map raw header cells to schema names; two headers mapping to one name is an InputError naming both. */
export function mapHeaders(raw: readonly string[], file = "input"): HeaderMapping {
  const aliases = aliasLookup();
  const names: string[] = [];
  const renamed: { from: string; to: string }[] = [];
  const transforms: AppliedTransform[] = [];
  const unknown: string[] = [];
  raw.forEach((h, k) => {
    const clean = cleanHeader(h);
    if (clean === "") throw new InputError(`${file}: header cell ${k + 1} is empty`);
    const alias = aliases.get(matchKey(h));
    if (alias === undefined) {
      unknown.push(clean);
      names.push(clean);
      return;
    }
    const to = alias.column;
    if (to !== h) renamed.push({ from: h, to });
    if (alias.transform) {
      transforms.push({ from: clean, to, transform: alias.transform, meaning: alias.meaning ?? "", text: transformText(clean, to, alias.transform) });
    }
    names.push(to);
  });
  const seen = new Map<string, number>();
  const clashes: string[] = [];
  names.forEach((name, k) => {
    const first = seen.get(name);
    if (first === undefined) seen.set(name, k);
    else clashes.push(`'${showCell(raw[first])}' (column ${first + 1}) and '${showCell(raw[k])}' (column ${k + 1}) both give ${name}`);
  });
  if (clashes.length > 0) throw new InputError(`${file}: duplicate column: ${clashes.join("; ")}`);
  return { names, renamed, transforms, unknown };
}

/**
 * Apply the header transformations to the typed columns (in place, rows in file order). A value the
 * transformation cannot take (log of a value <= 0, reciprocal of 0) is a problem naming its row and column,
 * added to `problems`; the cell becomes NaN. Empty cells stay empty.
 */
export function applyHeaderTransforms(
  columns: Record<string, unknown>, transforms: readonly AppliedTransform[], lines: readonly number[], problems: string[],
): void {
  for (const t of transforms) {
    const col = columns[t.to];
    if (!(col instanceof Float64Array)) continue; // a non-numeric cell is already a problem of its own
    for (let i = 0; i < col.length; i++) {
      const x = col[i];
      if (Number.isNaN(x)) continue;
      const bad = t.transform === "log" ? x <= 0 : x === 0;
      if (bad) {
        const need = t.transform === "log" ? "a positive level to take its log" : "a non-zero ratio to invert";
        problems.push(`row ${lines[i]} column ${t.from}: ${x} cannot become ${t.to} (${t.text} needs ${need})`);
        col[i] = NaN;
        continue;
      }
      col[i] = t.transform === "log" ? Math.log(x) : 1 / x;
    }
  }
}
