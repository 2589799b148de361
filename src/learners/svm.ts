// Support vector machines with an RBF kernel, for the paper's SVM robustness check: epsilon-SVR and
// C-SVC trained by libsvm (libsvm-js, WebAssembly build). Features are standardised; SVR also
// standardises y (so epsilon is in sd units) and maps predictions back. libsvm gets the kernel matrix
// precomputed (rbf-kernel.ts, which makes dummy columns cheap): its own RBF kernel costs every column of
// every pair, ~8x the training time on the paper's design. After training, the support vectors and
// coefficients are read back from libsvm's text serialisation and its memory freed, so predictions run
// in plain JS and repeated DML fits do not leak the emscripten heap. Classifier probabilities come from Platt
// scaling fitted on seeded K-fold out-of-fold decision values (libsvm's own -b 1 uses C rand(), whose
// state is shared across fits in a process, which would break seed determinism).
import { InputError } from "../errors";
import { take, type Matrix } from "../numeric/matrix";
import type { Classifier, LearnerOptions, Regressor } from "./types";
import { fitScaling, meanSd } from "./standardise";
import { assignFolds, splitFold } from "./folds";
import { sigmoid } from "./logistic";
import { kernelBlock, kernelColumns, kernelRows, rbfKernel, subsetRows, type KernelColumns, type KernelRows } from "./rbf-kernel";
import { checkFit, checkPredict } from "./validate";

export interface SvmOptions extends LearnerOptions {
  /** Cost C; default 1. */
  cost?: number;
  /** SVR tube half-width on the standardised y; default 0.1. */
  epsilon?: number;
  /** RBF width exp(-gamma |u - v|^2) on standardised features; default 1 / ncol. */
  gamma?: number;
  /** libsvm stopping tolerance; default 1e-3. */
  tolerance?: number;
  /** Folds for the Platt scaling of the classifier; default 5. */
  plattFolds?: number;
}

interface LibSvm {
  train(samples: ArrayLike<number>[], labels: number[]): void;
  predictOne(sample: ArrayLike<number>): number;
  serializeModel(): string;
  free(): void;
}
interface LibSvmModule {
  new (options: Record<string, unknown>): LibSvm;
  SVM_TYPES: Record<string, string>;
  KERNEL_TYPES: Record<string, string>;
}

/** A trained RBF machine held in JS: decision(x) = sum_i coef_i exp(-gamma |sv_i - x|^2) - rho. */
interface KernelModel {
  gamma: number;
  rho: number;
  coef: Float64Array;
  /** The support vectors, in the kernel's representation. */
  sv: KernelRows;
  /** Class labels in libsvm's order (the decision is positive for labels[0]); empty for SVR. */
  labels: number[];
}

let loading: Promise<LibSvmModule> | undefined;

/**
 * libsvm's WebAssembly build, loaded on first use (only runs that choose the SVM pay for it). It trains
 * about 2.3 x faster than the package's asm.js build, with the same model to the last digit (measured on
 * a 2943-row SVR). Its loader first tries fetch() on a file path, which fails in Node and prints a
 * warning into the notebook before it falls back to reading the file; fetch is hidden while it loads.
 */
function libsvm(): Promise<LibSvmModule> {
  if (!loading) {
    const g = globalThis as { fetch?: unknown };
    const fetch = g.fetch;
    g.fetch = undefined;
    try {
      loading = require("libsvm-js/wasm") as Promise<LibSvmModule>;
    } finally {
      g.fetch = fetch;
    }
  }
  return loading;
}

function validated(opts: SvmOptions, who: string): Required<Pick<SvmOptions, "cost" | "epsilon" | "tolerance">> {
  const cost = opts.cost ?? 1, epsilon = opts.epsilon ?? 0.1, tolerance = opts.tolerance ?? 1e-3;
  if (!(cost > 0)) throw new InputError(`${who}: cost must be > 0, got ${cost}`);
  if (!(epsilon >= 0)) throw new InputError(`${who}: epsilon must be >= 0, got ${epsilon}`);
  if (opts.gamma !== undefined && !(opts.gamma > 0)) throw new InputError(`${who}: gamma must be > 0, got ${opts.gamma}`);
  return { cost, epsilon, tolerance };
}

/**
 * Train with libsvm on the rows R, whose kernel matrix K (R.n x R.n) is precomputed: libsvm's row i is
 * [i + 1, K(i, 1), ..., K(i, n)] (its serial number first). Read the support vectors and coefficients back,
 * free libsvm's memory.
 */
