// Reading the tree learners' settings from a LearnerOptions object, with one clear error per bad value.
import { availableParallelism } from "node:os";
import { InputError } from "../errors";
import type { LearnerOptions } from "./types";

/**
 * Worker threads of a forest when its options name none: STII_THREADS if set (`stii replicate` sets it to
 * share the cores among the notebooks it runs at once), else every core. Results never depend on it.
 */
export function defaultThreads(): number {
  const v = process.env.STII_THREADS;
  if (v === undefined || v === "") return availableParallelism();
  const n = Number(v);
  if (!isPosInt(n)) throw new InputError(`STII_THREADS must be an integer >= 1, got ${v}`);
  return n;
}

/** A numeric setting: the default when absent, else it must pass `ok` (described by `want`). */
export function numOption(opts: LearnerOptions, key: string, dflt: number, ok: (v: number) => boolean, want: string, who: string): number {
  const v = opts[key];
  if (v === undefined) return dflt;
  if (typeof v !== "number" || !ok(v)) throw new InputError(`${who}: option ${key} must be ${want}, got ${String(v)}`);
  return v;
}

export const isPosInt = (v: number): boolean => Number.isInteger(v) && v >= 1;
export const isFraction = (v: number): boolean => v > 0 && v <= 1;

/** mtry given as a count (integer >= 1) or as a fraction of p in (0, 1); never more than p. */
export function resolveMtry(mtry: unknown, p: number, dflt: number, who: string): number {
  if (mtry === undefined) return Math.min(p, Math.max(1, dflt));
  if (typeof mtry !== "number" || !(mtry > 0) || (mtry >= 1 && !Number.isInteger(mtry))) {
    throw new InputError(`${who}: option mtry must be an integer >= 1 or a fraction in (0, 1), got ${String(mtry)}`);
  }
  return Math.min(p, mtry < 1 ? Math.max(1, Math.floor(mtry * p)) : mtry);
}
