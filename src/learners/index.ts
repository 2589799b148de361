// The learner factory: DML asks for nuisance learners by name. Each name maps to a regressor and a
// classifier (for propensities):
//   rf    our random forest (forest.ts)          | probability forest
//   gbm   gradient boosting (gbm.ts)             | boosting on the log-odds
//   lasso cross-validated lasso                  | cross-validated L1-penalised logistic regression
//   svm   epsilon-SVR, RBF kernel                | C-SVC with Platt-scaled probabilities
//   ols   OLS with intercept (exact checks)      | linear probability model clipped to [0, 1]
//   mlrf  ml-random-forest package (cross-check) | its vote share
//   logit (classifier only)                      | unpenalised logistic regression
import { InputError } from "../errors";
import type { Classifier, ClassifierName, LearnerName, LearnerOptions, Regressor } from "./types";
import { RandomForestClassifier, RandomForestRegressor } from "./forest";
import { GradientBoostingClassifier, GradientBoostingRegressor } from "./gbm";
import { Lasso } from "./lasso";
import { LassoLogistic } from "./lasso-logistic";
import { LogisticRegression } from "./logistic";
import { MlRandomForestClassifier, MlRandomForestRegressor } from "./mlrf";
import { LinearProbabilityClassifier, OLS } from "./ols";
import { SVC, SVR } from "./svm";

export type { Classifier, ClassifierName, LearnerName, LearnerOptions, Regressor } from "./types";
export { RandomForestRegressor, RandomForestClassifier, type ForestOptions } from "./forest";
export { GradientBoostingRegressor, GradientBoostingClassifier, type GbmOptions } from "./gbm";
export { OLS, LinearProbabilityClassifier, type OlsOptions } from "./ols";
export { Lasso, type LassoOptions } from "./lasso";
export { LassoLogistic, type LassoLogisticOptions } from "./lasso-logistic";
export { LogisticRegression, type LogisticOptions } from "./logistic";
export { SVR, SVC, type SvmOptions } from "./svm";
export { MlRandomForestRegressor, MlRandomForestClassifier, type MlrfOptions } from "./mlrf";
export { checkFit, checkPredict, type FitKind } from "./validate";

export const LEARNER_NAMES: readonly LearnerName[] = ["rf", "lasso", "gbm", "svm", "ols", "mlrf"];
export const CLASSIFIER_NAMES: readonly ClassifierName[] = [...LEARNER_NAMES, "logit"];

export function makeRegressor(name: LearnerName, opts: LearnerOptions = {}): Regressor {
  return withRecipe(regressorOf(name, opts), `regressor ${name}`, opts);
}

export function makeClassifier(name: ClassifierName, opts: LearnerOptions = {}): Classifier {
  return withRecipe(classifierOf(name, opts), `classifier ${name}`, opts);
}

function regressorOf(name: LearnerName, opts: LearnerOptions): Regressor {
  switch (name) {
    case "rf": return new RandomForestRegressor(opts);
    case "gbm": return new GradientBoostingRegressor(opts);
    case "lasso": return new Lasso(opts);
    case "svm": return new SVR(opts);
    case "ols": return new OLS(opts);
    case "mlrf": return new MlRandomForestRegressor(opts);
    default: throw new InputError(`unknown regression learner "${String(name)}"; valid: ${LEARNER_NAMES.join(", ")}`);
  }
}

function classifierOf(name: ClassifierName, opts: LearnerOptions): Classifier {
  switch (name) {
    case "rf": return new RandomForestClassifier(opts);
    case "gbm": return new GradientBoostingClassifier(opts);
    case "lasso": return new LassoLogistic(opts);
    case "svm": return new SVC(opts);
    case "ols": return new LinearProbabilityClassifier(opts);
    case "mlrf": return new MlRandomForestClassifier(opts);
    case "logit": return new LogisticRegression(opts);
    default: throw new InputError(`unknown classifier "${String(name)}"; valid: ${CLASSIFIER_NAMES.join(", ")}`);
  }
}

/**
 * The recipe of a learner made by makeRegressor or makeClassifier: kind, name and options (threads
 * left out: no result depends on them). Every built-in learner is deterministic for its options, so two
 * learners with one recipe fit the same data to the same predictions. Undefined for any other learner,
 * or when an option is not a plain value.
 */
export function learnerRecipe(learner: Regressor | Classifier): string | undefined {
  return recipes.get(learner);
}

const recipes = new WeakMap<object, string>();

function withRecipe<L extends Regressor | Classifier>(learner: L, head: string, opts: LearnerOptions): L {
  const { threads: _threads, ...settings } = opts;
  const text = plainText(settings);
  if (text !== undefined) recipes.set(learner, `${head} ${text}`);
  return learner;
}

/** A canonical text of a plain value (object keys sorted, Infinity and NaN kept), or undefined. */
function plainText(v: unknown): string | undefined {
  if (v === undefined || v === null || typeof v === "boolean" || typeof v === "number") return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) {
    const parts = v.map(plainText);
    return parts.includes(undefined) ? undefined : `[${parts.join(",")}]`;
  }
  if (typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    const parts = Object.keys(v).sort().map((k) => {
      const t = plainText((v as Record<string, unknown>)[k]);
      return t === undefined ? undefined : `${JSON.stringify(k)}:${t}`;
    });
    return parts.includes(undefined) ? undefined : `{${parts.join(",")}}`;
  }
  return undefined;
}

const DESCRIPTIONS: Record<ClassifierName, string> = {
  rf: "random forest (histogram trees, bootstrap, mtry features per split)",
  gbm: "gradient boosting of shallow regression trees",
  lasso: "lasso with cross-validated penalty (propensity: L1-penalised logistic regression)",
  svm: "support vector machine, RBF kernel (epsilon-SVR; classifier: C-SVC with Platt probabilities)",
  ols: "ordinary least squares with intercept (propensity: linear probability model clipped to [0, 1])",
  mlrf: "random forest of the ml-random-forest package (cross-check; features drawn per tree; slow)",
  logit: "logistic regression by maximum likelihood",
};

/** One line describing a learner, for notebook tables. */
export function describeLearner(name: ClassifierName): string {
  if (!Object.hasOwn(DESCRIPTIONS, name)) throw new InputError(`unknown learner "${String(name)}"; valid: ${CLASSIFIER_NAMES.join(", ")}`);
  return DESCRIPTIONS[name];
}
