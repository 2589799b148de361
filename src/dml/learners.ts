// Turns DmlOptions.learner into one learner per nuisance. A learner is a name (built by
// src/learners with the given options and a seed derived per repetition) or a ready instance
// (cloned per fold, for custom or test learners).
import { InputError } from "../errors";
import { CLASSIFIER_NAMES, makeClassifier, makeRegressor } from "../learners";
import type { Classifier, ClassifierName, LearnerOptions, Regressor } from "../learners/types";
import type { Nuisance, NuisanceLearners } from "./model";

export type LearnerSpec = ClassifierName | Regressor | Classifier;
export type LearnerChoice = LearnerSpec | Partial<Record<Nuisance, LearnerSpec>>;

export const DEFAULT_LEARNER = "rf";

function isSpec(c: LearnerChoice): c is LearnerSpec {
  return typeof c === "string" || "clone" in c;
}

/** The spec for nuisance n: per-nuisance entry, else l's for g (IV-type score reuses it), else "rf". */
function specFor(choice: LearnerChoice, n: Nuisance): LearnerSpec {
  if (isSpec(choice)) return choice;
  return choice[n] ?? (n === "g" ? choice.l : undefined) ?? DEFAULT_LEARNER;
}

export function learnerLabel(choice: LearnerChoice, used: readonly Nuisance[]): string {
  const label = (s: LearnerSpec) => (typeof s === "string" ? s : s.name);
  if (isSpec(choice)) return label(choice);
  return used.map((n) => `${n}=${label(specFor(choice, n))}`).join(",");
}

export function checkLearnerChoice(choice: LearnerChoice): void {
  const specs = isSpec(choice) ? [choice] : Object.values(choice);
  for (const s of specs) {
    if (typeof s === "string" && !CLASSIFIER_NAMES.includes(s)) throw new InputError(`learner must be one of ${CLASSIFIER_NAMES.join("|")}, got "${s}"`);
  }
}

export function nuisanceLearners(choice: LearnerChoice, options: LearnerOptions, seed: number): NuisanceLearners {
  return {
    regressor(n) {
      const s = specFor(choice, n);
      if (typeof s === "string") {
        if (s === "logit") throw new InputError(`learner logit is a classifier; nuisance ${n} needs a regressor`);
        return makeRegressor(s, { ...options, seed });
      }
      if (!("predict" in s)) throw new InputError(`nuisance ${n} needs a regressor, got classifier ${s.name}`);
      return s;
    },
    classifier(n) {
      const s = specFor(choice, n);
      if (typeof s === "string") return makeClassifier(s, { ...options, seed });
      if (!("predictProba" in s)) throw new InputError(`nuisance ${n} needs a classifier, got regressor ${s.name}`);
      return s;
    },
  };
}