function train(Svm: LibSvmModule, R: KernelRows, K: Float64Array, target: number[], gamma: number, options: Record<string, unknown>, exactRho: boolean): KernelModel {
  const n = R.n;
  const rows = Array.from({ length: n }, (_, i) => {
    const r = new Float64Array(n + 1);
    r[0] = i + 1;
    r.set(K.subarray(i * n, (i + 1) * n), 1);
    return r;
  });
  const svm = new Svm({ ...options, kernel: Svm.KERNEL_TYPES.PRECOMPUTED, quiet: true, shrinking: true });
  try {
    svm.train(rows, target);
    const { rho, coef, index, labels } = parseModel(svm.serializeModel());
    const model: KernelModel = { gamma, rho, coef, sv: subsetRows(R, index), labels };
    // The text model prints rho with 6 digits; recover it from libsvm's own decision value on row 0.
    if (exactRho) {
      let d = 0;
      index.forEach((i, a) => { d += coef[a] * K[i]; });
      model.rho = d - svm.predictOne(rows[0]);
    }
    return model;
  } finally {
    svm.free();
  }
}

/** rho, the coefficients, the support vectors' rows (0-based, from libsvm's "0:serial") and the labels. */
function parseModel(text: string): { rho: number; coef: Float64Array; index: Int32Array; labels: number[] } {
  const lines = text.split("\n");
  let rho = NaN, labels: number[] = [];
  let k = 0;
  for (; k < lines.length && lines[k].trim() !== "SV"; k++) {
    const [key, ...vals] = lines[k].trim().split(/\s+/);
    if (key === "rho") rho = Number(vals[0]);
    else if (key === "label") labels = vals.map(Number);
  }
  const coef: number[] = [], index: number[] = [];
  for (k++; k < lines.length; k++) {
    const parts = lines[k].trim().split(/\s+/);
    if (parts[0] === "") continue;
    const m = /^0:(\d+)$/.exec(parts[1] ?? "");
    if (!m) throw new Error(`svm: unexpected support vector line in the libsvm model: ${lines[k].slice(0, 80)}`);
    coef.push(Number(parts[0]));
    index.push(Number(m[1]) - 1);
  }
  if (!Number.isFinite(rho)) throw new Error("svm: could not read the libsvm model");
  return { rho, coef: Float64Array.from(coef), index: Int32Array.from(index), labels };
}

/** Decision values of the rows of R. */
function decisions(m: KernelModel, R: KernelRows): Float64Array {
  const K = rbfKernel(R, m.sv, m.gamma), nsv = m.sv.n;
  const out = new Float64Array(R.n);
  for (let i = 0; i < R.n; i++) {
    let s = -m.rho;
    for (let a = 0; a < nsv; a++) s += m.coef[a] * K[i * nsv + a];
    out[i] = s;
  }
  return out;
}

export class SVR implements Regressor {
  readonly name = "svm";
  private state?: { cols: KernelColumns; yMean: number; ySd: number; model?: KernelModel };

  constructor(readonly opts: SvmOptions = {}) {
    validated(opts, "svm");
  }

  async fit(X: Matrix, y: Float64Array): Promise<void> {
    checkFit(X, y, "regression", "svm");
    const { cost, epsilon, tolerance } = validated(this.opts, "svm");
    const cols = kernelColumns(X, fitScaling(X));
    const { mean: yMean, sd: ySd } = meanSd(y);
    if (ySd === 0) { this.state = { cols, yMean, ySd }; return; } // constant target: predict it
    const ys = Array.from(y, (v) => (v - yMean) / ySd);
    const Svm = await libsvm();
    const R = kernelRows(X, cols), gamma = this.opts.gamma ?? 1 / X.ncol;
    const model = train(Svm, R, rbfKernel(R, R, gamma), ys, gamma, { type: Svm.SVM_TYPES.EPSILON_SVR, cost, epsilon, tolerance }, true);
    this.state = { cols, yMean, ySd, model };
  }

  predict(X: Matrix): Float64Array {
    checkPredict(X, this.state?.cols.mean.length, "svm");
    const { cols, yMean, ySd, model } = this.state!;
    if (!model) return new Float64Array(X.nrow).fill(yMean);
    return decisions(model, kernelRows(X, cols)).map((v) => yMean + ySd * v);
  }

  clone(): SVR {
    return new SVR({ ...this.opts });
  }
}

export class SVC implements Classifier {
  readonly name = "svm";
  private state?: { cols: KernelColumns; model: KernelModel; platt: { a: number; b: number } };

  constructor(readonly opts: SvmOptions = {}) {
    validated(opts, "svm");
  }

