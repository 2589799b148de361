// Cross-fitting folds: drawn at random from a seed (by row, or by unit for the panel approaches), or
// read from a fold column (like Stata ddml's foldvar) so that results can be matched fold for fold
// with another program. The seeded deal itself is the learners' (learners/folds.ts), one copy.
import { InputError } from "../errors";
import { assignFolds, splitFold as splitRows } from "../learners/folds";
import { deriveSeed } from "../numeric/rng";

/** fold[i] in 0..k-1 is the fold row i is predicted in. */
export interface Folds {
  k: number;
  fold: Int32Array;
}

/** K folds of (nearly) equal size for repetition `rep`, drawn with deriveSeed(seed, rep). */
export function randomFolds(n: number, k: number, seed: number, rep: number): Folds {
  if (!Number.isInteger(k) || k < 2) throw new InputError(`folds must be an integer >= 2, got ${k}`);
  if (k > n) throw new InputError(`folds (${k}) exceed the number of observations (${n})`);
  return { k, fold: assignFolds(n, k, deriveSeed(seed, rep)) };
}

/**
 * Folds drawn by unit (DoubleML's cluster resampling): the units, in sorted order, are dealt into K
 * folds as randomFolds deals rows, and every row goes to its unit's fold.
 */
export function unitFolds(unit: Int32Array, nUnits: number, k: number, seed: number, rep: number): Folds {
  if (k > nUnits) throw new InputError(`folds (${k}) exceed the number of units (${nUnits})`);
  const byUnit = randomFolds(nUnits, k, seed, rep).fold;
  return { k, fold: Int32Array.from(unit, (u) => byUnit[u]) };
}

/** A given fold assignment must keep every unit in one fold; the first unit split is named. */
export function checkFoldsKeepUnits(folds: Folds, unit: Int32Array, rowLabel: (i: number) => string, column: string): void {
  const first = new Map<number, number>();
  unit.forEach((u, i) => {
    const f = first.get(u);
    if (f === undefined) first.set(u, i);
    else if (folds.fold[f] !== folds.fold[i]) {
      throw new InputError(`fold column ${column} splits a unit across folds: ${rowLabel(f)} and ${rowLabel(i)} are in different folds`);
    }
  });
}

/** Folds from a column: its distinct values, sorted, become folds 0..K-1. */
export function foldsFromColumn(values: ArrayLike<number>, column: string): Folds {
  const levels = [...new Set(Array.from(values))].sort((a, b) => a - b);
  if (levels.length < 2) throw new InputError(`fold column ${column}: needs at least 2 distinct values, has ${levels.length}`);
  const index = new Map(levels.map((v, j) => [v, j]));
  const fold = Int32Array.from(Array.from(values), (v) => index.get(v)!);
  return { k: levels.length, fold };
}

/** Row indices of the training part (all other folds) and the test part of fold f. */
export function splitFold(folds: Folds, f: number): { train: Int32Array; test: Int32Array } {
  return splitRows(folds.fold, f);
}

/** A nuisance fit on a training part where the treatment (or instrument) is constant cannot identify theta. */
export function checkVariation(folds: Folds, v: ArrayLike<number>, column: string): void {
  for (let f = 0; f < folds.k; f++) {
    let first: number | undefined, varies = false;
    for (let i = 0; i < v.length && !varies; i++) {
      if (folds.fold[i] === f) continue;
      if (first === undefined) first = v[i];
      else if (v[i] !== first) varies = true;
    }
    if (!varies) throw new InputError(`fold ${f + 1} of ${folds.k}: no variation in ${column} in its training part`);
  }
}
