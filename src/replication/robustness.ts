// The paper's six groups of robustness checks (SPEC section 6), each a variation of the richest
// baseline column (Table 3 column 6: squared controls, year and city FE). The paper reports none of
// their numbers (its appendix is not available), so the table has no "Paper" row. Also the
// predetermined-trend control of check 1 (addPredeterminedTrend, a paper-schema helper).
import type { ColumnTable } from "arquero";
import { numericColumn } from "../numeric/columns";
import { InputError } from "../errors";
import type { Label, PaperTable } from "../tables";
import { coefPlot, type FigureSpec } from "../figures";
import { assembleTable, BASELINE, runColumns, type ColumnSpec, type StudyData, type TableOptions, type TableRun, withStudySeed } from "./baseline";

/**
 * The predetermined-variable control of robustness check 1: each city's value of `column` in
 * `baseYear` times (year - baseYear), added as column `name`. A city without a base-year row is an error.
 */
export function addPredeterminedTrend(table: ColumnTable, column = "FI", baseYear = 2010, name = `${column}_${baseYear}_trend`): ColumnTable {
  for (const c of ["city_code", "year", column]) if (!table.columnNames().includes(c)) throw new InputError(`column ${c} not found (predetermined trend)`);
  const city = table.array("city_code"), year = table.array("year");
  const v = numericColumn(table, column, (i) => `city_code=${city[i]}, year=${year[i]}`);
  const base = new Map<string, number>();
  for (let i = 0; i < v.length; i++) if (Number(year[i]) === baseYear) base.set(String(city[i]), v[i]);
  const trend = Array.from({ length: v.length }, (_, i) => {
    const b = base.get(String(city[i]));
    if (b === undefined) throw new InputError(`predetermined trend: city_code=${city[i]} has no ${baseYear} row for ${column}`);
    return b * (Number(year[i]) - baseYear);
  });
  return table.assign({ [name]: trend });
}

/** A robustness column: its group (0 = the baseline itself) and a bilingual name. */
export interface RobustnessCheck extends ColumnSpec {
  group: number;
  name: Label;
}

export const PREDETERMINED = "FI_2010_trend";
export const OTHER_POLICIES = ["InnovCity", "SciFin", "SmartCity", "Broadband"] as const;
/** Group 2 keeps ordinary prefecture-level cities only. */
export const ORDINARY_CITIES = "capital==0 && sub_provincial==0 && municipality==0 && separately_listed==0";

/**
 * Settings of the alternative learners of group 5 on the ~300 columns of the baseline. Lasso and boosting:
 * their defaults (the lasso's full 100-point path and 5-fold CV take ~12 s for the whole check). SVM, chosen
 * for time: libsvm tolerance 1e-2 and a wider tube (0.3 sd of the target), fewer support vectors (the whole
 * check ~5 s, most of it the kernel matrices).
 */
export const ALTERNATIVE_LEARNERS = {
  lasso: {},
  gbm: {},
  svm: { tolerance: 1e-2, epsilon: 0.3 },
} as const;

const base = (label: string, group: number, name: Label, change: Partial<ColumnSpec>, flags: Record<string, boolean> = {}): RobustnessCheck => ({
  ...BASELINE, ...change, label, group, name,
  flags: { squared: true, year_fe: true, city_fe: true, predetermined: false, special_dropped: false, province_year_fe: false, other_policies: false, ...flags },
});

