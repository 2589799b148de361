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