  async fit(X: Matrix, y: Float64Array): Promise<void> {
    checkFit(X, y, "classification", "svm");
    const { cost, tolerance } = validated(this.opts, "svm");
    const Svm = await libsvm();
    const options = { type: Svm.SVM_TYPES.C_SVC, cost, tolerance };
    const gamma = this.opts.gamma ?? 1 / X.ncol;
    const cols = kernelColumns(X, fitScaling(X));
    const R = kernelRows(X, cols);
    // One kernel matrix for the Platt folds and the final fit: a fold's is a block of it.
    const G = rbfKernel(R, R, gamma);
    // Out-of-fold decision values for Platt scaling (in-sample ones are overconfident).
    const K = this.opts.plattFolds ?? 5;
    if (!Number.isInteger(K) || K < 2 || K > X.nrow) throw new InputError(`svm: plattFolds must be an integer in 2..${X.nrow}, got ${K}`);
    const fold = assignFolds(X.nrow, K, this.opts.seed ?? 0);
    const score = new Float64Array(X.nrow);
    for (let k = 0; k < K; k++) {
      const { train: tr, test: te } = splitFold(fold, k);
      const ytr = take(y, tr);
      const ones = ytr.reduce((s, v) => s + v, 0);
      // A training fold with one class gives a constant decision; its sign still says which class.
      const f = ones === 0 || ones === tr.length
        ? new Float64Array(te.length).fill(ones === 0 ? -1 : 1)
        : oriented(train(Svm, subsetRows(R, tr), kernelBlock(G, R.n, tr), Array.from(ytr), gamma, options, false), subsetRows(R, te));
      te.forEach((i, t) => { score[i] = f[t]; });
    }
    const platt = plattFit(score, y);
    this.state = { cols, model: train(Svm, R, G, Array.from(y), gamma, options, false), platt };
  }

  predictProba(X: Matrix): Float64Array {
    checkPredict(X, this.state?.cols.mean.length, "svm");
    const { cols, model, platt } = this.state!;
    return oriented(model, kernelRows(X, cols)).map((f) => sigmoid(-(platt.a * f + platt.b)));
  }

  clone(): SVC {
    return new SVC({ ...this.opts });
  }
}

/** Decision values signed so that positive means class 1. */
function oriented(m: KernelModel, R: KernelRows): Float64Array {
  const f = decisions(m, R);
  return m.labels[0] === 1 ? f : f.map((v) => -v);
}

/**
 * Platt scaling: P(y=1 | f) = 1 / (1 + exp(a f + b)), fitted by maximum likelihood on the smoothed
 * targets (n1+1)/(n1+2) and 1/(n0+2), by Newton's method with backtracking (Lin, Lin & Weng 2007).
 */
export function plattFit(f: ArrayLike<number>, y: ArrayLike<number>): { a: number; b: number } {
  const n = f.length;
  let n1 = 0;
  for (let i = 0; i < n; i++) n1 += y[i];
  const n0 = n - n1;
  const hi = (n1 + 1) / (n1 + 2), lo = 1 / (n0 + 2);
  const t = Array.from({ length: n }, (_, i) => (y[i] === 1 ? hi : lo));
  // Negative log-likelihood with the stable form of log(1 + exp(z)).
  const nll = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const z = a * f[i] + b;
      s += z >= 0 ? t[i] * z + Math.log1p(Math.exp(-z)) : (t[i] - 1) * z + Math.log1p(Math.exp(z));
    }
    return s;
  };
  let a = 0, b = Math.log((n0 + 1) / (n1 + 1));
  let val = nll(a, b);
  for (let it = 0; it < 100; it++) {
    let h11 = 1e-12, h22 = 1e-12, h21 = 0, g1 = 0, g2 = 0;
    for (let i = 0; i < n; i++) {
      const p = sigmoid(-(a * f[i] + b)); // P(y = 1)
      const q = 1 - p;
      const d2 = p * q;
      h11 += f[i] * f[i] * d2; h22 += d2; h21 += f[i] * d2;
      const d1 = t[i] - p;
      g1 += f[i] * d1; g2 += d1;
    }
    if (Math.abs(g1) < 1e-10 && Math.abs(g2) < 1e-10) break;
    const det = h11 * h22 - h21 * h21;
    const da = -(h22 * g1 - h21 * g2) / det, db = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * da + g2 * db;
    let step = 1;
    for (; step >= 1e-10; step /= 2) {
      const na = a + step * da, nb = b + step * db, nv = nll(na, nb);
      if (nv < val + 1e-4 * step * gd) { a = na; b = nb; val = nv; break; }
    }
    if (step < 1e-10) break;
  }
  return { a, b };
}
