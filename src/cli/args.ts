// Tiny argument parser shared by every `stii` sub-command: --flag value, --flag=value, boolean --flag.
import { InputError } from "../errors";

export interface ParsedArgs {
  /** Options by name without the leading dashes; boolean flags are "true". */
  opts: Record<string, string>;
  positional: string[];
}

/**
 * Parse argv against the options a command accepts. `valued` take a value, `flags` do not.
 * An unknown option is an InputError, so typos never silently change a result.
 */
export function parseArgs(argv: string[], valued: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const opts: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith("--")) { positional.push(a); continue; }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (flags.includes(name)) {
      if (eq >= 0) throw new InputError(`option --${name} takes no value`);
      opts[name] = "true";
    } else if (valued.includes(name)) {
      const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || (eq < 0 && v.startsWith("--"))) throw new InputError(`option --${name} needs a value`);
      opts[name] = v;
    } else {
      throw new InputError(`unknown option --${name} (accepted: ${[...valued, ...flags].map((o) => "--" + o).join(" ")})`);
    }
  }
  return { opts, positional };
}

export function requireOpt(args: ParsedArgs, name: string): string {
  const v = args.opts[name];
  if (v === undefined) throw new InputError(`missing required option --${name}`);
  return v;
}

export function intOpt(args: ParsedArgs, name: string, fallback: number, min = -Infinity): number {
  const v = args.opts[name];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new InputError(`option --${name} must be an integer${min > -Infinity ? ` >= ${min}` : ""}, got "${v}"`);
  return n;
}

/** One option of a command, as `--help` lists it: a value placeholder (absent for a boolean flag) and what it does. */
export interface OptionSpec { name: string; value?: string; help: string }

/** Parse argv against a command's option list; `--help` is always accepted (as the flag "help"). */
export function parseSpec(argv: string[], specs: readonly OptionSpec[]): ParsedArgs {
  const valued = specs.filter((s) => s.value !== undefined).map((s) => s.name);
  const flags = [...specs.filter((s) => s.value === undefined).map((s) => s.name), "help"];
  return parseArgs(argv, valued, flags);
}

/** The `stii <cmd> --help` text: a usage line, then one line per option. */
export function helpText(usage: string, specs: readonly OptionSpec[]): string {
  const left = specs.map((s) => `--${s.name}${s.value === undefined ? "" : ` ${s.value}`}`);
  const w = Math.max(...left.map((l) => l.length));
  return [`usage: ${usage}`, "", ...specs.map((s, k) => `  ${left[k].padEnd(w)}  ${s.help}`), `  ${"--help".padEnd(w)}  this list`].join("\n") + "\n";
}

/** A comma-separated list, items trimmed, empty items dropped. */
export function listOpt(v: string): string[] {
  return v.split(",").map((c) => c.trim()).filter((c) => c !== "");
}

/** A value that must be one of `allowed` (fallback when the option is absent). */
export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new InputError(`option --${name} must be one of ${allowed.join("|")}, got "${value}"`);
  return value as T;
}

/** Options that `stii dml` and `stii measure` share, worded once. */
export const PANEL_OPTIONS = {
  data: { name: "data", value: "FILE", help: "the panel, CSV (UTF-8) or .xlsx (required)" },
  id: { name: "id", value: "COL", help: "unit column (default city_code, when the file has it); (id, time) must be unique" },
  time: { name: "time", value: "COL", help: "period column (default year, when the file has it)" },
  profile: { name: "profile", value: "paper", help: "read with the paper's schema, 283-city roster, 2010-2022 and yearbook aliases (default: the file's own names, only the named columns checked)" },
} satisfies Record<string, OptionSpec>;
