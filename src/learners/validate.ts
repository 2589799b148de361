// Input checks shared by every learner, so bad data fails the same clear way whichever learner is chosen.
import { InputError } from "../errors";
import type { Matrix } from "../numeric/matrix";

export type FitKind = "regression" | "classification";

function colName(X: Matrix, j: number): string {
  return X.colnames?.[j] ?? `column ${j + 1}`;
}

/** Throw the first non-finite cell of X, naming its row and column. */
function checkFiniteMatrix(X: Matrix, who: string): void {
  for (let j = 0; j < X.ncol; j++) {
    const off = j * X.nrow;
    for (let i = 0; i < X.nrow; i++) {
      const v = X.data[off + i];
      if (!Number.isFinite(v)) throw new InputError(`${who}: non-finite value (${v}) in ${colName(X, j)} at row ${i + 1}`);
    }
  }
}

/** Checks before a fit: non-empty, matching lengths, finite values, and a 0/1 non-constant target for classifiers. */
export function checkFit(X: Matrix, y: ArrayLike<number>, kind: FitKind, who = "learner"): void {
  if (X.nrow === 0 || y.length === 0) throw new InputError(`${who}: cannot fit on empty data (0 rows)`);
  if (X.ncol === 0) throw new InputError(`${who}: cannot fit with no feature columns`);
  if (X.nrow !== y.length) throw new InputError(`${who}: X has ${X.nrow} rows but y has ${y.length} values`);
  checkFiniteMatrix(X, who);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new InputError(`${who}: non-finite target value (${y[i]}) at row ${i + 1}`);
  }
  if (kind === "classification") {
    let ones = 0;
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== 0 && y[i] !== 1) throw new InputError(`${who}: classifier target must be 0 or 1, got ${y[i]} at row ${i + 1}`);
      ones += y[i];
    }
    if (ones === 0 || ones === y.length) throw new InputError(`${who}: classifier target is constant (all ${ones === 0 ? 0 : 1}); need both classes`);
  }
}

/** Checks before a prediction: fitted, same number of columns as in training, finite values. */
export function checkPredict(X: Matrix, ncolTrained: number | undefined, who = "learner"): void {
  if (ncolTrained === undefined) throw new Error(`${who}: predict called before fit`);
  if (X.ncol !== ncolTrained) throw new InputError(`${who}: X has ${X.ncol} columns but the learner was trained on ${ncolTrained}`);
  checkFiniteMatrix(X, who);
}
