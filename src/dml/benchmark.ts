// Benchmarking the sensitivity parameters on an observed control (Chernozhukov et al. 2022, section
// on benchmarking; DoubleML's sensitivity_benchmark): refit without the control ("short") and read
// how much it explained, per term and repetition (same seed, so the same folds), then take medians:
//   cf_y = (sigma2_short - sigma2_long) / sigma2_short   share of the short model's outcome residual
//                                                        variance the control explains;
//   cf_d = 1 - nu2_short / nu2_long                      share of the Riesz representer's variation
//                                                        it explains (so cf_d / (1 - cf_d) =
//                                                        (nu2_long - nu2_short) / nu2_short);
//   rho  = |theta_short - theta_long| / (S_short sqrt(cf_y cf_d / (1 - cf_d))), clipped to [0, 1].
// cf_y and cf_d are clipped to [0, 1) (a negative share is sampling noise). DoubleML states cf_d as
// (1 - R2) / R2 with R2 = nu2_short / nu2_long; the form above is the one the bound of SPEC 10.1 uses.
import { InputError } from "../errors";
import { dml, type DmlOptions, type DmlResult } from "./dml";
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

export async function benchmarkSensitivity(opts: DmlOptions, control: string): Promise<{ control: string; terms: BenchmarkTerm[] }> {
  if (!opts.x.includes(control)) throw new InputError(`benchmark control ${control} is not among the controls (${opts.x.join(",")})`);
  if ((opts.model ?? "plr") !== "plr" || (opts.score ?? "partialling out") !== "partialling out") {
    throw new InputError("sensitivity benchmarking is defined for model plr with the partialling-out score only");
  }
  const base = { ...opts, sensitivity: undefined };
  const long = await dml(base);
  const short = await dml({ ...base, x: opts.x.filter((c) => c !== control) });
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

function elements(res: DmlResult, r: number, j: number) {
  const p = res.predictions[r][j];
  return sensitivityElements({ y: res.design.y, d: res.design.d[j], l_hat: p.preds.l_hat, m_hat: p.preds.m_hat, theta: p.theta, psi: p.psi, psiA: p.psiA });
}

function clip(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
