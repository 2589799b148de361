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
  return new Xoshiro128(seed);
}

/**
 * The generator as a class rather than closures: every instance shares one set of methods, so a call
 * site that meets many generators (a forest makes one per tree) stays monomorphic and the optimiser
 * inlines the draw; with closures each generator brings new functions and the calls stay calls
 * (measured: forest trees on Table 3 column (6)'s design grew 15% faster). Same numbers either way.
 */
class Xoshiro128 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    const st = { s: Math.trunc(seed) | 0 };
    this.a = splitmix32(st); this.b = splitmix32(st); this.c = splitmix32(st); this.d = splitmix32(st);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  private nextU32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a; this.d ^= this.b; this.b ^= this.c; this.a ^= this.d; this.c ^= t; this.d = rotl(this.d, 11);
    return r;
  }

  next(): number {
    return this.nextU32() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  normal(): number {
    let u = this.next();
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }
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
