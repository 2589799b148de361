// The dense matrix every numeric kernel in stii takes: column-major Float64Array, so a column is a
// contiguous slice (cheap to bin, standardise or share with worker threads).

export interface Matrix {
  readonly nrow: number;
  readonly ncol: number;
  /** data[j * nrow + i] is row i, column j. */
  readonly data: Float64Array;
  /** Optional column names, carried for error messages and reports. */
  readonly colnames?: readonly string[];
}

export function matrix(nrow: number, ncol: number, data?: Float64Array, colnames?: readonly string[]): Matrix {
  const d = data ?? new Float64Array(nrow * ncol);
  if (d.length !== nrow * ncol) throw new Error(`matrix: data length ${d.length} is not ${nrow} x ${ncol}`);
  if (colnames && colnames.length !== ncol) throw new Error(`matrix: ${colnames.length} column names for ${ncol} columns`);
  return { nrow, ncol, data: d, colnames };
}

/** Build from columns (each of length nrow). */
export function fromColumns(cols: readonly ArrayLike<number>[], colnames?: readonly string[]): Matrix {
  const ncol = cols.length;
  const nrow = ncol ? cols[0].length : 0;
  const data = new Float64Array(nrow * ncol);
  cols.forEach((c, j) => {
    if (c.length !== nrow) throw new Error(`fromColumns: column ${colnames?.[j] ?? j} has ${c.length} rows, expected ${nrow}`);
    for (let i = 0; i < nrow; i++) data[j * nrow + i] = c[i];
  });
  return { nrow, ncol, data, colnames };
}

export function column(m: Matrix, j: number): Float64Array {
  return m.data.subarray(j * m.nrow, (j + 1) * m.nrow);
}

export function get(m: Matrix, i: number, j: number): number {
  return m.data[j * m.nrow + i];
}

/** The rows of m listed in idx, in that order. */
export function takeRows(m: Matrix, idx: ArrayLike<number>): Matrix {
  const n = idx.length;
  const out = new Float64Array(n * m.ncol);
  for (let j = 0; j < m.ncol; j++) {
    const src = j * m.nrow, dst = j * n;
    for (let k = 0; k < n; k++) out[dst + k] = m.data[src + idx[k]];
  }
  return { nrow: n, ncol: m.ncol, data: out, colnames: m.colnames };
}

/** The entries of v listed in idx. */
export function take(v: ArrayLike<number>, idx: ArrayLike<number>): Float64Array {
  const out = new Float64Array(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = v[idx[k]];
  return out;
}

/**
 * Same bytes (memcmp): the test of the caches, which must hand back only what the same input gives. Unlike
 * sameValues it tells -0 from 0 and finds a NaN equal to itself; a miss there only costs a recomputation.
 */
export function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** Same length and every element equal (===: -0 equals 0, NaN equals nothing). */
export function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
