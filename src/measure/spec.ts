// The indicator system (SPEC 3) as data: which panel column belongs to which system, and its direction.
// Validated on load so a typo in a user's spec file fails with one line naming the entry.
import * as fs from "fs";
import { InputError } from "../errors";
import { dataPath } from "../data/roster";

export type System = "S" | "I";

export interface Indicator {
  column: string;
  system: System;
  direction: 1 | -1;
  label_en: string;
  label_zh: string;
  source: string;
  dimension_en?: string;
  dimension_zh?: string;
}

/** Default: data/indicators.json of the package. */
export function loadIndicatorSpec(file: string = dataPath("indicators.json")): Indicator[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new InputError(`indicator spec ${file}: cannot read as JSON (${(e as Error).message.split("\n")[0]})`);
  }
  const list = (parsed as { indicators?: unknown })?.indicators;
  if (!Array.isArray(list)) throw new InputError(`indicator spec ${file}: no "indicators" array`);
  return validateSpec(list, file);
}

export function validateSpec(list: readonly unknown[], where = "indicator spec"): Indicator[] {
  const seen = new Set<string>();
  const out = list.map((raw, k) => {
    const e = raw as Partial<Indicator>;
    const name = typeof e?.column === "string" && e.column ? e.column : "";
    if (!name) throw new InputError(`${where}: entry ${k + 1} has no column name`);
    if (seen.has(name)) throw new InputError(`${where}: column ${name} listed twice`);
    seen.add(name);
    if (e.system !== "S" && e.system !== "I") throw new InputError(`${where}: column ${name} has unknown system ${JSON.stringify(e.system)} (expected "S" or "I")`);
    if (e.direction !== 1 && e.direction !== -1) throw new InputError(`${where}: column ${name} has direction ${JSON.stringify(e.direction)} (expected 1 or -1)`);
    return {
      ...e,
      column: name,
      system: e.system,
      direction: e.direction,
      label_en: String(e.label_en ?? name),
      label_zh: String(e.label_zh ?? name),
      source: String(e.source ?? ""),
    } as Indicator;
  });
  for (const s of ["S", "I"] as const) {
    if (!out.some((i) => i.system === s)) throw new InputError(`${where}: system ${s} has no indicators`);
  }
  return out;
}
