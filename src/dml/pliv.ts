// Partially linear IV model with one instrument (DoubleML's DoubleMLPLIV, partialling-out score):
//   psi = (Y - l - theta (D - r)) (Z - m),  l = E[Y|X], r = E[D|X], m = E[Z|X].
import { InputError } from "../errors";
import { crossFit } from "./crossfit";
import type { DmlModel } from "./model";

export const pliv: DmlModel = {
  scores: ["partialling out"],
  fitsPerFold: () => 3,
  validate(_design, dNames, z) {
    if (!z) throw new InputError("model pliv needs an instrument (--z COL)");
    if (dNames.length !== 1) throw new InputError(`model pliv takes one treatment, got ${dNames.length} (${dNames.join(",")})`);
  },
  variationColumns: (design, dNames, z) => [{ name: dNames[0], v: design.d[0] }, { name: z!, v: design.z! }],
  async fit({ design, dNames, learners, ctx }) {
    const { X, y } = design, d = design.d[0], z = design.z!;
    const l = await crossFit(learners.regressor("l"), X, y, ctx, "l");
    const r = await crossFit(learners.regressor("r"), X, d, ctx, "r");
    const m = await crossFit(learners.regressor("m"), X, z, ctx, "m");
    const w = z.map((a, i) => a - m[i]);
    const psiA = d.map((a, i) => -(a - r[i]) * w[i]);
    const psiB = y.map((a, i) => (a - l[i]) * w[i]);
    return [{ name: dNames[0], score: { psiA, psiB }, preds: { l_hat: l, r_hat: r, m_hat: m } }];
  },
};
