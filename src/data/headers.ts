// Map the header cells of a user's file (Chinese yearbook names, odd case, stray spaces) to schema column names.
import * as fs from "fs";
import { InputError } from "../errors";
import { dataPath } from "./roster";
import { schemaColumns } from "./schema";
import { showCell } from "./validate";

/** A header cell cleaned for display: NFKC (full-width letters/spaces to half-width), trimmed, inner whitespace runs to one space. */
export function cleanHeader(h: string): string {
  return h.normalize("NFKC").replace(/\s+/g, " ").trim();
}

/** The key a header is matched on: cleaned, without any whitespace, lower case. */
function matchKey(h: string): string {
  return cleanHeader(h).replace(/\s+/g, "").toLowerCase();
}

let lookup: Map<string, string> | undefined;

/** Alias key -> schema name, from the schema names themselves, data/column-names.json and the indicators' label_zh. */
function aliasLookup(): Map<string, string> {
  if (lookup) return lookup;
  const names = JSON.parse(fs.readFileSync(dataPath("column-names.json"), "utf8")) as {
    columns: Record<string, string[]>;
  };
  const indicators = JSON.parse(fs.readFileSync(dataPath("indicators.json"), "utf8")) as {
    indicators: { column: string; label_zh: string }[];
  };
  const map = new Map<string, string>();
  const add = (alias: string, column: string) => {
    const key = matchKey(alias);
    const prior = map.get(key);
    // Two schema columns claiming one alias is a bug in the mapping files, not in the user's data.
    if (prior !== undefined && prior !== column) throw new Error(`header alias '${alias}' maps to both ${prior} and ${column}`);
    map.set(key, column);
  };
  for (const c of schemaColumns()) add(c, c);
  for (const [column, aliases] of Object.entries(names.columns)) for (const a of aliases) add(a, column);
  for (const ind of indicators.indicators) add(ind.label_zh, ind.column);
  lookup = map;
  return map;
}

export interface HeaderMapping {
  /** The name each column will have in the panel. */
  names: string[];
  /** Headers that were renamed to a schema name. */
  renamed: { from: string; to: string }[];
  /** Headers the schema does not know, kept (cleaned) as they are. */
  unknown: string[];
}

/** Map raw header cells to schema names; two headers mapping to one name is an InputError naming both. */
export function mapHeaders(raw: readonly string[], file = "input"): HeaderMapping {
  const aliases = aliasLookup();
  const names: string[] = [];
  const renamed: { from: string; to: string }[] = [];
  const unknown: string[] = [];
  raw.forEach((h, k) => {
    const clean = cleanHeader(h);
    if (clean === "") throw new InputError(`${file}: header cell ${k + 1} is empty`);
    const to = aliases.get(matchKey(h));
    if (to === undefined) {
      unknown.push(clean);
      names.push(clean);
    } else {
      if (to !== h) renamed.push({ from: h, to });
      names.push(to);
    }
  });
  const seen = new Map<string, number>();
  const clashes: string[] = [];
  names.forEach((name, k) => {
    const first = seen.get(name);
    if (first === undefined) seen.set(name, k);
    else clashes.push(`'${showCell(raw[first])}' (column ${first + 1}) and '${showCell(raw[k])}' (column ${k + 1}) both give ${name}`);
  });
  if (clashes.length > 0) throw new InputError(`${file}: duplicate column: ${clashes.join("; ")}`);
  return { names, renamed, unknown };
}
