// The Monte Carlo panel of the method check (replication/method-check.ts, notebook 08): a simulated
// panel with a known effect theta and nonlinear confounding.
//
// City i, year t: a city effect c_i ~ N(0, 1); controls x1, x2 ~ N(0, 1) and
// x3 = 0.5 c_i + sqrt(0.75) N(0, 1) (a control that carries part of the city effect);
//   D_it ~ Bernoulli(sigmoid(0.6 (x1^2 - 1) + 0.6 sin(2 x2) + 0.3 x3))
//   Y_it = theta D_it + 0.6 x1^2 + 0.6 sin(2 x2) + 0.5 x3 + c_i + 0.1 (t - 1) + e_it,  e_it ~ N(0, 1).
// D depends on X_it only, so given X_it it is independent of c_i: PLR on (x1, x2, x3, year) is valid,
// its errors are correlated within a city (c_i), hence city-clustered SEs for every method. Linear
// controls cannot absorb x1^2 and sin(2 x2), which drive both D and Y: that is the bias of the naive OLS
// (baseline.ts's twfe: city effects removed within city, year dummies, city-clustered SE as Stata's
// `xtreg, fe vce(cluster)`).
import * as aq from "arquero";
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";
import { makeRng } from "../numeric/rng";

export interface McDesign {
  cities: number;
  years: number;
  theta: number;
}

/** One simulated panel, sorted by city then year. */
export function simulateMcPanel(design: McDesign, seed: number): ColumnTable {
  const { cities, years, theta } = design;
  if (!Number.isInteger(cities) || cities < 2 || !Number.isInteger(years) || years < 2) {
    throw new InputError(`Monte Carlo panel needs integer cities >= 2 and years >= 2, got ${cities} x ${years}`);
  }
  const rng = makeRng(seed);
  const n = cities * years;
  const cols = { city_code: new Array<string>(n), year: new Float64Array(n), x1: new Float64Array(n), x2: new Float64Array(n), x3: new Float64Array(n), D: new Float64Array(n), Y: new Float64Array(n) };
  for (let i = 0, row = 0; i < cities; i++) {
    const c = rng.normal();
    for (let t = 1; t <= years; t++, row++) {
      const x1 = rng.normal(), x2 = rng.normal(), x3 = 0.5 * c + Math.sqrt(0.75) * rng.normal();
      const p = 1 / (1 + Math.exp(-(0.6 * (x1 * x1 - 1) + 0.6 * Math.sin(2 * x2) + 0.3 * x3)));
      const d = rng.next() < p ? 1 : 0;
      cols.city_code[row] = `c${i + 1}`; cols.year[row] = t;
      cols.x1[row] = x1; cols.x2[row] = x2; cols.x3[row] = x3; cols.D[row] = d;
      cols.Y[row] = theta * d + 0.6 * x1 * x1 + 0.6 * Math.sin(2 * x2) + 0.5 * x3 + c + 0.1 * (t - 1) + rng.normal();
    }
  }
  return aq.table(cols);
}
