// The results/ folder and the self-contained HTML report.
export { ResultsWriter } from "./writer";
export { resultsDir, readManifest, clearSections, stableJson } from "./manifest";
export type { ManifestEntry } from "./manifest";
export { writeReport, buildReport } from "./html";
export type { ReportOptions } from "./html";
export { terminalProgress } from "./progress";
