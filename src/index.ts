// The notebook-facing API: `import * as stii from "../dist/index"`. Names follow the paper
// (FI, Y1, Y2, C, T; dml returns theta with its SE); each namespace is one module of src/.
export { loadStudy, studyOptionsFromEnv, dataLabel, type Study } from "./study";

// Data: roster, policy calendars, panel loading and validation.
export * as data from "./data";
export { loadRoster, loadPolicies, readPanel, readTable, defaultPanelPath } from "./data";

// Measurement: indicators -> Y1, Y2 -> C, T -> FI.
export * as measurement from "./measure";
export { measure, loadIndicatorSpec, grade, GRADES, regionalSummary, averageGrowth } from "./measure";

// The simulated panel and its calibration against the paper.
export { simulate, calibrationTable, type Truth } from "./simulate";

// Learners and double machine learning.
export * as learners from "./learners";
export { makeRegressor, makeClassifier, describeLearner } from "./learners";
export * as DML from "./dml";
export { dml, placebo, eventStudy, benchmarkSensitivity, type DmlOptions, type DmlResult } from "./dml";
export { did } from "./did";

// The Monte Carlo on the calibrated design (SPEC section 14; notebook 09).
export * as montecarlo from "./montecarlo";

// Presentation: paper-style tables, figures, the results folder.
export * as tables from "./tables";
export { paperTable, htmlTable, loadPaperResults, toHTML, toCSV, toLaTeX, toJSON } from "./tables";
export * as fig from "./figures";
export { show, showHTML, progressBar } from "./figures";
export { ResultsWriter } from "./report";

// The replication layer: one function per table of the paper, shared notebook helpers.
export * as replication from "./replication";
export { banner, estimateOf, CONTROLS } from "./replication";
