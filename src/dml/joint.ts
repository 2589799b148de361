// Joint (multivariate) partialling out for a PLR with several treatments (Robinson; Frisch-Waugh):
// Y and every D_j are partialled out on X alone, with the same folds, and theta solves the stacked
// score mean_i (U_i - sum_j theta_j V_ij) V_ik = 0 for every k, a J x J linear system. Unlike
// DoubleML's per-treatment scores (plr.ts), no treatment is a control in another's nuisance fits, so
// a treatment that is an exact function of X and another treatment (D2 = D1 x H with H in X) keeps
// its own variation instead of leaving only the learner's approximation error.
import { InputError } from "../errors";
import { crossFit } from "./crossfit";
import type { ModelInput } from "./model";
import { clusterTotals, mean, type Score, type SeSpec } from "./solve";

/** Per observation, psi_k(theta) = sum_j psiA[k][j] theta_j + psiB[k]: the vector analogue of Score. */
export interface JointScore {
  psiA: Float64Array[][];
  psiB: Float64Array[];
}

export interface JointSolved {
  theta: number[];
  se: number[];
  /** Sandwich covariance of theta. */
  cov: number[][];
  /** psi_k at the solution, per treatment k. */
  psi: Float64Array[];
}

/**
 * The vector counterpart of solveScore: theta solves mean(psi) = 0; with A = mean(psi_a) (J x J),
 * cov = A^-1 Omega A^-T / n, Omega = mean(psi psi') ("robust") or sum_g s_g s_g' / n with s_g the
 * score summed over cluster g ("cluster"). With J = 1 it is solveScore's formula.
 */
export function solveJointScore({ psiA, psiB }: JointScore, se: SeSpec, names: readonly string[]): JointSolved {
  const J = psiB.length, n = psiB[0].length;
  const A = psiA.map((row) => row.map(mean));
  const theta = solveLinear(A, psiB.map((b) => -mean(b)), names);
  const psi = psiB.map((b, k) => b.map((v, i) => psiA[k].reduce((s, a, j) => s + a[i] * theta[j], v)));
  const omega = Array.from({ length: J }, () => new Array<number>(J).fill(0));
  const add = (s: ArrayLike<number>) => {
    for (let a = 0; a < J; a++) for (let b = 0; b < J; b++) omega[a][b] += s[a] * s[b];
  };
  if (se.kind === "robust") for (let i = 0; i < n; i++) add(psi.map((p) => p[i]));
  else for (const s of clusterTotals(se.clusters, psi)) add(s);
  for (const row of omega) row.forEach((v, b) => (row[b] = v / n));
  // Columns of A^-1 (the bread), then bread * Omega * bread' / n.
  const bread = transpose(Array.from({ length: J }, (_, c) => solveLinear(A, A.map((_, r) => (r === c ? 1 : 0)), names)));
  const cov = bread.map((ra) => bread.map((rb) => {
    let s = 0;
    for (let a = 0; a < J; a++) for (let b = 0; b < J; b++) s += ra[a] * omega[a][b] * rb[b];
    return s / n;
  }));
  return { theta, se: cov.map((row, k) => Math.sqrt(row[k])), cov, psi };
}

/**
 * The score of treatment k alone with the other coefficients fixed at their joint estimates:
 * psi_a = psiA[k][k], psi_b = psiB[k] + sum_{j != k} psiA[k][j] theta_j. solveScore on it returns
 * theta_k (its SE, though, ignores the other coefficients' uncertainty; use the joint SE).
 */
export function concentratedScore({ psiA, psiB }: JointScore, theta: readonly number[], k: number): Score {
  return {
    psiA: psiA[k][k],
    psiB: psiB[k].map((v, i) => psiA[k].reduce((s, a, j) => (j === k ? s : s + a[i] * theta[j]), v)),
  };
}

/** Cross-fits l = E[Y|X] once and m_j = E[D_j|X] per treatment; the stacked partialling-out score. */
export async function plrJointFit({ design, dNames, learners, ctx }: Omit<ModelInput, "score">): Promise<{ score: JointScore; preds: Record<string, Float64Array>[] }> {
  const { X, y, d } = design;
  const lHat = await crossFit(learners.regressor("l"), X, y, ctx, "Y: l");
  const mHats: Float64Array[] = [];
  for (let j = 0; j < d.length; j++) mHats.push(await crossFit(learners.regressor("m"), X, d[j], ctx, `${dNames[j]}: m`));
  const u = y.map((a, i) => a - lHat[i]);
  const v = d.map((dj, j) => dj.map((a, i) => a - mHats[j][i]));
  return {
    score: { psiA: v.map((vk) => v.map((vj) => vj.map((a, i) => -a * vk[i]))), psiB: v.map((vk) => u.map((a, i) => a * vk[i])) },
    preds: mHats.map((m) => ({ l_hat: lHat, m_hat: m })),
  };
}

/** Gaussian elimination with partial pivoting; a (near) singular system names the treatments. */
function solveLinear(A: readonly number[][], rhs: readonly number[], names: readonly string[]): number[] {
  const J = rhs.length;
  const M = A.map((row, r) => [...row, rhs[r]]);
  const scale = Math.max(...A.map((row) => Math.max(...row.map(Math.abs))));
  for (let c = 0; c < J; c++) {
    let p = c;
    for (let r = c + 1; r < J; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (!(Math.abs(M[p][c]) > 1e-12 * scale)) {
      throw new InputError(`treatments ${names.join(", ")} are collinear once X is partialled out (joint score singular)`);
    }
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < J; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= J; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array<number>(J).fill(0);
  for (let r = J - 1; r >= 0; r--) {
    let s = M[r][J];
    for (let k = r + 1; k < J; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

const transpose = (m: number[][]): number[][] => m[0].map((_, c) => m.map((row) => row[c]));
