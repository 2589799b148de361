// Benchmarking the sensitivity parameters on an observed control (Chernozhukov et al. 2022, section
// on benchmarking; DoubleML's sensitivity_benchmark): refit without the control ("short") and read
// how much it explained, per term and repetition (same seed, so the same folds), then take medians.
// Like DoubleML's method on the fitted long model, it reuses a long fit passed in (one new fit per
// control instead of two):
//   cf_y = (sigma2_short - sigma2_long) / sigma2_short   share of the short model's outcome residual
//                                                        variance the control explains;
//   cf_d = 1 - nu2_short / nu2_long                      share of the Riesz representer's variation
//                                                        it explains (so cf_d / (1 - cf_d) =
//                                                        (nu2_long - nu2_short) / nu2_short);
//   rho  = |theta_short - theta_long| / (S_short sqrt(cf_y cf_d / (1 - cf_d))), clipped to [0, 1].
// cf_y and cf_d are clipped to [0, 1) (a negative share is sampling noise). DoubleML states cf_d as
// (1 - R2) / R2 with R2 = nu2_short / nu2_long; the form above is the one the bound of SPEC 10.1 uses.
import { InputError } from "../errors";
import { DEFAULT_SEED, dml, type DmlOptions, type DmlResult } from "./dml";
import { sameValues } from "../numeric/matrix";
import { sensitivityElements } from "./sensitivity";
import { median } from "./solve";

export interface BenchmarkTerm {
  name: string;
  cf_y: number;
  cf_d: number;
  rho: number;
  theta_long: number;
  theta_short: number;
}

/**
 * `longFit`, when given, is the fit of `opts` itself (with or without sensitivity options, which do not
 * change the fit); it is checked against opts' settings and, if it does not match, refused.
 */
export async function benchmarkSensitivity(opts: DmlOptions, control: string, longFit?: DmlResult): Promise<{ control: string; terms: BenchmarkTerm[] }> {
  if (!opts.x.includes(control)) throw new InputError(`benchmark control ${control} is not among the controls (${opts.x.join(",")})`);
  if ((opts.model ?? "plr") !== "plr" || (opts.score ?? "partialling out") !== "partialling out") {
    throw new InputError("sensitivity benchmarking is defined for model plr with the partialling-out score only");
  }
  const base = { ...opts, sensitivity: undefined };
  if (longFit) checkLongFit(longFit, base);
  const long = longFit ?? await dml(base);
  const short = await dml({ ...base, x: opts.x.filter((c) => c !== control) });
  if (longFit) checkLongMatchesShort(longFit, short);
  const terms = long.terms.map((t, j) => {
    const per = long.predictions.map((_, r) => {
      const a = elements(long, r, j), b = elements(short, r, j);
      const cf_y = clip((b.sigma2 - a.sigma2) / b.sigma2, 0, 1 - 1e-12);
      const cf_d = clip(1 - b.nu2 / a.nu2, 0, 1 - 1e-12);
      const denom = Math.sqrt(b.sigma2 * b.nu2) * Math.sqrt((cf_y * cf_d) / (1 - cf_d));
      const delta = Math.abs(short.predictions[r][j].theta - long.predictions[r][j].theta);
      return { cf_y, cf_d, rho: denom > 0 ? clip(delta / denom, 0, 1) : 0 };
    });
    return {
      name: t.name,
      cf_y: median(per.map((p) => p.cf_y)),
      cf_d: median(per.map((p) => p.cf_d)),
      rho: median(per.map((p) => p.rho)),
      theta_long: t.coef,
      theta_short: short.terms[j].coef,
    };
  });
  return { control, terms };
}

/** The long fit must be the one `opts` gives: the same settings, checked before the short fit is paid for. */
function checkLongFit(long: DmlResult, opts: DmlOptions): void {
  const want = { model: "plr", seed: opts.seed ?? DEFAULT_SEED, reps: opts.reps ?? 1, terms: typeof opts.d === "string" ? 1 : opts.d.length };
  const got = { model: long.model, seed: long.seed, reps: long.reps, terms: long.terms.length };
  const differs = (Object.keys(want) as (keyof typeof want)[]).filter((k) => want[k] !== got[k]);
  if (differs.length > 0) throw new InputError(`benchmark: the long fit passed in is not the fit of these options (${differs.map((k) => `${k} ${got[k]}, options ${want[k]}`).join("; ")})`);
}

/** What only a fit can tell: the passed-in long fit and the short one must share learner, folds, rows and data. */
function checkLongMatchesShort(long: DmlResult, short: DmlResult): void {
  const sameFolds = long.foldAssignments.every((f, r) => f.k === short.foldAssignments[r].k && sameValues(f.fold, short.foldAssignments[r].fold));
  if (long.learner !== short.learner || !sameFolds || !sameValues(long.design.y, short.design.y) || !long.design.d.every((d, j) => sameValues(d, short.design.d[j]))) {
    throw new InputError("benchmark: the long fit passed in is not the fit of these options (its learner, folds, rows, outcome or treatment differ)");
  }
}

function elements(res: DmlResult, r: number, j: number) {
  const p = res.predictions[r][j];
  return sensitivityElements({ y: res.design.y, d: res.design.d[j], l_hat: p.preds.l_hat, m_hat: p.preds.m_hat, theta: p.theta, psi: p.psi, psiA: p.psiA });
}

function clip(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
