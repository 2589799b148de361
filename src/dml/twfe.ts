// The naive two-way fixed-effects OLS that notebook 03 contrasts with DML and notebook 08 uses as
// one of the compared methods: y on d, the controls and the FE dummies (or city-demeaned data, as
// Stata's xtreg, fe), with a cluster-robust SE and Stata's small-sample factor.
import type { ColumnTable } from "arquero";
import { InputError } from "../errors";
import { OLS } from "../learners/ols";
import { column, fromColumns } from "../numeric/matrix";
import { buildDesign, type FixedEffect, type Subset } from "./design";
import { unitMeans } from "./panel";
import { inference, type Inference } from "./solve";

export interface TwfeOptions {
  data: ColumnTable;
  y: string;
  d: string;
  x: string[];
  quadratic?: boolean;
  fe?: FixedEffect[];
  extra?: string[];
  subset?: Subset;
  /** Cluster column (default city_code). */
  cluster?: string;
  level?: number;
  /**
   * "dummies" (default): fixed effects as dummy columns, Stata's `regress` degrees of freedom.
   * "within": city effects removed by demeaning within city instead (give fe without "city"): the same
   * coefficient and residuals, a small regression instead of one with hundreds of dummies, and the
   * degrees of freedom of Stata's `xtreg, fe vce(cluster)`, which do not count the absorbed city effects.
   */
  panel?: "dummies" | "within";
}

export interface TwfeResult extends Inference {
  name: string;
  n: number;
  /** Number of clusters G. */
  clusters: number;
  /** Rank of the full design including intercept and treatment (k of the small-sample factor). */
  rank: number;
  /**
   * The treatment's residual on the other regressors (d~ above), row by row: the regression weights each
   * row's outcome by d~ / sum(d~^2), the weights of de Chaisemartin and D'Haultfoeuille (2020).
   */
  dResidual: Float64Array;
}

/**
 * Naive two-way fixed-effects OLS: y on d, the controls and the FE dummies, cluster-robust SE.
 * By Frisch-Waugh-Lovell the coefficient of d is sum(d~ y~) / sum(d~^2), with d~, y~ the residuals of
 * d and y on the other regressors, and the full-regression residuals are e = y~ - b d~; the cluster
 * sandwich for b is then sum_g (sum_i d~_i e_i)^2 / (sum d~^2)^2, scaled by Stata's `regress, vce(cluster)`
 * factor G/(G-1) (n-1)/(n-k). p-value and interval from the normal distribution, like the DML rows.
 */
export function twfe(o: TwfeOptions): TwfeResult {
  const cluster = o.cluster ?? "city_code";
  const within = (o.panel ?? "dummies") === "within";
  if (within && (o.fe ?? []).includes("city")) throw new InputError(`fe city cannot be combined with panel within, which already removes city effects`);
  if (within && !o.data.columnNames().includes("city_code")) throw new InputError(`column city_code not found (twfe within: the unit)`);
  const design = buildDesign(o.data, { y: o.y, d: [o.d], x: o.x, quadratic: o.quadratic, fe: o.fe, extra: o.extra, subset: o.subset, cluster });
  const n = design.n;
  // Stata's xtreg, fe: every column minus its city mean (the grand mean, which xtreg adds back, only
  // moves the intercept).
  const demean = (v: Float64Array) => { const m = unitMeans(v, design.units!); return v.map((a, i) => a - m[i]); };
  const y = within ? demean(design.y) : design.y, d = within ? demean(design.d[0]) : design.d[0];
  const X = within ? fromColumns(Array.from({ length: design.X.ncol }, (_, j) => demean(column(design.X, j))), design.X.colnames) : design.X;
  const residual = (v: Float64Array) => {
    const ols = new OLS();
    ols.fitSync(X, v);
    const fit = ols.predict(X);
    return { r: v.map((a, i) => a - fit[i]), rank: ols.rank };
  };
  const { r: dt, rank: rankW } = residual(d);
  const { r: yt } = residual(y);
  let sdd = 0, sdy = 0;
  for (let i = 0; i < n; i++) { sdd += dt[i] * dt[i]; sdy += dt[i] * yt[i]; }
  let sdd0 = 0;
  for (const v of d) sdd0 += v * v;
  if (!(sdd > 1e-10 * Math.max(sdd0, 1e-300))) throw new InputError(`twfe: treatment ${o.d} is collinear with the controls and fixed effects`);
  const b = sdy / sdd;
  const score = new Map<number, number>();
  design.clusters!.forEach((g, i) => score.set(g, (score.get(g) ?? 0) + dt[i] * (yt[i] - b * dt[i])));
  let meat = 0;
  for (const s of score.values()) meat += s * s;
  const G = score.size, k = rankW + 1;
  if (G < 2 || n <= k) throw new InputError(`twfe: too few clusters (${G}) or rows (${n}) for ${k} parameters`);
  const factor = (G / (G - 1)) * ((n - 1) / (n - k));
  const se = Math.sqrt((factor * meat) / (sdd * sdd));
  return { name: o.d, ...inference(b, se, o.level ?? 0.95), n, clusters: G, rank: k, dResidual: dt };
}

