// The dml/ module's public face: dml() (dml.ts) and the analyses built on it. Only re-exports, so that
// the modules using dml() (placebo, event study, benchmarks) import dml.ts and no import circle forms.
export { dml, DEFAULT_SEED, type DmlOptions, type DmlResult, type DmlTerm, type TermRep, type ModelName, type MultiTreatment, type ExternalPredictions } from "./dml";
export type { PanelApproach, FixedEffect, Subset } from "./design";
export { buildDesign } from "./design";
export { benchmarkSensitivity, type BenchmarkTerm } from "./benchmark";
export { parseSubset } from "./subset";
export type { SensitivityOptions, SensitivityResult } from "./sensitivity";
export type { LearnerChoice } from "./learners";
export { placebo, type PlaceboOptions, type PlaceboResult } from "./placebo";
export { eventStudy, EVENT_BINS, type EventTerm } from "./event-study";
