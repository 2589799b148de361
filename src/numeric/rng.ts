// Seeded pseudo-random numbers. Every random step in stii draws from an Rng built here, so the same
// seed gives the same numbers on every machine and thread count. Generator: xoshiro128** (32-bit
// state words, exact in JavaScript integer arithmetic), seeded through splitmix32.

export interface Rng {
  /** Uniform on [0, 1). */
  next(): number;
  /** Uniform integer in 0..n-1. */
  int(n: number): number;
  /** Standard normal (Box-Muller, no cached second value so streams stay easy to reason about). */
  normal(): number;
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The seed of every analysis when none is given (dml(), the notebooks' study, `stii replicate`). */
export const DEFAULT_SEED = 20250;

/** A stable 32-bit seed for a sub-stream, e.g. deriveSeed(seed, rep, fold, tree). */
export function deriveSeed(seed: number, ...path: number[]): number {
  const st = { s: seed | 0 };
  let h = splitmix32(st);
  for (const p of path) {
    st.s = (h ^ Math.imul(p | 0, 0x27d4eb2d)) | 0;
    h = splitmix32(st);
  }
  return h >>> 0;
}

export function makeRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new Error(`seed must be a finite number, got ${seed}`);
  const st = { s: Math.trunc(seed) | 0 };
  let a = splitmix32(st), b = splitmix32(st), c = splitmix32(st), d = splitmix32(st);
  if ((a | b | c | d) === 0) a = 1;
  const nextU32 = (): number => {
    const r = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a; d ^= b; b ^= c; a ^= d; c ^= t; d = rotl(d, 11);
    return r;
  };
  const next = (): number => nextU32() / 4294967296;
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    normal: () => {
      let u = next();
      while (u === 0) u = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Fisher-Yates shuffle of 0..n-1 with the given Rng. */
export function permutation(n: number, rng: Rng): Int32Array {
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = p[i]; p[i] = p[j]; p[j] = t;
  }
  return p;
}
