// Interactive regression model for a binary treatment (DoubleML's DoubleMLIRM). Scores:
//   "ATE" (default), AIPW: psi = g1 - g0 + D (Y - g1) / m - (1 - D) (Y - g0) / (1 - m) - theta,  psi_a = -1;
//   "ATTE", effect on the treated, with p = mean(D) (DoubleML's weights D / p and m / p):
//     psi_b = (D / p) (g1 - g0) + (m / p) (D (Y - g1) / m - (1 - D) (Y - g0) / (1 - m)),  psi_a = -D / p,
//     so theta = [sum_{D=1} (Y - g0) - sum_{D=0} m (Y - g0) / (1 - m)] / n_treated (g1 cancels).
// g0, g1 = E[Y | X, D = 0 / 1] (each fit on the training rows with that treatment), m = P(D = 1 | X)
// from a classifier. Propensities are clipped to [0.01, 0.99] (DoubleML's default trimming) so that
// no weight explodes.
import { InputError } from "../errors";
import { crossFit } from "./crossfit";
import type { DmlModel } from "./model";

export const PROPENSITY_TRIM = 0.01;

export const irm: DmlModel = {
  scores: ["ATE", "ATTE"],
  fitsPerFold: () => 3,
  validate(design, dNames, z) {
    if (z) throw new InputError("model irm takes no instrument (--z); use model pliv");
    if (dNames.length !== 1) throw new InputError(`model irm takes one treatment, got ${dNames.length} (${dNames.join(",")})`);
    const d = design.d[0];
    for (let i = 0; i < d.length; i++) {
      if (d[i] !== 0 && d[i] !== 1) throw new InputError(`model irm needs a binary 0/1 treatment: ${dNames[0]} is ${d[i]} at ${design.rowLabel(i)}`);
    }
  },
  variationColumns: (design, dNames) => [{ name: dNames[0], v: design.d[0] }],
  async fit({ design, dNames, learners, ctx, score }) {
    const { X, y } = design, d = design.d[0];
    const g0 = await crossFit(learners.regressor("g"), X, y, ctx, "g0", (i) => d[i] === 0);
    const g1 = await crossFit(learners.regressor("g"), X, y, ctx, "g1", (i) => d[i] === 1);
    const raw = await crossFit(learners.classifier("m"), X, d, ctx, "m");
    const m = raw.map((p) => Math.min(1 - PROPENSITY_TRIM, Math.max(PROPENSITY_TRIM, p)));
    const correction = (i: number): number => (d[i] * (y[i] - g1[i])) / m[i] - ((1 - d[i]) * (y[i] - g0[i])) / (1 - m[i]);
    let psiA: Float64Array, psiB: Float64Array;
    if (score === "ATTE") {
      let p = 0;
      for (const v of d) p += v;
      p /= d.length;
      psiA = d.map((v) => -v / p);
      psiB = y.map((_, i) => (d[i] / p) * (g1[i] - g0[i]) + (m[i] / p) * correction(i));
    } else {
      psiA = new Float64Array(y.length).fill(-1);
      psiB = y.map((_, i) => g1[i] - g0[i] + correction(i));
    }
    return [{ name: dNames[0], score: { psiA, psiB }, preds: { g0_hat: g0, g1_hat: g1, m_hat: m } }];
  },
};
