// One error type for bad input: its message is the single line the CLI prints before exiting non-zero.
// Throw it wherever user data (a file, a column, a row, an option) is wrong; anything else is a bug.

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** Throw an InputError naming the first non-finite entry of a column, e.g. before it reaches a fit. */
export function assertFinite(values: ArrayLike<number>, what: string, rowLabel?: (i: number) => string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) {
      const where = rowLabel ? rowLabel(i) : `row ${i + 1}`;
      throw new InputError(`${what}: non-finite value (${values[i]}) at ${where}`);
    }
  }
}
