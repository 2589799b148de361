// Cross-fitted predictions already computed in this process, reused when the same fit comes again.
// A cross-fit by a learner built by name (learners/index.ts: learnerRecipe) is a pure function of that
// recipe, X, the target, the folds and the training-row filter; and tables refit the same nuisance
// often: PLIV's E[Y|X] and E[D|X] are the baseline PLR's l and m, Table 4's columns share E[D|X].
// Entries are matched on their full bytes, never on a hash, so a hit returns exactly what the fit would.
import { sameBytes, type Matrix } from "../numeric/matrix";
import type { Folds } from "./folds";

/** What a cross-fit depends on; mask marks the training rows a `within` filter keeps (null: all). */
export interface CrossFitKey {
  recipe: string;
  X: Matrix;
  target: Float64Array;
  folds: Folds;
  mask: Uint8Array | null;
}

interface Entry {
  recipe: string;
  nrow: number;
  ncol: number;
  /** A private copy of X's data, shared by entries whose X has the same contents. */
  xData: Float64Array;
  target: Float64Array;
  k: number;
  fold: Int32Array;
  mask: Uint8Array | null;
  out: Float64Array;
}

/**
 * Bytes the cache may hold (X copies counted once however many entries share them): the 13 robustness
 * checks, on five different X, take ~60 MB, and PLIV comes last, after all of them.
 */
const CAPACITY_BYTES = 256 * 2 ** 20;
let capacity = CAPACITY_BYTES;
let entries: Entry[] = [];
let enabled = true;
const counts = { hits: 0, misses: 0 };

function matches(e: Entry, key: CrossFitKey): boolean {
  const { X, folds, mask } = key;
  return e.recipe === key.recipe && e.nrow === X.nrow && e.ncol === X.ncol && e.k === folds.k
    && sameBytes(e.target, key.target) && sameBytes(e.fold, folds.fold)
    && (e.mask === null ? mask === null : mask !== null && sameBytes(e.mask, mask))
    && sameBytes(e.xData, X.data);
}

/** The stored predictions of this fit (a copy), or undefined. The hit moves to the front. */
export function cachedCrossFit(key: CrossFitKey): Float64Array | undefined {
  if (!enabled) return undefined;
  const at = entries.findIndex((e) => matches(e, key));
  if (at < 0) {
    counts.misses++;
    return undefined;
  }
  counts.hits++;
  const [e] = entries.splice(at, 1);
  entries.unshift(e);
  return Float64Array.from(e.out);
}

/** Remember a finished fit; the least recently used entry goes when the cache is full. */
export function storeCrossFit(key: CrossFitKey, out: Float64Array): void {
  if (!enabled) return;
  const { X } = key;
  const sameX = entries.find((e) => e.nrow === X.nrow && e.ncol === X.ncol && sameBytes(e.xData, X.data));
  entries.unshift({
    recipe: key.recipe, nrow: X.nrow, ncol: X.ncol, xData: sameX?.xData ?? Float64Array.from(X.data),
    target: Float64Array.from(key.target), k: key.folds.k, fold: Int32Array.from(key.folds.fold),
    mask: key.mask && Uint8Array.from(key.mask), out: Float64Array.from(out),
  });
  while (entries.length > 1 && bytes(entries) > capacity) entries.pop();
}

function bytes(list: Entry[]): number {
  const xs = new Set(list.map((e) => e.xData));
  let b = 0;
  for (const x of xs) b += x.byteLength;
  for (const e of list) b += e.target.byteLength + e.fold.byteLength + (e.mask?.byteLength ?? 0) + e.out.byteLength;
  return b;
}

/**
 * Switch reuse on or off (on by default) and empty the cache. Off, every cross-fit is computed: the
 * tests compare both ways, and a benchmark of fitting itself turns it off. capacityBytes: for tests.
 */
export function setCrossFitCache(on: boolean, capacityBytes = CAPACITY_BYTES): void {
  enabled = on;
  capacity = capacityBytes;
  entries = [];
  counts.hits = 0;
  counts.misses = 0;
}

/** Hits and misses since the last setCrossFitCache. */
export function crossFitCacheCounts(): { hits: number; misses: number } {
  return { ...counts };
}
