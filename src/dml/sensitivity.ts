// Sensitivity of a PLR (partialling-out) estimate to unobserved confounding, exactly as SPEC 10.1
// (Chernozhukov, Cinelli, Newey, Sharma, Syrgkanis 2022): bounds on theta for a confounder that
// explains a share cf_y of the outcome's residual variation and cf_d of the treatment's, their
// confidence bounds, and the robustness values RV (bound reaches 0) and RVa (ci bound reaches 0).
import { InputError } from "../errors";
import { normalQuantile } from "../numeric/normal";
import { aggregateReps, mean, median } from "./solve";

export interface SensitivityOptions {
  cf_y?: number;
  cf_d?: number;
  rho?: number;
  level?: number;
}

export interface SensitivityResult {
  cf_y: number;
  cf_d: number;
  rho: number;
  level: number;
  theta_lower: number;
  theta_upper: number;
  se_lower: number;
  se_upper: number;
  ci_lower: number;
  ci_upper: number;
  rv: number;
  rva: number;
}

/** What one repetition contributes: the data, the cross-fitted l_hat and m_hat, theta and its score. */
export interface SensitivityElements {
  y: Float64Array;
  d: Float64Array;
  l_hat: Float64Array;
  m_hat: Float64Array;
  theta: number;
  /** psi_i at theta and psi_a,i (section 5's score and its derivative). */
  psi: Float64Array;
  psiA: Float64Array;
}

export const SENSITIVITY_DEFAULTS = { cf_y: 0.03, cf_d: 0.03, rho: 1, level: 0.95 } as const;

export function checkSensitivityOptions(o: SensitivityOptions = {}): Required<SensitivityOptions> {
  const r = { ...SENSITIVITY_DEFAULTS, ...o };
  for (const k of ["cf_y", "cf_d"] as const) {
    if (!(r[k] >= 0 && r[k] < 1)) throw new InputError(`sensitivity ${k} must lie in [0, 1), got ${r[k]}`);
  }
  if (!(Math.abs(r.rho) <= 1)) throw new InputError(`sensitivity rho must lie in [-1, 1], got ${r.rho}`);
  if (!(r.level > 0 && r.level < 1)) throw new InputError(`sensitivity level must lie in (0, 1), got ${r.level}`);
  return r;
}

/** sigma2 = mean(r^2) and nu2 = 1 / mean(v^2) with r, v the residuals of section 10.1. */
export function sensitivityElements(el: SensitivityElements): { sigma2: number; nu2: number; r: Float64Array; v: Float64Array } {
  const v = el.d.map((a, i) => a - el.m_hat[i]);
  const r = el.y.map((a, i) => a - el.l_hat[i] - el.theta * v[i]);
  return { sigma2: mean(r.map((a) => a * a)), nu2: 1 / mean(v.map((a) => a * a)), r, v };
}

/** Bounds and their standard errors for one repetition. */
export function repBounds(el: SensitivityElements, cf_y: number, cf_d: number, rho: number) {
  const { sigma2, nu2, r, v } = sensitivityElements(el);
  const n = el.y.length;
  const S = Math.sqrt(sigma2 * nu2);
  const strength = Math.abs(rho) * Math.sqrt((cf_y * cf_d) / (1 - cf_d));
  const meanA = mean(el.psiA);
  let sl = 0, su = 0;
  for (let i = 0; i < n; i++) {
    const psiSigma2 = r[i] * r[i] - sigma2;
    const psiNu2 = nu2 - v[i] * v[i] * nu2 * nu2;
    const psiScaled = el.psi[i] / meanA;
    const psiBias = (strength / (2 * S)) * (sigma2 * psiNu2 + nu2 * psiSigma2);
    sl += (psiScaled - psiBias) ** 2;
    su += (psiScaled + psiBias) ** 2;
  }
  return {
    theta_lower: el.theta - S * strength,
    theta_upper: el.theta + S * strength,
    se_lower: Math.sqrt(sl / n / n),
    se_upper: Math.sqrt(su / n / n),
  };
}

/**
 * Bounds over repetitions, aggregated by section 5's rule (solve.ts aggregateReps), and their
 * one-sided ci bounds, the medians of the repetitions' ci bounds (as DoubleML).
 */
function aggregatedBounds(reps: SensitivityElements[], cf_y: number, cf_d: number, rho: number, q: number) {
  const per = reps.map((el) => repBounds(el, cf_y, cf_d, rho));
  const lo = aggregateReps(per.map((b) => b.theta_lower), per.map((b) => b.se_lower));
  const hi = aggregateReps(per.map((b) => b.theta_upper), per.map((b) => b.se_upper));
  return {
    theta_lower: lo.theta, theta_upper: hi.theta, se_lower: lo.se, se_upper: hi.se,
    ci_lower: median(per.map((b) => b.theta_lower - q * b.se_lower)), ci_upper: median(per.map((b) => b.theta_upper + q * b.se_upper)),
  };
}

export function sensitivity(reps: SensitivityElements[], opts: SensitivityOptions = {}): SensitivityResult {
  const { cf_y, cf_d, rho, level } = checkSensitivityOptions(opts);
  const q = normalQuantile(level);
  const b = aggregatedBounds(reps, cf_y, cf_d, rho, q);
  const theta = median(reps.map((el) => el.theta));
  // The bound nearest the null: the lower one for a positive estimate, else the upper one.
  const bound = (c: number, key: "theta" | "ci") => {
    const a = aggregatedBounds(reps, c, c, rho, q);
    return theta > 0 ? (key === "theta" ? a.theta_lower : a.ci_lower) : (key === "theta" ? a.theta_upper : a.ci_upper);
  };
  return {
    cf_y, cf_d, rho, level, ...b,
    rv: robustnessValue((c) => bound(c, "theta"), Math.sign(theta)),
    rva: robustnessValue((c) => bound(c, "ci"), Math.sign(theta)),
  };
}

/**
 * The c in [0, 1) where f(c), starting on the side `sign` of 0 (the estimate's), crosses 0, by
 * bisection to 1e-10. f(0) not on that side (an insignificant estimate, for RVa) gives 0; no
 * crossing below 1 (rho = 0) gives 1.
 */
export function robustnessValue(f: (c: number) => number, sign: number): number {
  const s0 = Math.sign(f(0));
  if (s0 === 0 || s0 !== sign) return 0;
  let lo = 0, hi = 1;
  if (Math.sign(f(1 - 1e-12)) === s0) return 1;
  while (hi - lo > 1e-10) {
    const mid = (lo + hi) / 2;
    if (Math.sign(f(mid)) === s0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