export const ROBUSTNESS_CHECKS: readonly RobustnessCheck[] = [
  base("baseline", 0, { en: "Baseline (Table 3, col. 6)", zh: "基准(表3第6列)" }, {}),
  base("predetermined", 1, { en: "FI_2010 × trend", zh: "前定变量" }, { extra: [PREDETERMINED] }, { predetermined: true }),
  base("ordinary", 2, { en: "Special cities dropped", zh: "剔除特殊样本" }, { subset: ORDINARY_CITIES }, { special_dropped: true }),
  base("province_year", 3, { en: "Province × year FE", zh: "省份×年份固定效应" }, { fe: ["year", "city", "province-year"] }, { province_year_fe: true }),
  base("policies", 4, { en: "Other policies", zh: "排除其他政策" }, { extra: [...OTHER_POLICIES] }, { other_policies: true }),
  base("k3", 5, { en: "K = 3 (1:2)", zh: "样本分割1:2" }, { folds: 3 }),
  base("k8", 5, { en: "K = 8 (1:7)", zh: "样本分割1:7" }, { folds: 8 }),
  base("lasso", 5, { en: "Lasso", zh: "套索回归" }, { learner: "lasso", learnerOptions: { ...ALTERNATIVE_LEARNERS.lasso } }),
  base("gbm", 5, { en: "Gradient boosting", zh: "梯度提升" }, { learner: "gbm", learnerOptions: { ...ALTERNATIVE_LEARNERS.gbm } }),
  base("svm", 5, { en: "SVM", zh: "支持向量机" }, { learner: "svm", learnerOptions: { ...ALTERNATIVE_LEARNERS.svm } }),
  base("irm", 5, { en: "IRM (ATE)", zh: "交互式模型" }, { model: "irm" }),
  base("iv_relief", 6, { en: "PLIV: IV_relief", zh: "工具变量:地形起伏度" }, { model: "pliv", z: "IV_relief" }),
  base("iv_phone", 6, { en: "PLIV: IV_phone", zh: "工具变量:1984年固定电话" }, { model: "pliv", z: "IV_phone" }),
];

const FLAG_LABELS: Record<string, Label> = {
  predetermined: { en: "Predetermined FI_2010 × trend", zh: "前定变量" },
  special_dropped: { en: "Special cities dropped", zh: "剔除特殊样本" },
  province_year_fe: { en: "Province × year FE", zh: "省份×年份固定效应" },
  other_policies: { en: "Other policies in X", zh: "其他政策虚拟变量" },
};

export interface RobustnessRun extends TableRun {
  checks: readonly RobustnessCheck[];
  /** Every estimate with its 95% interval; the baseline and (if known) the truth marked. */
  figure: FigureSpec;
}

/** All robustness checks (or a chosen subset of them, by label) on the study's panel. */
export async function robustness(study: StudyData, opts: TableOptions & { only?: string[] } = {}): Promise<RobustnessRun> {
  const checks = opts.only ? ROBUSTNESS_CHECKS.filter((c) => opts.only!.includes(c.label)) : ROBUSTNESS_CHECKS;
  if (checks.length === 0) throw new Error(`robustness: no check named ${opts.only?.join(", ")}`);
  const needsTrend = checks.some((c) => c.extra?.includes(PREDETERMINED));
  const data = needsTrend ? addPredeterminedTrend(study.table, "FI", 2010, PREDETERMINED) : study.table;
  const { results, seconds } = await runColumns(data, checks, withStudySeed(study, opts));
  const truth = study.truth;
  const labels: Record<string, Label> = { ...FLAG_LABELS };
  for (const c of checks) labels[`check:${c.label}`] = c.name;
  const table: PaperTable = assembleTable({
    caption: "Robustness checks (paper: online appendix, numbers not reported) / 稳健性检验", cols: checks, results, se: opts.se,
    columnHeader: (c) => `check:${c.label}`, labels,
    truth: truth ? (term) => (term === "Bigdata" ? truth.att.FI : undefined) : undefined,
    note: "The paper reports no numbers for these checks (they are in its unpublished online appendix), so there is no Paper row.",
  });
  const baseIdx = checks.findIndex((c) => c.group === 0);
  const figure = coefPlot({
    title: "Robustness checks: Bigdata with 95% intervals / 稳健性检验", xTitle: "coefficient of Bigdata on FI",
    estimates: results.map((r, k) => ({ label: checks[k].name.en ?? checks[k].label, coef: r.terms[0].coef, lo: r.terms[0].ci[0], hi: r.terms[0].ci[1] })),
    baseline: baseIdx >= 0 ? results[baseIdx].terms[0].coef : undefined,
    truth: truth?.att.FI,
  });
  return { results, seconds, table, checks, figure };
}
