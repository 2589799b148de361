// Partially linear regression, Y = theta D + g(X) + U, D = m(X) + V (DoubleML's DoubleMLPLR).
// Scores: "partialling out" (default): psi = (Y - l - theta (D - m)) (D - m), l = E[Y|X];
//         "IV-type": psi = (Y - theta D - g) (D - m), g = E[Y - theta0 D | X] with theta0 the
//         partialling-out estimate from the same cross-fitted l, m (as DoubleML does).
// Several treatments: like DoubleML (use_other_treat_as_covariate), the score of treatment j uses
// X plus the other treatments as controls, so each coefficient is partialled out of the others
// (joint.ts has the alternative, multi "joint": every treatment partialled out on X alone).
// Panel CRE approaches (SPEC 12, DoubleML's DoubleMLPLPR): "cre-normal" gives the learner of m the
// treatment's unit mean as one more feature; "cre" corrects m_hat to m_hat + mean_i(d) - mean_i(m_hat).
import { InputError } from "../errors";
import { column, fromColumns, type Matrix } from "../numeric/matrix";
import { crossFit } from "./crossfit";
import { unitMeans } from "./panel";
import type { DmlModel, TermFit } from "./model";

export const plr: DmlModel = {
  scores: ["partialling out", "IV-type"],
  fitsPerFold: (nTerms, score) => nTerms * (score === "IV-type" ? 3 : 2),
  validate(_design, _dNames, z) {
    if (z) throw new InputError("model plr takes no instrument (--z); use model pliv");
  },
  variationColumns: (design, dNames) => dNames.map((name, j) => ({ name, v: design.d[j] })),
  async fit({ design, dNames, learners, ctx, score, external }) {
    const { y, d } = design;
    const out: TermFit[] = [];
    for (let j = 0; j < d.length; j++) {
      const X = withColumns(design.X, d.filter((_, k) => k !== j), dNames.filter((_, k) => k !== j));
      const dj = d[j];
      const ext = external?.[dNames[j]];
      const lHat = ext?.l_hat ?? await crossFit(learners.regressor("l"), X, y, ctx, `${dNames[j]}: l`);
      const panel = design.panel;
      const Xm = panel?.approach === "cre-normal" ? withColumns(X, [panel.dMean![j]], [`${dNames[j]}_mean`]) : X;
      let mHat = ext?.m_hat ?? await crossFit(learners.regressor("m"), Xm, dj, ctx, `${dNames[j]}: m`);
      if (panel?.approach === "cre") {
        const mBar = unitMeans(mHat, { id: panel.unit, size: panel.nUnits }), dBar = panel.dMean![j];
        mHat = mHat.map((v, i) => v + dBar[i] - mBar[i]);
      }
      const v = dj.map((a, i) => a - mHat[i]);
      const u = y.map((a, i) => a - lHat[i]);
      let psiA: Float64Array, psiB: Float64Array;
      const preds: Record<string, Float64Array> = { l_hat: lHat, m_hat: mHat };
      if (score === "IV-type") {
        let uv = 0, vv = 0;
        for (let i = 0; i < v.length; i++) { uv += u[i] * v[i]; vv += v[i] * v[i]; }
        const theta0 = uv / vv;
        const gHat = await crossFit(learners.regressor("g"), X, y.map((a, i) => a - theta0 * dj[i]), ctx, `${dNames[j]}: g`);
        preds.g_hat = gHat;
        psiA = dj.map((a, i) => -a * v[i]);
        psiB = y.map((a, i) => (a - gHat[i]) * v[i]);
      } else {
        psiA = v.map((a) => -a * a);
        psiB = u.map((a, i) => a * v[i]);
      }
      out.push({ name: dNames[j], score: { psiA, psiB }, preds });
    }
    return out;
  },
};

function withColumns(X: Matrix, extra: Float64Array[], names: string[]): Matrix {
  if (extra.length === 0) return X;
  const cols = Array.from({ length: X.ncol }, (_, j) => column(X, j));
  return fromColumns([...cols, ...extra], [...(X.colnames ?? cols.map((_, j) => `x${j + 1}`)), ...names]);
}
